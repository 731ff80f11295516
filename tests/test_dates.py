"""Event dates: which date words belong to an event, and how they are anchored to a day.

Each test is one rule, on sentences written for it, with the date it must give.
"""

from __future__ import annotations

import re
from datetime import date

from dipwatch.dates import DateResolver, ResolvedDate, anchor_weekday, find_expressions
from dipwatch.models import Block, Document

SUNDAY = "2025-07-13"  # a Sunday
FRIDAY = "2024-04-19"  # a Friday


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    bounds = [0] + [m.end() for m in re.finditer(r"[.!?][\"”]?\s+", text)] + [len(text)]
    return max(b for b in bounds if b <= position), min(b for b in bounds if b > position)


def resolve(text: str, trigger: str, published: str | None = None, captions: tuple[str, ...] = (),
            inherit: bool = False) -> ResolvedDate:
    """The date of the event whose trigger is the first occurrence of ``trigger`` in ``text``."""
    blocks = [Block(text=c, kind="caption") for c in captions]
    doc = Document(doc="test", text=text, published=published, blocks=blocks)
    start = text.index(trigger)
    sentence_start, sentence_end = _sentence_bounds(text, start)
    return DateResolver(doc).resolve(sentence_start, sentence_end, start, start + len(trigger), inherit=inherit)


# -- weekdays ------------------------------------------------------------------


def test_bare_weekday_in_past_narration_is_the_most_recent_one_before_publication():
    assert resolve("The ministers met on Saturday in the capital.", "met", SUNDAY).date == "2025-07-12"
    assert resolve("The envoy arrived at the airport on Friday.", "arrived", SUNDAY).date == "2025-07-11"


def test_weekday_of_the_publication_day_is_the_publication_day():
    assert resolve("The ministry said on Sunday that talks went well.", "said", SUNDAY).date == SUNDAY


def test_weekday_told_as_future_is_the_next_one_on_or_after_publication():
    assert resolve("The minister is expected to depart Sunday for Beijing.", "depart", SUNDAY).date == SUNDAY
    assert resolve("The president will visit Paris on Tuesday.", "visit", SUNDAY).date == "2025-07-15"


def test_last_weekday_is_strictly_before_publication():
    assert resolve("The two sides held discussions last Thursday.", "discussions", FRIDAY).date == "2024-04-18"
    assert resolve("The two sides held discussions last Friday.", "discussions", FRIDAY).date == "2024-04-12"


def test_next_weekday_is_strictly_after_publication():
    assert resolve("The leaders meet next Friday in Rome.", "meet", FRIDAY).date == "2024-04-26"


def test_weekday_in_a_relative_clause_takes_the_past_reading():
    sentence = "The envoy's trip to the capital, which began on Tuesday, marks a new step."
    assert resolve(sentence, "trip", FRIDAY) == ResolvedDate("2024-04-16", "on Tuesday")


def test_weekday_without_publication_date_has_no_day_but_keeps_its_words():
    assert resolve("The ministers met on Tuesday.", "met") == ResolvedDate(None, "on Tuesday")


def test_anchor_weekday_counts_days_with_the_calendar():
    published = date(2025, 7, 13)
    assert anchor_weekday(0, "on", published, future=False) == date(2025, 7, 7)
    assert anchor_weekday(0, "on", published, future=True) == date(2025, 7, 14)


# -- days counted from publication ----------------------------------------------


def test_yesterday_today_and_tomorrow_count_from_publication():
    assert resolve("The minister arrived yesterday.", "arrived", SUNDAY).date == "2025-07-12"
    assert resolve("The minister arrives today.", "arrives", SUNDAY).date == SUNDAY
    assert resolve("The minister leaves tomorrow.", "leaves", SUNDAY).date == "2025-07-14"


def test_days_ago_count_back_from_publication():
    assert resolve("The envoy visited the capital three days ago.", "visited", SUNDAY).date == "2025-07-10"


def test_relative_days_without_publication_date_have_no_day():
    assert resolve("The minister arrived yesterday.", "arrived") == ResolvedDate(None, "yesterday")


# -- days counted from the narration -------------------------------------------


def test_previous_day_is_the_day_before_the_last_date_told():
    text = ("The leaders met on Saturday in the capital. "
            "A statement from the dialogue held the previous day praised the ties.")
    assert resolve(text, "dialogue", SUNDAY) == ResolvedDate("2025-07-11", "the previous day")


def test_next_day_counts_forward_from_the_last_date_told():
    text = "The delegation arrived on March 3, 2024. The two sides signed the accord the next day."
    assert resolve(text, "signed").date == "2024-03-04"


def test_previous_day_chains_on_a_previous_day():
    text = ("The leaders met on Saturday. Their aides talked the previous day. "
            "The ministers had spoken by phone the day before.")
    assert resolve(text, "spoken", SUNDAY).date == "2025-07-10"


def test_previous_day_falls_back_to_the_day_before_publication():
    assert resolve("Talks held the previous day went well.", "Talks", SUNDAY).date == "2025-07-12"


def test_previous_day_with_nothing_to_count_from_has_no_day():
    assert resolve("Talks held the previous day went well.", "Talks") == ResolvedDate(None, "the previous day")


def test_a_report_date_is_not_a_base_for_the_previous_day():
    text = ("The ministers met on Thursday, according to state media on Saturday. "
            "Their deputies talked the previous day.")
    assert resolve(text, "talked", SUNDAY).date == "2025-07-09"



def test_a_planned_day_after_publication_is_not_a_base_for_the_next_day():
    text = ("Peru and Chile agreed on Tuesday to lift the restrictions. Flights will resume from August 1. "
            "Bolivia praised the deal in a statement issued the next day.")
    assert resolve(text, "praised", SUNDAY).date == "2025-07-09"


# -- report dates ----------------------------------------------------------------


def test_date_of_the_news_report_is_not_the_event_date():
    text = "The two leaders met in the capital, state media reported on Tuesday."
    assert resolve(text, "met", FRIDAY) == ResolvedDate(None, None)


def test_date_of_the_report_is_the_date_when_the_report_is_the_event():
    text = "The agency reported on Tuesday that the envoy had left."
    assert resolve(text, "reported", FRIDAY).date == "2024-04-16"


# -- month-days and absolute dates -----------------------------------------------


def test_absolute_dates_in_common_forms():
    assert resolve("The summit occurred on October 7, 2025, in the capital.", "summit").date == "2025-10-07"
    assert resolve("The treaty was signed on 19 June 2024.", "signed").date == "2024-06-19"
    assert resolve("The treaty was signed on 2024-06-19.", "signed").date == "2024-06-19"
    assert resolve("The treaty was signed on Wednesday, June 19, 2024.", "signed").date == "2024-06-19"


def test_impossible_calendar_dates_are_not_dates():
    assert resolve("The treaty was signed on February 30, 2024.", "signed") == ResolvedDate(None, None)


def test_lower_case_month_words_are_not_dates():
    assert resolve("Officials may 5 times refuse; protesters march 12 km.", "refuse") == ResolvedDate(None, None)


def test_month_day_takes_the_most_recent_such_day_not_after_publication():
    assert resolve("A new tourist zone opened on July 1.", "opened", SUNDAY).date == "2025-07-01"
    assert resolve("The envoys met on December 30.", "met", "2025-01-05").date == "2024-12-30"


def test_month_day_told_as_future_is_the_next_such_day():
    text = "The minister will attend the meeting on July 15."
    assert resolve(text, "attend", SUNDAY).date == "2025-07-15"
    assert resolve("The leaders will meet on January 3.", "meet", "2025-12-20").date == "2026-01-03"


def test_month_day_takes_the_year_of_the_same_day_written_in_full_in_a_caption():
    caption = "The two presidents at a ceremony on June 19, 2024 [Photo agency]"
    assert resolve("The treaty was first signed on June 19.", "signed", captions=(caption,)).date == "2024-06-19"


def test_month_day_without_publication_takes_the_year_of_the_dated_context():
    caption = "The two presidents at a ceremony on June 19, 2024 [Photo agency]"
    text = "The treaty, ratified by parliament on November 6, was first signed on June 19."
    assert resolve(text, "ratified", captions=(caption,)).date == "2024-11-06"


def test_month_day_without_publication_takes_the_year_of_the_nearest_absolute_date_in_the_text():
    text = "The forum opened on March 2, 2023. The delegations met again on May 9."
    assert resolve(text, "met").date == "2023-05-09"


def test_relative_year_tied_to_an_absolute_date_gives_the_writing_year():
    text = ("The leader sent a message on January 8. He recalled their meeting in October last year. "
            "The summit occurred on October 7, 2025, in the capital.")
    assert resolve(text, "sent").date == "2026-01-08"


def test_last_month_tied_to_a_month_name_gives_the_writing_month():
    text = ("The leader sent a message on January 8. He recalled their meeting in October last year. "
            "The summit occurred on October 7, 2025. The president replied last month. "
            "In his December 31 message, he praised the talks.")
    assert resolve(text, "message,").date == "2025-12-31"
    assert resolve(text, "sent").date == "2026-01-08"


def test_month_day_with_no_dated_context_has_no_day():
    assert resolve("The envoys met on March 3.", "met") == ResolvedDate(None, "on March 3")


# -- vague spans and no date words ---------------------------------------------


def test_vague_spans_have_no_day_but_keep_their_words():
    assert resolve("A delegation recently met officials.", "met", FRIDAY) == ResolvedDate(None, "recently")
    assert resolve("The agency said earlier this week the envoy met officials.", "met", FRIDAY).date is None
    assert resolve("The president replied last month.", "replied", FRIDAY) == ResolvedDate(None, "last month")
    assert resolve("The leaders met in October.", "met", FRIDAY) == ResolvedDate(None, "in October")
    assert resolve("The leaders met in October 2023.", "met", FRIDAY) == ResolvedDate(None, "in October 2023")


def test_no_date_words_give_no_date_even_with_a_publication_date():
    assert resolve("The two leaders met in the capital.", "met", SUNDAY) == ResolvedDate(None, None)


# -- which date belongs to the trigger ------------------------------------------


def test_each_trigger_takes_the_date_of_its_own_clause():
    text = ("The treaty, ratified by the parliament on November 6, was first signed in the capital on June 19 "
            "during a state visit.")
    assert resolve(text, "signed", "2024-11-20").date == "2024-06-19"
    assert resolve(text, "ratified", "2024-11-20").date == "2024-11-06"


def test_a_date_after_the_trigger_wins_over_one_before_it_in_the_same_clause():
    text = "After the Friday summit the ministers met again on Saturday."
    assert resolve(text, "met", SUNDAY).date == "2025-07-12"


def test_a_date_attached_to_the_trigger_noun_is_taken():
    text = "In his December 31 message, he called the talks a landmark."
    assert resolve(text, "message", "2026-01-10").date == "2025-12-31"


def test_a_sentence_date_in_another_clause_is_taken_when_it_is_the_only_one():
    text = "During a meeting on Saturday in the resort city, the leader met the foreign minister."
    assert resolve(text, "met", SUNDAY).date == "2025-07-12"


# -- carrying the narration's date over (opt-in) -------------------------------


def test_carry_over_is_off_by_default():
    text = "The leaders met on Saturday.\n\nThe leader reaffirmed his support."
    assert resolve(text, "reaffirmed", SUNDAY) == ResolvedDate(None, None)


def test_carry_over_takes_the_date_told_just_before():
    text = "The leaders met on Saturday.\n\nThe leader reaffirmed his support."
    assert resolve(text, "reaffirmed", SUNDAY, inherit=True) == ResolvedDate("2025-07-12", "on Saturday", True)


def test_carry_over_stops_at_a_scene_change():
    text = "The leaders met on Saturday. In another report, the deputy minister rebuked the envoy."
    assert resolve(text, "rebuked", SUNDAY, inherit=True).date is None


def test_carry_over_skips_sentences_in_the_perfect_or_with_a_modal():
    text = "The leaders met on Saturday. Thousands of troops had been deployed to the front."
    assert resolve(text, "deployed", SUNDAY, inherit=True).date is None


def test_carry_over_does_not_reach_two_paragraphs_back():
    text = "The leaders met on Saturday.\n\nThey talked at length.\n\nThe leader praised the ties."
    assert resolve(text, "praised", SUNDAY, inherit=True).date is None


# -- finding expressions -------------------------------------------------------


def test_find_expressions_reads_each_kind_once_with_trimmed_words():
    found = find_expressions("On Saturday, the previous day and on June 19, 2024, earlier this week.")
    assert [(e.text, e.kind) for e in found] == [
        ("On Saturday", "weekday"), ("the previous day", "narrative"),
        ("on June 19, 2024", "absolute"), ("earlier this week", "vague"),
    ]


def test_a_date_after_ahead_of_or_scheduled_for_is_told_as_future():
    assert resolve("Talks were held ahead of the summit on July 15.", "summit", SUNDAY).date == "2025-07-15"
    assert resolve("The vote is scheduled for Friday.", "vote", SUNDAY).date == "2025-07-18"


def test_a_date_in_a_clause_about_a_person_does_not_date_the_event():
    text = "The message marks a first outreach to the president, who has led the country since 1994."
    assert resolve(text, "outreach", FRIDAY) == ResolvedDate(None, None)


def test_a_date_after_a_new_clause_following_a_report_cue_is_the_event_date():
    text = "The leader met the envoy on Tuesday. According to the news agency, this came on the same day as the vote."
    assert resolve(text, "came", FRIDAY).date == "2024-04-16"


def test_a_caption_kept_in_the_text_is_not_a_base_for_the_previous_day():
    caption = "The two leaders at a ceremony on June 19, 2023."
    text = f"The leaders met on Tuesday.\n\n{caption}\n\nThe ministers talked the previous day."
    assert resolve(text, "talked", FRIDAY, captions=(caption,)).date == "2024-04-15"


def test_carry_over_stops_at_a_later_act_whose_day_is_not_told():
    text = "The ministers met on Saturday. In response, the neighbour recalled its envoy."
    assert resolve(text, "recalled", SUNDAY, inherit=True).date is None
    text = "The ministers met on Saturday. Later, the neighbour recalled its envoy."
    assert resolve(text, "recalled", SUNDAY, inherit=True).date is None


def test_a_weekday_with_its_date_in_brackets_is_one_absolute_date():
    text = "The leaders met on Wednesday (June 19, 2024) in the capital."
    assert resolve(text, "met") == ResolvedDate("2024-06-19", "on Wednesday (June 19, 2024)")


def test_a_day_after_something_names_no_day_of_its_own():
    text = "The president met the premier a day after he hosted the foreign minister."
    assert resolve(text, "hosted", FRIDAY) == ResolvedDate(None, "a day after")
    assert resolve(text, "met", FRIDAY) == ResolvedDate(None, "a day after")


def test_a_day_after_a_dated_act_is_the_day_before_that_act():
    text = "The president met the premier on Wednesday, a day after he hosted the foreign minister."
    assert resolve(text, "hosted", FRIDAY) == ResolvedDate("2024-04-16", "a day after")
    assert resolve(text, "met", FRIDAY).date == "2024-04-17"
    text = "The ministers signed the accord on Sunday, two days after the envoy left."
    assert resolve(text, "left", SUNDAY).date == "2025-07-11"


def test_carry_over_says_where_the_carried_words_are():
    text = "The leaders met on Saturday.\n\nThe leader reaffirmed his support."
    assert resolve(text, "reaffirmed", SUNDAY, inherit=True).start == text.index("on Saturday")


def test_the_same_evening_is_the_day_of_the_last_date_told():
    text = "The ministers met on Friday. Their hosts replied the same evening."
    assert resolve(text, "replied", SUNDAY) == ResolvedDate("2025-07-11", "the same evening")


def test_the_next_morning_is_the_day_after_the_last_date_told():
    text = "The ministers met on Friday. The envoy left the next morning."
    assert resolve(text, "left", SUNDAY).date == "2025-07-12"


def test_carry_over_goes_on_from_the_main_day_not_from_the_day_told_in_passing():
    text = "The envoys left on Saturday, a day after the ministers met. They praised the ties."
    assert resolve(text, "praised", SUNDAY, inherit=True) == ResolvedDate("2025-07-12", "on Saturday", True)


# -- spans, look-ahead and other threads -----------------------------------------


def test_since_a_month_is_a_span_with_no_day():
    text = "The government had asked its neighbour several times since January to free the men."
    assert resolve(text, "asked", SUNDAY) == ResolvedDate(None, "since January")


def test_a_day_in_the_clause_wins_over_a_span_told_after_the_trigger():
    text = "The navy on Sunday released 38 fishermen it had held since January, officials said."
    assert resolve(text, "released", SUNDAY) == ResolvedDate("2025-07-13", "on Sunday")


def test_vague_periods_of_the_past_have_no_day():
    assert resolve("The envoys met last week.", "met", SUNDAY) == ResolvedDate(None, "last week")
    assert resolve("The boats were handed over earlier this month.", "handed", SUNDAY) == ResolvedDate(
        None, "earlier this month")


def test_this_morning_is_the_publication_day():
    assert resolve("The minister arrived this morning.", "arrived", SUNDAY) == ResolvedDate(SUNDAY, "this morning")


def test_month_day_takes_the_publication_year_when_that_day_is_already_past():
    assert resolve("The talks were held on March 12.", "talks", "2026-03-25").date == "2026-03-12"


def test_a_look_ahead_span_after_an_infinitive_dates_the_planned_act_not_the_verb():
    text = "The ministers spoke on Wednesday. They agreed to hold a meeting in Washington next month."
    assert resolve(text, "agreed", FRIDAY) == ResolvedDate(None, None)
    assert resolve(text, "agreed", FRIDAY, inherit=True) == ResolvedDate("2024-04-17", "on Wednesday", True)


def test_a_look_ahead_span_dates_the_planned_act_itself():
    text = "The ministers spoke on Wednesday. The government plans to send more troops next week."
    assert resolve(text, "send", FRIDAY, inherit=True) == ResolvedDate(None, "next week")


def test_a_look_ahead_span_after_to_as_a_preposition_stays_with_the_verb():
    text = "The ministers spoke on Wednesday. They will send troops to the border next week."
    assert resolve(text, "send", FRIDAY, inherit=True) == ResolvedDate(None, "next week")


def test_an_occasion_named_again_takes_the_date_told_with_its_mention():
    text = ("The two presidents talked in a telephone call on Tuesday, the agency reported.\n\n"
            "Power deliveries began on Monday, the ministry said separately.\n\n"
            "On the same call, the president thanked his counterpart.")
    assert resolve(text, "thanked", FRIDAY, inherit=True) == ResolvedDate("2024-04-16", "on Tuesday", True)


def test_an_occasion_pointed_at_twice_takes_the_date_told_with_its_first_telling():
    text = ("The two presidents talked in a telephone call on Tuesday.\n\n"
            "During the call, the president promised more water. Deliveries began on Monday.\n\n"
            "On the same call, the president thanked his counterpart.")
    assert resolve(text, "thanked", FRIDAY, inherit=True).date == "2024-04-16"


def test_an_occasion_whose_latest_mention_has_no_date_gives_no_date():
    text = ("The presidents met on Tuesday. The meeting came a week after a border clash.\n\n"
            "During the meeting, the president thanked his counterpart.")
    assert resolve(text, "thanked", FRIDAY, inherit=True) == ResolvedDate(None, None)


def test_a_day_after_with_nothing_to_count_from_stops_carry_over():
    text = "The leaders met on Saturday. The envoys left a day after the vote. They praised the ties."
    assert resolve(text, "praised", SUNDAY, inherit=True) == ResolvedDate(None, None)


def test_hours_after_a_dated_act_is_the_same_day():
    text = "The ministers spoke by telephone on Wednesday, hours after the neighbour fired a missile."
    assert resolve(text, "fired", FRIDAY) == ResolvedDate("2024-04-17", "hours after")


def test_an_occasion_told_with_a_verb_is_found_by_its_noun():
    text = ("The minister flew to the capital on Monday and met the president.\n\n"
            "During the meeting, the minister promised that her country would supply boats.")
    assert resolve(text, "promised", FRIDAY, inherit=True) == ResolvedDate("2024-04-15", "on Monday", True)


def test_carry_over_skips_a_reply_that_names_the_earlier_act():
    text = ("The regional bloc on Wednesday asked the government to halt deportations. "
            "The presidency turned the request down.")
    assert resolve(text, "turned", FRIDAY, inherit=True) == ResolvedDate(None, None)


def test_carry_over_reaches_a_reply_whose_day_was_told_as_the_reaction():
    text = ("The neighbour barred the minister on Tuesday. The capital reacted the next morning. "
            "Its foreign minister called the ban a shameful act.")
    assert resolve(text, "called", FRIDAY, inherit=True) == ResolvedDate("2024-04-17", "the next morning", True)


def test_a_deadline_is_no_day_of_the_act():
    assert resolve("The government ordered the envoys to leave by Friday.", "ordered", SUNDAY) == ResolvedDate(
        None, "by Friday")
    assert resolve("The government ordered the envoys to leave by March 3.", "ordered", SUNDAY).date is None


def test_a_day_in_the_clause_wins_over_a_deadline():
    text = "The government on Thursday ordered the envoys to leave the country by Monday."
    assert resolve(text, "ordered", SUNDAY) == ResolvedDate("2025-07-10", "on Thursday")


# -- datelines, the pluperfect, descriptive clauses ------------------------------

TUESDAY = "2026-05-19"  # a Tuesday


def test_a_dateline_date_is_the_day_of_writing_not_of_the_event():
    text = "ATHENS, May 19 - The foreign minister summoned the ambassador on Monday to protest."
    assert resolve(text, "summoned", TUESDAY) == ResolvedDate("2026-05-18", "on Monday")
    text = "CAIRO, May 19 (Reuters) - The ministry condemned the raid."
    assert resolve(text, "condemned", TUESDAY, inherit=True) == ResolvedDate(None, None)


def test_a_dateline_date_is_no_base_for_the_same_evening():
    text = ("ATHENS, May 19 - The minister summoned the ambassador on Monday.\n\n"
            "The neighbour rejected the protest the same evening.")
    assert resolve(text, "rejected", TUESDAY).date == "2026-05-18"


def test_a_weekday_night_is_that_weekday():
    assert resolve("The navy sent two frigates to the area on Monday night.", "sent", TUESDAY).date == "2026-05-18"


def test_an_act_in_the_pluperfect_does_not_take_the_date_of_its_telling():
    text = "A spokesperson said on Tuesday that the alliance had urged both allies to settle the dispute."
    assert resolve(text, "urged", TUESDAY).date is None
    text = "The spokesperson said on Tuesday that the alliance had already warned both sides."
    assert resolve(text, "warned", TUESDAY, inherit=True).date is None


def test_an_act_in_the_pluperfect_takes_a_date_told_after_it_in_its_clause():
    text = "The minister had asked the neighbour for air support on Monday, saying the rebels were moving fast."
    assert resolve(text, "asked", TUESDAY) == ResolvedDate("2026-05-18", "on Monday")


def test_a_date_in_a_which_clause_does_not_date_the_act_told_after_it():
    text = "The bloc, which held a summit on Monday, condemned the coup."
    assert resolve(text, "condemned", TUESDAY).date is None
    text = "The neighbour, which chairs the bloc this year, offered to host talks."
    assert resolve(text, "offered", TUESDAY) == ResolvedDate(None, None)


# -- carrying over: the perfect, modals, occasions ----------------------------


def test_carry_over_reaches_an_act_followed_by_a_modal_in_reported_speech():
    text = ("The minister visited the capital on Monday and met the army chief. He thanked the army for its help "
            "and said the two armies would share intelligence.")
    assert resolve(text, "thanked", TUESDAY, inherit=True) == ResolvedDate("2026-05-18", "on Monday", True)
    assert resolve(text, "share", TUESDAY, inherit=True).date == "2026-05-18"  # a pledge is dated by its saying


def test_carry_over_skips_a_sentence_with_a_modal_outside_reported_speech():
    text = ("Officials held talks on Monday, a spokesperson said.\n\n"
            "The bloc urged both capitals to conclude the treaty so that the border can remain open.")
    assert resolve(text, "urged", TUESDAY, inherit=True) == ResolvedDate(None, None)


def test_carry_over_skips_a_sentence_with_the_perfect_anywhere():
    text = ("The clashes began on Saturday.\n\n"
            "The capital accused its neighbour of sheltering militants who had attacked its troops.")
    assert resolve(text, "accused", TUESDAY, inherit=True) == ResolvedDate(None, None)


def test_carry_over_ignores_the_tense_of_quoted_words():
    text = ("The minister flew to the capital on Monday and met the president.\n\n"
            'The president told his guest that the country "will not be a border guard" and rejected the plan.')
    assert resolve(text, "rejected", TUESDAY, inherit=True) == ResolvedDate("2026-05-18", "on Monday", True)


def test_an_occasion_told_in_a_clause_without_a_day_takes_the_day_of_its_sentence():
    text = ("The foreign secretary today received her counterpart, for a working meeting on border security.\n\n"
            "During the meeting, both delegations agreed to set up a task force.")
    assert resolve(text, "agreed", TUESDAY, inherit=True) == ResolvedDate(TUESDAY, "today", True)


def test_an_occasion_whose_sentence_tells_two_days_gives_no_date():
    text = ("The minister arrived on Sunday and signed the accord on Monday, for a meeting of the council.\n\n"
            "During the meeting, the minister thanked her hosts.")
    assert resolve(text, "thanked", TUESDAY, inherit=True) == ResolvedDate(None, None)


# -- live blogs ---------------------------------------------------------------------


def _live_blog(pieces: list[tuple[str, str]], published: str | None = "2026-07-27") -> Document:
    """A cleaned live-blog page: (kind, text) blocks in page order; body blocks make up the text."""
    blocks = [Block(text=t, kind=k) for k, t in pieces]
    text = "\n\n".join(t for k, t in pieces if k == "body")
    return Document(doc="live", text=text, published=published, blocks=blocks)


def _resolve_in(doc: Document, trigger: str, inherit: bool = True) -> ResolvedDate:
    start = doc.text.index(trigger)
    sentence_start, sentence_end = _sentence_bounds(doc.text, start)
    return DateResolver(doc).resolve(sentence_start, sentence_end, start, start + len(trigger), inherit=inherit)


LIVE = [
    ("dateline", "Monday 27 July 2026"),
    ("body", "The two armies stopped firing at noon on Monday. Follow our live coverage."),
    ("navigation", "14:10"),
    ("body", "The foreign minister has spoken by phone with her counterpart, the ministry says."),
    ("navigation", "13:00"),
    ("body", "The capital rejects the call for outside mediation. It could close the border, analysts say."),
    ("dateline", "Sunday 26 July 2026"),
    ("navigation", "21:30 - What we know so far"),
    ("body", "The neighbour accuses the army of shelling a village this morning. The envoy agreed to talks."),
]


def test_a_live_blog_entry_dates_its_news_with_the_entry_day():
    doc = _live_blog(LIVE)
    assert _resolve_in(doc, "spoken") == ResolvedDate("2026-07-27", "14:10 (Monday 27 July 2026)", entry=True)
    assert _resolve_in(doc, "rejects").date == "2026-07-27"


def test_a_live_blog_entry_under_an_earlier_day_heading_takes_that_day():
    doc = _live_blog(LIVE)
    assert _resolve_in(doc, "agreed").date == "2026-07-26"


def test_in_a_live_blog_entry_this_morning_is_the_entry_day():
    doc = _live_blog(LIVE)
    assert _resolve_in(doc, "accuses") == ResolvedDate("2026-07-26", "this morning")


def test_a_live_blog_entry_does_not_date_an_act_told_with_a_modal():
    doc = _live_blog(LIVE)
    assert _resolve_in(doc, "close").date is None


def test_the_summary_above_the_entries_is_in_no_entry():
    doc = _live_blog([("body", "The ceasefire between the two armies largely holds."), *LIVE[2:]])
    assert _resolve_in(doc, "holds") == ResolvedDate(None, None)


def test_a_single_time_heading_does_not_make_a_live_blog():
    doc = _live_blog([("body", "The talks ended on Monday."), ("navigation", "14:10"),
                      ("body", "Paragraph one.\n\nParagraph two.\n\nThe minister praised the ties.")])
    assert _resolve_in(doc, "praised").date is None


def test_a_live_blog_entry_is_not_dated_without_a_publication_date_or_day_heading():
    doc = _live_blog([(k, t) for k, t in LIVE[1:6]], published=None)
    assert _resolve_in(doc, "spoken") == ResolvedDate(None, None)


def test_a_reply_in_an_appositive_does_not_take_the_day_of_the_act_it_names():
    text = "The neighbour suspended bus services on Thursday, a move officials called harmful to trade."
    assert resolve(text, "called", TUESDAY).date is None
    assert resolve(text, "suspended", TUESDAY).date == "2026-05-14"


def test_a_date_of_an_act_told_in_passing_after_for_dates_neither_the_verb_nor_what_follows():
    text = ("The secretary thanked the neighbour for handing over, on July 2, three suspects.\n\n"
            "The secretary asked the neighbour to tighten inspections.")
    assert resolve(text, "handing", "2026-07-07") == ResolvedDate("2026-07-02", "on July 2")
    assert resolve(text, "thanked", "2026-07-07").date is None
    assert resolve(text, "asked", "2026-07-07", inherit=True) == ResolvedDate(None, None)

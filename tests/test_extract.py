"""Event extraction: one test per trigger family, per negation or modality case, per merging rule.

Sentences are written for the tests. Dates are asserted only where the text gives an absolute date; the
anchoring rules themselves are specified in test_dates.py.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dipwatch.extract import Extractor, load_rules, merge_event, split_sentences
from dipwatch.models import Actor, Document, Event, Mention
from dipwatch.places import find_location

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def events(extractor: Extractor, text: str, published: str | None = "2025-07-13") -> list[Event]:
    return extractor.extract(Document(doc="t", text=text, published=published))


def triples(extractor: Extractor, text: str, published: str | None = "2025-07-13") -> list[tuple[str, str, str]]:
    return [(e.source.code, e.type, e.target.code) for e in events(extractor, text, published)]


# -- trigger families -----------------------------------------------------------------------------------------


def test_a_meeting_is_consult(extractor):
    assert triples(extractor, "Kim Jong Un met with Russian Foreign Minister Sergey Lavrov on Saturday.") == [
        ("PRK", "CONSULT", "RUS")
    ]


def test_talks_between_two_actors_are_consult(extractor):
    found = triples(extractor, "Talks between Indian and Japanese diplomats were held in Tokyo on Friday.")
    assert found in ([("IND", "CONSULT", "JPN")], [("JPN", "CONSULT", "IND")])


def test_a_trip_to_a_capital_is_a_consult_visit(extractor):
    [event] = events(extractor, "Kenyan President Samuel Otieno's trip to Hanoi began on Tuesday.")
    assert (event.source.code, event.type, event.target.code, event.mode, event.cameo) == (
        "KEN", "CONSULT", "VNM", "visit", "042")


def test_a_phone_call_is_consult_by_phone(extractor):
    [event] = events(extractor, "Japanese Prime Minister Taro Ueda held a phone call with Emmanuel Macron.")
    assert (event.type, event.mode, event.cameo, event.target.code) == ("CONSULT", "phone", "041", "FRA")


def test_congratulating_is_support(extractor):
    [event] = events(extractor, "Kim Jong-un congratulated Belarusian President Alexander Lukashenko on his win.")
    assert (event.source.code, event.type, event.cameo, event.target.code) == ("PRK", "SUPPORT", "051", "BLR")


def test_a_congratulatory_message_sent_to_someone_is_support(extractor):
    text = "Vietnamese President Tran Minh sent a congratulatory message to Tanzanian President Neema Rashidi."
    assert triples(extractor, text) == [("VNM", "SUPPORT", "TZA")]


def test_signing_a_treaty_is_support_057(extractor):
    [event] = events(extractor, "Brazil and Argentina signed a trade treaty on Monday.")
    assert ({event.source.code, event.target.code}, event.type, event.cameo) == ({"BRA", "ARG"}, "SUPPORT", "057")


def test_ratifying_a_treaty_with_a_state_is_support(extractor):
    assert triples(extractor, "North Korea ratified a defence treaty with Russia.") == [("PRK", "SUPPORT", "RUS")]


def test_a_treaty_signed_during_a_visit_is_signed_by_the_visitor_with_the_treatys_other_party(extractor):
    text = ("North Korea ratified a defence treaty with Russia. The treaty was first signed in Pyongyang on "
            "19 June 2024 during a state visit by Russian President Vladimir Putin.")
    assert triples(extractor, text, None) == [("PRK", "SUPPORT", "RUS"), ("RUS", "SUPPORT", "PRK")]


def test_a_pledge_is_agree(extractor):
    [event] = events(extractor, "Indonesia pledged full support for Australia's bid.")
    assert (event.source.code, event.type, event.cameo, event.target.code) == ("IDN", "AGREE", "030", "AUS")


def test_a_vow_to_uphold_is_the_support_it_promises(extractor):
    assert triples(extractor, "Russia vowed to uphold Pyongyang's national security.") == [("RUS", "SUPPORT", "PRK")]


def test_rebuking_is_accuse(extractor):
    text = "Egypt's foreign minister, Omar Said, rebuked Ethiopian officials on Tuesday."
    assert triples(extractor, text) == [("EGY", "ACCUSE", "ETH")]


def test_rejecting_is_reject(extractor):
    assert triples(extractor, "Ethiopia rejected Egypt's proposal.") == [("ETH", "REJECT", "EGY")]


def test_imposing_sanctions_is_coerce_163(extractor):
    [event] = events(extractor, "The European Union imposed sanctions on Iranian companies on Monday.")
    assert (event.source.code, event.type, event.cameo, event.target.code) == ("EU", "COERCE", "163", "IRN")


def test_troops_deployed_to_back_a_state_are_military_aid(extractor):
    [event] = events(extractor, "Thousands of North Korean soldiers were deployed to support Moscow.")
    assert (event.source.code, event.type, event.cameo, event.target.code) == ("PRK", "AID", "072", "RUS")


def test_calling_talks_a_landmark_praises_the_other_party(extractor):
    text = ("Lao President Thongloun Sisoulith met Vietnamese President Tran Minh in Hanoi. "
            "Later, Sisoulith called their talks a landmark.")
    assert ("LAO", "SUPPORT", "VNM") in triples(extractor, text)


# -- what must not be coded -------------------------------------------------------------------------------


def test_a_negated_meeting_is_not_an_event(extractor):
    assert triples(extractor, "Kim Jong Un did not meet Sergey Lavrov.") == []


def test_a_denied_proposal_is_not_an_event(extractor):
    assert triples(extractor, "Pyongyang denied that it had proposed summit talks with Minsk.") == []


def test_talks_under_a_denial_are_not_an_event(extractor):
    assert triples(extractor, "It came after previous denials regarding summit talks between Laos and Cambodia.") == []


def test_an_event_with_no_as_its_object_is_not_an_event(extractor):
    assert triples(extractor, "Russia signed no agreement with China.") == []


def test_a_possible_meeting_is_not_an_event(extractor):
    assert triples(extractor, "Putin may meet Kim Jong Un next month.") == []


def test_an_expected_visit_is_not_an_event(extractor):
    assert triples(extractor, "Lavrov is expected to visit Beijing.") == []


def test_a_planned_visit_is_not_an_event(extractor):
    assert triples(extractor, "Sweden's defence minister is due to visit Helsinki on April 14.") == []


def test_a_conditional_meeting_is_not_an_event(extractor):
    assert triples(extractor, "If Russia meets China, the talks will be long.") == []


def test_a_question_is_not_an_event(extractor):
    assert triples(extractor, "Did Russia sanction Finland?") == []


def test_reported_speculation_is_not_an_event(extractor):
    assert triples(extractor, "Officials said Russia could sanction Finland.") == []


def test_an_event_between_a_state_and_itself_is_not_coded(extractor):
    assert triples(extractor, "North Korean leader Kim Jong Un met North Korean officials.") == []


def test_the_reporting_agency_is_never_an_actor(extractor):
    found = triples(extractor, "KCNA reported that Kim Jong Un met Sergey Lavrov on Saturday.")
    assert found == [("PRK", "CONSULT", "RUS")]


def test_a_reference_with_his_or_her_is_not_guessed(extractor):
    assert triples(extractor, "During her visit to Japan, the envoy spoke.") == []


def test_a_sport_report_is_skipped_even_when_teams_congratulate_each_other(extractor):
    text = ("France's captain congratulated Germany after the match. The coach praised the striker, the "
            "goalkeeper and the fans as the tournament moved to the semi-final at the stadium.")
    assert triples(extractor, text) == []


# -- references and merging ----------------------------------------------------------------------------------


def test_rejecting_the_statement_answers_the_last_event_aimed_at_the_speaker(extractor):
    text = "A Chinese spokesperson in Beijing accused the Philippines of provocations. Manila rejected the statement."
    assert triples(extractor, text) == [("CHN", "ACCUSE", "PHL"), ("PHL", "REJECT", "CHN")]


def test_the_two_countries_are_the_two_actors_named_most(extractor):
    text = ("Ethiopia rejected a proposal by Egypt. Ethiopia and Egypt disagree. Sudan urged both sides to talk. "
            "The two countries last held direct talks three years ago.")
    assert ("ETH", "CONSULT", "EGY") in triples(extractor, text) or (
        "EGY", "CONSULT", "ETH") in triples(extractor, text)


def test_a_definite_event_noun_takes_the_actors_of_the_known_event(extractor):
    text = ("Kim Jong Un recalled his summit talks with Lao President Thongloun Sisoulith. "
            "The summit occurred on October 7, 2025, in Pyongyang.")
    [event] = events(extractor, text, None)
    assert ({event.source.code, event.target.code}, len(event.mentions), event.date) == (
        {"PRK", "LAO"}, 2, "2025-10-07")


def test_a_definite_event_noun_with_no_known_event_is_not_coded(extractor):
    assert triples(extractor, "Hours before the talks began, the border was quiet in Laos.") == []


def test_people_who_sign_act_through_their_states(extractor):
    text = ("Talks were held between Japanese Foreign Minister Aiko Tanabe and Indian External Affairs Minister "
            "Vikram Sethi, who signed an agreement on defence equipment.")
    assert ("JPN", "SUPPORT", "IND") in triples(extractor, text)


def test_an_official_named_without_a_state_belongs_to_the_dateline_state(extractor):
    text = "HANOI - Prime Minister Le Hoang Phuc sent a congratulatory message to his Tanzanian counterpart."
    assert triples(extractor, text) == [("VNM", "SUPPORT", "TZA")]



def test_a_pronoun_subject_is_resolved_to_the_person_before(extractor):
    text = "Kim Jong Un received the Lao envoy. He pledged to expand cooperation with Laos."
    assert ("PRK", "AGREE", "LAO") in triples(extractor, text)


def test_the_pair_refers_to_the_actors_of_the_last_event_and_merges(extractor):
    text = "Kim Jong Un met with Russian Foreign Minister Sergey Lavrov. The pair met at the party headquarters."
    [event] = events(extractor, text)
    assert (event.source.code, event.target.code, len(event.mentions)) == ("PRK", "RUS", 2)


def test_repeated_reports_of_one_event_merge_into_one_event(extractor):
    text = ("Kim Jong-un congratulated Belarusian President Alexander Lukashenko. "
            "Kim's congratulatory note to Lukashenko was short.")
    [event] = events(extractor, text)
    assert [m.trigger for m in event.mentions] == ["congratulated", "congratulatory"]


def test_merging_keeps_the_known_date_and_place():
    first = _event(date=None, location=None)
    second = _event(date="2025-07-12", location="Wonsan")
    merged: list[Event] = []
    merge_event(merged, first)
    merge_event(merged, second)
    assert [(e.date, e.location, len(e.mentions)) for e in merged] == [("2025-07-12", "Wonsan", 2)]


def test_reports_on_different_days_stay_two_events():
    merged: list[Event] = []
    merge_event(merged, _event(date="2025-07-11"))
    merge_event(merged, _event(date="2025-07-12"))
    assert len(merged) == 2


def test_two_different_acts_of_one_type_stay_two_events():
    merged: list[Event] = []
    merge_event(merged, replace(_event(), type="ACCUSE", cameo="112"))
    merge_event(merged, replace(_event(), type="ACCUSE", cameo="114"))
    assert len(merged) == 2


def test_a_symmetric_event_merges_in_either_direction():
    merged: list[Event] = []
    merge_event(merged, _event())
    merge_event(merged, _event(swap=True))
    assert len(merged) == 1


def _event(date: str | None = None, location: str | None = None, swap: bool = False) -> Event:
    a, b = Actor("PRK", "Kim", 0, 3), Actor("RUS", "Lavrov", 8, 14)
    source, target = (b, a) if swap else (a, b)
    return Event(doc="t", source=source, target=target, type="CONSULT", cameo="040", sentence="Kim met Lavrov.",
                 sentence_start=0, sentence_end=15, date=date, location=location,
                 mentions=[Mention("t", "Kim met Lavrov.", 0, 15, "met")])


# -- what the event carries ---------------------------------------------------------------------------------


def test_an_absolute_date_is_the_event_date(extractor):
    [event] = events(extractor, "Vladimir Putin signed the treaty with North Korea on 19 June 2024.", None)
    assert (event.date, event.date_text is not None) == ("2024-06-19", True)


def test_sentence_input_without_a_publication_date_has_no_invented_date(extractor):
    [event] = events(extractor, "Kim Jong Un met Sergey Lavrov on Saturday.", None)
    assert event.date is None


def test_the_location_is_what_find_location_gives_for_the_sentence(extractor):
    text = "Kim Jong Un met with Sergey Lavrov in Wonsan on Saturday."
    [event] = events(extractor, text)
    place = find_location(text, text.index("met"))
    assert event.location == (place.name if place else None)


def test_offsets_point_into_the_document_text(extractor):
    text = "Markets were calm.\n\nKim Jong Un met with Russian Foreign Minister Sergey Lavrov on Saturday."
    [event] = events(extractor, text)
    assert text[event.sentence_start:event.sentence_end] == event.sentence
    for actor in (event.source, event.target):
        assert text[actor.start:actor.end] == actor.text


def test_confidence_intensity_and_quad_class_come_with_the_event(extractor):
    [event] = events(extractor, "Ethiopia rejected Egypt's proposal.")
    assert 0.0 < event.confidence <= 1.0
    assert (event.quad_class, event.intensity < 0) == (3, True)


# -- the fast pass and batching ------------------------------------------------------------------------------


def test_only_sentences_with_a_trigger_and_an_actor_are_parsed(extractor):
    text = (FIXTURES / "mixed_article.txt").read_text(encoding="utf-8")
    kept = [text[s:e] for s, e in extractor.candidates(Document(doc="m", text=text))]
    assert len(kept) == 1 and kept[0].startswith("Chinese Foreign Minister")


def test_an_off_topic_article_gives_no_events(extractor):
    text = "Brazil beat Argentina 2-1 in Buenos Aires on Sunday. The coach praised his players."
    assert triples(extractor, text) == []


def test_extract_many_keeps_input_order(extractor):
    docs = [Document(doc=str(i), text=t) for i, t in enumerate(["", "Ethiopia rejected Egypt's proposal.", "Rain."])]
    assert [(d.doc, len(evs)) for d, evs in extractor.extract_many(docs)] == [("0", 0), ("1", 1), ("2", 0)]


def test_sentences_do_not_split_after_abbreviations():
    text = "The U.S. envoy met Mr. Lee. Then he left."
    assert [text[s:e] for s, e in split_sentences(text)] == ["The U.S. envoy met Mr. Lee.", "Then he left."]


def test_every_trigger_row_has_a_known_frame_and_quad_class():
    rules = load_rules()
    for trigger in rules.triggers.values():
        assert trigger.frame in {"verb", "noun", "intent", "evaluate"}
        assert trigger.quad in {1, 2, 3, 4} and -10 <= trigger.intensity <= 10

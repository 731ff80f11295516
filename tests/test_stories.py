"""Story clustering: which articles are copies of one story, which copy is canonical, how many sources."""

from __future__ import annotations

import tomllib
from itertools import combinations
from pathlib import Path

import pytest

from dipwatch import stories
from dipwatch.models import Actor, Document, Event, EventQuery
from dipwatch.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "stories"


def fixture_doc(name: str) -> Document:
    return Document(doc=name, text=(FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


def fp(name: str) -> stories.Fingerprint:
    return stories.fingerprint(fixture_doc(name))


def event(source: str, target: str, type_: str = "CONSULT", date: str | None = None) -> Event:
    return Event(doc="d", source=Actor(source, source, 0, 1), target=Actor(target, target, 2, 3), type=type_,
                 cameo="040", sentence="s", sentence_start=0, sentence_end=1, date=date)


@pytest.fixture(scope="module")
def thresholds() -> stories.Thresholds:
    return stories.load_thresholds()


def test_thresholds_are_read_from_the_data_file(thresholds):
    assert 0 < thresholds.near_match <= 1 and 0 < thresholds.spun_match <= 1
    assert thresholds.num_perm >= 32


def test_exact_copies_share_the_normalised_text_hash():
    assert stories.text_hash("Chile met Peru.  “Good” talks") == stories.text_hash('chile met peru. "good" talks')
    assert stories.text_hash("Chile met Peru.") != stories.text_hash("Chile met Bolivia.")


def test_a_copy_with_another_header_is_a_near_copy(thresholds):
    assert stories.match_kind(fp("copy"), fp("original"), thresholds)[0] == "near"


def test_a_rewrite_joins_the_story(thresholds):
    assert stories.match_kind(fp("rewrite"), fp("original"), thresholds) is not None


def test_a_spun_copy_is_matched_on_what_spinning_leaves_alone(thresholds):
    assert stories.match_kind(fp("spun"), fp("original"), thresholds)[0] == "spun"


def test_best_story_is_the_story_of_the_best_scored_match_the_first_on_a_tie(thresholds):
    copy, spun = fp("copy"), fp("spun")
    assert stories.best_story(copy, [(fp("unrelated"), "far"), (fp("original"), "near"), (spun, "spun")],
                              thresholds) == "spun"  # score 0.98 (spun) over 0.89 (near)
    assert stories.best_story(copy, [(spun, "first"), (spun, "second")], thresholds) == "first"
    assert stories.best_story(copy, [(fp("unrelated"), "far")], thresholds) is None


@pytest.mark.parametrize("name", ["other", "unrelated"])
def test_a_different_story_does_not_match_even_about_the_same_countries(thresholds, name):
    for copy in ("original", "rewrite", "spun"):
        assert stories.match_kind(fp(name), fp(copy), thresholds) is None


def test_copies_share_lsh_keys_and_different_stories_do_not():
    original = set(fp("original").keys)
    assert original & set(fp("spun").keys)
    assert not original & set(fp("unrelated").keys)


def test_invariants_keep_names_numbers_and_quoted_phrases_but_not_sentence_openers():
    found = stories.invariants('The talks began. Officials in Arica said 12,000 trucks wait, "a new chapter" indeed.')
    assert {"n:arica", "d:12,000", "q:new chapter"} <= found
    assert "n:the" not in found and "n:officials" not in found


def test_common_capitalised_words_and_single_digits_are_not_invariants():
    found = stories.invariants("Talks began. The Foreign Minister met in March with 4 aides in Arica.")
    assert "n:minister" not in found and "n:march" not in found and "d:4" not in found
    assert "n:arica" in found


def test_invariants_include_the_event_signature_with_symmetric_types_in_either_order():
    one = stories.invariants("", [event("PER", "CHL", "CONSULT", "2025-03-03")])
    other = stories.invariants("", [event("CHL", "PER", "CONSULT", "2025-03-03")])
    assert one == other == {"e:CHL>PER:CONSULT:2025-03-03"}
    assert stories.event_signature(event("PER", "CHL", "PROTEST")) == "PER>CHL:PROTEST:"


def test_short_texts_are_never_matched_on_invariants_alone(thresholds):
    a = stories.fingerprint(Document(doc="a", text="Chile met Peru."))
    b = stories.fingerprint(Document(doc="b", text="Peru and Chile met again, Tuesday."))
    assert stories.match_kind(a, b, thresholds) is None


def test_signatures_survive_a_round_trip_through_bytes():
    sig = fp("original").text_sig
    assert (stories.signature_from_bytes(stories.signature_bytes(sig)) == sig).all()


def test_story_index_groups_the_fixture_corpus_into_three_stories():
    index = stories.StoryIndex()
    found = {name: index.add(fp(name)) for name in ("original", "copy", "rewrite", "spun", "other", "unrelated")}
    assert found["copy"] == found["rewrite"] == found["spun"] == found["original"]
    assert len({found["original"], found["other"], found["unrelated"]}) == 3


def test_the_canonical_copy_is_first_hand_then_earliest():
    farm = stories.CopyInfo("farm", outlet="farm.example", published="2025-03-01", farm_signals=("bio",))
    late = stories.CopyInfo("late", outlet="wire", published="2025-03-05")
    early = stories.CopyInfo("early", outlet="paper", published="2025-03-04")
    republished = stories.CopyInfo("repub", outlet="portal", original_source="wire", published="2025-03-02")
    spun = stories.CopyInfo("spun", outlet="spin", published="2025-03-01", spun=True)
    ranked = sorted([farm, late, early, republished, spun], key=stories.canonical_rank)
    assert [c.doc for c in ranked[:3]] == ["early", "late", "repub"]


def test_copies_of_one_original_count_as_one_source():
    copies = [stories.CopyInfo("a", outlet="www.wire.com"),
              stories.CopyInfo("b", outlet="x", original_source="wire.com"), stories.CopyInfo("c", outlet="paper")]
    assert stories.independent_sources(copies) == 2


def test_spun_and_farm_copies_add_no_source_but_one_remains():
    assert stories.independent_sources([stories.CopyInfo("a", outlet="w"),
                                        stories.CopyInfo("b", outlet="s", spun=True),
                                        stories.CopyInfo("c", outlet="f", farm_signals=("bio",))]) == 1
    assert stories.independent_sources([stories.CopyInfo("b", outlet="s", spun=True)]) == 1
    assert stories.independent_sources([]) == 0


def test_documents_without_outlet_count_each_as_their_own_source():
    assert stories.independent_sources([stories.CopyInfo("a"), stories.CopyInfo("b")]) == 2


def test_dates_are_compatible_when_equal_or_one_is_unknown():
    assert stories.dates_compatible("2025-03-03", None)
    assert stories.dates_compatible("2025-03-03", "2025-03-03")
    assert not stories.dates_compatible("2025-03-03", "2025-03-04")


def test_the_more_precise_value_wins():
    assert stories.more_precise(None, "Arica") == "Arica"
    assert stories.more_precise("Chile", "Arica, Chile") == "Arica, Chile"
    assert stories.more_precise("Arica", None) == "Arica"


def test_sharing_names_alone_is_not_a_spun_match(thresholds):
    a = stories.fingerprint(Document(doc="a", text=" ".join(
        f"Talks went well as Alpha{i} joined Beta{i} at the table." for i in range(6)) + " They had 1234 trucks."))
    b = stories.fingerprint(Document(doc="b", text=" ".join(
        f"Riots broke out when Alpha{i} fled from Beta{i} yesterday." for i in range(6)) + " Police saw 9876 ships."))
    assert stories.overlap(a.invariants, b.invariants) >= thresholds.spun_match
    assert stories.match_kind(a, b, thresholds) is None


def test_articles_without_facts_match_on_nearly_all_their_names_when_published_within_days(thresholds):
    text = " ".join(f"Talks went well as Alpha{i} joined Beta{i} at the table." for i in range(6))
    other = " ".join(f"Riots broke out when Alpha{i} fled from Beta{i} yesterday." for i in range(6))
    a = stories.fingerprint(Document(doc="a", text=text, published="2025-03-02"))
    close = stories.fingerprint(Document(doc="b", text=other, published="2025-03-05"))
    later = stories.fingerprint(Document(doc="c", text=other, published="2025-04-20"))
    assert stories.match_kind(close, a, thresholds)[0] == "spun"
    assert stories.match_kind(later, a, thresholds) is None


def test_days_apart_ignores_unknown_or_malformed_dates():
    assert stories.days_apart("2025-03-02", "2025-02-27") == 3
    assert stories.days_apart(None, "2025-02-27") is None
    assert stories.days_apart("2025-13-45", "2025-02-27") is None


@pytest.mark.parametrize("name", ["The Meridian Wire", "www.meridianwire.com", "https://meridianwire.com/news/1",
                                  "meridianwire.co.uk", "MERIDIAN WIRE"])
def test_site_names_and_domains_of_one_outlet_are_one_source(name):
    assert stories.source_key(name, None, "d") == "meridianwire"


def test_a_copy_without_outlet_is_its_own_source():
    assert stories.source_key(None, None, "d7") == "doc:d7"


# -- the clustering corpus (tests/fixtures/stories/corpus.toml) ------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[str, stories.Fingerprint]]:
    """Every corpus article: its true story and its fingerprint (with its hand-written events)."""
    manifest = tomllib.loads((FIXTURES / "corpus.toml").read_text("utf-8"))
    found = {}
    for entry in manifest["article"]:
        text = entry["text"]
        events = [event(s, t, type_, day or None) for s, t, type_, day, _words, _real in entry["events"]]
        doc = Document(doc=entry["doc"], text=text, published=entry["published"])
        found[entry["doc"]] = (entry["story"], stories.fingerprint(doc, events))
    return found


@pytest.mark.parametrize(("story", "confuser"), [
    ("s1_wire", "c12_livestock"),  # the same two ministers at the same State House a day later, another matter
    ("s1_wire", "c1_wire"),  # trade pact vs border raid protest, same countries, same week
    ("s2_wire", "c14_visit"),  # the pact's signatories visit troops two days later
    ("s8_wire", "c13_phone"),  # the same deputy ministers speak by phone after a shipwreck
])
def test_two_stories_about_the_same_people_in_the_same_week_stay_apart(corpus, thresholds, story, confuser):
    assert stories.match_kind(corpus[confuser][1], corpus[story][1], thresholds) is None
    assert stories.match_kind(corpus[story][1], corpus[confuser][1], thresholds) is None


@pytest.mark.parametrize(("copy", "original"), [("s1_spun", "s1_wire"), ("s2_spun", "s2_wire"),
                                                ("s4_spun", "s4_wire")])
def test_a_spun_copy_joins_its_original(corpus, thresholds, copy, original):
    assert stories.match_kind(corpus[copy][1], corpus[original][1], thresholds)[0] == "spun"


@pytest.mark.parametrize(("copy", "original"), [("s1_backtrans", "s1_wire"), ("s3_backtrans", "s3_wire"),
                                                ("s6_backtrans", "s6_wire")])
def test_a_translated_and_back_copy_joins_its_original(corpus, thresholds, copy, original):
    assert stories.match_kind(corpus[copy][1], corpus[original][1], thresholds) is not None


def test_the_corpus_clusters_into_its_true_stories(corpus):
    index = stories.StoryIndex()
    names = list(corpus)
    found = [index.add(corpus[name][1]) for name in names]
    wrong = [(a, b) for (i, a), (j, b) in combinations(enumerate(names), 2)
             if (found[i] == found[j]) != (corpus[a][0] == corpus[b][0])]
    assert wrong == []


def test_facts_are_numbers_quotes_and_event_signatures_not_names():
    assert stories.facts(frozenset({"n:arica", "d:12,000", "q:new chapter", "e:CHL>PER:AGREE:"})) == {
        "d:12,000", "q:new chapter", "e:CHL>PER:AGREE:"}


def test_facts_agree_when_enough_of_the_smaller_fact_set_is_shared(thresholds):
    copy = frozenset({"d:312", "d:94", "q:long border", "n:moyale"})
    assert stories.facts_agree(copy, copy | {"d:600", "n:nairobi"}, thresholds)
    background = frozenset({"d:2019"} | {f"d:{n}" for n in range(100, 110)})
    assert not stories.facts_agree(background, frozenset({"d:2019", "d:100"} | {f"q:w{n} x" for n in range(10)}),
                                   thresholds)
    assert not stories.facts_agree(frozenset({"d:312"}), frozenset({"d:312"}), thresholds)  # one fact: too few


# -- one event per real event across copies -----------------------------------------------------------------


def test_an_absolute_date_is_more_precise_than_a_weekday_than_yesterday_than_a_chain(thresholds):
    ranks = [stories.date_precision("2025-06-03", words, thresholds)
             for words in ("on June 3", "on Tuesday", "yesterday", "the previous day")]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == 4


def test_a_date_without_its_words_counts_as_absolute_and_no_date_as_least_precise(thresholds):
    assert stories.date_precision("2025-06-03", None, thresholds) == stories.date_precision(
        "2025-06-03", "June 3, 2025", thresholds)
    assert stories.date_precision(None, "recently", thresholds) < stories.date_precision(
        "2025-06-03", "a day after", thresholds)


def test_a_day_told_relatively_may_be_one_day_off_in_another_copy(thresholds):
    assert stories.one_day_told_twice(("2025-10-20", "yesterday"), ("2025-10-21", "yesterday"), thresholds)
    assert stories.one_day_told_twice(("2025-10-20", "on October 20"), ("2025-10-22", "the next day"), thresholds)


def test_two_named_days_a_day_apart_are_two_days(thresholds):
    assert not stories.one_day_told_twice(("2025-10-20", "on October 20"), ("2025-10-21", "October 21, 2025"),
                                          thresholds)
    assert not stories.one_day_told_twice(("2025-10-20", None), ("2025-10-21", None), thresholds)


def test_days_a_week_apart_or_equal_are_never_one_day_told_twice(thresholds):
    assert not stories.one_day_told_twice(("2025-10-20", "on Monday"), ("2025-10-27", "on Monday"), thresholds)
    assert not stories.one_day_told_twice(("2025-10-20", "yesterday"), ("2025-10-20", "on Monday"), thresholds)
    assert not stories.one_day_told_twice((None, "recently"), ("2025-10-20", "on Monday"), thresholds)


def copy_doc(name: str, published: str) -> Document:
    """A copy of the fixture story (original and copy.txt are near copies: one story)."""
    return Document(doc=name, text=fixture_doc(name).text, published=published, outlet=f"{name}.example",
                    content_hash=f"hash-{name}")


def dated(doc: str, day: str, words: str | None, type_: str = "CONSULT", start: int = 0) -> Event:
    found = event("CHL", "PER", type_, day)
    found.doc, found.date_text, found.sentence_start, found.sentence_end = doc, words, start, start + 10
    return found


@pytest.fixture
def story_store(db_url):
    with Store(db_url) as opened:
        yield opened


def test_one_event_told_yesterday_by_copies_published_a_day_apart_is_stored_once(story_store):
    story_store.add(copy_doc("original", "2025-03-04"), [dated("original", "2025-03-03", "yesterday")])
    joined = story_store.add(copy_doc("copy", "2025-03-05"), [dated("copy", "2025-03-04", "yesterday")])
    assert (joined.new_events, joined.merged_events) == (0, 1)
    stored = story_store.events(EventQuery())
    assert len(stored) == 1 and stored[0].mention_count == 2


def test_the_merged_event_keeps_the_date_told_most_precisely(story_store):
    story_store.add(copy_doc("original", "2025-03-05"), [dated("original", "2025-03-04", "yesterday")])
    story_store.add(copy_doc("copy", "2025-03-05"), [dated("copy", "2025-03-03", "on Monday")])
    stored = story_store.events(EventQuery())
    assert [(e.date, e.date_text) for e in stored] == [("2025-03-03", "on Monday")]


def test_two_meetings_a_week_apart_in_one_story_stay_two_events(story_store):
    story_store.add(copy_doc("original", "2025-03-04"), [dated("original", "2025-03-03", "on Monday")])
    story_store.add(copy_doc("copy", "2025-03-11"), [dated("copy", "2025-03-10", "on Monday")])
    assert sorted(e.date for e in story_store.events(EventQuery())) == ["2025-03-03", "2025-03-10"]


def test_two_absolute_dates_a_day_apart_stay_two_events(story_store):
    story_store.add(copy_doc("original", "2025-03-04"), [dated("original", "2025-03-03", "on March 3")])
    story_store.add(copy_doc("copy", "2025-03-05"), [dated("copy", "2025-03-04", "on March 4")])
    assert story_store.count_events(EventQuery()) == 2


def test_a_copy_reporting_two_days_keeps_its_other_day_apart(story_store):
    story_store.add(copy_doc("original", "2025-03-04"), [dated("original", "2025-03-03", "on March 3")])
    # The copy tells Wednesday's talks first, then Monday's: Monday joins the stored event, Wednesday stays apart.
    story_store.add(copy_doc("copy", "2025-03-06"), [dated("copy", "2025-03-05", "on Wednesday", start=0),
                                                     dated("copy", "2025-03-03", "on Monday", start=50)])
    assert sorted(e.date for e in story_store.events(EventQuery())) == ["2025-03-03", "2025-03-05"]


def test_a_date_equally_near_two_stored_events_joins_neither(story_store):
    story_store.add(copy_doc("original", "2025-03-06"), [dated("original", "2025-03-03", "on March 3"),
                                                         dated("original", "2025-03-05", "on March 5", start=50)])
    story_store.add(copy_doc("copy", "2025-03-06"), [dated("copy", "2025-03-04", "two days ago")])
    assert story_store.count_events(EventQuery()) == 3


WORDINGS = ("Reports say Alpha{i} met Beta{i} over the {story}.", "Yesterday Alpha{i} and Beta{i} discussed {story}.",
            "So Beta{i} told Alpha{i} about {story} again.")


def names_text(names: range, story: str, wording: int = 0) -> str:
    """An article naming Alpha<i> and Beta<i> for each i, with the story's own words and no figures or quotes."""
    return " ".join(WORDINGS[(i + wording) % 3].format(i=i, story=story) for i in names)


def test_topic_words_are_rarer_lower_case_words_not_names_nor_everyday_words():
    found = stories.topic_words("Ministers said the Ceasefire began as observers watched tariffs in Putrajaya.")
    assert {"w:observers", "w:tariffs"} <= found
    assert not {"w:said", "w:the", "w:ceasefire", "w:putrajaya"} & found


def test_split_topic_parts_a_set_of_invariants_and_topic_words_as_they_were():
    printed = stories.fingerprint(Document(doc="a", text="Talks in Geneva: 1234 observers said \"peace now\"."))
    assert printed.topic and printed.invariants
    assert stories.split_topic(sorted(printed.invariants | printed.topic)) == (printed.invariants, printed.topic)


def test_independent_reports_of_one_event_in_their_own_words_join_on_their_topic(thresholds):
    truce = "ceasefire observers, artillery, shelling, frontier villagers"
    one = stories.fingerprint(Document(doc="a", text=names_text(range(6), truce) + " They counted 1234 and 5678.",
                                       published="2025-05-03"))
    other = stories.fingerprint(Document(doc="b", text=names_text(range(4), truce, 1)
                                         + " Then Gamma1 and Delta2 saw 4321 and 8765.", published="2025-05-04"))
    assert not stories.facts_agree(one.invariants, other.invariants, thresholds)
    assert stories.match_kind(other, one, thresholds)[0] == "spun"
    raid = stories.fingerprint(Document(doc="c", text=names_text(range(4), "cattle raid, herdsmen, rustlers, hay", 1)
                                        + " Then Gamma1 and Delta2 saw 4321 and 8765.", published="2025-05-04"))
    assert stories.match_kind(raid, one, thresholds) is None


def test_reports_of_one_event_sharing_most_names_join_and_a_story_recalling_it_does_not(thresholds):
    pact = [event("BRA", "ARG", "SUPPORT", "2026-03-02")]
    one = stories.fingerprint(Document(doc="a", text=names_text(range(6), "deal") + " They counted 1234 and 5678.",
                                       published="2026-03-02"), pact)
    undated = [event("BRA", "ARG", "SUPPORT", None)]
    retold = stories.fingerprint(Document(doc="b", text=names_text(range(5), "accord", 1)
                                          + " Then Gamma1 saw 4321 and 8765.", published="2026-03-03"), undated)
    assert stories.match_kind(retold, one, thresholds)[0] == "spun"
    recalled = stories.fingerprint(Document(doc="c", text=names_text(range(3), "visit", 2)
                                            + " Then Gamma1, Gamma2, Gamma3, Gamma4 and Gamma5 saw 4321 and 8765.",
                                            published="2026-03-04"), pact)
    assert stories.overlap(recalled.invariants, one.invariants) >= thresholds.spun_match
    assert stories.match_kind(recalled, one, thresholds) is None

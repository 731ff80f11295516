"""Story clustering: which articles are copies of one story, which copy is canonical, how many sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipwatch import stories
from dipwatch.models import Actor, Document, Event

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


def test_names_alone_match_when_both_copies_appeared_within_days(thresholds):
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

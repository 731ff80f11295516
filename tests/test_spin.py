"""The spun-text detector: each mark of a synonym spinner, and its precision and recall on fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipwatch.clean import clean
from dipwatch.models import RawInput
from dipwatch.spin import (
    acronym_misfits,
    bent_titles,
    build_collocations,
    detect_spin,
    load_spin_settings,
    rare_words,
    swapped_collocations,
)

FIXTURES = Path(__file__).parent / "fixtures" / "clean" / "spin"
CLEAN = sorted(FIXTURES.glob("clean_*.txt"))
SPUN = sorted(FIXTURES.glob("spun_*.txt"))
# The second set: spun copies of paragraphs on other topics (light to heavy spin) and clean hard negatives
# (jargon, rare words, non-native English, names, quotes, look-alike phrases such as "media conference").
DEV_CLEAN = sorted((FIXTURES / "dev").glob("clean_*.txt"))
DEV_SPUN = sorted((FIXTURES / "dev").glob("spun_*.txt"))
# The third: five pairs written after the detector's lists, spun without looking at them (recall 0.4 then).
BLIND_CLEAN = sorted((FIXTURES / "blind").glob("clean_*.txt"))
BLIND_SPUN = sorted((FIXTURES / "blind").glob("spun_*.txt"))


@pytest.fixture(scope="module")
def settings():
    return load_spin_settings()


def test_an_acronym_whose_written_out_name_no_longer_fits_it_is_evidence(settings):
    text = "Officials of the Baltic Shipping Security Council (BSCC) met on Monday."
    assert acronym_misfits(text, settings) == [("Baltic Shipping Security Council", "BSCC", "acronym")]


@pytest.mark.parametrize("text", [
    "The Office of the United Nations High Commissioner for Human Rights (OHCHR) said so.",
    "The Democratic People's Republic of Korea (DPRK) said so.",
    "The Organization for Security and Co-operation in Europe (OSCE) said so.",
    "The charity Doctors Without Borders (MSF) said so.",  # a French acronym: not a bent name
    "Fighters of the Islamic State (ISIS) said so.",  # a short form of a longer name
])
def test_acronyms_that_fit_or_come_from_another_language_are_not_evidence(settings, text):
    assert acronym_misfits(text, settings) == []


def test_a_known_acronym_given_with_a_swapped_name_is_evidence(settings):
    [(name, acronym, reason)] = acronym_misfits("the World Fitness Group (WHO) warned", settings)
    assert (name, acronym, reason) == ("World Fitness Group", "WHO", "name")


@pytest.mark.parametrize(("text", "bent"), [
    ("Japanese High Minister Sato arrived", ["Japanese High Minister"]),  # "Prime" swapped for "High"
    ("South Korean Protection Minister Kim said", ["South Korean Protection Minister"]),  # "Defence"
    ("Minister of Herbal Assets and Shape Ivan Petrov led", ["Minister of Herbal Assets and Shape Ivan Petrov"]),
])
def test_government_titles_bent_out_of_the_vocabulary_of_portfolios_are_evidence(settings, text, bent):
    assert bent_titles(text, settings) == bent


@pytest.mark.parametrize("text", [
    "Japanese Prime Minister Sato", "Consumer Protection Minister Dube", "Foreign Affairs Secretary Abad",
    "Secretary of State Laura Whitfield", "Minister of Economy, Trade and Industry Ken Sato",
    "Northern Ireland Secretary Mark Wells", "Minister of Natural Resources and Ecology Alexander Kozlov",
])
def test_real_government_titles_are_not_evidence(settings, text):
    assert bent_titles(text, settings) == []


def test_a_single_bent_title_alone_does_not_make_a_text_spun(settings):
    result = detect_spin("Japanese High Minister Sato arrived in Delhi on Monday for talks.", settings)
    assert result.score > 0 and not result.spun


def test_rare_words_outside_quotations_are_counted(settings):
    text = 'The prexy spoke of "endmost" plans and forenamed talks.'
    assert rare_words(text, settings) == ["prexy", "forenamed"]


def test_a_text_full_of_rare_words_scores(settings):
    text = " ".join(["The prexy met the forenamed envoys and the talks went well for both sides."] * 6)
    assert "rare words" in detect_spin(text, settings).evidence[0]


def classify(paths: list[Path], settings) -> list[bool]:
    return [detect_spin(p.read_text(encoding="utf-8"), settings).spun for p in paths]


def test_precision_and_recall_on_clean_and_spun_fixtures_stay_above_their_floors(settings):
    spun_called_spun = sum(classify(SPUN, settings))
    clean_called_spun = sum(classify(CLEAN, settings))
    precision = spun_called_spun / (spun_called_spun + clean_called_spun)
    recall = spun_called_spun / len(SPUN)
    assert len(CLEAN) == len(SPUN) == 6
    assert precision >= 0.9  # measured 1.0 (6/6); see benchmarks/bench_clean.py
    assert recall >= 0.8  # measured 1.0 (6/6)


def test_clean_sets_the_spun_flag_and_its_evidence_on_the_document():
    text = (FIXTURES / "spun_health.txt").read_text(encoding="utf-8")
    doc = clean(RawInput(doc="s", content="Ebola Outbreak Contained\n\n" + text, format="text", origin="s"))
    assert doc.spun
    assert any("World Fitness Group" in e for e in doc.spun_evidence)


def forms(text, settings) -> list[str]:
    return [form for form, _, _ in swapped_collocations(text, settings.collocations)]


@pytest.mark.parametrize(("text", "form", "phrase"), [
    ("Ethiopian Premier Minister Abiy Ahmed", "premier minister", "prime minister"),
    ("said at a joint media convention", "media convention", "press conference"),  # a weak and a strong swap
    ("the overseas ministry summoned the envoy", "overseas ministry", "foreign ministry"),
    ("workers known as for a strike", "known as for", "called for"),
    ("the talks, in step with the report", "in step with", "according to"),
])
def test_a_stock_phrase_with_a_word_swapped_for_a_thesaurus_neighbour_is_found(settings, text, form, phrase):
    [(found, stock, swaps)] = swapped_collocations(text, settings.collocations)
    assert (found, stock) == (form, phrase) and swaps


@pytest.mark.parametrize("text", [
    "Prime Minister Abiy told reporters at a press conference last week.",
    "Australia's top diplomat told a media conference it was the final week of talks.",  # weak swaps alone
    "The two leaders signed a joint declaration on international affairs.",  # idiomatic forms
    "Prices rose in the subsequent month.",  # "next month" only without an article
    '"We will lend a hand to other folks in step with the times," he said.',  # inside a quotation
])
def test_stock_phrases_and_their_idiomatic_variants_are_not_evidence(settings, text):
    assert forms(text, settings) == []


def test_a_bare_time_phrase_with_a_swapped_word_is_found(settings):
    assert forms("The drills will start subsequent month.", settings) == ["subsequent month"]


def test_the_expansion_skips_forms_that_are_stock_phrases_themselves():
    data = {"phrases": ["news agency", "intelligence agency", "{who} said"], "classes": {"who": ["officials"]},
            "thesaurus": {"news": ["information", "intelligence"], "said": ["mentioned", "~stated"]}}
    collocations = build_collocations(data)
    assert ("information", "agency") in collocations.forms
    assert ("intelligence", "agency") not in collocations.forms  # a stock phrase, not a spun "news agency"
    assert ("officials", "mentioned") in collocations.forms
    assert ("officials", "stated") not in collocations.forms  # a weak swap alone


def test_a_single_use_neighbour_makes_only_forms_with_no_other_swap():
    data = {"phrases": ["press conference"], "thesaurus": {"press": ["~media"], "conference": ["convention"]}}
    collocations = build_collocations(data, single={"press": ["wardrobe"]})
    assert ("wardrobe", "conference") in collocations.forms
    assert ("wardrobe", "convention") not in collocations.forms
    assert ("media", "convention") in collocations.forms


def test_wordnet_synonyms_of_slot_words_are_read_from_the_data_files(settings):
    assert forms("The Choice Minister arrived.", settings) == ["choice minister"]


def test_one_swapped_phrase_alone_does_not_score(settings):
    result = detect_spin("Ethiopian Premier Minister Abiy Ahmed arrived in Nairobi on Friday for talks.", settings)
    assert not any("swapped collocations" in e for e in result.evidence)


def test_the_same_swap_repeated_counts_once_and_distinct_swaps_add_up(settings):
    repeated = detect_spin("The overseas minister met the overseas ministers of three states.", settings)
    distinct = detect_spin("The overseas minister spoke at a media convention after talks.", settings)
    assert repeated.score == 0
    assert distinct.score == pytest.approx(2 * settings.collocation_weight)  # foreign, conference (press>media is weak)


def test_a_courtesy_title_ends_a_listed_government_title(settings):
    text = "signed by the Minister for Fisheries and Aquaculture, Hon. Abena Osei, and the Minister of Animal Resources"
    assert bent_titles(text, settings) == []


@pytest.mark.parametrize("path", DEV_CLEAN + BLIND_CLEAN, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_clean_news_including_hard_negatives_is_not_called_spun(settings, path):
    result = detect_spin(path.read_text(encoding="utf-8"), settings)
    assert not result.spun, result.evidence


def test_recall_on_spun_copies_of_other_topics_stays_above_its_floor(settings):
    assert len(DEV_SPUN) >= 10 and len(DEV_CLEAN) >= 20
    assert sum(classify(DEV_SPUN, settings)) / len(DEV_SPUN) >= 0.8  # measured 0.82 (9/11)
    assert sum(classify(BLIND_SPUN, settings)) / len(BLIND_SPUN) >= 0.6  # measured 0.6 (3/5)

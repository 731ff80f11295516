"""The spun-text detector: each mark of a synonym spinner, and its precision and recall on fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipwatch.clean import clean
from dipwatch.models import RawInput
from dipwatch.spin import acronym_misfits, bent_titles, detect_spin, load_spin_settings, rare_words

FIXTURES = Path(__file__).parent / "fixtures" / "clean" / "spin"
CLEAN = sorted(FIXTURES.glob("clean_*.txt"))
SPUN = sorted(FIXTURES.glob("spun_*.txt"))


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
    assert precision >= 0.9  # measured 1.0 (4/4); see benchmarks/bench_clean.py
    assert recall >= 0.6  # measured 0.67 (4/6)


def test_clean_sets_the_spun_flag_and_its_evidence_on_the_document():
    text = (FIXTURES / "spun_health.txt").read_text(encoding="utf-8")
    doc = clean(RawInput(doc="s", content="Ebola Outbreak Contained\n\n" + text, format="text", origin="s"))
    assert doc.spun
    assert any("World Fitness Group" in e for e in doc.spun_evidence)

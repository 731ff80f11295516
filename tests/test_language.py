"""Language identification: configured languages, per-block detection, short-text fallback."""

from __future__ import annotations

from dipwatch.language import (
    build_detector,
    detect,
    guess_by_stop_words,
    load_language_settings,
    stop_word_shares,
    stop_words,
)


def test_the_configured_languages_come_from_the_data_file():
    settings = load_language_settings()
    assert {"en", "de", "fr"} <= set(settings.codes)
    assert settings.min_chars == 40


def test_a_paragraph_is_detected_in_its_language():
    settings = load_language_settings()
    detector = build_detector(settings.codes)
    german = "Der Außenminister ist am Mittwoch in der Hauptstadt eingetroffen, wie die Medien berichteten."
    assert detect(german, detector, settings, fallback="en") == "de"


def test_a_short_text_takes_the_fallback_language():
    settings = load_language_settings()
    assert detect("Verwandte Artikel", build_detector(settings.codes), settings, fallback="en") == "en"


def test_the_detector_is_built_once_per_set_of_languages():
    codes = load_language_settings().codes
    assert build_detector(codes) is build_detector(codes)


def test_stop_words_come_from_jusText_lists_and_are_empty_for_unknown_languages():
    assert "the" in stop_words("en") and "und" in stop_words("de")
    assert stop_words("xx") == frozenset()


class _NoLingua:
    """A stand-in detector that fails the test if lingua is asked."""

    def detect_language_of(self, text: str):
        raise AssertionError(f"lingua was asked about {text!r}")


def test_a_paragraph_whose_stop_words_are_clear_is_decided_without_lingua():
    settings = load_language_settings()
    english = "The two ministers said on Monday that they would meet again in the spring to sign the deal."
    french = "Les deux ministres ont indiqué lundi qu'ils se retrouveraient au printemps pour signer l'accord."
    assert detect(english, _NoLingua(), settings) == "en"
    assert detect(french, _NoLingua(), settings) == "fr"


def test_a_headline_has_too_few_words_for_the_stop_word_guess():
    settings = load_language_settings()
    assert guess_by_stop_words("Kenya and Ethiopia sign border trade pact", settings) is None


def test_a_line_whose_stop_words_lean_to_the_expected_language_takes_it_without_lingua():
    settings = load_language_settings()
    names = "Ministers Carla Persaud, Ernesto Salcedo and Tomas Herrera of Guyana, Venezuela and Brazil at the UN"
    assert guess_by_stop_words(names, settings) is None
    assert detect(names, _NoLingua(), settings, expected="en") == "en"


def test_stop_word_shares_rank_the_languages_of_a_text():
    shares = stop_word_shares("Der Minister ist am Mittwoch in der Hauptstadt eingetroffen", ("en", "de", "fr"))
    assert shares[0][1] == "de" and shares[0][0] > shares[1][0]

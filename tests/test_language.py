"""Language identification: configured languages, per-block detection, short-text fallback."""

from __future__ import annotations

from dipwatch.language import build_detector, detect, load_language_settings, stop_words


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

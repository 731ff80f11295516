"""Language identification of documents and blocks (lingua), over a configured set of languages.

    settings = load_language_settings()          # data/clean/languages.toml
    detector = build_detector(settings.codes)    # built once per set of languages, cached
    detect(text, detector, settings, fallback="en")

lingua is accurate on paragraphs but not on a few words: blocks shorter than
``settings.min_chars`` take the ``fallback`` (the document's language) instead.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

LANGUAGES_FILE = "languages.toml"


@dataclass(frozen=True)
class LanguageSettings:
    """Which languages to detect, the stop-word list of each, and the shortest text worth detecting."""

    codes: tuple[str, ...]  # ISO 639-1
    lingua_names: dict[str, str]  # code -> lingua Language member name
    stoplists: dict[str, str]  # code -> jusText stop-word list name ("" where jusText has none)
    min_chars: int = 40


@cache
def load_language_settings(name: str = LANGUAGES_FILE) -> LanguageSettings:
    """Read the language settings shipped in data/clean/ (cached: read once)."""
    text = resources.files("dipwatch").joinpath("data", "clean", name).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    languages = data["languages"]
    return LanguageSettings(
        codes=tuple(languages),
        lingua_names={code: spec["lingua"] for code, spec in languages.items()},
        stoplists={code: spec.get("stoplist", "") for code, spec in languages.items()},
        min_chars=int(data.get("min_chars", 40)),
    )


@cache
def build_detector(codes: tuple[str, ...]) -> LanguageDetector:
    """A lingua detector restricted to ``codes`` (ISO 639-1); built once per set, it is costly."""
    settings = load_language_settings()
    languages = [getattr(Language, settings.lingua_names[code]) for code in codes]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str, detector: LanguageDetector, settings: LanguageSettings,
           fallback: str | None = None) -> str | None:
    """The ISO 639-1 code of ``text``'s language; ``fallback`` for short or undecidable text."""
    if len(text.strip()) < settings.min_chars:
        return fallback
    language = detector.detect_language_of(text)
    if language is None:
        return fallback
    return language.iso_code_639_1.name.lower()


@cache
def stop_words(code: str | None) -> frozenset[str]:
    """jusText's stop words for a language (lower case); empty when none is configured."""
    import justext

    name = load_language_settings().stoplists.get(code or "", "")
    return frozenset(justext.get_stoplist(name)) if name else frozenset()

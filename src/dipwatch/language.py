"""Language identification of documents and blocks (lingua), over a configured set of languages.

    settings = load_language_settings()          # data/clean/languages.toml
    detector = build_detector(settings.codes)    # built once per set of languages, cached
    detect(text, detector, settings, fallback="en")

lingua is accurate on paragraphs but not on a few words: blocks shorter than
``settings.min_chars`` or ``settings.min_words`` take the ``fallback`` (the document's language)
instead. lingua costs ~1 ms a paragraph, so a paragraph whose stop words clearly belong to one
language (``guess_by_stop_words``) is decided without it; lingua settles the rest (close
languages, languages without a stop-word list, lines of names).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

LANGUAGES_FILE = "languages.toml"
WORDS = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


@dataclass(frozen=True)
class LanguageSettings:
    """Which languages to detect, the stop-word list of each, and the shortest text worth detecting."""

    codes: tuple[str, ...]  # ISO 639-1
    lingua_names: dict[str, str]  # code -> lingua Language member name
    stoplists: dict[str, str]  # code -> jusText stop-word list name ("" where jusText has none)
    min_chars: int = 40
    min_words: int = 8
    guess_min_density: float = 0.15  # stop-word share a paragraph needs for the stop-word guess
    guess_margin: float = 1.5  # ... and how many times the runner-up language's share it must be
    guess_min_stop_words: int = 4  # ... and how many of its stop words at least


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
        min_words=int(data.get("min_words", 8)),
        guess_min_density=float(data.get("guess_min_density", 0.15)),
        guess_margin=float(data.get("guess_margin", 1.5)),
        guess_min_stop_words=int(data.get("guess_min_stop_words", 4)),
    )


@cache
def build_detector(codes: tuple[str, ...]) -> LanguageDetector:
    """A lingua detector restricted to ``codes`` (ISO 639-1); built once per set, it is costly."""
    settings = load_language_settings()
    languages = [getattr(Language, settings.lingua_names[code]) for code in codes]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str, detector: LanguageDetector, settings: LanguageSettings,
           fallback: str | None = None, expected: str | None = None) -> str | None:
    """The ISO 639-1 code of ``text``'s language; ``fallback`` for short or undecidable text.

    ``expected`` (the document's language, when known) is taken without asking lingua when no
    other language's stop words outnumber its own in the text.
    """
    if len(text.strip()) < settings.min_chars or len(text.split()) < settings.min_words:
        return fallback
    words = WORDS.findall(text)
    shares = _shares(words, settings.codes)
    guess = _clear_guess(shares, len(words), settings)
    if guess:
        return guess
    if expected and shares and shares[0][0] > 0 and (shares[0][0], expected) in shares:
        return expected  # no language's stop words outnumber the expected language's
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


def guess_by_stop_words(text: str, settings: LanguageSettings) -> str | None:
    """The language whose stop words make up a clear share of ``text`` and far more than any other's; else None.

    Hand-written fast path: function words identify ordinary prose reliably and cost microseconds,
    where lingua costs about a millisecond a paragraph (most of the cleaning time before).
    """
    words = WORDS.findall(text)
    return _clear_guess(_shares(words, settings.codes), len(words), settings)


def stop_word_shares(text: str, codes: tuple[str, ...]) -> list[tuple[float, str]]:
    """(share of ``text``'s words that are stop words of a language, its code), largest first."""
    return _shares(WORDS.findall(text), codes)


def _shares(words: list[str], codes: tuple[str, ...]) -> list[tuple[float, str]]:
    index = _stop_word_languages(codes)
    counts = dict.fromkeys(index.get("", ()), 0)
    for word in words:
        for code in index.get(word.lower(), ()):
            counts[code] += 1
    return sorted(((count / len(words), code) for code, count in counts.items()), reverse=True) if words else []


def _clear_guess(shares: list[tuple[float, str]], words: int, settings: LanguageSettings) -> str | None:
    # a headline or a menu row has too few words, and too few function words, to tell
    if not shares or words < settings.min_words:
        return None
    best, code = shares[0]
    runner_up = shares[1][0] if len(shares) > 1 else 0.0
    clear = best >= settings.guess_min_density and best >= settings.guess_margin * runner_up
    return code if clear and best * words >= settings.guess_min_stop_words else None


@cache
def _stop_word_languages(codes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each stop word -> the languages (of ``codes``) it is a stop word of; "" -> every language with a list."""
    index: dict[str, list[str]] = {"": [code for code in codes if stop_words(code)]}
    for code in index[""]:
        for word in stop_words(code):
            index.setdefault(word, []).append(code)
    return {word: tuple(languages) for word, languages in index.items()}

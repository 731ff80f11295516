"""Stories: grouping exact copies, near copies, rewrites and spun copies of one news story.

Every article gets a :class:`Fingerprint`:

    text_hash        sha256 of the normalised cleaned text            exact copies
    text_sig         MinHash of its 3-word shingles                   near copies and rewrites
    invariants       names, numbers, dates, quotes, event signatures  spun copies (words swapped)
    inv_sig          MinHash of the invariants
    topic            rarer lower-case words (what the story is about)  own-words reports, translations
    keys             LSH band keys of both signatures                 candidate look-up

The store keeps fingerprints in the database, so that a new article finds its story across runs by
looking up its band keys (:func:`band_keys`) and verifying the candidates with :func:`match_kind`.
:class:`StoryIndex` does the same in memory (benchmarks, batch jobs). Thresholds live in
``data/stories/thresholds.toml``.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import numpy as np
from datasketch import MinHash, MinHashLSH
from wordfreq import zipf_frequency

from dipwatch import dates
from dipwatch.models import Document, Event

StoryId = TypeVar("StoryId")  # a story's number in memory, its id in the store

#: Types whose two actors play the same part: "A met B" is "B met A".
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_QUOTE = re.compile(r"[\"“”«»„]([^\"“”«»„]{3,200})[\"“”«»„]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*\w")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*[a-z]\b")
_FACT_KINDS = ("d:", "q:", "e:")  # invariant prefixes of numbers, quoted word pairs, event signatures
_TOPIC = "w:"  # prefix of topic words, which the store keeps beside the invariants


@dataclass(frozen=True)
class Thresholds:
    """Story clustering settings, read from data/stories/thresholds.toml (explained there)."""

    num_perm: int = 64
    shingle_words: int = 3
    near_candidate: float = 0.2
    near_match: float = 0.35
    spun_candidate: float = 0.15
    spun_match: float = 0.5
    min_invariants: int = 8
    max_candidates: int = 50
    name_max_zipf: float = 4.5
    min_shared_facts: int = 2
    fact_match: float = 0.3
    names_only_match: float = 0.8
    event_names_match: float = 0.6
    topic_match: float = 0.5
    topic_max_zipf: float = 5.0
    topic_min_letters: int = 4
    topic_min_words: int = 5
    max_days_apart: int = 7
    event_max_days_apart: int = 2
    date_precision: dict[str, int] = field(default_factory=dict)  # date-expression kind -> rank


@cache
def load_thresholds() -> Thresholds:
    """The packaged thresholds (read once)."""
    raw = tomllib.loads((resources.files("dipwatch") / "data" / "stories" / "thresholds.toml").read_text("utf-8"))
    return Thresholds(
        num_perm=raw["minhash"]["num_perm"], shingle_words=raw["minhash"]["shingle_words"],
        near_candidate=raw["near_copy"]["candidate"], near_match=raw["near_copy"]["match"],
        spun_candidate=raw["spun_copy"]["candidate"], spun_match=raw["spun_copy"]["match"],
        min_invariants=raw["spun_copy"]["min_invariants"], max_candidates=raw["spun_copy"]["max_candidates"],
        name_max_zipf=raw["spun_copy"]["name_max_zipf"], min_shared_facts=raw["spun_copy"]["min_shared_facts"],
        fact_match=raw["spun_copy"]["fact_match"], names_only_match=raw["spun_copy"]["names_only_match"],
        event_names_match=raw["spun_copy"]["event_names_match"], topic_match=raw["topic"]["match"],
        topic_max_zipf=raw["topic"]["max_zipf"], topic_min_letters=raw["topic"]["min_letters"],
        topic_min_words=raw["topic"]["min_words"],
        max_days_apart=raw["spun_copy"]["max_days_apart"],
        event_max_days_apart=raw["event_merge"]["max_days_apart"],
        date_precision=dict(raw["event_merge"]["date_precision"]),
    )


@cache
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)  # datasketch picks the (bands, rows) optimum
    return lsh.b, lsh.r


@cache
def _permutations(num_perm: int) -> tuple[Any, str]:
    # Drawing the permutations costs more than hashing a short article: draw them once (same seed).
    template = MinHash(num_perm=num_perm)
    return template.permutations, template.scheme


@dataclass
class Fingerprint:
    """What the clustering compares about one article."""

    text_hash: str
    text_sig: np.ndarray  # MinHash hash values (uint64)
    invariants: frozenset[str]
    inv_sig: np.ndarray
    keys: list[int] = field(default_factory=list)  # LSH band keys, text and invariant signatures
    published: str | None = None  # YYYY-MM-DD
    topic: frozenset[str] = frozenset()  # "w:" + rarer lower-case words (topic_words)


def normalise_text(text: str) -> str:
    """Lower-case words only, single-spaced: what two exact copies share whatever their typography."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded))


def text_hash(text: str) -> str:
    """sha256 of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[bytes]:
    """Overlapping ``size``-word shingles of the normalised text."""
    words = normalise_text(text).split()
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def invariants(text: str, events: Iterable[Event] = (), thresholds: Thresholds | None = None) -> frozenset[str]:
    """What spinning leaves alone: rare names, numbers, quoted phrases, and the events' signature.

    Names are capitalised words that do not open a sentence (a spinner rewrites sentence openers too) and
    are not common words (wordfreq Zipf frequency below ``name_max_zipf``: "Minister", "March", "Russia"
    appear in every story and would make different stories look alike). Numbers of one digit and
    single quoted words carry too little; quotes count as word pairs.
    """
    t = thresholds or load_thresholds()
    found: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        name = match.group().casefold().replace("’", "'")
        if match.start() > 0 and not _SENTENCE_START.search(text[max(0, match.start() - 3):match.start()]) \
                and _zipf(name) < t.name_max_zipf:
            found.add("n:" + name)
    found.update("d:" + n.rstrip(".,") for n in _NUMBER.findall(text) if len(n.rstrip(".,")) > 1)
    for quote in _QUOTE.findall(text):
        words = normalise_text(quote).split()
        found.update(f"q:{a} {b}" for a, b in zip(words, words[1:], strict=False))
    for event in events:
        found.add("e:" + event_signature(event))
    return frozenset(found)


@cache
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def topic_words(text: str, thresholds: Thresholds | None = None) -> frozenset[str]:
    """What the article is about: its lower-case words of ``topic_min_letters`` letters or more that are rarer
    than everyday words (wordfreq Zipf below ``topic_max_zipf``), as "w:" tokens.

    Names are left out (capitalised: see :func:`invariants`): two stories about the same people share them. A
    rewrite or a translated-and-back copy keeps most of these words ("ceasefire", "observers", "tariffs"); a
    spinner swaps some; another event between the same countries brings its own ("raid", "herders").
    """
    t = thresholds or load_thresholds()
    return frozenset(_TOPIC + w for w in _LOWER_WORD.findall(text)
                     if len(w) >= t.topic_min_letters and _zipf(w) < t.topic_max_zipf)


def split_topic(tokens: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Invariants and topic words back apart, from one set holding both (as the store keeps them)."""
    found = frozenset(tokens)
    topic = frozenset(t for t in found if t.startswith(_TOPIC))
    return found - topic, topic


def event_signature(event: Event) -> str:
    """Actors, type and date of an event, in the order that makes symmetric types match either way."""
    source, target = event.source.code, event.target.code
    if event.type in SYMMETRIC_TYPES:
        source, target = sorted((source, target))
    return f"{source}>{target}:{event.type}:{event.date or ''}"


def minhash(tokens: Iterable[bytes], num_perm: int) -> np.ndarray:
    """MinHash signature of a set of tokens."""
    permutations, scheme = _permutations(num_perm)
    sig = MinHash(num_perm=num_perm, permutations=permutations, scheme=scheme)
    sig.update_batch(list(tokens))
    return sig.hashvalues


def fingerprint(doc: Document, events: Sequence[Event] = (), thresholds: Thresholds | None = None) -> Fingerprint:
    """Fingerprint of an article (its cleaned text and its events)."""
    t = thresholds or load_thresholds()
    inv = invariants(doc.text, events, t)
    fp = Fingerprint(
        text_hash=text_hash(doc.text),
        text_sig=minhash(shingles(doc.text, t.shingle_words), t.num_perm),
        invariants=inv,
        inv_sig=minhash((i.encode() for i in inv), t.num_perm),
        published=doc.published,
        topic=topic_words(doc.text, t),
    )
    fp.keys = band_keys(fp, t)
    return fp


def band_keys(fp: Fingerprint, thresholds: Thresholds) -> list[int]:
    """LSH band keys: two articles sharing one key are candidates.

    Hand-written rather than datasketch's MinHashLSH object because the keys must live in the database
    (to persist across runs and commit with their document); the bands are datasketch's own choice.
    """
    keys = _keys(b"t", fp.text_sig, *_bands(thresholds.near_candidate, thresholds.num_perm))
    if len(fp.invariants) >= thresholds.min_invariants:
        keys += _keys(b"i", fp.inv_sig, *_bands(thresholds.spun_candidate, thresholds.num_perm))
    return keys


def _keys(kind: bytes, sig: np.ndarray, bands: int, rows: int) -> list[int]:
    keys = []
    for band in range(bands):
        chunk = sig[band * rows:(band + 1) * rows].tobytes()
        digest = hashlib.blake2b(kind + bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))  # fits a BIGINT column
    return keys


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity estimated from two MinHash signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared share of the smaller set (a spun copy may drop a few names; a longer rewrite adds some)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def match_kind(new: Fingerprint, old: Fingerprint, thresholds: Thresholds) -> tuple[str, float] | None:
    """How ``new`` copies ``old`` ("exact", "near", "spun") with a score, or None when it does not.

    "spun" covers every copy matched on invariants (spun copies, heavy rewrites, translated copies, independent
    reports): half of the smaller invariant set shared, publication dates (when known) within ``max_days_apart``,
    and more than names: the facts agree (:func:`facts_agree`), or the topic words do, or both report one event
    and share most names, or (an article too short in facts) nearly every name is shared. Names alone are not
    enough: two stories about the same countries in the same week share their countries, officials and cities,
    and differ in what happened.
    """
    if new.text_hash == old.text_hash:
        return "exact", 1.0
    similarity = estimated_jaccard(new.text_sig, old.text_sig)
    if similarity >= thresholds.near_match:
        return "near", similarity
    if min(len(new.invariants), len(old.invariants)) < thresholds.min_invariants:
        return None
    apart = days_apart(new.published, old.published)
    if apart is not None and apart > thresholds.max_days_apart:
        return None  # the same people a week or more later: another story
    shared = overlap(new.invariants, old.invariants)
    if shared < thresholds.spun_match:
        return None
    if facts_agree(new.invariants, old.invariants, thresholds) or _same_topic(new, old, thresholds) \
            or _same_event(new, old, shared, thresholds) or _names_suffice(new, old, shared, apart, thresholds):
        return "spun", shared
    return None


def best_story(new: Fingerprint, candidates: Iterable[tuple[Fingerprint, StoryId]],
               thresholds: Thresholds) -> StoryId | None:
    """The story of the candidate that ``new`` copies most closely (:func:`match_kind`'s score; the first on a
    tie), or None when it copies none of them. ``candidates``: (fingerprint, its story) pairs."""
    best: tuple[float, StoryId] | None = None
    for old, story in candidates:
        found = match_kind(new, old, thresholds)
        if found and (best is None or found[1] > best[0]):
            best = (found[1], story)
    return best[1] if best else None


def facts(found: frozenset[str]) -> frozenset[str]:
    """The invariants that tell what happened rather than who took part: numbers, quoted words, event signatures."""
    return frozenset(i for i in found if i.startswith(_FACT_KINDS))


def shared_facts(a: frozenset[str], b: frozenset[str]) -> int:
    """How many facts of ``a`` are in ``b``; event signatures compare with their dates compatible (equal, or one
    unknown: one copy may not tell the day)."""
    plain = {f for f in facts(a) if not f.startswith("e:")} & b
    return len(plain) + len(_shared_events(a, b))


def _shared_events(a: frozenset[str], b: frozenset[str]) -> list[str]:
    other = [f.rsplit(":", 1) for f in b if f.startswith("e:")]
    found = []
    for signature in (f for f in a if f.startswith("e:")):
        key, day = signature.rsplit(":", 1)
        if any(key == k and dates_compatible(day or None, d or None) for k, d in other):
            found.append(signature)
    return found


def facts_agree(a: frozenset[str], b: frozenset[str], thresholds: Thresholds) -> bool:
    """Whether two articles report the same facts: ``min_shared_facts`` shared, and ``fact_match`` of the smaller
    fact set (a spun copy keeps all its figures and quotes; another story about the same people shares a year or
    a background figure at most)."""
    smaller = min(len(facts(a)), len(facts(b)))
    common = min(shared_facts(a, b), shared_facts(b, a))
    return common >= thresholds.min_shared_facts and common / smaller >= thresholds.fact_match


def _same_topic(new: Fingerprint, old: Fingerprint, thresholds: Thresholds) -> bool:
    """Independent reports and translated copies keep the story's own words: ``topic_match`` of the smaller set."""
    enough = min(len(new.topic), len(old.topic)) >= thresholds.topic_min_words
    return enough and overlap(new.topic, old.topic) >= thresholds.topic_match


def _same_event(new: Fingerprint, old: Fingerprint, shared: float, thresholds: Thresholds) -> bool:
    """Two reports of one event by the same people: an event signature in common and most names shared (a story
    that only recalls another's event brings people and places of its own)."""
    return shared >= thresholds.event_names_match and bool(_shared_events(new.invariants, old.invariants))


def _names_suffice(new: Fingerprint, old: Fingerprint, shared: float, apart: int | None,
                   thresholds: Thresholds) -> bool:
    """An article with too few facts to compare (a brief without figures or quotes) may match on names alone,
    when nearly all of them are shared and both were published within days."""
    too_few = min(len(facts(new.invariants)), len(facts(old.invariants))) < thresholds.min_shared_facts
    return too_few and apart is not None and shared >= thresholds.names_only_match


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two YYYY-MM-DD dates, or None when either is unknown or malformed."""
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) if a and b else None
    except ValueError:
        return None


def signature_bytes(sig: np.ndarray) -> bytes:
    """A signature as bytes for storage."""
    return sig.astype(np.uint64).tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """A stored signature back as hash values."""
    return np.frombuffer(data, dtype=np.uint64)


# ---------------------------------------------------------------------------
# Canonical copy, independent sources, event merging
# ---------------------------------------------------------------------------


def source_key(outlet: str | None, original_source: str | None, doc: str) -> str:
    """Who a copy really comes from: the original source it names, else its outlet, else itself.

    Site names and domains of one outlet compare equal: "The Meridian Wire", "www.meridianwire.com" and
    "meridianwire.com/news" all give "meridianwire".
    """
    name = (original_source or outlet or "").casefold().strip()
    name = re.sub(r"^(https?://)?(www\.)?", "", name).split("/")[0]
    name = re.sub(r"\.(com|org|net|info|news|co|gov|int)(\.[a-z]{2})?$|\.[a-z]{2}$", "", name)
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"\W+", "", name) or f"doc:{doc}"


def is_secondary(spun: bool, farm_signals: Sequence[str]) -> bool:
    """Spun and content-farm copies never count as a source of their own nor as the canonical copy."""
    return spun or bool(farm_signals)


def canonical_rank(doc: Document | CopyInfo) -> tuple:
    """Sort key: the canonical article sorts first (first-hand, not spun/farm, earliest, then by id)."""
    republished = bool(doc.original_source) and source_key(doc.outlet, None, doc.doc) != source_key(
        None, doc.original_source, doc.doc)
    return (is_secondary(doc.spun, doc.farm_signals), republished, doc.published or "9999-99-99", doc.doc)


@dataclass(frozen=True)
class CopyInfo:
    """The facts about one copy that canonical choice and source counting need."""

    doc: str
    outlet: str | None = None
    original_source: str | None = None
    published: str | None = None
    spun: bool = False
    farm_signals: tuple[str, ...] = ()


def independent_sources(copies: Iterable[CopyInfo]) -> int:
    """Number of independent sources among the copies reporting an event.

    Copies naming one original source (or one outlet) count once; spun and content-farm copies add
    nothing, except that an event reported only by such copies still has one source.
    """
    copies = list(copies)
    first_hand = {source_key(c.outlet, c.original_source, c.doc) for c in copies
                  if not is_secondary(c.spun, c.farm_signals)}
    return max(len(first_hand), 1 if copies else 0)


def actor_pair(event_type: str, source: str, target: str) -> tuple[str, str]:
    """The actor pair as stored for matching: sorted for symmetric types."""
    if event_type in SYMMETRIC_TYPES:
        return tuple(sorted((source, target)))  # type: ignore[return-value]
    return source, target


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Same date, or one of them unknown."""
    return a is None or b is None or a == b


def date_precision(day: str | None, words: str | None, thresholds: Thresholds | None = None) -> int:
    """How precisely a report fixes its event's day (data/stories/thresholds.toml, [event_merge]).

    An absolute date ranks highest, then a weekday, then a day counted from publication ("yesterday"), then
    one chained from another date ("the previous day"); a date given without its words counts as absolute,
    an unknown date below every rank.
    """
    t = thresholds or load_thresholds()
    if day is None:
        return -1
    found = dates.find_expressions(words) if words else []
    if not found:
        return max(t.date_precision.values())
    return max(t.date_precision.get(expr.kind, 0) for expr in found)


def one_day_told_twice(a: tuple[str | None, str | None], b: tuple[str | None, str | None],
                       thresholds: Thresholds | None = None) -> bool:
    """Whether two different known dates (date, date words) of two copies' reports may be one day.

    They may when they are at most ``event_max_days_apart`` days apart and at least one of them was read from
    words that do not name the day (a weekday, "yesterday", "the previous day"), resolved against its own
    copy's publication date or narration: a copy republished a day later shifts "yesterday" by a day. Two
    absolute dates that differ are two days; a week apart is two events whatever the words.
    """
    t = thresholds or load_thresholds()
    apart = days_apart(a[0], b[0])
    if not apart or apart > t.event_max_days_apart:
        return False
    absolute = max(t.date_precision.values())
    return min(date_precision(*a, t), date_precision(*b, t)) < absolute


def more_precise(a: str | None, b: str | None) -> str | None:
    """The more precise of two values of the same fact: a known value beats none, longer beats shorter."""
    if not a:
        return b
    if not b:
        return a
    return b if len(b) > len(a) else a


# ---------------------------------------------------------------------------
# In-memory index: the same clustering as the store, without a database
# ---------------------------------------------------------------------------


class StoryIndex:
    """Assigns fingerprints to stories in memory (band keys in a dict)."""

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        self.thresholds = thresholds or load_thresholds()
        self._by_key: dict[int, list[int]] = {}
        self._by_hash: dict[str, int] = {}
        self._prints: list[Fingerprint] = []
        self.story_of: list[int] = []  # story number of each added fingerprint

    def add(self, fp: Fingerprint) -> int:
        """Add one article's fingerprint; return its story number (a new one when nothing matches)."""
        story = self._find(fp)
        if story is None:
            story = len(self._prints)
        number = len(self._prints)
        self._prints.append(fp)
        self.story_of.append(story)
        self._by_hash.setdefault(fp.text_hash, number)
        for key in fp.keys:
            self._by_key.setdefault(key, []).append(number)
        return story

    def _find(self, fp: Fingerprint) -> int | None:
        if fp.text_hash in self._by_hash:
            return self.story_of[self._by_hash[fp.text_hash]]
        counts: dict[int, int] = {}
        for key in fp.keys:
            for number in self._by_key.get(key, ()):
                counts[number] = counts.get(number, 0) + 1
        closest = sorted(counts.items(), key=lambda kv: -kv[1])[: self.thresholds.max_candidates]
        return best_story(fp, ((self._prints[number], self.story_of[number]) for number, _ in closest), self.thresholds)

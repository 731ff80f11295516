"""The typed records that flow between dipwatch's stages.

    RawInput ──clean──▶ Document ──extract──▶ Event(s) ──stories/store──▶ Story, stored rows

Every stage imports its records from here and nothing else of another stage's
internals. Records are plain dataclasses; ``to_json()`` gives the JSONL shape
documented in README.md (and read by ../shared/eval/score.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: What a flattened-text block can be (see clean.py).
BlockKind = Literal[
    "title", "dateline", "body", "caption", "navigation", "teaser", "bio", "form", "disclaimer", "other"
]

#: Actor kinds: a state (ISO 3166-1 alpha-3 code) or an international organisation (acronym code).
ActorKind = Literal["state", "organisation"]


@dataclass(frozen=True)
class RawInput:
    """One document as read from disk, stdin, a JSONL record, a feed entry or a WARC record."""

    doc: str  # the id: file name without extension, or the JSONL record's "id"
    content: str  # decoded text (plain text or HTML markup)
    format: Literal["text", "html"]
    origin: str  # where it came from, for error messages: a path, "path:line", "-"
    url: str | None = None
    published: str | None = None  # a publication date given by the container (JSONL, feed), YYYY-MM-DD


@dataclass
class Block:
    """A paragraph-like piece of a page, with what the cleaner decided it is."""

    text: str
    kind: BlockKind
    language: str | None = None  # ISO 639-1, e.g. "en", "de"


@dataclass
class Document:
    """A cleaned article: its metadata and its main text only."""

    doc: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, or None when the page does not support one
    published_text: str | None = None  # the words the date was read from
    outlet: str | None = None  # the site or agency that published this copy
    original_source: str | None = None  # who the page says it republishes ("koreaherald.com", "KCNA")
    language: str | None = None
    text: str = ""  # main text: body blocks in order, separated by blank lines
    spun: bool = False
    spun_evidence: list[str] = field(default_factory=list)
    farm_signals: list[str] = field(default_factory=list)  # content-farm hints: bio, comment form...
    url: str | None = None
    origin: str | None = None
    content_hash: str | None = None  # sha256 of the raw input, for idempotent ingest
    blocks: list[Block] = field(default_factory=list)  # every block, main text or not

    def to_json(self) -> dict[str, Any]:
        """The `dipwatch clean` JSONL record."""
        record = asdict(self)
        record["blocks"] = [
            {"kind": b.kind, "language": b.language, "text": b.text} for b in self.blocks
        ]
        return record


@dataclass(frozen=True)
class Actor:
    """An actor of an event, resolved to a code, with the words that named it."""

    code: str  # ISO 3166-1 alpha-3 for states ("PRK"), upper-case acronym for organisations ("NATO")
    text: str  # the words in the article that name it ("Belarusian President Alexander Lukashenko")
    start: int  # character offsets of `text` in Document.text
    end: int
    kind: ActorKind = "state"
    name: str | None = None  # the person, where one is named ("Alexander Lukashenko")
    role: str | None = None  # the person's role, where given ("President")

    def to_json(self) -> dict[str, Any]:
        """The actor object of an event record."""
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """One place in one document where an event is reported."""

    doc: str
    sentence: str
    start: int  # offsets of the sentence in Document.text
    end: int
    trigger: str | None = None  # the word(s) that signal the event ("met with")


@dataclass
class Event:
    """Who did what to whom, when and where, with the evidence."""

    doc: str
    source: Actor
    target: Actor
    type: str  # PLOVER event type: CONSULT, SUPPORT, AGREE...
    cameo: str  # CAMEO code alongside, e.g. "040"
    sentence: str
    sentence_start: int
    sentence_end: int
    mode: str | None = None  # PLOVER mode where clear: visit, phone...
    quad_class: int = 0  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: float = 0.0  # -10 (most hostile) .. +10 (most cooperative), Goldstein-like
    date: str | None = None  # the event's own date, YYYY-MM-DD, or None when the text cannot say
    date_text: str | None = None  # the words the date was resolved from (kept even when date is None)
    location: str | None = None  # a city or country named for the event
    location_code: str | None = None  # ISO alpha-3 of the location's country
    trigger: str | None = None
    confidence: float = 0.0
    mentions: list[Mention] = field(default_factory=list)  # every report of it (first = sentence above)

    def to_json(self) -> dict[str, Any]:
        """The `dipwatch extract` JSONL record."""
        record = asdict(self)
        record["source"] = self.source.to_json()
        record["target"] = self.target.to_json()
        return record


@dataclass
class Story:
    """Copies of one news story across outlets: exact copies, rewrites, spun copies."""

    id: str
    canonical_doc: str  # the earliest or original-source copy
    docs: list[str] = field(default_factory=list)
    title: str | None = None


# ---------------------------------------------------------------------------
# Query records: what the store answers (store.py) and the CLI, API and dashboard show.
# ---------------------------------------------------------------------------


@dataclass
class EventQuery:
    """Filters shared by `dipwatch events`, /api/events and the dashboard's lists."""

    actor: str | None = None  # events with this actor code on either side ("PRK")
    dyad: tuple[str, str] | None = None  # events between these two codes, either direction
    type: str | None = None  # PLOVER type
    since: str | None = None  # YYYY-MM-DD, inclusive (on the event date, else the publication date)
    until: str | None = None
    story: str | None = None  # story id
    text: str | None = None  # words to find in the evidence sentence
    limit: int = 100
    offset: int = 0


@dataclass
class StoredEvent:
    """One real-world event as stored: merged over every mention in every copy."""

    id: int
    story_id: str | None
    source: str  # actor codes
    target: str
    source_text: str
    target_text: str
    type: str
    cameo: str
    mode: str | None
    quad_class: int
    intensity: float
    date: str | None
    date_text: str | None
    location: str | None
    sentence: str  # the evidence sentence of the first (canonical) mention
    confidence: float
    mention_count: int
    source_count: int  # independent sources: copies of one original count once


@dataclass
class StoredMention:
    """One report of a stored event in one document, for the event page."""

    doc: str
    sentence: str
    start: int
    end: int
    trigger: str | None
    outlet: str | None
    url: str | None
    published: str | None
    spun: bool
    content_farm: bool


@dataclass
class StoredDocument:
    """A stored, cleaned article."""

    doc: str
    title: str | None
    published: str | None
    outlet: str | None
    original_source: str | None
    language: str | None
    url: str | None
    spun: bool
    content_farm: bool
    story_id: str | None
    text: str = ""


@dataclass
class StoredStory:
    """A story: its canonical article first, then every copy."""

    id: str
    title: str | None
    canonical_doc: str
    first_published: str | None
    doc_count: int
    event_count: int
    docs: list[StoredDocument] = field(default_factory=list)


@dataclass
class DyadSummary:
    """Events between two actors: counts by type and month, and an intensity score."""

    a: str
    b: str
    event_count: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_month: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" -> count
    intensity: float = 0.0  # see README: mean Goldstein-like intensity weighted by sources


@dataclass
class ActorSummary:
    """An actor code seen in stored events, with how many events it takes part in."""

    code: str
    kind: ActorKind
    name: str | None  # "North Korea", "NATO"
    event_count: int

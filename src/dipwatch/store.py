"""Storage: documents, stories, events and mentions in SQLite or PostgreSQL (SQLAlchemy Core).

    documents    one row per cleaned article (content hash unique: re-ingesting adds nothing)
    story_keys   LSH band keys of each document's fingerprint (stories.py): how a new article
                 finds its story across runs
    stories      copies of one news story; the canonical copy first
    events       one row per real-world event, merged over every copy that reports it
    mentions     event x document, with the evidence sentence and its offsets
    actors       actor codes seen in events

``Store.add(doc, events)`` writes a document, its story and its events in ONE transaction: after a
crash (kill -9) a document is either fully stored or absent. SQLite runs in WAL mode. The schema is
created and upgraded by the Alembic migrations shipped in ``dipwatch/migrations`` when a Store opens.

Dyad intensity (``Store.dyad``/``dyads``/``monthly``): the mean of the events' Goldstein-like
intensity (-10 most hostile .. +10 most cooperative), each event weighted by 1 + ln(source_count),
so that an event reported by several independent sources weighs more without one widely copied
story drowning the rest: ``intensity = sum(w_i * x_i) / sum(w_i)``, ``w_i = 1 + ln(sources_i)``.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, wraps
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Connection, Engine

from dipwatch import stories
from dipwatch.errors import StoreError
from dipwatch.models import (
    ActorSummary,
    Document,
    DyadSummary,
    Event,
    EventQuery,
    Mention,
    StoredDocument,
    StoredEvent,
    StoredMention,
    StoredStory,
)

metadata = sa.MetaData()

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc", sa.String(300), nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("text_hash", sa.String(64), nullable=False, index=True),
    sa.Column("story_id", sa.String(40), index=True),
    sa.Column("title", sa.Text), sa.Column("published", sa.String(10), index=True),
    sa.Column("published_text", sa.Text), sa.Column("outlet", sa.String(300)),
    sa.Column("original_source", sa.String(300)), sa.Column("language", sa.String(10)),
    sa.Column("url", sa.Text), sa.Column("origin", sa.Text),
    sa.Column("spun", sa.Boolean, nullable=False, default=False),
    sa.Column("spun_evidence", sa.Text), sa.Column("farm_signals", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("text_sig", sa.LargeBinary), sa.Column("inv_sig", sa.LargeBinary),
    sa.Column("invariants", sa.Text),
    sa.Column("added_at", sa.String(32)),
)

story_keys = sa.Table(
    "story_keys", metadata,
    sa.Column("key", sa.BigInteger, nullable=False, index=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
)

stories_table = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("canonical_doc", sa.String(300), nullable=False),
    sa.Column("title", sa.Text), sa.Column("first_published", sa.String(10)),
    sa.Column("doc_count", sa.Integer, nullable=False, default=0),
    sa.Column("event_count", sa.Integer, nullable=False, default=0),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.String(40), index=True),
    sa.Column("source", sa.String(40), nullable=False),
    sa.Column("target", sa.String(40), nullable=False, index=True),
    sa.Column("source_text", sa.Text), sa.Column("target_text", sa.Text),
    sa.Column("type", sa.String(20), nullable=False, index=True),
    sa.Column("cameo", sa.String(10)), sa.Column("mode", sa.String(40)),
    sa.Column("quad_class", sa.Integer), sa.Column("intensity", sa.Float),
    sa.Column("date", sa.String(10)), sa.Column("date_text", sa.Text),
    sa.Column("location", sa.Text), sa.Column("location_code", sa.String(3)),
    sa.Column("sentence", sa.Text), sa.Column("trigger", sa.Text),
    sa.Column("confidence", sa.Float),
    sa.Column("mention_count", sa.Integer, nullable=False, default=1),
    sa.Column("source_count", sa.Integer, nullable=False, default=1),
    sa.Column("sort_date", sa.String(10), index=True),  # event date, else publication date
    # Covering indexes for the dyad summaries (migration 0002).
    sa.Index("ix_events_dyad", "source", "target", "type", "sort_date", "source_count", "intensity"),
    sa.Index("ix_events_dated", "sort_date", "source", "target", "type", "source_count", "intensity"),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("doc", sa.String(300), sa.ForeignKey("documents.doc", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("sentence", sa.Text), sa.Column("start", sa.Integer), sa.Column("end", sa.Integer),
    sa.Column("trigger", sa.Text),
    sa.UniqueConstraint("event_id", "doc", "start", name="uq_mention"),
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("code", sa.String(40), primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("name", sa.Text),
)


@dataclass
class AddResult:
    """What Store.add did with one document."""

    doc: str
    added: bool  # False when the same content (hash) was already stored: nothing written
    story_id: str | None
    new_events: int  # events created
    merged_events: int  # events that joined an existing stored event
    new_story: bool = False  # True when the document started a story of its own


def _guarded(method):
    """Turn database failures into a one-line StoreError naming the database."""

    @wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sa.exc.SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"{self.display_url}: {reason}") from exc

    return wrapper


class Store:
    """A dipwatch database: open with a URL, add documents with their events, query them."""

    def __init__(self, url: str) -> None:
        """Open (and create/upgrade) the database at ``url``; raise StoreError when it cannot be."""
        self.url = url
        try:
            parsed = sa.engine.make_url(url)
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"{url}: not a database URL ({exc})") from exc
        self.display_url = parsed.render_as_string(hide_password=True)
        self.thresholds = stories.load_thresholds()
        self.engine = _open_engine(parsed, self.display_url)
        self._migrate()

    def _migrate(self) -> None:
        try:
            with self.engine.begin() as conn:
                upgrade(conn)
        except sa.exc.SQLAlchemyError as exc:
            self.engine.dispose()
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"{self.display_url}: cannot open database ({reason})") from exc

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------

    @_guarded
    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this content hash is stored."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(documents.c.id).where(documents.c.content_hash == content_hash)
                                ).first() is not None

    @_guarded
    def add(self, doc: Document, events_: list[Event]) -> AddResult:
        """Store a document, its story and its events in one transaction (all or nothing)."""
        content_hash = doc.content_hash or stories.text_hash(doc.text)
        fp = stories.fingerprint(doc, events_, self.thresholds)
        try:
            with self.engine.begin() as conn:
                seen = conn.execute(_SQL.seen, {"p_hash": content_hash, "p_doc": doc.doc}).scalars().all()
                if content_hash in seen:
                    return AddResult(doc.doc, False, None, 0, 0)
                doc_id = f"{doc.doc}~{content_hash[:8]}" if seen else doc.doc  # the id is taken by other content
                return _Writer(conn, self.thresholds).add(doc, doc_id, content_hash, fp, events_)
        except sa.exc.IntegrityError:
            # Another process stored the same content between our check and our insert.
            if self.has_document(content_hash):
                return AddResult(doc.doc, False, None, 0, 0)
            raise

    # -- reading ------------------------------------------------------------

    @_guarded
    def events(self, q: EventQuery) -> list[StoredEvent]:
        """Stored events matching ``q``, newest first (event date, else publication date)."""
        stmt = _filter_events(sa.select(events), q).order_by(
            events.c.sort_date.desc().nulls_last(), events.c.id.desc()).limit(q.limit).offset(q.offset)
        with self.engine.connect() as conn:
            return [_stored_event(row) for row in conn.execute(stmt).mappings()]

    @_guarded
    def iter_events(self, q: EventQuery, batch: int = 1000) -> Iterator[StoredEvent]:
        """Every event matching ``q`` (its limit and offset ignored), oldest first, read in batches."""
        last = 0
        while True:
            stmt = _filter_events(sa.select(events), q).where(events.c.id > last).order_by(events.c.id).limit(batch)
            with self.engine.connect() as conn:
                rows = [_stored_event(row) for row in conn.execute(stmt).mappings()]
            yield from rows
            if len(rows) < batch:
                return
            last = rows[-1].id

    @_guarded
    def count_events(self, q: EventQuery) -> int:
        """Number of stored events matching ``q`` (limit and offset ignored)."""
        stmt = _filter_events(sa.select(sa.func.count()).select_from(events), q)
        with self.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    @_guarded
    def event(self, event_id: int) -> StoredEvent | None:
        """One stored event by id."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().first()
        return _stored_event(row) if row else None

    @_guarded
    def mentions(self, event_id: int) -> list[StoredMention]:
        """Every report of an event, the story's canonical copy first, then by publication date."""
        is_canonical = sa.case((documents.c.doc == stories_table.c.canonical_doc, 0), else_=1)
        stmt = (sa.select(mentions, documents.c.outlet, documents.c.url, documents.c.published,
                          documents.c.spun, documents.c.farm_signals)
                .join(documents, documents.c.doc == mentions.c.doc)
                .join(events, events.c.id == mentions.c.event_id)
                .outerjoin(stories_table, stories_table.c.id == events.c.story_id)
                .where(mentions.c.event_id == event_id)
                .order_by(is_canonical, documents.c.published.nulls_last(), mentions.c.id))
        with self.engine.connect() as conn:
            return [StoredMention(doc=r["doc"], sentence=r["sentence"], start=r["start"], end=r["end"],
                                  trigger=r["trigger"], outlet=r["outlet"], url=r["url"], published=r["published"],
                                  spun=bool(r["spun"]), content_farm=bool(_json_list(r["farm_signals"])))
                    for r in conn.execute(stmt).mappings()]

    @_guarded
    def documents(self, q: EventQuery) -> list[StoredDocument]:
        """Stored documents (without text) matching q's since/until/story/text, newest first."""
        stmt = sa.select(*_DOC_COLUMNS)
        if q.since:
            stmt = stmt.where(documents.c.published >= q.since)
        if q.until:
            stmt = stmt.where(documents.c.published <= q.until)
        if q.story:
            stmt = stmt.where(documents.c.story_id == q.story)
        if q.text:
            stmt = stmt.where(sa.or_(documents.c.title.ilike(f"%{q.text}%"), documents.c.text.ilike(f"%{q.text}%")))
        stmt = stmt.order_by(documents.c.published.desc().nulls_last(), documents.c.id.desc())
        with self.engine.connect() as conn:
            return [_stored_document(r) for r in conn.execute(stmt.limit(q.limit).offset(q.offset)).mappings()]

    @_guarded
    def document(self, doc: str) -> StoredDocument | None:
        """One stored document, with its text."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*_DOC_COLUMNS, documents.c.text).where(documents.c.doc == doc)
                               ).mappings().first()
        return _stored_document(row) if row else None

    @_guarded
    def stories(self, q: EventQuery) -> list[StoredStory]:
        """Stories, most recent first (docs not filled); q.since/until/story/text/limit/offset apply."""
        s = stories_table
        stmt = sa.select(s)
        if q.since:
            stmt = stmt.where(s.c.first_published >= q.since)
        if q.until:
            stmt = stmt.where(s.c.first_published <= q.until)
        if q.story:
            stmt = stmt.where(s.c.id == q.story)
        if q.text:
            stmt = stmt.where(s.c.title.ilike(f"%{q.text}%"))
        if q.actor or q.dyad or q.type:
            stmt = stmt.where(s.c.id.in_(_filter_events(sa.select(events.c.story_id), q)))
        stmt = stmt.order_by(s.c.first_published.desc().nulls_last(), s.c.id).limit(q.limit).offset(q.offset)
        with self.engine.connect() as conn:
            return [_stored_story(r) for r in conn.execute(stmt).mappings()]

    @_guarded
    def story(self, story_id: str) -> StoredStory | None:
        """One story with its documents, canonical copy first."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(stories_table).where(stories_table.c.id == story_id)).mappings().first()
            if not row:
                return None
            docs = [_stored_document(r) for r in conn.execute(
                sa.select(*_DOC_COLUMNS).where(documents.c.story_id == story_id)).mappings()]
        story = _stored_story(row)
        story.docs = sorted(docs, key=lambda d: (d.doc != story.canonical_doc, d.published or "9999", d.doc))
        return story

    @_guarded
    def actors(self) -> list[ActorSummary]:
        """Actor codes seen in events, with their event counts, most frequent first."""
        sides = sa.union_all(sa.select(events.c.source.label("code"), events.c.id),
                             sa.select(events.c.target.label("code"), events.c.id)
                             .where(events.c.target != events.c.source)).subquery()
        count = sa.func.count(sides.c.id).label("n")
        stmt = (sa.select(actors.c.code, actors.c.kind, actors.c.name, count)
                .join(sides, sides.c.code == actors.c.code)
                .group_by(actors.c.code, actors.c.kind, actors.c.name).order_by(count.desc(), actors.c.code))
        with self.engine.connect() as conn:
            return [ActorSummary(code=r.code, kind=r.kind, name=r.name, event_count=r.n) for r in conn.execute(stmt)]

    @_guarded
    def dyads(self, q: EventQuery) -> list[DyadSummary]:
        """Every pair of actors with events, by event count (q.actor/since/until/type/story apply).

        Computed by GROUP BY in the database: first event counts per directed pair (read off the
        covering index ix_events_dyad), then, for the page of pairs asked for only, counts by type, by
        month and by source count (for the intensity). Python sees groups, never events.
        """
        with self.engine.connect() as conn:
            totals = _pair_totals(conn, q)
            page = sorted(totals, key=lambda pair: (-totals[pair], pair))[q.offset:q.offset + q.limit]
            if not page:
                return []
            restrict = page if len(page) < len(totals) and len(page) <= _MAX_SEEK_PAIRS else None
            by_type = _pair_groups(conn, q, events.c.type, restrict)
            by_month = _pair_groups(conn, q, _MONTH, restrict)
            by_sources = _pair_groups(conn, q, events.c.source_count, restrict)
        return [DyadSummary(a=a, b=b, event_count=totals[(a, b)], by_type=_counts(by_type.get((a, b), [])),
                            by_month=dict(sorted(_counts(by_month.get((a, b), [])).items())),
                            intensity=intensity([{"source_count": key, "n": n, "total": total}
                                                 for key, n, total in by_sources.get((a, b), [])]))
                for a, b in page]

    @_guarded
    def dyad(self, a: str, b: str, q: EventQuery) -> DyadSummary:
        """Events between ``a`` and ``b`` (either direction) summarised."""
        a, b = sorted((a.upper(), b.upper()))
        return _summarise(a, b, self._event_groups(_with_dyad(q, a, b)))

    @_guarded
    def monthly(self, a: str, b: str, q: EventQuery) -> list[tuple[str, str, int, float]]:
        """(month, PLOVER type, count, weighted mean intensity) for the dyad, by month then type."""
        by_month: dict[tuple[str, str], list[dict]] = {}
        for group in self._event_groups(_with_dyad(q, *sorted((a.upper(), b.upper())))):
            if group["month"]:
                by_month.setdefault((group["month"], group["type"]), []).append(group)
        return [(month, kind, sum(g["n"] for g in groups), intensity(groups))
                for (month, kind), groups in sorted(by_month.items())]

    def _event_groups(self, q: EventQuery) -> list[dict]:
        """Events counted in SQL by (pair, type, month, source count): memory bounded by groups, not events."""
        first = events.c.source <= events.c.target
        a = sa.case((first, events.c.source), else_=events.c.target).label("a")
        b = sa.case((first, events.c.target), else_=events.c.source).label("b")
        month = _MONTH.label("month")
        stmt = _filter_events(sa.select(a, b, events.c.type, month, events.c.source_count,
                                        sa.func.count().label("n"),
                                        sa.func.coalesce(sa.func.sum(events.c.intensity), 0.0).label("total")), q)
        stmt = stmt.group_by(a, b, events.c.type, month, events.c.source_count)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(stmt).mappings()]


# ---------------------------------------------------------------------------
# Writing one document: story assignment, event merging
# ---------------------------------------------------------------------------


_COPY_COLUMNS = [documents.c.doc, documents.c.outlet, documents.c.original_source, documents.c.published,
                 documents.c.spun, documents.c.farm_signals]


class _SQL:
    """The writer's statements, built once: SQLAlchemy then reuses their compiled form (3x faster per add)."""

    bp = sa.bindparam
    # One look-up answers both "is this content stored?" and "is this document id taken?".
    seen = sa.select(documents.c.content_hash).where(
        sa.or_(documents.c.content_hash == bp("p_hash"), documents.c.doc == bp("p_doc")))
    exact = sa.select(documents.c.story_id).where(documents.c.text_hash == bp("p_text_hash")).limit(1)
    insert_story = sa.insert(stories_table)
    insert_document = sa.insert(documents).returning(documents.c.id)
    # RETURNING makes SQLAlchemy send an executemany as multi-row INSERT .. VALUES batches
    # ("insertmanyvalues"); psycopg 3 would otherwise send one INSERT per row (~65 keys per document).
    insert_keys = sa.insert(story_keys).returning(story_keys.c.document_id)
    _shared = sa.func.count().label("shared")
    _candidates = (sa.select(story_keys.c.document_id, _shared)
                   .where(story_keys.c.key.in_(bp("p_keys", expanding=True)))
                   .group_by(story_keys.c.document_id).order_by(_shared.desc()).limit(bp("p_limit")).subquery())
    candidates = (sa.select(documents.c.story_id, documents.c.text_hash, documents.c.text_sig, documents.c.inv_sig,
                            documents.c.invariants, documents.c.published)
                  .join(_candidates, _candidates.c.document_id == documents.c.id))
    # The story with its canonical copy's facts, in one round trip.
    story = (sa.select(stories_table, *(c.label(f"copy_{c.name}") for c in _COPY_COLUMNS))
             .outerjoin(documents, documents.c.doc == stories_table.c.canonical_doc)
             .where(stories_table.c.id == bp("p_story")))
    update_story = sa.update(stories_table).where(stories_table.c.id == bp("p_story"))
    known_actors = sa.select(actors.c.code).where(actors.c.code.in_(bp("p_codes", expanding=True)))
    insert_actor = sa.insert(actors)
    story_events = (sa.select(events).where(events.c.story_id == bp("p_story"),
                                            events.c.type.in_(bp("p_types", expanding=True))).order_by(events.c.id))
    insert_events = sa.insert(events).returning(events.c.id, sort_by_parameter_order=True)
    insert_events_with_ids = sa.insert(events)
    last_event_id = sa.select(sa.func.coalesce(sa.func.max(events.c.id), 0))
    update_event = sa.update(events).where(events.c.id == bp("p_event"))
    insert_mention = sa.insert(mentions).returning(mentions.c.id)
    mention_copies = (sa.select(mentions.c.event_id, *_COPY_COLUMNS).join(mentions, mentions.c.doc == documents.c.doc)
                      .where(mentions.c.event_id.in_(bp("p_events", expanding=True))))


#: Event columns a merge may change (stories.more_precise & co.), then the counts every add refreshes.
_MERGED_COLUMNS = ("date", "location", "date_text", "location_code", "confidence", "mode", "sort_date",
                   "mention_count", "source_count")


@dataclass
class _Pending:
    """An event of the story while one document is written: its row (stored or new) and this document's reports."""

    row: dict[str, Any]
    new: bool
    reports: dict[int | None, Mention] = dataclasses.field(default_factory=dict)  # by start offset: no duplicates

    @property
    def touched(self) -> bool:
        return bool(self.reports)


class _Writer:
    """Writes one document and its events inside an open transaction, in a fixed handful of round trips.

    The story's stored events are read once, matched and merged in memory, then written back in
    batches (executemany; new events through INSERT .. RETURNING): about 10 statements per document
    whatever its number of events, where a statement per event and mention used to be issued.
    """

    def __init__(self, conn: Connection, thresholds: stories.Thresholds) -> None:
        self.conn = conn
        self.thresholds = thresholds

    def add(self, doc: Document, doc_id: str, content_hash: str, fp: stories.Fingerprint,
            new_events: list[Event]) -> AddResult:
        """Write the document (as ``doc_id``), assign its story, merge or create its events."""
        story_id = self._find_story(fp)
        started = story_id is None
        if story_id is None:
            story_id = f"s{content_hash[:12]}"
        row_id = self._insert_document(doc, doc_id, content_hash, fp, story_id)
        if fp.keys:
            self.conn.execute(_SQL.insert_keys, [{"key": k, "document_id": row_id} for k in sorted(set(fp.keys))])
        self._ensure_actors(new_events)
        pending = [] if started or not new_events else [_Pending(dict(row), new=False) for row in self.conn.execute(
            _SQL.story_events, {"p_story": story_id, "p_types": sorted({e.type for e in new_events})}).mappings()]
        created = merged = 0
        # Reports of stored events with the same date go first, so that a date told two ways (see
        # _matching_event) is never matched to an event this document reports with its own date.
        in_order = sorted(new_events, key=lambda e: _matching_event(pending, e, self.thresholds, fuzzy=False) is None)
        for event in in_order:
            if self._place_event(pending, event, doc_id, story_id, doc.published):
                created += 1
            else:
                merged += 1
        this_copy = stories.CopyInfo(doc_id, doc.outlet, doc.original_source, doc.published, doc.spun,
                                     tuple(doc.farm_signals))
        self._write_events([p for p in pending if p.touched], this_copy)
        self._save_story(story_id, doc, this_copy, created, started)
        return AddResult(doc_id, True, story_id, created, merged, new_story=started)

    def _insert_document(self, doc: Document, doc_id: str, content_hash: str, fp: stories.Fingerprint,
                         story_id: str | None) -> int:
        values = dict(
            doc=doc_id, content_hash=content_hash, text_hash=fp.text_hash, story_id=story_id, title=doc.title,
            published=doc.published, published_text=doc.published_text, outlet=doc.outlet,
            original_source=doc.original_source, language=doc.language, url=doc.url, origin=doc.origin,
            spun=doc.spun, spun_evidence=json.dumps(doc.spun_evidence), farm_signals=json.dumps(doc.farm_signals),
            text=doc.text, text_sig=stories.signature_bytes(fp.text_sig), inv_sig=stories.signature_bytes(fp.inv_sig),
            invariants=json.dumps(sorted(fp.invariants | fp.topic)),
            added_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        return self.conn.execute(_SQL.insert_document, values).scalar_one()

    def _find_story(self, fp: stories.Fingerprint) -> str | None:
        exact = self.conn.execute(_SQL.exact, {"p_text_hash": fp.text_hash}).scalar()
        if exact or not fp.keys:
            return exact
        rows = self.conn.execute(_SQL.candidates, {"p_keys": sorted(set(fp.keys)),
                                                   "p_limit": self.thresholds.max_candidates})
        return stories.best_story(fp, ((_stored_fingerprint(row), row.story_id) for row in rows), self.thresholds)

    def _save_story(self, story_id: str, doc: Document, this_copy: stories.CopyInfo, created: int,
                    started: bool) -> None:
        """Insert a new story, or count the new copy in and make it canonical when it ranks first."""
        doc_id = this_copy.doc
        if started:
            self.conn.execute(_SQL.insert_story, dict(id=story_id, canonical_doc=doc_id, title=doc.title,
                                                      first_published=doc.published, doc_count=1,
                                                      event_count=created))
            return
        story = self.conn.execute(_SQL.story, {"p_story": story_id}).mappings().one()
        values: dict[str, Any] = dict(doc_count=story["doc_count"] + 1, event_count=story["event_count"] + created,
                                      canonical_doc=story["canonical_doc"], title=story["title"] or doc.title,
                                      first_published=story["first_published"])
        current = None if story["copy_doc"] is None else _copy_info(story, prefix="copy_")
        if current is None or stories.canonical_rank(this_copy) < stories.canonical_rank(current):
            values.update(canonical_doc=doc_id, title=doc.title or story["title"])
        if doc.published and (not story["first_published"] or doc.published < story["first_published"]):
            values["first_published"] = doc.published
        self.conn.execute(_SQL.update_story, {"p_story": story_id, **values})

    def _place_event(self, pending: list[_Pending], event: Event, doc_id: str, story_id: str,
                     published: str | None) -> bool:
        """Merge an event into the story's matching one, or add it as new; True when it is new."""
        match = _matching_event(pending, event, self.thresholds)
        created = match is None
        if match is None:
            match = _Pending(_event_values(event, story_id, published), new=True)
            pending.append(match)
        else:
            match.row.update(_merged_values(match.row, event, published, self.thresholds))
        for report in event.mentions or [Mention(doc_id, event.sentence, event.sentence_start, event.sentence_end,
                                                 event.trigger)]:
            match.reports.setdefault(report.start, report)
        return created

    def _write_events(self, touched: list[_Pending], this_copy: stories.CopyInfo) -> None:
        """Insert the new events, update the merged ones, insert this document's mentions: one batch each."""
        stored = [p for p in touched if not p.new]
        earlier, counts = self._earlier_copies([p.row["id"] for p in stored])
        for item in touched:
            copies = {} if item.new else earlier.get(item.row["id"], {})
            item.row["mention_count"] = (0 if item.new else counts.get(item.row["id"], 0)) + len(item.reports)
            item.row["source_count"] = stories.independent_sources([*copies.values(), this_copy])
        fresh = [p for p in touched if p.new]
        if fresh:
            for item, event_id in zip(fresh, self._insert_events([p.row for p in fresh]), strict=True):
                item.row["id"] = event_id
        if stored:
            self.conn.execute(_SQL.update_event, [{"p_event": p.row["id"], **{c: p.row[c] for c in _MERGED_COLUMNS}}
                                                  for p in stored])
        reports = [dict(event_id=item.row["id"], doc=this_copy.doc, sentence=report.sentence, start=report.start,
                        end=report.end, trigger=report.trigger)
                   for item in touched for report in item.reports.values()]
        if reports:
            self.conn.execute(_SQL.insert_mention, reports)

    def _insert_events(self, rows: list[dict[str, Any]]) -> list[int]:
        """Insert new event rows in one batch; their ids in order."""
        if self.conn.dialect.name != "sqlite":
            return list(self.conn.execute(_SQL.insert_events, rows).scalars())
        # SQLite cannot batch INSERT .. RETURNING in parameter order (SQLAlchemy then sends one row per
        # statement). It needs no RETURNING: it lets one writer at a time, and this transaction holds the
        # write lock since it wrote the document row, so the ids after the largest one are ours to use.
        first = self.conn.execute(_SQL.last_event_id).scalar_one() + 1
        ids = list(range(first, first + len(rows)))
        self.conn.execute(_SQL.insert_events_with_ids, [{**row, "id": event_id} for row, event_id in zip(
            rows, ids, strict=True)])
        return ids

    def _earlier_copies(self, event_ids: list[int]) -> tuple[dict[int, dict[str, stories.CopyInfo]], dict[int, int]]:
        """The copies (documents) already reporting each of these stored events, and their mention counts."""
        copies: dict[int, dict[str, stories.CopyInfo]] = {}
        counts: dict[int, int] = {}
        if event_ids:
            for row in self.conn.execute(_SQL.mention_copies, {"p_events": event_ids}).mappings():
                copies.setdefault(row["event_id"], {})[row["doc"]] = _copy_info(row)
                counts[row["event_id"]] = counts.get(row["event_id"], 0) + 1
        return copies, counts

    def _ensure_actors(self, new_events: list[Event]) -> None:
        """Insert the actor codes not stored yet (the first event naming one gives its kind)."""
        kinds: dict[str, str] = {}
        for event in new_events:
            for actor in (event.source, event.target):
                kinds.setdefault(actor.code, actor.kind)
        if not kinds:
            return
        known = set(self.conn.execute(_SQL.known_actors, {"p_codes": sorted(kinds)}).scalars())
        missing = [dict(code=code, kind=kind, name=actor_name(code, kind))
                   for code, kind in kinds.items() if code not in known]
        if missing:
            self.conn.execute(_SQL.insert_actor, missing)


def _matching_event(pending: list[_Pending], event: Event, thresholds: stories.Thresholds,
                    fuzzy: bool = True) -> _Pending | None:
    """The story's event that ``event`` reports again, or None.

    First the story's first event (by id, new ones last) of the same type and actors with a compatible date
    (equal, or one unknown). Else, with ``fuzzy``, one reported by other copies only whose different date may
    be the same day told another way (stories.one_day_told_twice): the nearest such date, and only when no
    other one is as near (two candidates at one distance: the day cannot be told, keep the event apart).
    """
    a, b = stories.actor_pair(event.type, event.source.code, event.target.code)
    pairs = {(a, b), (b, a)} if event.type in stories.SYMMETRIC_TYPES else {(a, b)}
    same = [item for item in pending if item.row["type"] == event.type and (item.row["source"], item.row["target"])
            in pairs]
    for item in same:
        if stories.dates_compatible(item.row["date"], event.date):
            return item
    if not fuzzy:
        return None
    # Events this document created or already reports carry its own dates: never another of its days.
    near = sorted((stories.days_apart(item.row["date"], event.date), n) for n, item in enumerate(same)
                  if not item.new and not item.touched
                  and stories.one_day_told_twice((item.row["date"], item.row["date_text"]),
                                                 (event.date, event.date_text), thresholds))
    if not near or (len(near) > 1 and near[0][0] == near[1][0]):
        return None
    return same[near[0][1]]


def _merged_values(row: dict[str, Any], event: Event, published: str | None,
                   thresholds: stories.Thresholds) -> dict[str, Any]:
    """A stored event's row after another report of it: the more precise facts of the two.

    The date and its words travel together, from the report that tells the day most precisely
    (stories.date_precision: absolute > weekday > counted from publication > chained); on a tie the stored
    one stays.
    """
    date, date_text = row["date"], row["date_text"]
    if stories.date_precision(event.date, event.date_text, thresholds) > stories.date_precision(
            date, date_text, thresholds):
        date, date_text = event.date, event.date_text
    return dict(date=date, location=stories.more_precise(row["location"], event.location),
                date_text=date_text or (event.date_text if date == event.date else None),
                location_code=row["location_code"] or event.location_code,
                confidence=max(row["confidence"] or 0.0, event.confidence),
                mode=row["mode"] or event.mode, sort_date=date or row["sort_date"] or published)


def _stored_fingerprint(row: Any) -> stories.Fingerprint:
    """A candidate document's fingerprint as stored (its invariants column keeps the topic words too)."""
    invariants, topic = stories.split_topic(json.loads(row.invariants))
    return stories.Fingerprint(row.text_hash, stories.signature_from_bytes(row.text_sig), invariants,
                               stories.signature_from_bytes(row.inv_sig), published=row.published, topic=topic)


def _copy_info(row: Any, prefix: str = "") -> stories.CopyInfo:
    """The copy read from a row mapping with the _COPY_COLUMNS, labelled ``prefix`` + their names."""
    def value(name: str) -> Any:
        return row[prefix + name]

    return stories.CopyInfo(doc=value("doc"), outlet=value("outlet"), original_source=value("original_source"),
                            published=value("published"), spun=bool(value("spun")),
                            farm_signals=tuple(_json_list(value("farm_signals"))))


def _event_values(event: Event, story_id: str, published: str | None) -> dict[str, Any]:
    return dict(
        story_id=story_id, source=event.source.code, target=event.target.code, source_text=event.source.text,
        target_text=event.target.text, type=event.type, cameo=event.cameo, mode=event.mode,
        quad_class=event.quad_class, intensity=event.intensity, date=event.date, date_text=event.date_text,
        location=event.location, location_code=event.location_code, sentence=event.sentence,
        trigger=event.trigger, confidence=event.confidence, mention_count=0, source_count=0,
        sort_date=event.date or published,
    )


@cache
def actor_name(code: str, kind: str) -> str | None:
    """A readable name for an actor code: the country's common name for states."""
    if kind != "state":
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or getattr(country, "name", None) if country else None


# ---------------------------------------------------------------------------
# Query helpers
# ---------------------------------------------------------------------------

_DOC_COLUMNS = [documents.c.doc, documents.c.title, documents.c.published, documents.c.outlet,
                documents.c.original_source, documents.c.language, documents.c.url, documents.c.spun,
                documents.c.farm_signals, documents.c.story_id]


def _filter_events(stmt: sa.Select, q: EventQuery) -> sa.Select:
    if q.actor:
        stmt = stmt.where(sa.or_(events.c.source == q.actor.upper(), events.c.target == q.actor.upper()))
    if q.dyad:
        a, b = (code.upper() for code in q.dyad)
        stmt = stmt.where(sa.or_(sa.and_(events.c.source == a, events.c.target == b),
                                 sa.and_(events.c.source == b, events.c.target == a)))
    if q.type:
        stmt = stmt.where(events.c.type == q.type.upper())
    if q.since:
        stmt = stmt.where(events.c.sort_date >= q.since)
    if q.until:
        stmt = stmt.where(events.c.sort_date <= q.until)
    if q.story:
        stmt = stmt.where(events.c.story_id == q.story)
    if q.text:
        stmt = stmt.where(events.c.sentence.ilike(f"%{q.text}%"))
    return stmt


def _with_dyad(q: EventQuery, a: str, b: str) -> EventQuery:
    return EventQuery(actor=q.actor, dyad=(a, b), type=q.type, since=q.since, until=q.until, story=q.story,
                      text=q.text)


#: The month of an event (event date, else publication date) as "YYYY-MM": substr works on both backends.
_MONTH = sa.func.substr(events.c.sort_date, 1, 7)

_Pair = tuple[str, str]

#: Up to this many pairs, dyads() reads their groups by index seeks per pair; past it, one scan of the
#: covering index is cheaper (measured at 100,000 events: 12 pairs ~12 ms by seeks, 100 pairs ~190 ms).
_MAX_SEEK_PAIRS = 50


def _unordered(source: str, target: str) -> _Pair:
    """A directed pair as the unordered pair the summaries count (codes sorted)."""
    return (source, target) if source <= target else (target, source)


def _pair_totals(conn: Connection, q: EventQuery) -> dict[_Pair, int]:
    """Event count per unordered actor pair (codes sorted), from a GROUP BY over directed pairs."""
    stmt = _filter_events(sa.select(events.c.source, events.c.target, sa.func.count()), q)
    totals: dict[_Pair, int] = {}
    for source, target, n in conn.execute(stmt.group_by(events.c.source, events.c.target)):
        pair = _unordered(source, target)
        totals[pair] = totals.get(pair, 0) + n
    return totals


def _pair_groups(conn: Connection, q: EventQuery, key: Any, pairs: list[_Pair] | None
                 ) -> dict[_Pair, list[tuple[Any, int, float]]]:
    """(key, event count, sum of intensities) per unordered pair, grouped in SQL by directed pair and key.

    ``pairs`` limits the scan to those pairs (both directions); None: every pair.
    """
    stmt = _filter_events(sa.select(events.c.source, events.c.target, key.label("key"), sa.func.count(),
                                    sa.func.coalesce(sa.func.sum(events.c.intensity), 0.0)), q)
    if pairs is not None:
        # OR of (source, target) equalities, not a tuple IN: both backends then seek the index per pair
        # (SQLite scans the whole index for a tuple IN).
        directed = [(a, b) for a, b in pairs] + [(b, a) for a, b in pairs if a != b]
        stmt = stmt.where(sa.or_(*(sa.and_(events.c.source == a, events.c.target == b) for a, b in directed)))
    groups: dict[_Pair, list[tuple[Any, int, float]]] = {}
    for source, target, value, n, total in conn.execute(stmt.group_by(events.c.source, events.c.target, key)):
        pair = _unordered(source, target)
        groups.setdefault(pair, []).append((value, n, float(total)))
    return groups


def _counts(groups: list[tuple[Any, int, float]]) -> dict[str, int]:
    """Event counts by key (both directions added up; no key skipped), largest first."""
    counts: dict[str, int] = {}
    for key, n, _total in groups:
        if key:
            counts[key] = counts.get(key, 0) + n
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def intensity(groups: list[dict]) -> float:
    """Source-weighted mean intensity: sum(w*x)/sum(w) with w = 1 + ln(source_count) (module docstring).

    ``groups`` count events sharing one source count: ``n`` events, ``total`` of their intensities.
    """
    weighted = [(1.0 + math.log(max(g["source_count"] or 1, 1)), g) for g in groups]
    weight = sum(w * g["n"] for w, g in weighted)
    return round(sum(w * g["total"] for w, g in weighted) / weight, 2) if weight else 0.0


def _summarise(a: str, b: str, groups: list[dict]) -> DyadSummary:
    by_type: dict[str, int] = {}
    by_month: dict[str, int] = {}
    for group in groups:
        by_type[group["type"]] = by_type.get(group["type"], 0) + group["n"]
        if group["month"]:
            by_month[group["month"]] = by_month.get(group["month"], 0) + group["n"]
    return DyadSummary(a=a, b=b, event_count=sum(g["n"] for g in groups), by_type=by_type,
                       by_month=dict(sorted(by_month.items())), intensity=intensity(groups))


def _json_list(value: str | None) -> list:
    return json.loads(value) if value else []


def _stored_event(row: Any) -> StoredEvent:
    return StoredEvent(
        id=row["id"], story_id=row["story_id"], source=row["source"], target=row["target"],
        source_text=row["source_text"] or "", target_text=row["target_text"] or "", type=row["type"],
        cameo=row["cameo"] or "", mode=row["mode"], quad_class=row["quad_class"] or 0,
        intensity=row["intensity"] or 0.0, date=row["date"], date_text=row["date_text"], location=row["location"],
        sentence=row["sentence"] or "", confidence=row["confidence"] or 0.0, mention_count=row["mention_count"],
        source_count=row["source_count"],
    )


def _stored_document(row: Any) -> StoredDocument:
    return StoredDocument(
        doc=row["doc"], title=row["title"], published=row["published"], outlet=row["outlet"],
        original_source=row["original_source"], language=row["language"], url=row["url"], spun=bool(row["spun"]),
        content_farm=bool(_json_list(row["farm_signals"])), story_id=row["story_id"], text=row.get("text") or "",
    )


def _stored_story(row: Any) -> StoredStory:
    return StoredStory(id=row["id"], title=row["title"], canonical_doc=row["canonical_doc"],
                       first_published=row["first_published"], doc_count=row["doc_count"],
                       event_count=row["event_count"])


# ---------------------------------------------------------------------------
# Export: JSONL, CSV, Parquet, GDELT-style TSV (columns documented in docs/gdelt.md)
# ---------------------------------------------------------------------------

#: Export formats `dipwatch export` writes.
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "gdelt")

#: GDELT 2.0 event-table column names dipwatch fills (a subset, in GDELT's order), then dipwatch's own.
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "DATEADDED", "SOURCEURL",
    "PloverType", "EventDate", "StoryID",
)


def export_rows(store: Store, q: EventQuery) -> Iterator[dict[str, Any]]:
    """Every event matching ``q`` as a flat record (the JSONL/CSV/Parquet row), streamed."""
    for stored in store.iter_events(q):
        yield dataclasses.asdict(stored)


def gdelt_rows(store: Store, q: EventQuery) -> Iterator[list[str]]:
    """The GDELT-style table: a header row, then one row per event (canonical copy's URL and date)."""
    yield list(GDELT_COLUMNS)
    names: dict[str, tuple[str, str | None]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(sa.select(actors)):
            names[row.code] = (row.kind, row.name)
        canonical = documents.alias("canonical")
        articles = (sa.select(sa.func.count(sa.distinct(mentions.c.doc))).where(mentions.c.event_id == events.c.id)
                    .scalar_subquery())
        joined = events.outerjoin(stories_table, stories_table.c.id == events.c.story_id).outerjoin(
            canonical, canonical.c.doc == stories_table.c.canonical_doc)
        stmt = _filter_events(sa.select(events, canonical.c.url, stories_table.c.first_published,
                                        articles.label("articles")).select_from(joined), q).order_by(events.c.id)
        for row in conn.execute(stmt).mappings():
            yield _gdelt_row(row, names)


def _gdelt_row(row: Any, names: dict[str, tuple[str, str | None]]) -> list[str]:
    day = (row["sort_date"] or "").replace("-", "")
    cameo = row["cameo"] or ""
    values: list[Any] = [row["id"], day, day[:6], day[:4], _fraction_date(row["sort_date"])]
    for code in (row["source"], row["target"]):
        kind, name = names.get(code, ("state", None))
        values += [code, (name or code).upper(), code if kind == "state" else "", "IGO" if kind != "state" else ""]
    values += [1, cameo, cameo[:3], cameo[:2], row["quad_class"] or "", row["intensity"] or 0.0,
               row["mention_count"], row["source_count"], row["articles"], "",
               row["location"] or "", row["location_code"] or "", (row["first_published"] or "").replace("-", ""),
               row["url"] or "", row["type"], row["date"] or "", row["story_id"] or ""]
    return ["" if v is None else str(v) for v in values]


def _fraction_date(day: str | None) -> str:
    if not day:
        return ""
    parsed = datetime.strptime(day, "%Y-%m-%d")
    return f"{parsed.year + (parsed.timetuple().tm_yday - 1) / 365:.4f}"


def export_events(store: Store, fmt: str, target: str | Path | None, q: EventQuery | None = None) -> int:
    """Write every event matching ``q`` to ``target`` (None or "-": standard output) as ``fmt``; return the count.

    Parquet needs a file. Files are written to a temporary name and renamed: they appear whole or not at all.
    """
    q = q or EventQuery()
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    if fmt == "parquet":
        if target in (None, "-"):
            raise ValueError("parquet export needs an output file (-o FILE)")
        return _atomic(Path(target), lambda tmp: _write_parquet(store, q, tmp))
    if target in (None, "-"):
        return _write_text(store, fmt, q, sys.stdout)
    return _atomic(Path(target), lambda tmp: _write_text_file(store, fmt, q, tmp))


def _write_text_file(store: Store, fmt: str, q: EventQuery, path: Path) -> int:
    with path.open("w", encoding="utf-8", newline="") as out:
        return _write_text(store, fmt, q, out)


def _write_text(store: Store, fmt: str, q: EventQuery, out: TextIO) -> int:
    count = 0
    if fmt == "jsonl":
        for record in export_rows(store, q):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "gdelt":
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for row in gdelt_rows(store, q):
            writer.writerow([value.replace("\t", " ").replace("\n", " ") for value in row])
            count += 1
        return count - 1
    writer = csv.DictWriter(out, fieldnames=[f.name for f in dataclasses.fields(StoredEvent)], lineterminator="\n")
    writer.writeheader()
    for record in export_rows(store, q):
        writer.writerow(record)
        count += 1
    return count


def _write_parquet(store: Store, q: EventQuery, path: Path, batch: int = 10_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 0
    rows: list[dict[str, Any]] = []
    schema = _parquet_schema(pa)
    with pq.ParquetWriter(str(path), schema) as writer:
        for record in export_rows(store, q):
            rows.append(record)
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count, rows = count + len(rows), []
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return count + len(rows)


def _parquet_schema(pa: Any) -> Any:
    kinds = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "str | None": pa.string()}
    return pa.schema([(f.name, kinds.get(str(f.type), pa.string())) for f in dataclasses.fields(StoredEvent)])


def _atomic(target: Path, write: Any) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        count = write(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


# ---------------------------------------------------------------------------
# Engine and migrations
# ---------------------------------------------------------------------------


def _open_engine(url: sa.URL, display: str) -> Engine:
    if url.get_backend_name() == "sqlite":
        path = url.database
        if path and path != ":memory:":
            folder = Path(path).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"{display}: folder {folder} does not exist")
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa_event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise StoreError(f"{display}: cannot use this database ({exc})") from exc


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL: readers never block the writer, and a killed process leaves the last committed state intact.
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def upgrade(conn: Connection) -> None:
    """Bring the schema to the newest migration (Alembic, run in-process on an open connection)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("dipwatch") / "migrations"))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")

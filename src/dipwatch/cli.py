"""The `dipwatch` command line: each command parses options and calls one library function.

Errors about inputs are printed one line each on stderr ("error: PATH: reason"); the
command goes on with the other inputs and exits with status 1 at the end.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import shlex
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from dipwatch import __version__, pipeline
from dipwatch.errors import DipwatchError, InputError
from dipwatch.models import DyadSummary, EventQuery, StoredEvent, StoredStory
from dipwatch.store import EXPORT_FORMATS, Store, export_events

app = typer.Typer(
    help="Turn news articles into a record of international relations: who did what to whom, when and where.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

PATHS = typer.Argument(..., help="Files, directories, .jsonl files of {id, text[, published, url]}, or - for stdin.")
OUTPUT = typer.Option(None, "--output", "-o", help="Write JSON lines to this file instead of stdout.")
DEFAULT_DB = "sqlite:///dipwatch.db"


def db_option() -> Any:
    """The --db option shared by every command that touches the database."""
    return typer.Option(
        os.environ.get("DIPWATCH_DB", DEFAULT_DB), "--db",
        help="Database URL: sqlite:///FILE (default dipwatch.db) or postgresql+psycopg://... (env DIPWATCH_DB).",
    )


def _version(value: bool) -> None:
    if value:
        print(f"dipwatch {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """dipwatch: news in, dated and attributed events out."""


class ErrorCounter:
    """Prints input errors as they come and remembers whether any occurred."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, error: InputError) -> None:
        """Print one input error on one line."""
        self.count += 1
        err.print(f"error: {error}", markup=False, soft_wrap=True)

    def exit(self) -> None:
        """Exit with status 1 when any input failed."""
        if self.count:
            raise typer.Exit(1)


def _emit(records: Iterable[dict[str, Any]], output: str | None) -> int:
    if output and output != "-":
        return pipeline.write_jsonl(records, output)
    count = 0
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


@app.command()
def clean(paths: list[str] = PATHS, output: str | None = OUTPUT) -> None:
    """Clean articles: title, date, outlet, source, language, main text, spun flag (JSONL).

    Example: dipwatch clean articles/ -o docs.jsonl
    """
    errors = ErrorCounter()

    def records() -> Iterator[dict[str, Any]]:
        for item in pipeline.clean_paths(paths):
            if isinstance(item, InputError):
                errors.report(item)
            else:
                yield item.to_json()

    _emit(records(), output)
    errors.exit()


@app.command()
def extract(paths: list[str] = PATHS, output: str | None = OUTPUT) -> None:
    """Extract events (who did what to whom, when, where) from articles, one JSON line each.

    Example: dipwatch extract articles/ -o events.jsonl
    """
    errors = ErrorCounter()

    def records() -> Iterator[dict[str, Any]]:
        for item in pipeline.extract_paths(paths):
            if isinstance(item, InputError):
                errors.report(item)
                continue
            _, events = item
            yield from (event.to_json() for event in events)

    _emit(records(), output)
    errors.exit()


@app.command()
def demo(db: str = db_option()) -> None:
    """Ingest the bundled demo articles into --db, then show its stories, events and top dyads."""
    corpus = pipeline.demo_corpus()
    with Store(db) as store:
        summary = _ingest_with_progress([str(corpus)], store)
        stored = store.stories(EventQuery(limit=10))
        out.print(_stories_table(stored, f"Stories in {db}"))
        found = store.events(EventQuery(limit=20))
        out.print(_events_table(found, f"Events in {db} (newest first)"))
        out.print(_dyads_table(store.dyads(EventQuery(limit=10)), "Top dyads"))
        out.print(f"{store.count_events(EventQuery())} events stored; this run added {summary.added} documents.")
    out.print(f"Open the dashboard: {serve_command(db)}", markup=False, soft_wrap=True)


# ---------------------------------------------------------------------------
# The database commands: ingest, events, stories, dyads, export
# ---------------------------------------------------------------------------

FORMAT = typer.Option("table", "--format", "-f", help="table (default), jsonl or csv.")
LIMIT = typer.Option(100, "--limit", "-n", help="At most this many rows.")
ACTOR = typer.Option(None, "--actor", help="Events with this actor code on either side, e.g. PRK.")
DYAD = typer.Option(None, "--dyad", help="Events between two actor codes, either direction, e.g. PRK-RUS.")
TYPE = typer.Option(None, "--type", help="PLOVER event type, e.g. CONSULT.")
SINCE = typer.Option(None, "--since", help="From this date, YYYY-MM-DD (event date, else publication date).")
UNTIL = typer.Option(None, "--until", help="Up to this date, YYYY-MM-DD, inclusive.")
STORY = typer.Option(None, "--story", help="Events of this story id.")


def _query(actor: str | None = None, dyad: str | None = None, type_: str | None = None, since: str | None = None,
           until: str | None = None, story: str | None = None, limit: int = 100) -> EventQuery:
    pair = None
    if dyad:
        parts = [p.strip().upper() for p in dyad.replace(",", "-").split("-") if p.strip()]
        if len(parts) != 2:
            raise typer.BadParameter(f"{dyad!r}: give two actor codes, e.g. PRK-RUS", param_hint="--dyad")
        pair = (parts[0], parts[1])
    return EventQuery(actor=actor.upper() if actor else None, dyad=pair, type=type_.upper() if type_ else None,
                      since=since, until=until, story=story, limit=limit)


def _ingest_with_progress(paths: list[str], store: Store) -> pipeline.IngestSummary:
    """Run pipeline.ingest with a Rich progress line on stderr; input errors are printed as they come."""
    errors = ErrorCounter()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task("ingesting", total=None)

        def progress(summary: pipeline.IngestSummary, _result: object) -> None:
            while errors.count < len(summary.errors):
                bar.console.print(f"error: {summary.errors[errors.count]}", markup=False, soft_wrap=True)
                errors.count += 1
            bar.update(task, description=f"{summary.read} read, {summary.added} added, {summary.skipped} already "
                                         f"stored, {summary.new_events} new events, {summary.merged_events} merged")

        summary = pipeline.ingest(paths, store, progress=progress)
    return summary


@app.command()
def ingest(paths: list[str] = PATHS, db: str = db_option()) -> None:
    """Clean, extract, group into stories and store articles; re-running adds only what is missing.

    Example: dipwatch ingest articles/ --db sqlite:///news.db
    """
    with Store(db) as store:
        summary = _ingest_with_progress(paths, store)
    err.print(f"{summary.added} documents added ({summary.skipped} already stored), {summary.new_events} new "
              f"events, {summary.merged_events} merged into stored events, {summary.new_stories} new stories.",
              markup=False)
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def events(
    db: str = db_option(), actor: str | None = ACTOR, dyad: str | None = DYAD, type_: str | None = TYPE,
    since: str | None = SINCE, until: str | None = UNTIL, story: str | None = STORY, limit: int = LIMIT,
    format_: str = FORMAT,
) -> None:
    """List stored events, newest first (one row per real event, however many copies report it).

    Example: dipwatch events --dyad PRK-RUS --since 2025-01-01 --format jsonl
    """
    if format_ not in ("table", "jsonl", "csv"):
        raise typer.BadParameter(f"{format_!r}: choose table, jsonl or csv", param_hint="--format")
    with Store(db) as store:
        found = store.events(_query(actor, dyad, type_, since, until, story, limit))
    if format_ == "table":
        out.print(_events_table(found, f"{len(found)} events"))
    elif format_ == "jsonl":
        _emit((dataclasses.asdict(e) for e in found), None)
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=[f.name for f in dataclasses.fields(StoredEvent)],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(dataclasses.asdict(e) for e in found)


@app.command()
def stories(db: str = db_option(), actor: str | None = ACTOR, since: str | None = SINCE, until: str | None = UNTIL,
            limit: int = LIMIT) -> None:
    """List stories: copies of one news story grouped, with their canonical article.

    Example: dipwatch stories --actor PRK
    """
    with Store(db) as store:
        out.print(_stories_table(store.stories(_query(actor, since=since, until=until, limit=limit)), "Stories"))


@app.command()
def dyads(db: str = db_option(), actor: str | None = ACTOR, type_: str | None = TYPE, since: str | None = SINCE,
          until: str | None = UNTIL, limit: int = LIMIT) -> None:
    """Per pair of actors: event counts by type and by month, and an intensity score (see docs/store.md).

    Example: dipwatch dyads --actor PRK --since 2025-01-01
    """
    with Store(db) as store:
        found = store.dyads(_query(actor, type_=type_, since=since, until=until, limit=limit))
    out.print(_dyads_table(found, "Dyads"))


@app.command()
def export(
    db: str = db_option(),
    format_: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv, parquet or gdelt (tab-separated)."),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to this file (needed for parquet)."),
    actor: str | None = ACTOR, dyad: str | None = DYAD, type_: str | None = TYPE, since: str | None = SINCE,
    until: str | None = UNTIL,
) -> None:
    """Export the event table: JSONL, CSV, Parquet, or GDELT-style TSV (columns in docs/gdelt.md).

    Example: dipwatch export --format gdelt -o events.tsv
    """
    if format_ not in EXPORT_FORMATS:
        raise typer.BadParameter(f"{format_!r}: choose one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    if format_ == "parquet" and output in (None, "-"):
        raise typer.BadParameter("parquet needs an output file", param_hint="--output")
    with Store(db) as store:
        count = export_events(store, format_, output, _query(actor, dyad, type_, since, until))
    if output and output != "-":
        err.print(f"{count} events written to {output}", markup=False)


def _events_table(found: list[StoredEvent], title: str) -> Table:
    table = Table(title=title)
    for column in ("id", "date", "source", "type", "target", "sources", "mentions", "evidence"):
        table.add_column(column, overflow="fold")
    for e in found:
        table.add_row(str(e.id), e.date or "-", e.source, e.type, e.target, str(e.source_count),
                      str(e.mention_count), e.sentence[:120])
    return table


def _stories_table(found: list[StoredStory], title: str) -> Table:
    table = Table(title=title)
    for column in ("story", "first published", "copies", "events", "canonical", "title"):
        table.add_column(column, overflow="fold")
    for s in found:
        table.add_row(s.id, s.first_published or "-", str(s.doc_count), str(s.event_count), s.canonical_doc,
                      (s.title or "")[:80])
    return table


def _dyads_table(found: list[DyadSummary], title: str) -> Table:
    table = Table(title=title)
    for column in ("dyad", "events", "by type", "by month", "intensity"):
        table.add_column(column, overflow="fold")
    for d in found:
        types = ", ".join(f"{k} {v}" for k, v in sorted(d.by_type.items(), key=lambda kv: -kv[1]))
        months = ", ".join(f"{k}: {v}" for k, v in d.by_month.items())
        table.add_row(f"{d.a}-{d.b}", str(d.event_count), types, months or "-", f"{d.intensity:+.2f}")
    return table


def serve_command(db: str) -> str:
    """The shell command that serves ``db`` with this same dipwatch executable."""
    program = Path(sys.argv[0])
    name = os.path.relpath(program) if program.name == "dipwatch" and program.is_file() else "dipwatch"
    return f"{shlex.quote(name)} serve --db {shlex.quote(db)}"


@app.command()
def serve(
    db: str = db_option(),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default serves this machine only."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
) -> None:
    """Serve the database as a web dashboard and a read-only JSON API (/api/..., schema at /openapi.json).

    Example: dipwatch serve --db sqlite:///dipwatch.db --port 8000
    """
    import uvicorn  # imported here: the other commands should not pay for the web stack

    from dipwatch.api import create_app

    application = create_app(db)
    out.print(f"dipwatch dashboard: http://{host}:{port}/  (Ctrl+C stops it)", markup=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


def run() -> None:
    """Console entry point: no traceback reaches the user, one line says what failed."""
    try:
        app()
    except DipwatchError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the promise is one line, never a traceback
        if os.environ.get("DIPWATCH_DEBUG"):
            raise
        err.print(f"error: unexpected {type(exc).__name__}: {exc} (DIPWATCH_DEBUG=1 shows the traceback)",
                  markup=False, soft_wrap=True)
        sys.exit(2)

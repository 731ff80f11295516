"""The `dipwatch` command line: each command parses options and calls one library function.

Errors about inputs are printed one line each on stderr ("error: PATH: reason"); the
command goes on with the other inputs and exits with status 1 at the end.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from dipwatch import __version__, pipeline
from dipwatch.errors import DipwatchError, InputError

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
    """Run the whole pipeline on the bundled demo articles and show what it found."""
    corpus = pipeline.demo_corpus()
    table = Table(title=f"Events in the demo corpus ({corpus})")
    for column in ("doc", "date", "source", "type", "target", "evidence"):
        table.add_column(column, overflow="fold")
    count = 0
    for item in pipeline.extract_paths([str(corpus)]):
        if isinstance(item, InputError):
            err.print(f"error: {item}", markup=False)
            continue
        for event in item[1]:
            count += 1
            table.add_row(event.doc, event.date or "-", event.source.code, event.type, event.target.code,
                          event.sentence[:120])
    out.print(table)
    out.print(f"{count} events.")


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

"""The library's front door: the functions every surface (CLI, web, batch) calls.

    clean_paths(paths)      -> Document or InputError, per input document
    extract_paths(paths)    -> (Document, [Event]) or InputError, per input document
    ingest(paths, store)    -> IngestSummary: clean, extract, cluster and store, one transaction per document
    demo_corpus()           -> the path of the bundled demo articles
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dipwatch.clean import clean
from dipwatch.errors import InputError
from dipwatch.extract import Extractor
from dipwatch.ingest import read_inputs
from dipwatch.models import Document, Event
from dipwatch.store import AddResult, Store


def clean_paths(paths: Iterable[str]) -> Iterator[Document | InputError]:
    """Read and clean every document under ``paths``; unreadable inputs come back as errors."""
    for item in read_inputs(paths):
        yield item if isinstance(item, InputError) else clean(item)


def extract_paths(
    paths: Iterable[str], extractor: Extractor | None = None
) -> Iterator[tuple[Document, list[Event]] | InputError]:
    """Clean every document under ``paths`` and extract its events."""
    extractor = extractor or Extractor()
    errors: list[InputError] = []

    def documents() -> Iterator[Document]:
        for item in clean_paths(paths):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                yield item

    for result in extractor.extract_many(documents()):
        while errors:
            yield errors.pop(0)
        yield result
    yield from errors


@dataclass
class IngestSummary:
    """What one ingest run did."""

    read: int = 0  # documents read and cleaned
    added: int = 0  # documents stored
    skipped: int = 0  # documents already stored (same content hash): nothing written
    new_events: int = 0
    merged_events: int = 0
    new_stories: int = 0  # stories started by the added documents (the others joined a stored story)
    errors: list[InputError] = field(default_factory=list)


#: Called after every input: the summary so far, and the document's AddResult, or None (skipped or an error).
ProgressCallback = Callable[[IngestSummary, AddResult | None], None]


def ingest(paths: Iterable[str], store: Store, extractor: Extractor | None = None,
           progress: ProgressCallback | None = None) -> IngestSummary:
    """Clean, extract, cluster and store every document under ``paths``, streaming.

    A document whose content hash is already stored is skipped before extraction, so re-running an
    interrupted or finished ingest only does the missing work. Each document is stored with its events
    in one transaction (Store.add). Progress goes to ``progress``; the library never prints.
    """
    summary = IngestSummary()
    report = progress or (lambda _summary, _result: None)

    def fresh_documents() -> Iterator[Document]:
        for item in clean_paths(paths):
            if isinstance(item, InputError):
                summary.errors.append(item)
                report(summary, None)
                continue
            summary.read += 1
            if item.content_hash and store.has_document(item.content_hash):
                summary.skipped += 1
                report(summary, None)
                continue
            yield item

    for doc, events in (extractor or Extractor()).extract_many(fresh_documents()):
        result = store.add(doc, events)
        if result.added:
            summary.added += 1
            summary.new_events += result.new_events
            summary.merged_events += result.merged_events
            summary.new_stories += result.new_story
        else:
            summary.skipped += 1
        report(summary, result)
    return summary


def demo_corpus() -> Path:
    """The folder of demo articles shipped inside the package."""
    return Path(str(resources.files("dipwatch") / "data" / "demo"))


def write_jsonl(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write records as JSON lines to ``path`` atomically: the file appears whole or not at all."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count

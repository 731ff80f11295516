"""The library's front door: the functions every surface (CLI, web, batch) calls.

    clean_paths(paths)      -> Document or InputError, per input document
    extract_paths(paths)    -> (Document, [Event]) or InputError, per input document
    demo_corpus()           -> the path of the bundled demo articles
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from dipwatch.clean import clean
from dipwatch.errors import InputError
from dipwatch.extract import Extractor
from dipwatch.ingest import read_inputs
from dipwatch.models import Document, Event


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

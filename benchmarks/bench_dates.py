"""Speed of event dates and locations: DateResolver per document, resolve() and find_location() per sentence.

Runs on the demo corpus (src/dipwatch/data/demo, plain-text files) repeated to about 2,000 documents; each
sentence is resolved once with its first verb-like word as trigger. Prints documents/s, calls/s and peak memory.
"""

from __future__ import annotations

import re
import resource
import time
from pathlib import Path

from dipwatch.dates import DateResolver, load_date_words
from dipwatch.models import Document
from dipwatch.places import find_location, load_place_index

DEMO = Path(__file__).resolve().parent.parent / "src" / "dipwatch" / "data" / "demo"
TARGET_DOCUMENTS = 2000
SENTENCE_END = re.compile(r"[.!?][\"”]?\s+")


def _documents() -> list[Document]:
    texts = [p.read_text("utf-8") for p in sorted(DEMO.glob("*.txt")) if p.name != "README.md"]
    copies = TARGET_DOCUMENTS // max(len(texts), 1) + 1
    docs = [Document(doc=f"d{i}", text=t, published="2025-07-13") for i, t in enumerate(texts * copies)]
    return docs[:TARGET_DOCUMENTS]


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def main() -> None:
    """Time index loading, resolver construction and per-sentence calls; print a short report."""
    started = time.perf_counter()
    load_date_words()
    words_s = time.perf_counter() - started
    started = time.perf_counter()
    load_place_index()
    index_s = time.perf_counter() - started
    docs = _documents()
    calls = places = 0
    started = time.perf_counter()
    for doc in docs:
        resolver = DateResolver(doc)
        for start, end in _sentences(doc.text):
            resolver.resolve(start, end, start, start + 1, inherit=True)
            places += find_location(doc.text[start:end], 0) is not None
            calls += 1
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(docs)}, sentences: {calls}, sentences with a place: {places}")
    print(f"load: date words {words_s:.2f} s, place index {index_s:.2f} s (once per process)")
    print(f"dates + places: {len(docs) / elapsed:,.0f} documents/s, {calls / elapsed:,.0f} sentences/s (one core)")
    print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()

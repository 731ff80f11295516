"""Speed of event extraction against bare spaCy parsing of the same texts, measured in the same run.

Two corpora, each about 2,000 cleaned articles: the demo corpus (src/dipwatch/data/demo) repeated, and a mix
where four articles in five are sport, business or weather (benchmarks/data/offtopic). Extraction is timed on
every article; the baseline, ``nlp.pipe`` of the full pipeline (every component) over whole articles, is timed on
a sample of BASELINE_SAMPLE articles of the same mix and reported per article, so the ratio compares like with
like. Prints articles/second per core, the ratio and peak memory. Usage: python benchmarks/bench_extract.py [N]
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import spacy

from dipwatch.clean import clean
from dipwatch.extract import MODEL, Extractor
from dipwatch.ingest import read_inputs
from dipwatch.models import Document

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "src" / "dipwatch" / "data" / "demo"
OFFTOPIC = HERE / "data" / "offtopic"
TARGET_DOCUMENTS = 2000
BASELINE_SAMPLE = 200


def _cleaned(folder: Path) -> list[Document]:
    paths = [str(p) for p in sorted(folder.iterdir()) if p.suffix in {".txt", ".html"}]
    return [clean(item) for item in read_inputs(paths) if not isinstance(item, Exception)]


def _repeat(docs: list[Document], count: int) -> list[Document]:
    return [Document(doc=f"d{i}", text=docs[i % len(docs)].text, published=docs[i % len(docs)].published)
            for i in range(count)]


def _mix(news: list[Document], offtopic: list[Document], count: int) -> list[Document]:
    """Four off-topic articles in five."""
    docs = []
    for i in range(count):
        source = news[(i // 5) % len(news)] if i % 5 == 0 else offtopic[i % len(offtopic)]
        docs.append(Document(doc=f"m{i}", text=source.text, published=source.published))
    return docs


def _rate_extract(extractor: Extractor, docs: list[Document]) -> tuple[float, int]:
    started = time.perf_counter()
    events = sum(len(evs) for _, evs in extractor.extract_many(docs))
    return len(docs) / (time.perf_counter() - started), events


def _rate_baseline(nlp, docs: list[Document]) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe((d.text for d in docs), batch_size=64):
        pass
    return len(docs) / (time.perf_counter() - started)


def _report(name: str, extractor: Extractor, nlp, docs: list[Document]) -> None:
    rate, events = _rate_extract(extractor, docs)
    sample = docs[:: max(1, len(docs) // BASELINE_SAMPLE)][:BASELINE_SAMPLE]
    baseline = _rate_baseline(nlp, sample)
    words = sum(len(d.text.split()) for d in docs) / len(docs)
    print(f"{name}: {len(docs)} articles (~{words:.0f} words each), {events} events")
    print(f"  extract   {rate:8.1f} articles/s (one core)")
    print(f"  nlp.pipe  {baseline:8.1f} articles/s (full pipeline, {len(sample)}-article sample)")
    print(f"  ratio     {rate / baseline:8.2f}")


def main(count: int = TARGET_DOCUMENTS) -> None:
    """Time extraction and bare parsing on both corpora; print a short report."""
    news = _cleaned(DEMO)
    offtopic = _cleaned(OFFTOPIC) if OFFTOPIC.is_dir() else []
    started = time.perf_counter()
    extractor = Extractor()
    load_s = time.perf_counter() - started
    nlp = spacy.load(MODEL)
    print(f"extractor load: {load_s:.1f} s (model, actor lexicon, trigger lexicon)")
    _report("demo corpus", extractor, nlp, _repeat(news, count))
    if offtopic:
        _report("4-in-5 off-topic mix", extractor, nlp, _mix(news, offtopic, count))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else TARGET_DOCUMENTS)

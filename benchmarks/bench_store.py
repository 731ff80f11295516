"""Benchmark the store: ingest throughput (SQLite, PostgreSQL) and story clustering at 100,000 documents.

    python benchmarks/bench_store.py [--docs N] [--cluster N]

- Store throughput uses pre-built Documents and Events (synthetic: one in three is an edited copy of an
  earlier article, so clustering and event merging are exercised), so it measures the store, not spaCy.
- PostgreSQL runs when DIPWATCH_TEST_PG is set (`make bench` starts a server through scripts/with-postgres.sh).
- The full pipeline figure ingests the bundled demo corpus with the real cleaner and extractor.
- Clustering: MinHash fingerprints + LSH (stories.StoryIndex, in memory) over synthetic near-duplicate
  documents: stories of 5 copies each, every copy with 10% of its words replaced; reports time, documents per
  second, peak memory, and how many copies landed in their story (recall) or in a foreign one (false merges).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from dipwatch import pipeline, stories
from dipwatch.models import Actor, Document, Event
from dipwatch.store import Store

VOCABULARY = [f"word{i}" for i in range(20_000)]
CODES = ["CHL", "PER", "KEN", "ETH", "JPN", "IND", "BRA", "ARG", "RUS", "PRK", "FRA", "DEU"]
TYPES = ["CONSULT", "AGREE", "SUPPORT", "ACCUSE", "COOPERATE", "THREATEN"]


def synthetic_text(rng: random.Random, story: int, words: int) -> str:
    """An article of random vocabulary with the names, numbers and a quote of its story."""
    body = [rng.choice(VOCABULARY) for _ in range(words)]
    facts = (f"in Town{story} said Minister Person{story} of Agency{story % 97}, counting {story * 7} trucks "
             f"and {story * 13} ships on March {story % 28 + 1}, \"quote{story} about talks{story}\".")
    return " ".join(body[: words // 2]) + " " + facts + " " + " ".join(body[words // 2:])


def edited(rng: random.Random, text: str, share: float) -> str:
    """A near copy: ``share`` of the words replaced."""
    words = text.split(" ")
    for i in rng.sample(range(len(words)), int(len(words) * share)):
        words[i] = rng.choice(VOCABULARY)
    return " ".join(words)


def store_corpus(count: int, seed: int = 7) -> list[tuple[Document, list[Event]]]:
    """Pre-built documents with one or two events; one in three is an edited copy of an earlier one."""
    rng = random.Random(seed)
    corpus, originals = [], []
    for n in range(count):
        if originals and n % 3 == 2:
            story, text = rng.choice(originals)
            text = edited(rng, text, 0.1)
        else:
            story, text = n, synthetic_text(rng, n, 250)
            originals.append((story, text))
        a, b = CODES[story % len(CODES)], CODES[(story // len(CODES) + 1) % len(CODES)]
        sentence = text[:120]
        found = [Event(doc=f"d{n}", source=Actor(a, a, 0, 3), target=Actor(b, b, 4, 7), type=TYPES[story % 6],
                       cameo="040", sentence=sentence, sentence_start=0, sentence_end=len(sentence),
                       date=f"2025-03-{story % 28 + 1:02d}", intensity=1.0)]
        corpus.append((Document(doc=f"d{n}", text=text, content_hash=f"bench-{seed}-{n}", outlet=f"outlet{n % 50}",
                                published=f"2025-03-{story % 28 + 1:02d}"), found))
    return corpus


def time_store(url: str, corpus: list[tuple[Document, list[Event]]]) -> tuple[float, int, int, float]:
    """Documents per second storing the corpus (one transaction each), stories and events stored,
    and SQL statements sent per document."""
    with Store(url) as store:
        statements: list[str] = []  # one entry per statement sent to the database
        sa.event.listen(store.engine, "before_cursor_execute", lambda _conn, _cursor, sql, *_: statements.append(sql))
        started = time.perf_counter()
        for doc, found in corpus:
            store.add(doc, found)
        elapsed = time.perf_counter() - started
        per_doc = len(statements) / len(corpus)
        with store.engine.connect() as conn:
            n_stories = conn.execute(sa.text("SELECT count(*) FROM stories")).scalar_one()
            n_events = conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
    return len(corpus) / elapsed, n_stories, n_events, per_doc


def fresh_postgres_schema(base: str) -> str:
    """A new empty schema on the benchmark server, as a URL selecting it."""
    schema = f"bench_{os.getpid()}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    url = sa.engine.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def bench_stores(count: int) -> None:
    corpus = store_corpus(count)
    with tempfile.TemporaryDirectory() as tmp:
        rate, n_stories, n_events, per_doc = time_store(f"sqlite:///{tmp}/bench.db", corpus)
    print(f"store.add into SQLite (WAL):    {rate:8.0f} documents/s  ({count} docs -> {n_stories} stories, "
          f"{n_events} events; {per_doc:.1f} statements per document)")
    base = os.environ.get("DIPWATCH_TEST_PG")
    if not base:
        print("store.add into PostgreSQL:      skipped (DIPWATCH_TEST_PG unset; `make bench` sets it)")
        return
    rate, n_stories, n_events, per_doc = time_store(fresh_postgres_schema(base), corpus)
    print(f"store.add into PostgreSQL:      {rate:8.0f} documents/s  ({count} docs -> {n_stories} stories, "
          f"{n_events} events; {per_doc:.1f} statements per document)")


def bench_pipeline() -> None:
    corpus = pipeline.demo_corpus()
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/pipeline.db") as store:
        started = time.perf_counter()
        summary = pipeline.ingest([str(corpus)], store)
        elapsed = time.perf_counter() - started
    print(f"full pipeline (demo corpus):    {summary.added / elapsed:8.2f} documents/s  ({summary.added} docs, "
          f"{summary.new_events} events, {elapsed:.1f} s incl. model load)")


def bench_clustering(count: int, copies: int = 5, seed: int = 11) -> None:
    rng = random.Random(seed)
    thresholds = stories.load_thresholds()
    index = stories.StoryIndex(thresholds)
    truth: list[int] = []
    started = time.perf_counter()
    for story in range(count // copies):
        original = synthetic_text(rng, story, 120)
        for copy in range(copies):
            text = original if copy == 0 else edited(rng, original, 0.1)
            index.add(stories.fingerprint(Document(doc=f"c{story}-{copy}", text=text), (), thresholds))
            truth.append(story)
    elapsed = time.perf_counter() - started
    first_of = {}
    for number, story in enumerate(truth):
        first_of.setdefault(story, number)
    joined = sum(1 for n, s in enumerate(truth) if index.story_of[n] == index.story_of[first_of[s]])
    foreign = sum(1 for n, s in enumerate(truth) if truth[index.story_of[n]] != s)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"clustering {len(truth):,} near-duplicate docs (MinHash {thresholds.num_perm} perms + LSH): "
          f"{elapsed:.1f} s, {len(truth) / elapsed:.0f} docs/s, peak RSS {peak:.0f} MB")
    print(f"  copies in their own story: {joined / len(truth):.1%}; in a foreign story: {foreign / len(truth):.2%}")


def main(argv: list[str] | None = None) -> None:
    """Print the store and clustering figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents for the store throughput runs")
    parser.add_argument("--cluster", type=int, default=100_000, help="documents for the clustering run")
    parser.add_argument("--no-pipeline", action="store_true", help="skip the full-pipeline figure")
    args = parser.parse_args(argv)
    print(f"bench_store (Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    bench_stores(args.docs)
    if not args.no_pipeline and any(Path(pipeline.demo_corpus()).glob("*.txt")):
        bench_pipeline()
    bench_clustering(args.cluster)


if __name__ == "__main__":
    main()

"""API response times on a database of 100,000 synthetic events.

Builds (once; kept in bench-output/bench_api/) a SQLite database through Store.add: 10,000 synthetic
articles of 10 events each, between 40 actors, over 36 months, every article distinct so that no two
merge. Then asks the app in-process (FastAPI's test client: the app and the store, no network) each
query N times and prints the median and 95th percentile response times; then times /api/events over
HTTP against `dipwatch serve` (uvicorn) running in its own process on a loopback port.
Usage: python benchmarks/bench_api.py [--events 100000] [--repeat 30] [--db URL]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx2
from fastapi.testclient import TestClient

from dipwatch.api import create_app, load_plover
from dipwatch.models import Actor, Document, Event, EventQuery, Mention
from dipwatch.store import Store

OUTPUT = Path(__file__).resolve().parent.parent / "bench-output" / "bench_api"
EVENTS_PER_DOC = 10
ACTORS = ["AFG", "ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "EGY", "ESP", "ETH", "FRA", "GBR", "IDN", "IND", "IRN",
          "IRQ", "ISR", "ITA", "JPN", "KEN", "KOR", "MEX", "NGA", "PAK", "POL", "PRK", "RUS", "SAU", "SYR", "TUR",
          "UKR", "USA", "VEN", "ZAF", "NATO", "UN", "EU", "AU", "ASEAN", "OPEC"]
QUERIES = [
    "/api/events",
    "/api/events?actor=RUS",
    "/api/events?dyad=PRK-RUS",
    "/api/events?type=ASSAULT&since=2023-06-01&until=2023-12-31",
    "/api/events?q=harbour",
    "/api/events?limit=1000",
    "/api/events?offset=50000",
    "/api/dyads?limit=20",
    "/",
    "/dyad/PRK-RUS",
    "/network?since=2023-01-01&until=2023-03-31",
]


def synthetic_document(index: int, rng: random.Random) -> tuple[Document, list[Event]]:
    """One distinct article with EVENTS_PER_DOC events between distinct actor pairs."""
    types = load_plover().types
    month = index % 36
    day = f"{2022 + month // 12}-{month % 12 + 1:02d}-{rng.randint(1, 28):02d}"
    sentences, specs = [], []
    for n in range(EVENTS_PER_DOC):
        source, target = rng.sample(ACTORS, 2)
        kind = types[(index + n) % len(types)]
        noise = " ".join(f"w{rng.randrange(10**6)}" for _ in range(6))
        sentences.append(f"{source} acted on {target} near the harbour {n} of article {index} {noise}.")
        specs.append((source, target, kind))
    text = " ".join(sentences)
    doc = Document(doc=f"synthetic-{index}", title=f"Synthetic article {index}", published=day, outlet="bench",
                   language="en", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())
    return doc, [_event(doc, sentence, spec, day) for sentence, spec in zip(sentences, specs, strict=True)]


def _event(doc: Document, sentence: str, spec: tuple[str, str, str], day: str) -> Event:
    source, target, kind = spec
    start = doc.text.index(sentence)
    target_start = start + sentence.index(f" {target} ") + 1
    plover = load_plover()
    quad = plover.type_quad[kind]
    return Event(
        doc=doc.doc, source=Actor(source, source, start, start + len(source)),
        target=Actor(target, target, target_start, target_start + len(target)), type=kind, cameo="010",
        sentence=sentence, sentence_start=start, sentence_end=start + len(sentence), quad_class=quad,
        intensity={1: 3.0, 2: 6.0, 3: -3.0, 4: -8.0}[quad], date=day, date_text="on the day", trigger="acted",
        confidence=0.8, mentions=[Mention(doc.doc, sentence, start, start + len(sentence), "acted")],
    )


def build(url: str, events: int) -> float:
    """Store every synthetic article not stored yet; return the seconds it took (0 when all were there)."""
    rng = random.Random(7)
    articles = [synthetic_document(index, rng) for index in range(events // EVENTS_PER_DOC)]
    with Store(url) as store:
        missing = [(doc, evs) for doc, evs in articles if not store.has_document(doc.content_hash or "")]
        started = time.perf_counter()
        for doc, doc_events in missing:
            store.add(doc, doc_events)
        return time.perf_counter() - started if missing else 0.0


def time_queries(url: str, repeat: int) -> list[tuple[str, float, float, int]]:
    """(query, median ms, p95 ms, status) per query, after one warm-up request each."""
    results = []
    with TestClient(create_app(url)) as client:
        for query in QUERIES:
            status = client.get(query).status_code
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(query)
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            results.append((query, statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], status))
    return results


def time_over_http(url: str, query: str, repeat: int) -> float:
    """Median ms of ``query`` against `dipwatch serve` in its own process, on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "dipwatch", "serve", "--db", url, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}") as client:
            _wait_until_up(client, server)
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(query).raise_for_status()
                timings.append((time.perf_counter() - started) * 1000)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return statistics.median(timings)


def _wait_until_up(client: httpx2.Client, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise RuntimeError(f"dipwatch serve exited with status {server.returncode}")
        try:
            client.get("/static/style.css")
            return
        except httpx2.TransportError:
            time.sleep(0.1)
    raise RuntimeError("dipwatch serve did not start within 60 s")


def main() -> None:
    """Build the database if needed, time the queries, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", default=None, help="database URL (default: a SQLite file in bench-output/)")
    args = parser.parse_args()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    url = args.db or f"sqlite:///{OUTPUT}/events-{args.events}.db"
    seconds = build(url, args.events)
    with Store(url) as store:
        stored = store.count_events(EventQuery())
    print(f"database: {url.split('///')[-1] if url.startswith('sqlite') else 'postgresql'}, {stored:,} events"
          + (f" (built in {seconds:.0f} s, {stored / seconds:.0f} events/s)" if seconds else " (reused)"))
    print(f"{'query':<62} {'median ms':>10} {'p95 ms':>8} {'status':>6}")
    for query, median, p95, status in time_queries(url, args.repeat):
        print(f"{query:<62} {median:>10.1f} {p95:>8.1f} {status:>6}", flush=True)
    over_http = time_over_http(url, "/api/events", args.repeat)
    print(f"/api/events over HTTP (`dipwatch serve` in its own process, loopback): median {over_http:.1f} ms")


if __name__ == "__main__":
    main()

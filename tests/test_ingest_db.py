"""Ingesting into the database: streaming, idempotent, and resumable after kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from dipwatch import pipeline
from dipwatch.models import Actor, Document, Event, EventQuery
from dipwatch.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "stories"
COUNTRIES = ["Chile", "Peru", "Kenya", "Ghana", "Nepal", "Japan", "Brazil", "Norway", "Egypt", "Canada"]


class CountingExtractor:
    """A stand-in for the Extractor: one CONSULT event per document, and a record of what it saw."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract_many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        for doc in docs:
            self.seen.append(doc.doc)
            sentence = doc.text.split("\n")[0]
            yield doc, [Event(doc=doc.doc, source=Actor("CHL", "Chile", 0, 5), target=Actor("PER", "Peru", 10, 14),
                              type="CONSULT", cameo="040", sentence=sentence, sentence_start=0,
                              sentence_end=len(sentence))]


def write_corpus(folder: Path, count: int) -> Path:
    """A JSONL corpus of ``count`` distinct short articles (different stories: different numbers and names)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            a, b = COUNTRIES[n % 10], COUNTRIES[(n // 10) % 10]
            text = (f"Report {n}: {a} and {b} held talks on item {n * 7} in Town{n}. "
                    f"Officials counted {n * 13} trucks and {n * 17} ships at Port{n}, said Minister Name{n}.")
            out.write(json.dumps({"id": f"doc{n:05d}", "text": text}) + "\n")
    return path


def ingest_command(corpus: Path, db_url: str) -> list[str]:
    return [sys.executable, "-m", "dipwatch", "ingest", str(corpus), "--db", db_url]


def stored_count(db_url: str) -> int:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
    except sa.exc.DBAPIError:
        return 0  # not created yet, or locked for a moment
    finally:
        engine.dispose()


def assert_whole_and_unique(db_url: str, expected: int) -> None:
    """Every document once, each with its story and its LSH keys: nothing lost, doubled or half-written."""
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        q = conn.execute
        assert q(sa.text("SELECT count(*) FROM documents")).scalar_one() == expected
        assert q(sa.text("SELECT count(DISTINCT content_hash) FROM documents")).scalar_one() == expected
        assert q(sa.text("SELECT count(*) FROM documents WHERE story_id IS NULL")).scalar_one() == 0
        assert q(sa.text("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                         "(SELECT 1 FROM stories s WHERE s.id = d.story_id)")).scalar_one() == 0
        assert q(sa.text("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                         "(SELECT 1 FROM story_keys k WHERE k.document_id = d.id)")).scalar_one() == 0
        assert q(sa.text("SELECT sum(doc_count) FROM stories")).scalar_one() == expected
    engine.dispose()


# -- the library function --------------------------------------------------------


def test_ingest_stores_documents_events_and_stories(db_url):
    with Store(db_url) as store:
        summary = pipeline.ingest([str(FIXTURES)], store, extractor=CountingExtractor())
        assert (summary.read, summary.added, summary.skipped) == (6, 6, 0)
        assert summary.new_stories == 3
        assert store.count_events(EventQuery()) == 3  # one per story: the copies' CONSULT events merged


def test_reingesting_skips_stored_documents_before_extraction(db_url):
    with Store(db_url) as store:
        pipeline.ingest([str(FIXTURES)], store, extractor=CountingExtractor())
        again = CountingExtractor()
        summary = pipeline.ingest([str(FIXTURES)], store, extractor=again)
        assert again.seen == []
        assert (summary.added, summary.skipped, summary.new_events) == (0, 6, 0)
        assert store.count_events(EventQuery()) == 3


def test_progress_is_reported_for_every_input_and_errors_do_not_stop_the_run(db_url, tmp_path):
    calls = []
    with Store(db_url) as store:
        summary = pipeline.ingest([str(tmp_path / "missing.txt"), str(FIXTURES / "original.txt")], store,
                                  extractor=CountingExtractor(), progress=lambda s, r: calls.append((s.read, r)))
    assert len(calls) == 2 and calls[-1][1].added
    assert len(summary.errors) == 1 and "missing.txt" in str(summary.errors[0])


# -- the command line --------------------------------------------------------------


@pytest.mark.slow
def test_the_ingest_command_groups_the_fixture_story_and_is_idempotent(db_url):
    first = subprocess.run(ingest_command(FIXTURES, db_url), capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "6 documents added" in first.stderr
    second = subprocess.run(ingest_command(FIXTURES, db_url), capture_output=True, text=True, timeout=300)
    assert "0 documents added (6 already stored)" in second.stderr
    with Store(db_url) as store:
        copies = {store.document(name).story_id for name in ("original", "copy", "rewrite", "spun")}
        assert len(copies) == 1
        assert len(store.stories(EventQuery())) == 3
        for event in store.events(EventQuery()):  # whatever the extractor finds, copies never inflate sources
            assert 1 <= event.source_count <= 4


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_loses_nothing_and_doubles_nothing(db_url, tmp_path):
    total = 400
    corpus = write_corpus(tmp_path / "corpus", total)
    seen_at_kill = []
    for threshold in (10, 100):  # kill twice, at different points of the run
        process = subprocess.Popen(ingest_command(corpus, db_url), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.monotonic() + 240
        while stored_count(db_url) < threshold and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        seen_at_kill.append(stored_count(db_url))
    assert 0 < seen_at_kill[0] < total and seen_at_kill[1] < total, "the run finished before it could be killed"
    assert_whole_and_unique(db_url, seen_at_kill[-1])
    rerun = subprocess.run(ingest_command(corpus, db_url), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"({seen_at_kill[-1]} already stored)" in rerun.stderr
    assert_whole_and_unique(db_url, total)


# -- the query commands -----------------------------------------------------------


@pytest.fixture
def filled_url(tmp_path) -> str:
    """An SQLite database holding the fixture story and one other, built without the extractor."""
    url = f"sqlite:///{tmp_path}/cli.db"
    with Store(url) as store:
        pipeline.ingest([str(FIXTURES / "original.txt"), str(FIXTURES / "copy.txt"), str(FIXTURES / "other.txt")],
                        store, extractor=CountingExtractor())
    return url


def cli(*args: str):
    from typer.testing import CliRunner

    from dipwatch.cli import app

    return CliRunner().invoke(app, list(args))


def test_events_command_prints_a_table_by_default(filled_url):
    result = cli("events", "--db", filled_url)
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.output and "CHL" in result.output and "2 events" in result.output


def test_events_command_writes_jsonl_and_csv(filled_url):
    records = [json.loads(line) for line in cli("events", "--db", filled_url, "--format", "jsonl").stdout.splitlines()]
    assert len(records) == 2 and sorted(r["mention_count"] for r in records) == [1, 2]
    lines = cli("events", "--db", filled_url, "--format", "csv", "--dyad", "PER-CHL").stdout.splitlines()
    assert lines[0].startswith("id,story_id,source,target") and len(lines) == 3


def test_events_command_refuses_a_malformed_dyad(filled_url):
    result = cli("events", "--db", filled_url, "--dyad", "CHL")
    assert result.exit_code == 2 and "PRK-RUS" in result.output


def test_stories_and_dyads_commands(filled_url):
    stories_out = cli("stories", "--db", filled_url).stdout
    assert "other" in stories_out and "│ 2 " in stories_out  # the copy joined the original's story
    dyads_out = cli("dyads", "--db", filled_url).stdout
    assert "CHL-PER" in dyads_out and "CONSULT 2" in dyads_out


def test_export_command_writes_gdelt_tsv(filled_url, tmp_path):
    target = tmp_path / "events.tsv"
    result = cli("export", "--db", filled_url, "--format", "gdelt", "-o", str(target))
    assert result.exit_code == 0, result.output
    header, *rows = target.read_text(encoding="utf-8").splitlines()
    assert header.split("\t")[:2] == ["GLOBALEVENTID", "SQLDATE"] and len(rows) == 2


def test_export_command_needs_a_file_for_parquet(filled_url):
    result = cli("export", "--db", filled_url, "--format", "parquet")
    assert result.exit_code == 2 and "output" in result.output


def test_an_unusable_database_is_a_one_line_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "dipwatch", "events", "--db", f"sqlite:///{tmp_path}/no/x.db"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: sqlite:///") and len(result.stderr.strip().splitlines()) == 1

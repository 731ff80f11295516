"""The command line: its commands, the JSONL contract, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dipwatch import __version__
from dipwatch.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
runner = CliRunner()

DOC_FIELDS = {"doc", "title", "published", "outlet", "original_source", "language", "text", "spun"}
EVENT_FIELDS = {"doc", "source", "target", "type", "cameo", "date", "location", "sentence", "confidence"}
ACTOR_FIELDS = {"code", "text", "start", "end"}


def test_help_lists_every_command_with_a_description():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("clean", "extract", "demo"):
        assert command in result.output
    assert "Extract events" in result.output


@pytest.mark.parametrize("command", ["clean", "extract", "demo"])
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"dipwatch {__version__}"


def test_clean_writes_one_json_object_per_document_with_the_contract_fields():
    result = runner.invoke(app, ["clean", str(FIXTURES / "summit.txt")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    assert DOC_FIELDS <= records[0].keys()
    assert records[0]["doc"] == "summit"
    assert "Narendra Modi" in records[0]["text"]
    assert isinstance(records[0]["spun"], bool)


def test_clean_reads_jsonl_records_and_takes_their_id(tmp_path):
    source = tmp_path / "batch.jsonl"
    source.write_text(json.dumps({"id": "a1", "text": "Brazil's president met Argentina's president."}) + "\n"
                      + json.dumps({"id": "a2", "text": "Kenya signed a trade pact with Ethiopia."}) + "\n")
    result = runner.invoke(app, ["clean", str(source)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["a1", "a2"]


def test_clean_reads_standard_input():
    result = runner.invoke(app, ["clean", "-"], input="Chile's foreign minister visited Peru on Monday.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["doc"] == "stdin"


def test_output_option_writes_a_file_and_nothing_to_stdout(tmp_path):
    target = tmp_path / "out" / "docs.jsonl"
    result = runner.invoke(app, ["clean", str(FIXTURES / "summit.txt"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(target.read_text())["doc"] == "summit"
    assert [p.name for p in target.parent.iterdir()] == ["docs.jsonl"]  # no temporary file left behind


def test_unknown_file_gives_one_line_error_naming_it_and_exit_1(tmp_path):
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["clean", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {missing}: no such file or directory"


def test_bad_input_does_not_stop_the_others(tmp_path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["clean", str(binary), str(FIXTURES / "summit.txt")])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "blob.txt" in result.stderr
    assert json.loads(result.stdout)["doc"] == "summit"


def test_a_subprocess_prints_no_traceback_for_an_unreadable_input(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    done = subprocess.run([sys.executable, "-m", "dipwatch", "clean", str(empty)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [f"error: {empty}: empty input: no text to read"]


@pytest.mark.slow
def test_extract_writes_events_in_the_contract_shape():
    result = runner.invoke(app, ["extract", str(FIXTURES / "summit.txt")])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events, "the summit article reports a meeting"
    for event in events:
        assert EVENT_FIELDS <= event.keys()
        assert ACTOR_FIELDS <= event["source"].keys() and ACTOR_FIELDS <= event["target"].keys()
    meeting = next(e for e in events if e["type"] == "CONSULT")
    assert {meeting["source"]["code"], meeting["target"]["code"]} == {"JPN", "IND"}

"""The package's public surface stays honest."""

from importlib.metadata import version

import dipwatch


def test_every_exported_name_exists():
    for name in dipwatch.__all__:
        assert hasattr(dipwatch, name), name


def test_version_matches_the_installed_metadata():
    assert dipwatch.__version__ == version("dipwatch")


def test_records_serialise_to_the_documented_jsonl_shape():
    actor = dipwatch.Actor(code="BRA", text="Brazil", start=0, end=6)
    other = dipwatch.Actor(code="ARG", text="Argentina", start=21, end=30)
    event = dipwatch.Event(doc="d1", source=actor, target=other, type="SUPPORT", cameo="057",
                           sentence="Brazil signed a pact with Argentina.", sentence_start=0, sentence_end=36)
    record = event.to_json()
    assert record["source"] == {"code": "BRA", "text": "Brazil", "start": 0, "end": 6, "kind": "state",
                                "name": None, "role": None}
    assert record["date"] is None and record["mentions"] == []

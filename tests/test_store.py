"""The store: one transaction per document, stories that persist, one event per real event, queries.

Every test runs on SQLite and on PostgreSQL (the `db_url` fixture in conftest.py).
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
import sqlalchemy as sa

from dipwatch import store as store_module
from dipwatch.errors import StoreError
from dipwatch.models import Actor, Document, Event, EventQuery, Mention
from dipwatch.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "stories"

#: The fixture corpus as the cleaner would describe it.
META = {
    "original": dict(outlet="andeswire.example", published="2025-03-04", title="Chile and Peru agree"),
    "copy": dict(outlet="andesdaily.example", original_source="www.andeswire.example", published="2025-03-05"),
    "rewrite": dict(outlet="limatimes.example", published="2025-03-04"),
    "spun": dict(outlet="newsfarm.example", published="2025-03-06", spun=True, farm_signals=["author bio"]),
    "other": dict(outlet="andeswire.example", published="2025-04-09"),
    "unrelated": dict(outlet="nairobi.example", published="2025-06-02"),
}


def doc(name: str, **changes) -> Document:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    fields = dict(doc=name, text=text, content_hash=f"hash-{name}", **META[name])
    fields.update(changes)
    return Document(**fields)


def event(doc_id: str, source: str, target: str, type_: str = "CONSULT", date: str | None = None, **extra) -> Event:
    fields = dict(cameo="040", sentence=f"{source} {type_} {target}.", sentence_start=0, sentence_end=20,
                  intensity=1.0, quad_class=1)
    fields.update(extra)
    return Event(doc=doc_id, source=Actor(source, f"{source} text", 0, 3), target=Actor(target, f"{target} text", 4, 7),
                 type=type_, date=date, **fields)


@pytest.fixture
def store(db_url):
    with Store(db_url) as opened:
        yield opened


def add_story(store: Store) -> dict:
    """The fixture story: an original, a verbatim republication, a rewrite and a spun farm copy."""
    results = {
        "original": store.add(doc("original"), [event("original", "CHL", "PER", "CONSULT", "2025-03-03"),
                                                event("original", "CHL", "PER", "AGREE", "2025-03-03")]),
        "copy": store.add(doc("copy"), [event("copy", "CHL", "PER", "CONSULT", "2025-03-03")]),
        "rewrite": store.add(doc("rewrite"), [event("rewrite", "PER", "CHL", "CONSULT", None)]),
        "spun": store.add(doc("spun"), [event("spun", "CHL", "PER", "CONSULT", "2025-03-03", location="Arica",
                                              location_code="CHL")]),
    }
    return results


# -- writing ------------------------------------------------------------------


def test_a_new_database_is_created_at_the_newest_migration(db_url):
    with Store(db_url) as opened, opened.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    with Store(db_url) as reopened:  # opening again migrates nothing and loses nothing
        assert reopened.count_events(EventQuery()) == 0


def test_add_stores_a_document_and_reports_it(store):
    result = store.add(doc("original"), [event("original", "CHL", "PER")])
    assert result.added and result.doc == "original" and result.story_id and result.new_story
    assert result.new_events == 1 and result.merged_events == 0
    assert store.has_document("hash-original")
    assert store.document("original").text.startswith("Chile and Peru agree")


def test_adding_the_same_content_again_writes_nothing(store):
    store.add(doc("original"), [event("original", "CHL", "PER")])
    again = store.add(doc("original", doc="renamed"), [event("renamed", "CHL", "PER")])
    assert not again.added and again.new_events == 0
    assert store.document("renamed") is None
    assert store.count_events(EventQuery()) == 1
    assert store.mentions(store.events(EventQuery())[0].id)[0].doc == "original"


def test_a_reused_document_id_with_new_content_gets_a_distinct_id(store):
    store.add(doc("original"), [])
    second = store.add(doc("unrelated", doc="original"), [])
    assert second.added and second.doc != "original" and second.doc.startswith("original")
    assert store.document(second.doc).outlet == "nairobi.example"


def test_a_document_and_its_events_commit_together_or_not_at_all(store, monkeypatch):
    def fail(*_args, **_kwargs):
        raise sa.exc.OperationalError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(store_module._Writer, "_write_events", fail)
    with pytest.raises(StoreError, match="disk full"):
        store.add(doc("original"), [event("original", "CHL", "PER")])
    assert not store.has_document("hash-original")
    assert store.stories(EventQuery()) == []


# -- stories --------------------------------------------------------------------


def test_copies_rewrites_and_spun_copies_form_one_story(store):
    results = add_story(store)
    other = store.add(doc("other"), [event("other", "PER", "CHL", "PROTEST", "2025-04-08")])
    assert len({r.story_id for r in results.values()}) == 1
    assert results["original"].new_story and not any(r.new_story for r in list(results.values())[1:])
    assert other.story_id != results["original"].story_id
    story = store.story(results["original"].story_id)
    assert story.doc_count == 4 and story.canonical_doc == "original"
    assert [d.doc for d in story.docs][0] == "original"
    assert {d.doc for d in story.docs} == {"original", "copy", "rewrite", "spun"}
    assert story.first_published == "2025-03-04" and story.title == "Chile and Peru agree"


def test_an_earlier_first_hand_copy_becomes_canonical(store):
    store.add(doc("copy"), [])
    result = store.add(doc("rewrite", published="2025-03-01"), [])
    story = store.story(result.story_id)
    assert story.canonical_doc == "rewrite"  # the copy names another original source; the rewrite is first-hand


def test_spun_and_farm_copies_are_marked(store):
    add_story(store)
    spun = store.document("spun")
    assert spun.spun and spun.content_farm
    assert not store.document("original").content_farm


def test_stories_persist_a_new_article_joins_across_runs(db_url):
    with Store(db_url) as first:
        story_id = first.add(doc("original"), []).story_id
    with Store(db_url) as second:
        assert second.add(doc("spun"), []).story_id == story_id
        assert second.story(story_id).doc_count == 2


# -- event merging --------------------------------------------------------------


def test_one_real_event_reported_by_every_copy_is_stored_once(store):
    results = add_story(store)
    consult = store.events(EventQuery(type="CONSULT"))
    assert len(consult) == 1
    assert consult[0].mention_count == 4
    assert results["copy"].merged_events == 1 and results["rewrite"].merged_events == 1
    assert store.count_events(EventQuery()) == 2  # CONSULT and AGREE


def test_source_count_counts_independent_sources_only(store):
    add_story(store)
    consult = store.events(EventQuery(type="CONSULT"))[0]
    # original + its republication = one source; the rewrite = another; the spun farm copy adds none
    assert consult.source_count == 2


def test_the_merged_event_keeps_the_most_precise_date_and_location(store):
    store.add(doc("rewrite"), [event("rewrite", "PER", "CHL", "CONSULT", None)])
    store.add(doc("original"), [event("original", "CHL", "PER", "CONSULT", "2025-03-03", location="Arica",
                                      location_code="CHL")])
    merged = store.events(EventQuery())
    assert len(merged) == 1
    assert merged[0].date == "2025-03-03" and merged[0].location == "Arica"


def test_events_with_different_known_dates_stay_apart(store):
    store.add(doc("original"), [event("original", "CHL", "PER", "CONSULT", "2025-03-03")])
    store.add(doc("copy"), [event("copy", "CHL", "PER", "CONSULT", "2025-03-10")])
    assert store.count_events(EventQuery()) == 2


def test_directed_types_do_not_merge_in_the_opposite_direction(store):
    store.add(doc("original"), [event("original", "CHL", "PER", "ACCUSE")])
    store.add(doc("copy"), [event("copy", "PER", "CHL", "ACCUSE")])
    assert store.count_events(EventQuery()) == 2


def test_events_of_different_stories_never_merge(store):
    store.add(doc("original"), [event("original", "CHL", "PER", "CONSULT")])
    store.add(doc("other"), [event("other", "CHL", "PER", "CONSULT")])
    assert store.count_events(EventQuery()) == 2


def test_every_mention_of_an_event_is_kept_canonical_first(store):
    add_story(store)
    consult = store.events(EventQuery(type="CONSULT"))[0]
    found = store.mentions(consult.id)
    assert [m.doc for m in found][0] == "original"
    assert {m.doc for m in found} == {"original", "copy", "rewrite", "spun"}
    spun = next(m for m in found if m.doc == "spun")
    assert spun.spun and spun.content_farm and spun.outlet == "newsfarm.example"


def test_an_event_with_several_mentions_in_one_document_stores_each(store):
    reports = [Mention("original", "first.", 0, 6), Mention("original", "second.", 10, 17)]
    store.add(doc("original"), [event("original", "CHL", "PER", mentions=reports)])
    stored = store.events(EventQuery())[0]
    assert stored.mention_count == 2 and stored.source_count == 1


def test_two_reports_of_one_event_in_one_document_merge_into_one_event(store):
    first = event("original", "CHL", "PER", "CONSULT", "2025-03-03", sentence_start=0, sentence_end=20)
    second = event("original", "PER", "CHL", "CONSULT", None, sentence_start=40, sentence_end=60, location="Lima")
    result = store.add(doc("original"), [first, second])
    assert (result.new_events, result.merged_events) == (1, 1)
    stored = store.events(EventQuery())
    assert len(stored) == 1 and stored[0].mention_count == 2 and stored[0].location == "Lima"


def count_statements(store: Store, action) -> int:
    counted = []
    listener = lambda *_args: counted.append(1)  # noqa: E731
    sa.event.listen(store.engine, "before_cursor_execute", listener)
    try:
        action()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", listener)
    return len(counted)


def test_a_document_takes_as_many_statements_with_one_event_as_with_many(store):
    pairs = [("CHL", "PER"), ("PER", "BOL"), ("ARG", "CHL"), ("BRA", "ARG")]
    many = [event("original", a, b, type_, "2025-03-03") for a, b in pairs
            for type_ in ("CONSULT", "ACCUSE", "SUPPORT")]
    store.add(doc("original"), many)
    # Copies joining the story, every event merging into a stored one: 12 events, then 1.
    joined_many = count_statements(store, lambda: store.add(doc("copy"), [dataclasses.replace(e, doc="copy")
                                                                         for e in many]))
    joined_one = count_statements(store, lambda: store.add(doc("rewrite"), [dataclasses.replace(many[0],
                                                                                               doc="rewrite")]))
    # Articles starting stories of their own, with actors not seen yet: 1 event, then 12.
    new_one = count_statements(store, lambda: store.add(doc("other"), [event("other", "ECU", "COL")]))
    new_many = count_statements(store, lambda: store.add(doc("unrelated"), [
        event("unrelated", a, b, type_) for a, b in [("KEN", "ETH"), ("ETH", "SOM"), ("SOM", "KEN"), ("UGA", "KEN")]
        for type_ in ("CONSULT", "ACCUSE", "SUPPORT")]))
    assert store.count_events(EventQuery()) == 12 + 1 + 12
    assert joined_many == joined_one and new_many == new_one
    assert new_one <= 12


# -- queries ----------------------------------------------------------------------


@pytest.fixture
def filled(store):
    add_story(store)
    store.add(doc("other"), [event("other", "PER", "CHL", "PROTEST", "2025-04-08", intensity=-4.0, quad_class=3)])
    store.add(doc("unrelated"), [event("unrelated", "ETH", "KEN", "COOPERATE", None, intensity=6.0)])
    return store


def test_events_come_newest_first_undated_ones_by_publication(filled):
    found = filled.events(EventQuery())
    assert [e.type for e in found][0] == "COOPERATE"  # undated, published 2025-06-02
    assert found[1].type == "PROTEST"


@pytest.mark.parametrize(("query", "types"), [
    (EventQuery(actor="ken"), {"COOPERATE"}),
    (EventQuery(dyad=("PER", "CHL")), {"CONSULT", "AGREE", "PROTEST"}),
    (EventQuery(type="protest"), {"PROTEST"}),
    (EventQuery(since="2025-04-01", until="2025-05-01"), {"PROTEST"}),
    (EventQuery(text="AGREE"), {"AGREE"}),
])
def test_event_filters(filled, query, types):
    assert {e.type for e in filled.events(query)} == types
    assert filled.count_events(query) == len(types)


def test_story_filter_and_paging(filled):
    story_id = filled.document("original").story_id
    assert {e.type for e in filled.events(EventQuery(story=story_id))} == {"CONSULT", "AGREE"}
    first, second = filled.events(EventQuery(limit=1)), filled.events(EventQuery(limit=1, offset=1))
    assert len(first) == 1 and first[0].id != second[0].id


def test_event_by_id(filled):
    some = filled.events(EventQuery(type="PROTEST"))[0]
    assert filled.event(some.id) == some
    assert filled.event(99999) is None


def test_documents_query_and_document_text(filled):
    listed = filled.documents(EventQuery(since="2025-04-01"))
    assert [d.doc for d in listed] == ["unrelated", "other"]
    assert listed[0].text == ""
    assert filled.document("other").text.startswith("Peru protests")
    assert filled.document("missing") is None


def test_stories_list_and_story(filled):
    listed = filled.stories(EventQuery())
    assert len(listed) == 3 and listed[0].doc_count == 1
    big = next(s for s in listed if s.doc_count == 4)
    assert big.event_count == 2 and big.docs == []
    assert filled.stories(EventQuery(actor="KEN"))[0].canonical_doc == "unrelated"
    assert filled.story("nope") is None


def test_actors_by_event_count(filled):
    found = filled.actors()
    assert [a.code for a in found[:2]] == ["CHL", "PER"] and found[0].event_count == 3
    assert next(a for a in found if a.code == "KEN").name == "Kenya"


def test_dyads_count_by_type_and_month_in_either_direction(filled):
    dyads = filled.dyads(EventQuery())
    assert (dyads[0].a, dyads[0].b, dyads[0].event_count) == ("CHL", "PER", 3)
    assert dyads[0].by_type == {"CONSULT": 1, "AGREE": 1, "PROTEST": 1}
    assert dyads[0].by_month == {"2025-03": 2, "2025-04": 1}
    assert filled.dyad("per", "chl", EventQuery()).event_count == 3
    assert [d.a for d in filled.dyads(EventQuery(actor="KEN"))] == ["ETH"]


def test_dyad_intensity_is_the_source_weighted_mean(filled):
    # CONSULT (+1, 2 sources), AGREE (+1, 1 source), PROTEST (-4, 1 source)
    weight = 1 + math.log(2)
    expected = (weight * 1 + 1 + (-4)) / (weight + 2)
    assert filled.dyad("CHL", "PER", EventQuery()).intensity == pytest.approx(expected, abs=0.01)


def test_monthly_timeline_of_a_dyad(filled):
    assert filled.monthly("PER", "CHL", EventQuery()) == [
        ("2025-03", "AGREE", 1, 1.0), ("2025-03", "CONSULT", 1, 1.0), ("2025-04", "PROTEST", 1, -4.0)]


# -- dyad summaries computed in the database ----------------------------------------

#: (source, target, type, event date, intensity) of the events of DYAD_DOCS: one document each, so one
#: source each; pairs in both directions, several months, an undated event and one without intensity.
DYAD_EVENTS = [
    ("USA", "CHN", "ACCUSE", "2024-01-05", -2.0), ("CHN", "USA", "ACCUSE", "2024-01-20", -3.0),
    ("CHN", "USA", "CONSULT", "2024-02-02", 1.0), ("USA", "CHN", "THREATEN", None, -6.0),
    ("RUS", "UKR", "ASSAULT", "2024-02-11", -9.0), ("RUS", "UKR", "ASSAULT", "2024-03-11", None),
    ("UKR", "RUS", "ACCUSE", "2024-03-12", -2.5), ("FRA", "DEU", "AGREE", "2024-01-01", 4.0),
    ("DEU", "FRA", "CONSULT", "2024-01-09", 1.0), ("KEN", "ETH", "SUPPORT", "2024-05-05", 3.0),
    ("NATO", "RUS", "THREATEN", "2024-04-01", -5.0), ("UN", "UKR", "SUPPORT", "2024-04-02", 3.5),
]
DYAD_PUBLISHED = "2024-06-15"


@pytest.fixture
def dyad_store(store):
    for n, (source, target, type_, date, strength) in enumerate(DYAD_EVENTS):
        text = " ".join(f"token{n}x{i}" for i in range(60))  # no two documents alike: one story each
        store.add(Document(doc=f"d{n}", text=text, content_hash=f"dyad-{n}", published=DYAD_PUBLISHED,
                           outlet=f"outlet{n}.example"),
                  [event(f"d{n}", source, target, type_, date, intensity=strength)])
    return store


def expected_dyads() -> list:
    """The summaries worked out by hand from DYAD_EVENTS: count, by type, by month, mean intensity."""
    by_pair: dict[tuple[str, str], list] = {}
    for source, target, type_, date, strength in DYAD_EVENTS:
        by_pair.setdefault(tuple(sorted((source, target))), []).append((type_, (date or DYAD_PUBLISHED)[:7],
                                                                          strength or 0.0))
    summaries = []
    for (a, b), found in by_pair.items():
        types, months = {}, {}
        for type_, month, _strength in found:
            types[type_] = types.get(type_, 0) + 1
            months[month] = months.get(month, 0) + 1
        mean = round(sum(strength for *_, strength in found) / len(found), 2)  # one source each: equal weights
        summaries.append(store_module.DyadSummary(a, b, len(found), types, dict(sorted(months.items())), mean))
    return sorted(summaries, key=lambda d: (-d.event_count, d.a, d.b))


@pytest.mark.parametrize(("limit", "offset"), [(100, 0), (2, 0), (2, 2), (1, 5)])
def test_dyad_summaries_from_sql_equal_a_count_by_hand(dyad_store, limit, offset):
    assert dyad_store.dyads(EventQuery(limit=limit, offset=offset)) == expected_dyads()[offset:offset + limit]


def test_a_large_page_of_dyads_is_read_in_one_scan_with_the_same_result(dyad_store, monkeypatch):
    monkeypatch.setattr(store_module, "_MAX_SEEK_PAIRS", 1)
    assert dyad_store.dyads(EventQuery(limit=3)) == expected_dyads()[:3]


def test_dyads_rank_by_event_count_then_codes_and_respect_filters(dyad_store):
    assert [(d.a, d.b) for d in dyad_store.dyads(EventQuery(limit=3))] == [("CHN", "USA"), ("RUS", "UKR"),
                                                                          ("DEU", "FRA")]
    found = dyad_store.dyads(EventQuery(actor="ukr", since="2024-03-01"))
    assert [(d.a, d.b, d.event_count) for d in found] == [("RUS", "UKR", 2), ("UKR", "UN", 1)]
    assert found[0].by_month == {"2024-03": 2}
    assert dyad_store.dyads(EventQuery(type="nothing")) == []


def test_dyad_and_dyads_agree_on_a_pair(dyad_store):
    listed = next(d for d in dyad_store.dyads(EventQuery()) if (d.a, d.b) == ("CHN", "USA"))
    assert dyad_store.dyad("USA", "CHN", EventQuery()) == listed


def test_the_dyad_queries_have_covering_indexes(store):
    indexes = {ix["name"]: ix["column_names"] for ix in sa.inspect(store.engine).get_indexes("events")}
    assert indexes["ix_events_dyad"] == ["source", "target", "type", "sort_date", "source_count", "intensity"]
    assert indexes["ix_events_dated"] == ["sort_date", "source", "target", "type", "source_count", "intensity"]
    assert "ix_events_source" not in indexes  # its leading column serves those look-ups


def test_export_rows_are_one_per_event(filled):
    rows = list(store_module.export_rows(filled, EventQuery()))
    assert len(rows) == 4 and {"id", "source", "target", "type", "source_count"} <= rows[0].keys()


def test_gdelt_rows_have_a_header_and_gdelt_values(filled):
    header, *rows = store_module.gdelt_rows(filled, EventQuery(type="CONSULT"))
    assert header[:3] == ["GLOBALEVENTID", "SQLDATE", "MonthYear"] and len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["SQLDATE"] == "20250303" and row["Actor1Code"] == "CHL" and row["Actor2Name"] == "PERU"
    assert row["EventRootCode"] == "04" and row["NumSources"] == "2" and row["NumArticles"] == "4"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "gdelt", "parquet"])
def test_export_writes_every_event_to_a_file(filled, tmp_path, fmt):
    target = tmp_path / "out" / f"events.{fmt}"
    assert store_module.export_events(filled, fmt, target) == 4
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(target).num_rows == 4
    else:
        lines = target.read_text(encoding="utf-8").splitlines()
        assert len(lines) == (4 if fmt == "jsonl" else 5)
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left behind


def test_export_refuses_an_unknown_format(filled):
    with pytest.raises(ValueError, match="xml"):
        store_module.export_events(filled, "xml", None)


# -- errors -----------------------------------------------------------------------


def test_a_database_in_a_missing_folder_is_a_one_line_store_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist") as caught:
        Store(f"sqlite:///{tmp_path}/missing/t.db")
    assert "\n" not in str(caught.value)


def test_an_unreachable_server_is_a_one_line_store_error():
    with pytest.raises(StoreError) as caught:
        Store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert "127.0.0.1" in str(caught.value) and "\n" not in str(caught.value)


def test_a_url_that_is_no_database_is_a_store_error():
    with pytest.raises(StoreError, match="not-a-url"):
        Store("not-a-url")


def test_stored_records_are_plain_dataclasses(filled):
    assert dataclasses.is_dataclass(filled.events(EventQuery())[0])

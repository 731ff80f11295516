"""The JSON API and the dashboard pages, through FastAPI's test client on a database built with Store.add."""

from __future__ import annotations

import hashlib
import json
import re
import socket
import subprocess
import sys
import threading
import time
from html import unescape

import httpx2
import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dipwatch.api import (
    circular_layout,
    create_app,
    edge_colour,
    highlight,
    load_plover,
    month_span,
    monthly_intensity,
    safe_url,
    timeline_figure,
)
from dipwatch.cli import app as cli_app
from dipwatch.cli import serve_command
from dipwatch.errors import StoreError
from dipwatch.models import Actor, Document, DyadSummary, Event, Mention
from dipwatch.store import Store

# ---------------------------------------------------------------------------
# A small corpus: two copies of one story (one spun, from a content farm), a few dyads,
# an article carrying <script>, an undated organisation event and a javascript: URL.
# ---------------------------------------------------------------------------

VISIT = ("Kim Jong Un met Russian Foreign Minister Sergey Lavrov in Wonsan on Saturday. "
         "North Korea and Russia pledged closer ties after the talks.")
AID = "Russia sent food aid to North Korea on March 1."
ACCUSE = "The United States accused China of cyber espionage on Thursday."
SCRIPT = "Ukraine condemned Russia <script>alert('x')</script> after the strike on Monday."
WARN = "NATO warned Russia against any escalation."


def make_document(doc: str, text: str, published: str, outlet: str, **extra) -> Document:
    """A cleaned article as the cleaner would hand it over."""
    digest = hashlib.sha256(f"{doc}\n{text}".encode()).hexdigest()
    return Document(doc=doc, title=extra.pop("title", f"Title of {doc}"), published=published, outlet=outlet,
                    language="en", text=text, content_hash=digest, **extra)


def make_actor(sentence_start: int, sentence: str, words: str, code: str, kind: str = "state") -> Actor:
    start = sentence_start + sentence.index(words)
    return Actor(code=code, text=words, start=start, end=start + len(words), kind=kind)


def make_event(doc: Document, sentence: str, source: tuple[str, str], target: tuple[str, str], kind: str,
               **extra) -> Event:
    """An event whose actors and sentence are found in the document's text."""
    start = doc.text.index(sentence)
    end = start + len(sentence)
    trigger = extra.pop("trigger", None)
    return Event(
        doc=doc.doc, source=make_actor(start, sentence, *source, kind=extra.pop("source_kind", "state")),
        target=make_actor(start, sentence, *target), type=kind, sentence=sentence, sentence_start=start,
        sentence_end=end, trigger=trigger, confidence=0.9,
        mentions=[Mention(doc=doc.doc, sentence=sentence, start=start, end=end, trigger=trigger)], **extra)


def visit_events(doc: Document) -> list[Event]:
    first, second = VISIT.split(". ", 1)
    return [
        make_event(doc, first + ".", ("Kim Jong Un", "PRK"), ("Russian Foreign Minister Sergey Lavrov", "RUS"),
                   "CONSULT", cameo="040", quad_class=1, intensity=1.0, date="2024-07-13", date_text="on Saturday",
                   location="Wonsan", trigger="met"),
        make_event(doc, second, ("North Korea", "PRK"), ("Russia", "RUS"), "AGREE", cameo="030", quad_class=1,
                   intensity=4.0, date="2024-07-13", date_text="after the talks", trigger="pledged"),
    ]


def build_corpus(url: str) -> None:
    """Write the test corpus into the database at ``url`` through the store's public API."""
    original = make_document("visit-original", VISIT, "2024-07-15", "Korea Daily",
                             url="https://news.example.org/visit")
    farm_copy = make_document("visit-farm", VISIT, "2024-07-16", "newsfarm.example", spun=True,
                              spun_evidence=["rewritten phrases"], farm_signals=["author bio"],
                              url="https://newsfarm.example/kim-lavrov")
    aid = make_document("aid", AID, "2024-03-02", "Wire One", url="javascript:alert(1)")
    accuse = make_document("accuse", ACCUSE, "2024-05-10", "Wire Two")
    script = make_document("script", SCRIPT, "2024-06-04", "Wire Three",
                           title="<script>alert('title')</script> Strike")
    warn = make_document("warn", WARN, "2024-06-20", "Wire Four")
    with Store(url) as store:
        store.add(original, visit_events(original))
        store.add(farm_copy, visit_events(farm_copy))
        store.add(aid, [make_event(aid, AID, ("Russia", "RUS"), ("North Korea", "PRK"), "AID", cameo="070",
                                   quad_class=2, intensity=7.0, date="2024-03-01", date_text="on March 1",
                                   trigger="sent")])
        store.add(accuse, [make_event(accuse, ACCUSE, ("The United States", "USA"), ("China", "CHN"), "ACCUSE",
                                      cameo="112", quad_class=3, intensity=-2.0, date="2024-05-09",
                                      date_text="on Thursday", trigger="accused")])
        store.add(script, [make_event(script, SCRIPT, ("Ukraine", "UKR"), ("Russia", "RUS"), "ACCUSE",
                                      cameo="111", quad_class=3, intensity=-2.0, date="2024-06-03",
                                      date_text="on Monday", trigger="condemned")])
        store.add(warn, [make_event(warn, WARN, ("NATO", "NATO"), ("Russia", "RUS"), "THREATEN", cameo="130",
                                    quad_class=3, intensity=-4.4, trigger="warned", source_kind="organisation")])


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory) -> str:
    """A SQLite database holding the corpus, shared by the tests of this module (they only read)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api')}/t.db"
    build_corpus(url)
    return url


@pytest.fixture(scope="module")
def client(corpus_url) -> TestClient:
    with TestClient(create_app(corpus_url)) as test_client:
        yield test_client


def get_json(client: TestClient, path: str, status: int = 200) -> dict:
    response = client.get(path)
    assert response.status_code == status, response.text
    return response.json()


def event_id(client: TestClient, kind: str) -> int:
    return get_json(client, f"/api/events?type={kind}")["items"][0]["id"]


def figure(html: str, element_id: str) -> dict:
    """The Plotly figure the page hands to charts.js in an element's data-figure attribute."""
    match = re.search(rf'id="{element_id}" class="chart" data-figure="([^"]*)"', html)
    assert match, f"no chart {element_id}"
    return json.loads(unescape(match.group(1)))


# ---------------------------------------------------------------------------
# JSON API: lists, filters, pagination
# ---------------------------------------------------------------------------


def test_events_come_newest_first_with_the_total(client):
    page = get_json(client, "/api/events")
    dates = [item["date"] for item in page["items"] if item["date"]]
    assert dates == sorted(dates, reverse=True)
    assert page["total"] == len(page["items"]) == 6
    fields = {"id", "source", "target", "type", "date", "date_text", "sentence", "source_count"}
    assert fields <= page["items"][0].keys()


def test_copies_of_one_story_merge_into_one_event_with_two_mentions(client):
    consult = get_json(client, "/api/events?type=CONSULT")["items"]
    assert len(consult) == 1
    assert consult[0]["mention_count"] == 2


def test_actor_filter_matches_either_side(client):
    items = get_json(client, "/api/events?actor=prk")["items"]
    assert {item["type"] for item in items} == {"CONSULT", "AGREE", "AID"}


def test_dyad_filter_matches_either_direction(client):
    assert get_json(client, "/api/events?dyad=RUS-PRK")["total"] == 3
    assert get_json(client, "/api/events?dyad=PRK-RUS")["total"] == 3


def test_type_since_until_and_words_filter(client):
    assert get_json(client, "/api/events?type=accuse")["total"] == 2
    assert get_json(client, "/api/events?since=2024-06-01&until=2024-06-30")["total"] == 2  # script, warn (pub.)
    assert get_json(client, "/api/events?q=espionage")["items"][0]["source"] == "USA"


def test_story_filter_keeps_the_events_of_one_story(client):
    story_id = get_json(client, "/api/events?type=CONSULT")["items"][0]["story_id"]
    assert get_json(client, f"/api/events?story={story_id}")["total"] == 2


def test_limit_and_offset_page_through_the_events(client):
    first = get_json(client, "/api/events?limit=2")
    second = get_json(client, "/api/events?limit=2&offset=2")
    assert len(first["items"]) == len(second["items"]) == 2
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert second["offset"] == 2 and second["total"] == 6


def test_empty_filter_fields_from_a_form_mean_no_filter(client):
    assert get_json(client, "/api/events?actor=&type=&since=&until=&q=")["total"] == 6


# ---------------------------------------------------------------------------
# JSON API: invalid parameters answer 422 with a message naming the parameter
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "named"), [
    ("since=2024-13-40", "since"),
    ("until=yesterday", "until"),
    ("dyad=PRK", "dyad"),
    ("dyad=PRK-RUS-CHN", "dyad"),
    ("type=DANCE", "type"),
    ("actor=North%20Korea", "actor"),
    ("limit=1001", "limit"),
    ("limit=0", "limit"),
    ("offset=-1", "offset"),
    ("since=2024-07-01&until=2024-06-01", "since"),
])
def test_invalid_parameters_answer_422_with_one_line_naming_them(client, query, named):
    detail = get_json(client, f"/api/events?{query}", status=422)["detail"]
    assert isinstance(detail, str)
    assert detail.startswith(f"{named}:")
    assert "\n" not in detail


def test_unknown_type_message_lists_the_known_types(client):
    detail = get_json(client, "/api/events?type=DANCE", status=422)["detail"]
    assert "CONSULT" in detail and "ASSAULT" in detail


def test_bad_dyad_pair_in_the_path_answers_422(client):
    assert get_json(client, "/api/dyads/PRKRUS", status=422)["detail"].startswith("pair:")


# ---------------------------------------------------------------------------
# JSON API: single records
# ---------------------------------------------------------------------------


def test_event_detail_lists_every_mention_canonical_first_with_spun_copies_marked(client):
    detail = get_json(client, f"/api/events/{event_id(client, 'CONSULT')}")
    assert detail["event"]["date"] == "2024-07-13"
    assert detail["event"]["date_text"] == "on Saturday"
    docs = [m["doc"] for m in detail["mentions"]]
    assert docs == ["visit-original", "visit-farm"]
    farm = detail["mentions"][1]
    assert farm["spun"] is True and farm["content_farm"] is True
    assert detail["mentions"][0]["spun"] is False


def test_unknown_ids_answer_404_with_a_message(client):
    assert get_json(client, "/api/events/999999", status=404)["detail"] == "event 999999 not found"
    assert "not found" in get_json(client, "/api/stories/nope", status=404)["detail"]
    assert "not found" in get_json(client, "/api/documents/nope", status=404)["detail"]


def test_non_numeric_event_id_answers_422(client):
    assert get_json(client, "/api/events/abc", status=422)["detail"].startswith("event_id:")


def test_story_lists_its_documents_canonical_first(client):
    story_id = get_json(client, "/api/events?type=CONSULT")["items"][0]["story_id"]
    story = get_json(client, f"/api/stories/{story_id}")
    assert story["canonical_doc"] == "visit-original"
    assert [d["doc"] for d in story["docs"]] == ["visit-original", "visit-farm"]
    assert story_id in {s["id"] for s in get_json(client, "/api/stories")["items"]}


def test_documents_list_and_one_document_with_its_text(client):
    listed = {d["doc"] for d in get_json(client, "/api/documents")["items"]}
    assert {"visit-original", "visit-farm", "aid", "accuse", "script", "warn"} == listed
    assert get_json(client, "/api/documents/aid")["text"] == AID


def test_actors_by_event_count(client):
    page = get_json(client, "/api/actors")
    assert page["items"][0]["code"] == "RUS"
    assert page["total"] == len(page["items"])
    assert get_json(client, "/api/actors?limit=1&offset=1")["items"][0]["code"] == page["items"][1]["code"]


def test_dyads_by_event_count_and_one_dyad_with_its_monthly_timeline(client):
    dyads = get_json(client, "/api/dyads")["items"]
    assert (dyads[0]["a"], dyads[0]["b"], dyads[0]["event_count"]) == ("PRK", "RUS", 3)
    detail = get_json(client, "/api/dyads/RUS-PRK")
    assert detail["summary"]["event_count"] == 3
    assert {(m["month"], m["type"]) for m in detail["monthly"]} == {
        ("2024-03", "AID"), ("2024-07", "CONSULT"), ("2024-07", "AGREE")}


def test_dyads_honour_the_actor_filter(client):
    assert {(d["a"], d["b"]) for d in get_json(client, "/api/dyads?actor=USA")["items"]} == {("CHN", "USA")}


# ---------------------------------------------------------------------------
# The API as a service: schema, read-only, assets
# ---------------------------------------------------------------------------


def test_openapi_schema_documents_every_api_route(client):
    paths = get_json(client, "/openapi.json")["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/stories", "/api/stories/{story_id}",
                 "/api/documents", "/api/actors", "/api/dyads"):
        assert path in paths
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"actor", "dyad", "type", "since", "until", "story", "q", "limit", "offset"} <= names


def test_the_api_is_read_only(client):
    methods = {m for operations in get_json(client, "/openapi.json")["paths"].values() for m in operations}
    assert methods == {"get"}
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/events/1").status_code == 405


def test_plotly_is_served_from_the_installed_package(client):
    response = client.get("/assets/plotly.min.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert "plotly" in response.text[:2000].lower()


def test_static_files_are_served(client):
    assert "Plotly.newPlot" in client.get("/static/charts.js").text
    assert client.get("/static/style.css").status_code == 200


def test_an_unusable_database_is_a_store_error():
    with pytest.raises(StoreError):
        create_app("sqlite:////no/such/folder/t.db")


# ---------------------------------------------------------------------------
# HTML pages
# ---------------------------------------------------------------------------


def test_home_shows_newest_events_active_dyads_and_a_search_box(client):
    html = client.get("/").text
    assert 'name="q"' in html and 'role="search"' in html
    assert 'href="/dyad/PRK-RUS"' in html
    assert html.count('class="event-link"') == 6


def test_home_filters_by_query_parameters_and_shows_them_in_the_form(client):
    html = client.get("/?type=ACCUSE").text
    assert html.count('class="event-link"') == 2
    assert '<option value="ACCUSE" selected>' in html


def test_search_box_finds_words_in_the_evidence(client):
    html = client.get("/?q=espionage").text
    assert html.count('class="event-link"') == 1
    assert "cyber espionage" in html


def test_dyad_page_has_a_stacked_timeline_an_intensity_line_and_the_events(client):
    html = client.get("/dyad/PRK-RUS").text
    timeline = figure(html, "timeline")
    assert timeline["layout"]["barmode"] == "stack"
    assert {trace["name"] for trace in timeline["data"]} == {"CONSULT", "AGREE", "AID"}
    intensity = figure(html, "intensity")["data"][0]
    assert intensity["x"] == ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07"]
    assert intensity["y"][0] == 7.0 and intensity["y"][1] is None
    assert html.count('class="event-link"') == 3
    assert "/assets/plotly.min.js" in html


def test_dyad_timeline_can_stack_by_quad_class(client):
    timeline = figure(client.get("/dyad/PRK-RUS?group=quad").text, "timeline")
    assert {trace["name"] for trace in timeline["data"]} == {"Verbal cooperation", "Material cooperation"}


def test_dyad_chart_grouping_link_keeps_the_filters(client):
    assert 'href="http://testserver/dyad/PRK-RUS?type=AID&amp;group=quad"' in client.get("/dyad/PRK-RUS?type=AID").text


def test_dyad_page_filters_its_event_list(client):
    html = client.get("/dyad/PRK-RUS?type=AID").text
    assert html.count('class="event-link"') == 1


def test_network_links_actors_with_width_by_count_and_colour_by_cooperation(client):
    network = figure(client.get("/network").text, "network")
    edges = [trace for trace in network["data"] if trace["mode"] == "lines"]
    assert len(edges) == 4  # PRK-RUS, CHN-USA, RUS-UKR, NATO-RUS
    widest = max(edges, key=lambda trace: trace["line"]["width"])
    assert widest["line"]["color"] == "#2e7d4f"  # PRK-RUS: all cooperation
    nodes = network["data"][-1]
    assert sorted(nodes["text"]) == ["CHN", "NATO", "PRK", "RUS", "UKR", "USA"]


def test_network_date_range_limits_the_edges(client):
    network = figure(client.get("/network?since=2024-05-01&until=2024-05-31").text, "network")
    assert [t for t in network["data"] if t["mode"] == "lines"][0]["line"]["color"] == "#c0392b"
    assert sorted(network["data"][-1]["text"]) == ["CHN", "USA"]


def test_event_page_shows_the_facts_and_every_mention_with_the_trigger_marked(client):
    html = client.get(f"/event/{event_id(client, 'CONSULT')}").text
    assert "2024-07-13" in html and "on Saturday" in html and "Wonsan" in html
    assert html.count('<li class="mention') == 2
    assert '<mark class="trigger">met</mark>' in html
    assert "Korea Daily" in html and "newsfarm.example" in html
    assert 'class="flag spun"' in html and 'class="flag farm"' in html
    assert 'href="https://newsfarm.example/kim-lavrov"' in html
    assert 'href="/story/' in html


def test_undated_event_says_the_text_does_not_state_a_date(client):
    html = client.get(f"/event/{event_id(client, 'THREATEN')}").text
    assert "not stated in the text" in html


def test_article_text_with_script_is_escaped_everywhere(client):
    accuse_id = get_json(client, "/api/events?actor=UKR")["items"][0]["id"]
    story_id = get_json(client, "/api/events?actor=UKR")["items"][0]["story_id"]
    for path in ("/", f"/event/{accuse_id}", f"/story/{story_id}", "/dyad/RUS-UKR"):
        html = client.get(path).text
        assert "<script>alert(" not in html, path
        assert "&lt;script&gt;alert(" in html, path


def test_links_to_original_articles_are_only_http(client):
    html = client.get(f"/event/{event_id(client, 'AID')}").text
    assert "javascript:" not in html


def test_story_page_lists_the_canonical_article_first(client):
    story_id = get_json(client, "/api/events?type=CONSULT")["items"][0]["story_id"]
    html = client.get(f"/story/{story_id}").text
    assert html.index("Title of visit-original") < html.index("Title of visit-farm")
    assert 'class="article canonical"' in html
    assert html.count('class="event-link"') == 2


def test_document_page_shows_the_main_text_escaped_with_its_story(client):
    html = client.get("/doc/script").text
    assert "Ukraine condemned Russia &lt;script&gt;alert(" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Strike" in html
    assert 'class="story-link" href="/story/' in html
    assert client.get("/doc/nope").status_code == 404


def test_story_and_event_pages_link_each_copy_to_its_document_page(client):
    story_id = get_json(client, "/api/events?type=CONSULT")["items"][0]["story_id"]
    assert 'href="/doc/visit-farm"' in client.get(f"/story/{story_id}").text
    assert 'href="/doc/visit-farm"' in client.get(f"/event/{event_id(client, 'CONSULT')}").text


def test_pages_answer_bad_filters_with_a_422_page_naming_the_parameter(client):
    response = client.get("/?since=someday")
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
    assert "since: &#39;someday&#39; is not a date" in response.text


def test_pages_answer_unknown_records_with_404(client):
    assert client.get("/event/999999").status_code == 404
    assert client.get("/story/nope").status_code == 404


def test_pagination_links_keep_the_filters(client):
    html = client.get("/?actor=RUS&limit=2").text
    assert re.search(r'href="[^"]*actor=RUS[^"]*offset=2', unescape(html))


# ---------------------------------------------------------------------------
# Helpers behind the pages
# ---------------------------------------------------------------------------


def test_highlight_marks_trigger_and_actors_without_overlap():
    pieces = highlight("Kim met Lavrov in Wonsan.", [("met", "trigger"), ("Kim", "actor"), ("Kim met", "actor")])
    assert pieces == [("Kim", "actor"), (" ", None), ("met", "trigger"), (" Lavrov in Wonsan.", None)]


def test_highlight_leaves_a_sentence_without_the_terms_whole():
    assert highlight("Nothing here.", [(None, "trigger"), ("absent", "actor")]) == [("Nothing here.", None)]


def test_safe_url_keeps_http_links_only():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(None) is None


def test_circular_layout_is_deterministic_and_on_the_unit_circle():
    first = circular_layout(["RUS", "PRK", "CHN"])
    assert first == circular_layout(["CHN", "RUS", "PRK"])
    assert first["CHN"] == (1.0, 0.0)
    assert all(abs(x * x + y * y - 1) < 1e-3 for x, y in first.values())


def test_edge_colour_follows_the_cooperation_conflict_balance():
    plover = load_plover()
    assert edge_colour(DyadSummary("A", "B", 3, by_type={"CONSULT": 2, "ACCUSE": 1}), plover) == "#2e7d4f"
    assert edge_colour(DyadSummary("A", "B", 3, by_type={"ASSAULT": 2, "AID": 1}), plover) == "#c0392b"
    assert edge_colour(DyadSummary("A", "B", 2, by_type={"AID": 1, "REJECT": 1}), plover) == "#95a5a6"


def test_monthly_intensity_weights_each_type_by_its_count():
    assert monthly_intensity([("2024-01", "AID", 3, 6.0), ("2024-01", "ACCUSE", 1, -2.0)]) == [("2024-01", 4.0)]


def test_month_span_fills_the_quiet_months_across_a_year_end():
    assert month_span(["2024-11", "2025-02"]) == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert month_span([]) == []


def test_timeline_stacks_months_with_zero_where_a_type_is_absent():
    fig = timeline_figure([("2024-01", "AID", 2, 5.0), ("2024-02", "ACCUSE", 1, -2.0)], load_plover(), "type")
    by_name = {trace["name"]: trace["y"] for trace in fig["data"]}
    assert by_name == {"AID": [2, 0], "ACCUSE": [0, 1]}


def test_every_plover_type_has_a_quad_class_and_a_colour():
    plover = load_plover()
    assert len(plover.types) == 16
    assert set(plover.type_quad.values()) == {1, 2, 3, 4}
    assert set(plover.type_colour) == set(plover.type_quad)


def test_api_and_pages_work_on_each_database_backend(db_url):
    build_corpus(db_url)  # db_url (conftest.py): an empty SQLite file, then a PostgreSQL schema
    with TestClient(create_app(db_url)) as backend:
        assert get_json(backend, "/api/events?dyad=RUS-PRK&since=2024-01-01")["total"] == 3
        assert get_json(backend, "/api/events?q=ESPIONAGE")["total"] == 1  # case-insensitive everywhere
        assert get_json(backend, "/api/dyads/PRK-RUS")["summary"]["event_count"] == 3
        assert figure(backend.get("/dyad/PRK-RUS").text, "timeline")["data"]
        assert backend.get(f"/event/{event_id(backend, 'CONSULT')}").status_code == 200


# ---------------------------------------------------------------------------
# The real server and the CLI command
# ---------------------------------------------------------------------------


def test_the_real_server_serves_pages_on_a_loopback_port(corpus_url):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(corpus_url), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        response = httpx2.get(f"http://127.0.0.1:{port}/", timeout=10)
        assert response.status_code == 200
        assert "Newest events" in response.text
        assert httpx2.get(f"http://127.0.0.1:{port}/api/events", timeout=10).json()["total"] == 6
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_serve_with_an_unusable_database_fails_with_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "dipwatch", "serve", "--db", f"sqlite:///{tmp_path}/no/t.db"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_demo_names_the_command_that_serves_its_database():
    assert serve_command("sqlite:///dipwatch.db") == "dipwatch serve --db sqlite:///dipwatch.db"


def test_serve_command_binds_to_loopback_by_default():
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output
    assert "8000" in result.output

"""JSON API and web dashboard over a dipwatch database (read-only: every route is a GET).

    create_app(db_url) -> FastAPI

    JSON   /api/events  /api/events/{id}  /api/stories  /api/stories/{id}  /api/documents
           /api/documents/{doc}  /api/actors  /api/dyads  /api/dyads/{A-B}   (schema: /openapi.json)
    HTML   /  /dyad/{A-B}  /network  /event/{id}  /story/{id}  /doc/{doc}
    assets /static/*  and  /assets/plotly.min.js (from the installed plotly package: works offline)

Every list takes the filters of the CLI as query parameters: actor, dyad ("PRK-RUS"), type (PLOVER),
since, until (YYYY-MM-DD), story, q (words in the evidence sentence), limit (1..1000) and offset.
A bad value answers 422 with one line naming the parameter. Pages are rendered server-side with
Jinja2, which escapes every piece of article text; charts are Plotly figures built here as plain
JSON and drawn by static/charts.js.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from dipwatch import __version__
from dipwatch.errors import StoreError
from dipwatch.models import (
    ActorSummary,
    DyadSummary,
    EventQuery,
    StoredDocument,
    StoredEvent,
    StoredMention,
    StoredStory,
)
from dipwatch.store import Store

MAX_LIMIT = 1000
CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9]{1,9}")  # ISO alpha-3 ("PRK") or an acronym ("UN", "NATO")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
NETWORK_MAX_DYADS = 200  # the busiest pairs only: more edges make an unreadable hairball


# ---------------------------------------------------------------------------
# Package data: PLOVER types, their quad classes and colours.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Plover:
    """PLOVER event types with their quad class and chart colour (data/web/plover.toml)."""

    type_quad: dict[str, int]
    type_colour: dict[str, str]
    quad_label: dict[int, str]
    quad_colour: dict[int, str]

    @property
    def types(self) -> list[str]:
        """Every PLOVER type, cooperative ones first."""
        return list(self.type_quad)


@cache
def load_plover() -> Plover:
    """Read data/web/plover.toml once."""
    path = resources.files("dipwatch") / "data" / "web" / "plover.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    types, quads = data["types"], data["quad_classes"]
    return Plover(
        type_quad={name: int(spec["quad"]) for name, spec in types.items()},
        type_colour={name: spec["colour"] for name, spec in types.items()},
        quad_label={int(key): spec["label"] for key, spec in quads.items()},
        quad_colour={int(key): spec["colour"] for key, spec in quads.items()},
    )


def _web_dir(name: str) -> Path:
    return Path(str(resources.files("dipwatch") / "web" / name))


def plotly_js_path() -> Path:
    """plotly.min.js as shipped inside the installed plotly package."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


# ---------------------------------------------------------------------------
# Query parameters -> EventQuery, with one-line messages for bad values.
# ---------------------------------------------------------------------------


class FilterError(ValueError):
    """A query parameter that cannot be used; ``str()`` names the parameter and says why."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param


def _blank_to_none(value: str | None) -> str | None:
    # HTML forms send empty fields as "param=": they mean "no filter".
    return value.strip() or None if value is not None else None


def parse_code(value: str, param: str = "actor") -> str:
    """An actor code, upper-cased: 'prk' -> 'PRK'; FilterError when it cannot be one."""
    code = value.strip().upper()
    if not CODE_PATTERN.fullmatch(code):
        raise FilterError(param, f"{value!r} is not an actor code (ISO alpha-3 like PRK, or an acronym like UN)")
    return code


def parse_dyad(value: str, param: str = "dyad") -> tuple[str, str]:
    """'PRK-RUS' -> ('PRK', 'RUS'); FilterError for anything else."""
    parts = value.strip().split("-")
    if len(parts) != 2 or not all(CODE_PATTERN.fullmatch(part.upper()) for part in parts):
        raise FilterError(param, f"{value!r} is not a dyad; expected two actor codes joined by '-', like PRK-RUS")
    return parts[0].upper(), parts[1].upper()


def parse_date(value: str, param: str) -> str:
    """A YYYY-MM-DD date that exists; FilterError otherwise."""
    try:
        if not DATE_PATTERN.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise FilterError(param, f"{value!r} is not a date; expected YYYY-MM-DD") from None


def parse_type(value: str, plover: Plover) -> str:
    """A PLOVER type, upper-cased; FilterError naming the known types otherwise."""
    name = value.strip().upper()
    if name not in plover.type_quad:
        raise FilterError("type", f"{value!r} is not a PLOVER event type; one of {', '.join(plover.types)}")
    return name


def build_query(params: dict[str, str | None], limit: int, offset: int, plover: Plover) -> EventQuery:
    """Turn raw filter parameters into an EventQuery, checking each one."""
    values = {key: _blank_to_none(value) for key, value in params.items()}
    query = EventQuery(
        actor=parse_code(values["actor"]) if values["actor"] else None,
        dyad=parse_dyad(values["dyad"]) if values["dyad"] else None,
        type=parse_type(values["type"], plover) if values["type"] else None,
        since=parse_date(values["since"], "since") if values["since"] else None,
        until=parse_date(values["until"], "until") if values["until"] else None,
        story=values["story"],
        text=values["q"],
        limit=limit,
        offset=offset,
    )
    if query.since and query.until and query.since > query.until:
        raise FilterError("since", f"{query.since} is after until={query.until}")
    return query


def event_filters(
    actor: Annotated[str | None, Query(description="Actor code on either side, e.g. PRK or NATO")] = None,
    dyad: Annotated[str | None, Query(description="Two actor codes, either direction, e.g. PRK-RUS")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. CONSULT")] = None,
    since: Annotated[str | None, Query(description="From this date, YYYY-MM-DD (inclusive)")] = None,
    until: Annotated[str | None, Query(description="Up to this date, YYYY-MM-DD (inclusive)")] = None,
    story: Annotated[str | None, Query(description="Story id")] = None,
    q: Annotated[str | None, Query(description="Words to find in the evidence sentence")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size, at most 1000")] = 100,
    offset: Annotated[int, Query(ge=0, description="Rows to skip")] = 0,
) -> EventQuery:
    """The filters every list shares (FastAPI dependency)."""
    params = {"actor": actor, "dyad": dyad, "type": type, "since": since, "until": until, "story": story, "q": q}
    return build_query(params, limit, offset, load_plover())


Filters = Annotated[EventQuery, Depends(event_filters)]


# ---------------------------------------------------------------------------
# JSON shapes
# ---------------------------------------------------------------------------


class EventPage(BaseModel):
    """A page of events, newest first."""

    total: int
    limit: int
    offset: int
    items: list[StoredEvent]


class EventDetail(BaseModel):
    """One event with every report of it, canonical first."""

    event: StoredEvent
    mentions: list[StoredMention]


class StoryPage(BaseModel):
    """A page of stories."""

    limit: int
    offset: int
    items: list[StoredStory]


class DocumentPage(BaseModel):
    """A page of stored documents (their text is left out of lists)."""

    limit: int
    offset: int
    items: list[StoredDocument]


class ActorPage(BaseModel):
    """Actors by number of events."""

    total: int
    limit: int
    offset: int
    items: list[ActorSummary]


class DyadPage(BaseModel):
    """Actor pairs by number of events."""

    limit: int
    offset: int
    items: list[DyadSummary]


class MonthCount(BaseModel):
    """Events of one PLOVER type between a dyad in one month."""

    month: str
    type: str
    count: int
    intensity: float


class DyadDetail(BaseModel):
    """One pair of actors: the summary and its monthly timeline."""

    summary: DyadSummary
    monthly: list[MonthCount]


class ErrorMessage(BaseModel):
    """What a failed request answers."""

    detail: str


# ---------------------------------------------------------------------------
# Store access
# ---------------------------------------------------------------------------


def get_store(request: Request) -> Store:
    """The app's one Store (FastAPI dependency); it opens a pooled connection per call, so threads share it."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


# ---------------------------------------------------------------------------
# Charts: Plotly figures as plain JSON (data + layout), drawn by static/charts.js
# ---------------------------------------------------------------------------


def _layout(**extra: Any) -> dict[str, Any]:
    layout = {
        "margin": {"l": 48, "r": 16, "t": 36, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "system-ui, sans-serif", "size": 12},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "height": 300,
    }
    layout.update(extra)
    return layout


def timeline_figure(monthly: list[tuple[str, str, int, float]], plover: Plover, group: str) -> dict[str, Any]:
    """Stacked bars: events per month, one colour per PLOVER type (or per quad class)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for month, event_type, count, _ in monthly:
        key = str(plover.type_quad.get(event_type, 0)) if group == "quad" else event_type
        counts[key][month] += count
    months = month_span([row[0] for row in monthly])
    traces = [
        {
            "type": "bar",
            "name": _series_label(key, plover, group),
            "x": months,
            "y": [counts[key].get(month, 0) for month in months],
            "marker": {"color": _series_colour(key, plover, group)},
        }
        for key in sorted(counts, key=lambda k: _series_order(k, plover, group))
    ]
    layout = _layout(barmode="stack", xaxis={"type": "category"},
                     yaxis={"title": {"text": "events"}, "rangemode": "tozero"})
    return {"data": traces, "layout": layout}


def _series_label(key: str, plover: Plover, group: str) -> str:
    return plover.quad_label.get(int(key), "Unclassified") if group == "quad" else key


def _series_colour(key: str, plover: Plover, group: str) -> str:
    colours = plover.quad_colour if group == "quad" else plover.type_colour
    return colours.get(int(key) if group == "quad" else key, "#999999")


def _series_order(key: str, plover: Plover, group: str) -> int:
    if group == "quad":
        return int(key) or 99
    return plover.types.index(key) if key in plover.type_quad else 99


def monthly_intensity(monthly: list[tuple[str, str, int, float]]) -> list[tuple[str, float]]:
    """Mean intensity per month, each type's mean weighted by its count."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for month, _, count, intensity in monthly:
        totals[month][0] += count * intensity
        totals[month][1] += count
    return [(month, round(weighted / count, 2)) for month, (weighted, count) in sorted(totals.items()) if count]


def intensity_figure(monthly: list[tuple[str, str, int, float]]) -> dict[str, Any]:
    """A line of the dyad's mean intensity per month, on the -10 (hostile) .. +10 (cooperative) scale."""
    values = dict(monthly_intensity(monthly))
    months = month_span(list(values))
    trace = {
        "type": "scatter",
        "mode": "lines+markers",
        "name": "intensity",
        "x": months,
        "y": [values.get(month) for month in months],  # None: no events that month, a gap on the axis
        "connectgaps": True,
        "line": {"color": "#34495e", "width": 2},
        "marker": {"color": ["#2e7d4f" if values.get(m, 0) >= 0 else "#c0392b" for m in months], "size": 9},
    }
    layout = _layout(
        xaxis={"type": "category"},
        yaxis={"range": [-10.5, 10.5], "zeroline": True, "zerolinecolor": "#888",
               "title": {"text": "intensity"}},
        showlegend=False,
    )
    return {"data": [trace], "layout": layout}


def month_span(months: list[str]) -> list[str]:
    """Every month from the earliest to the latest of ``months`` ("YYYY-MM"), so quiet months show as gaps."""
    if not months:
        return []
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:7])
    span = []
    while (current := f"{year:04d}-{month:02d}") <= last:
        span.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return span


def _cooperation_split(dyad: DyadSummary, plover: Plover) -> tuple[int, int]:
    cooperation = sum(n for t, n in dyad.by_type.items() if plover.type_quad.get(t) in (1, 2))
    conflict = sum(n for t, n in dyad.by_type.items() if plover.type_quad.get(t) in (3, 4))
    return cooperation, conflict


def edge_colour(dyad: DyadSummary, plover: Plover) -> str:
    """Green when the pair's events are mostly cooperative, red when mostly conflictual, grey when even."""
    cooperation, conflict = _cooperation_split(dyad, plover)
    if cooperation == conflict:
        return "#95a5a6"
    return "#2e7d4f" if cooperation > conflict else "#c0392b"


def circular_layout(codes: list[str]) -> dict[str, tuple[float, float]]:
    """Codes placed evenly on a unit circle, in alphabetical order (deterministic)."""
    ordered = sorted(codes)
    step = 2 * math.pi / max(len(ordered), 1)
    return {code: (round(math.cos(i * step), 4), round(math.sin(i * step), 4)) for i, code in enumerate(ordered)}


def network_figure(dyads: list[DyadSummary], plover: Plover) -> dict[str, Any]:
    """Actors on a circle, one line per pair: width by event count, colour by cooperation vs conflict."""
    position = circular_layout(list({code for d in dyads for code in (d.a, d.b)}))
    busiest = max((d.event_count for d in dyads), default=1)
    traces = [_edge_trace(d, position, busiest, plover) for d in dyads]
    traces.append(_edge_hover_trace(dyads, position, plover))
    traces.append(_node_trace(dyads, position))
    hidden = {"visible": False, "range": [-1.3, 1.3]}
    layout = _layout(xaxis=hidden, yaxis={**hidden, "scaleanchor": "x"}, showlegend=False, height=560,
                     hovermode="closest")
    return {"data": traces, "layout": layout}


def _edge_trace(dyad: DyadSummary, position: dict[str, tuple[float, float]], busiest: int,
                plover: Plover) -> dict[str, Any]:
    (x0, y0), (x1, y1) = position[dyad.a], position[dyad.b]
    return {
        "type": "scatter", "mode": "lines", "hoverinfo": "skip",
        "x": [x0, x1], "y": [y0, y1],
        "line": {"width": round(1 + 11 * dyad.event_count / busiest, 2), "color": edge_colour(dyad, plover)},
        "opacity": 0.75,
    }


def _edge_hover_trace(dyads: list[DyadSummary], position: dict[str, tuple[float, float]],
                      plover: Plover) -> dict[str, Any]:
    # Lines take no hover in Plotly: an invisible marker at each edge's middle carries the label and link.
    xs, ys, labels, links = [], [], [], []
    for dyad in dyads:
        (x0, y0), (x1, y1) = position[dyad.a], position[dyad.b]
        cooperation, conflict = _cooperation_split(dyad, plover)
        xs.append(round((x0 + x1) / 2, 4))
        ys.append(round((y0 + y1) / 2, 4))
        labels.append(f"{dyad.a}–{dyad.b}: {dyad.event_count} events ({cooperation} cooperative, {conflict} conflict)")
        links.append(f"/dyad/{dyad.a}-{dyad.b}")
    return {"type": "scatter", "mode": "markers", "x": xs, "y": ys, "text": labels, "customdata": links,
            "hoverinfo": "text", "marker": {"size": 14, "opacity": 0}}


def _node_trace(dyads: list[DyadSummary], position: dict[str, tuple[float, float]]) -> dict[str, Any]:
    events: dict[str, int] = defaultdict(int)
    for dyad in dyads:
        events[dyad.a] += dyad.event_count
        events[dyad.b] += dyad.event_count
    codes = sorted(position)
    most = max(events.values(), default=1)
    return {
        "type": "scatter", "mode": "markers+text", "textposition": "top center",
        "x": [position[c][0] for c in codes], "y": [position[c][1] for c in codes],
        "text": codes, "customdata": [f"/?actor={c}" for c in codes],
        "hovertext": [f"{c}: {events[c]} events" for c in codes], "hoverinfo": "text",
        "marker": {"size": [12 + 18 * events[c] / most for c in codes], "color": "#34495e",
                   "line": {"color": "#fff", "width": 1}},
    }


# ---------------------------------------------------------------------------
# Page helpers
# ---------------------------------------------------------------------------


def highlight(sentence: str, terms: list[tuple[str | None, str]]) -> list[tuple[str, str | None]]:
    """Split a sentence into (text, css class or None) pieces, marking the first occurrence of each term.

    Terms are (words, class) pairs, e.g. the trigger and the actors' words; overlapping marks are dropped.
    The template escapes every piece, so article text never becomes markup.
    """
    spans: list[tuple[int, int, str]] = []
    lowered = sentence.lower()
    for words, css in terms:
        start = lowered.find(words.lower()) if words else -1
        end = start + len(words or "")
        if start >= 0 and words and not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, css))
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for start, end, css in sorted(spans):
        pieces.extend([(sentence[cursor:start], None), (sentence[start:end], css)])
        cursor = end
    pieces.append((sentence[cursor:], None))
    return [piece for piece in pieces if piece[0]]


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: autoescaping does not stop a javascript: link."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


def dyad_path(a: str, b: str) -> str:
    """The dyad page of a pair, in alphabetical order so each pair has one address."""
    first, second = sorted((a, b))
    return f"/dyad/{first}-{second}"


def pager(request: Request, query: EventQuery, total: int | None, shown: int) -> dict[str, str | None]:
    """Links to the previous and next pages of a list, keeping every other parameter."""
    previous = max(query.offset - query.limit, 0)
    has_next = query.offset + shown < total if total is not None else shown == query.limit
    return {
        "previous": str(request.url.include_query_params(offset=previous)) if query.offset else None,
        "next": str(request.url.include_query_params(offset=query.offset + query.limit)) if has_next else None,
    }


def filter_values(query: EventQuery) -> dict[str, str]:
    """The query's filters as form field values."""
    return {
        "actor": query.actor or "", "dyad": "-".join(query.dyad) if query.dyad else "", "type": query.type or "",
        "since": query.since or "", "until": query.until or "", "q": query.text or "",
    }


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


# ---------------------------------------------------------------------------
# The app
# ---------------------------------------------------------------------------


def create_app(db_url: str) -> FastAPI:
    """The FastAPI application serving the database at ``db_url`` (raises StoreError when unusable)."""
    store = Store(db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="dipwatch", version=__version__, lifespan=lifespan,
        description="Events of international relations extracted from news articles (read-only).",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; the schema is at /openapi.json
    )
    app.state.store = store
    templates = Jinja2Templates(directory=_web_dir("templates"))
    templates.env.globals.update(plover=load_plover(), dyad_path=dyad_path, safe_url=safe_url, version=__version__)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=_web_dir("static")), name="static")
    _add_error_handlers(app, templates)
    _add_api_routes(app)
    _add_page_routes(app, templates)
    return app


def _error_response(request: Request, templates: Jinja2Templates, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


def _add_error_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError) -> Response:
        return _error_response(request, templates, 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, templates, 422, _validation_message(exc))

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, exc: StoreError) -> Response:
        return _error_response(request, templates, 503, f"database: {exc}")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error_response(request, templates, 404, str(exc))


def _validation_message(exc: RequestValidationError) -> str:
    """FastAPI's validation errors as one line: 'limit: Input should be less than or equal to 1000'."""
    parts = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        parts.append(f"{'.'.join(location) or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


class NotFound(LookupError):
    """An id that the database does not hold."""


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise NotFound(f"{what} not found")
    return value


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorMessage, "description": "No such record"},
    422: {"model": ErrorMessage, "description": "A parameter is invalid; the message names it"},
}


def _add_api_routes(app: FastAPI) -> None:
    @app.get("/api/events", response_model=EventPage, responses=ERRORS, tags=["events"])
    def api_events(query: Filters, store: StoreDep) -> EventPage:
        """Events matching the filters, newest first (event date, else publication date)."""
        items = store.events(query)
        return EventPage(total=store.count_events(query), limit=query.limit, offset=query.offset,
                         items=items)

    @app.get("/api/events/{event_id}", response_model=EventDetail, responses=ERRORS, tags=["events"])
    def api_event(event_id: int, store: StoreDep) -> EventDetail:
        """One event and every mention of it, canonical first."""
        event = _found(store.event(event_id), f"event {event_id}")
        return EventDetail(event=event, mentions=store.mentions(event_id))

    @app.get("/api/stories", response_model=StoryPage, responses=ERRORS, tags=["stories"])
    def api_stories(query: Filters, store: StoreDep) -> StoryPage:
        """Stories (groups of copies of one news story)."""
        return StoryPage(limit=query.limit, offset=query.offset, items=store.stories(query))

    @app.get("/api/stories/{story_id}", response_model=StoredStory, responses=ERRORS, tags=["stories"])
    def api_story(story_id: str, store: StoreDep) -> StoredStory:
        """One story with its documents, canonical first."""
        return _found(store.story(story_id), f"story {story_id!r}")

    @app.get("/api/documents", response_model=DocumentPage, responses=ERRORS, tags=["documents"])
    def api_documents(query: Filters, store: StoreDep) -> DocumentPage:
        """Stored documents (since, until, story, q, limit and offset apply)."""
        return DocumentPage(limit=query.limit, offset=query.offset, items=store.documents(query))

    @app.get("/api/documents/{doc}", response_model=StoredDocument, responses=ERRORS, tags=["documents"])
    def api_document(doc: str, store: StoreDep) -> StoredDocument:
        """One stored document with its main text."""
        return _found(store.document(doc), f"document {doc!r}")

    @app.get("/api/actors", response_model=ActorPage, responses=ERRORS, tags=["actors"])
    def api_actors(query: Filters, store: StoreDep) -> ActorPage:
        """Actors by number of events (limit and offset apply)."""
        actors = store.actors()
        page = actors[query.offset:query.offset + query.limit]
        return ActorPage(total=len(actors), limit=query.limit, offset=query.offset, items=page)

    @app.get("/api/dyads", response_model=DyadPage, responses=ERRORS, tags=["dyads"])
    def api_dyads(query: Filters, store: StoreDep) -> DyadPage:
        """Actor pairs by number of events (actor, since, until, limit and offset apply)."""
        return DyadPage(limit=query.limit, offset=query.offset, items=store.dyads(query))

    @app.get("/api/dyads/{pair}", response_model=DyadDetail, responses=ERRORS, tags=["dyads"])
    def api_dyad(pair: str, query: Filters, store: StoreDep) -> DyadDetail:
        """One pair (e.g. PRK-RUS, either order): counts, intensity and the monthly timeline."""
        a, b = parse_dyad(pair, "pair")
        summary = store.dyad(a, b, query)
        rows = store.monthly(a, b, query)
        monthly = [MonthCount(month=m, type=t, count=n, intensity=i) for m, t, n, i in rows]
        return DyadDetail(summary=summary, monthly=monthly)

    @app.get("/assets/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(plotly_js_path(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})



def _add_page_routes(app: FastAPI, templates: Jinja2Templates) -> None:
    def render(request: Request, name: str, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, query: Filters, store: StoreDep) -> Response:
        events = store.events(query)
        total = store.count_events(query)
        dyads = store.dyads(EventQuery(actor=query.actor, since=query.since, until=query.until, limit=12))
        return render(request, "home.html", events=events, total=total, dyads=dyads, query=query,
                      filters=filter_values(query), pager=pager(request, query, total, len(events)))

    @app.get("/dyad/{pair}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, pair: str, query: Filters, store: StoreDep,
                  group: Literal["type", "quad"] = "type") -> Response:
        a, b = parse_dyad(pair, "pair")
        scoped = replace(query, dyad=(a, b))
        monthly = store.monthly(a, b, scoped)
        events = store.events(scoped)
        total = store.count_events(scoped)
        plover = load_plover()
        return render(request, "dyad.html", a=a, b=b, summary=store.dyad(a, b, scoped), events=events,
                      total=total, group=group, timeline=timeline_figure(monthly, plover, group),
                      group_links={g: str(request.url.include_query_params(group=g)) for g in ("type", "quad")},
                      intensity=intensity_figure(monthly), query=scoped, filters=filter_values(scoped),
                      pager=pager(request, scoped, total, len(events)))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, query: Filters, store: StoreDep) -> Response:
        scoped = replace(query, limit=NETWORK_MAX_DYADS, offset=0)
        dyads = store.dyads(scoped)
        return render(request, "network.html", dyads=dyads, figure=network_figure(dyads, load_plover()),
                      query=scoped, filters=filter_values(scoped))

    @app.get("/event/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: int, store: StoreDep) -> Response:
        event = _found(store.event(event_id), f"event {event_id}")
        mentions = store.mentions(event_id)
        marked = [(m, highlight(m.sentence, _terms(event, m))) for m in mentions]
        return render(request, "event.html", event=event, mentions=marked,
                      outlets=sorted({m.outlet for m in mentions if m.outlet}))

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str, query: Filters, store: StoreDep) -> Response:
        story = _found(store.story(story_id), f"story {story_id!r}")
        scoped = replace(query, story=story_id)
        events = store.events(scoped)
        total = store.count_events(scoped)
        return render(request, "story.html", story=story, events=events, total=total, query=scoped,
                      filters=filter_values(scoped), pager=pager(request, scoped, total, len(events)))

    @app.get("/doc/{doc:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc: str, store: StoreDep) -> Response:
        document = _found(store.document(doc), f"document {doc!r}")
        return render(request, "document.html", document=document)


def _terms(event: StoredEvent, mention: StoredMention) -> list[tuple[str | None, str]]:
    return [(mention.trigger, "trigger"), (event.source_text, "actor"), (event.target_text, "actor")]

"""The HTML pages: render's views (`rashomon.render.views`), rendered with Jinja2 (autoescaped) and the web's
markup of their spans and links (`markup`)."""

from __future__ import annotations

import functools
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..render import svg
from ..render.palette import category_colour
from ..render.views import TimelineView, document_texts, entity_view, event_view
from ..render.views.map_chart import map_chart
from ..render.views.network import network_chart
from ..render.views.number_chart import number_chart
from ..render.views.stance_chart import stance_chart
from ..render.views.timeline_chart import timeline_chart
from . import markup, tables
from .markup import chart_link, url
from .workspace import IngestReport, WebError, load, read_upload, workspace_of

router = APIRouter(include_in_schema=False)
_TYPES = ("PERSON", "ORG", "PLACE", "GROUP")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("rashomon.web", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(url=url, version=__version__, link=markup.entity_link, group_href=markup.group_href,
                       claim_number=markup.claim_number, claim_sentence=markup.claim_sentence,
                       mention_sentence=markup.mention_sentence, report_sentence=markup.report_sentence,
                       evidence_sentence=markup.evidence_sentence, legend=svg.legend, node_legend=svg.node_legend,
                       number_chart=_number_chart, csv_link=tables.csv_link)
    return env


def _number_chart(label: str, verdict: str, claims: Any) -> Any:
    """A quantity's number line (or nothing when there is no number to draw, or only one)."""
    chart = number_chart(label, verdict, claims) if len(claims) > 1 else None
    return svg.number_svg(chart, chart_link) if chart is not None else ""


def render(request: Request, template: str, *, status: int = 200, **values: Any) -> HTMLResponse:
    workspace = workspace_of(request)
    html = _environment().get_template(template).render(path=request.url.path, stale=workspace.stale, **values)
    return HTMLResponse(html, status_code=status)


def _sources(request: Request, *, status: int = 200, report: IngestReport | None = None,
             error: str = "") -> HTMLResponse:
    workspace = workspace_of(request)
    index = load(request)
    return render(request, "sources.html", status=status, summary=index.sources.summary, docs=index.sources.documents,
                  report=report,
                  error=error, allow_dir=str(workspace.allow_dir) if workspace.allow_dir else "",
                  max_upload=workspace.max_upload)


@router.get("/", response_class=HTMLResponse)
def sources(request: Request, done: str = "") -> HTMLResponse:
    return _sources(request, report=workspace_of(request).take_report(done) if done else None)


def _added(request: Request, report: IngestReport) -> RedirectResponse:
    """After an ingest, POST-redirect-GET: the sources page shows what was done, and a refresh adds nothing again."""
    token = workspace_of(request).keep_report(report)
    return RedirectResponse(f"/?done={token}", status_code=303)


@router.post("/upload", response_class=HTMLResponse, response_model=None)
async def upload(request: Request, file: Annotated[UploadFile, File()]) -> HTMLResponse | RedirectResponse:
    workspace = workspace_of(request)
    try:
        data = await read_upload(workspace, file)
        path = workspace.save_upload(file.filename or "", data)
        report = await run_in_threadpool(workspace.ingest, [path])
    except WebError as err:
        return _sources(request, status=err.status, error=str(err))
    return _added(request, report)


@router.post("/add-path", response_class=HTMLResponse, response_model=None)
def add_path(request: Request, path: Annotated[str, Form()] = "") -> HTMLResponse | RedirectResponse:
    workspace = workspace_of(request)
    try:
        report = workspace.ingest([workspace.allowed_path(path)])
    except WebError as err:
        return _sources(request, status=err.status, error=str(err))
    return _added(request, report)


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, q: str = "", type: str = "") -> HTMLResponse:
    index = load(request)
    needle = q.casefold().strip()
    rows = [row for row in index.entities_page.entities
            if (not needle or any(needle in a.casefold() for a in row.aliases)) and (not type or row.type == type)]
    return render(request, "entities.html", rows=rows, q=q, type=type, types=_TYPES)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str) -> HTMLResponse:
    view = entity_view(load(request), entity_id)
    if view is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}; search for it on the entities page")
    return render(request, "entity.html", page=view)


@router.get("/events", response_class=HTMLResponse)
def timeline(request: Request, type: str = "", source: str = "", all: bool = False) -> HTMLResponse:
    index = load(request)
    threshold = 0.0 if all else workspace_of(request).settings.events.min_confidence
    view = index.timeline_at(threshold)
    items = view.items
    events = [e for e in items if (not type or e.type == type) and (not source or source in e.doc_ids)]
    differ = {e.id: [f.label for f in e.figures if f.verdict == "differ"] for e in items}
    shown = TimelineView(tuple(events))
    chart, places = timeline_chart(shown, index.sources.documents), map_chart(shown)
    return render(request, "timeline.html", events=events, type=type, types=sorted({e.type for e in items}),
                  source=source, docs=index.sources.documents, differ=differ, chart=chart,
                  chart_svg=svg.timeline_svg(chart, chart_link), places=places,
                  map_svg=svg.map_svg(places, chart_link) if not places.empty else "", hidden=len(view.hidden),
                  threshold=threshold, all=all)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    view = event_view(load(request), event_id)
    if view is None:
        raise HTTPException(404, f"no event with id {event_id!r}; pick one on the timeline")
    return render(request, "event.html", page=view, event=view.event)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request) -> HTMLResponse:
    return render(request, "claims.html", tables=markup.claim_tables(load(request).claims_page))


@router.get("/sides", response_class=HTMLResponse)
def sides(request: Request) -> HTMLResponse:
    view = load(request).sides
    chart = stance_chart(view)
    return render(request, "sides.html", page=view, stance_cells=functools.partial(markup.stance_cells, view),
                  framing_cells=functools.partial(markup.framing_cells, view),
                  stance_svg=svg.stance_svg(chart, chart_link) if not chart.empty else "")


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, source: Annotated[list[str] | None, Query()] = None, start: str = "", end: str = "",
            category: Annotated[list[str] | None, Query()] = None, unnamed: bool = False) -> HTMLResponse:
    index = load(request)
    chosen = [s for s in (source or []) if s in index.documents]
    kinds = [c.upper() for c in (category or [])]
    graph = network_chart(index, sources=chosen, start=start, end=end, categories=kinds, unnamed=unnamed)
    named = {n.id: n.name for n in graph.nodes}
    return render(request, "network.html", graph=graph, docs=index.sources.documents, chosen=chosen, start=start,
                  end=end, kinds=kinds, unnamed=unnamed, names=named, colour=category_colour,
                  graph_svg=svg.network_svg(graph, chart_link) if graph.edges else "")


@router.get("/csv/{table}", response_class=Response)
def csv_table(request: Request, table: str) -> Response:
    """One of the pages' tables as CSV (sources, entities, events, claims, stances, vocabulary, network)."""
    rows = tables.table_rows(load(request), table)
    if rows is None:
        raise HTTPException(404, f"no table {table!r}; tables: {', '.join(tables.TABLES)}")
    return Response(tables.to_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="rashomon-{table}.csv"'})


@router.get("/favicon.ico", response_class=Response)
def favicon() -> Response:
    return Response(tables.FAVICON, media_type="image/svg+xml")


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    found = document_texts(load(request), [doc_id])
    if not found:
        raise HTTPException(404, f"no document with id {doc_id!r}; pick one on the sources page")
    text = found[0]
    return render(request, "document.html", doc=text.doc, text=markup.highlighted_document(text),
                  counts={"mentions": len(text.mentions), "events": len(text.events), "claims": len(text.claims)})


def install_error_pages(app: FastAPI) -> None:
    """Errors as JSON under /api, as an HTML page elsewhere."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if request.url.path.startswith("/api") or request.url.path.startswith("/static"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        html = _environment().get_template("error.html").render(path=request.url.path, stale="", status=exc.status_code,
                                                                message=str(exc.detail))
        return HTMLResponse(html, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        return JSONResponse({"detail": jsonable(exc.errors())}, status_code=422)


def jsonable(errors: Any) -> Any:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)

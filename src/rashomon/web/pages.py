"""The HTML pages: render's views (`rashomon.render.views`), rendered with Jinja2 (autoescaped) and the web's
markup of their spans and links (`markup`)."""

from __future__ import annotations

import functools
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..render.views import document_texts, entity_view, event_view
from . import markup
from .markup import url
from .network import actor_network, type_colours
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
                       evidence_sentence=markup.evidence_sentence)
    return env


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
def sources(request: Request) -> HTMLResponse:
    return _sources(request)


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, file: Annotated[UploadFile, File()]) -> HTMLResponse:
    workspace = workspace_of(request)
    try:
        data = await read_upload(workspace, file)
        path = workspace.save_upload(file.filename or "", data)
        report = await run_in_threadpool(workspace.ingest, [path])
    except WebError as err:
        return _sources(request, status=err.status, error=str(err))
    return _sources(request, status=201 if report.added else 200, report=report)


@router.post("/add-path", response_class=HTMLResponse)
def add_path(request: Request, path: Annotated[str, Form()] = "") -> HTMLResponse:
    workspace = workspace_of(request)
    try:
        report = workspace.ingest([workspace.allowed_path(path)])
    except WebError as err:
        return _sources(request, status=err.status, error=str(err))
    return _sources(request, status=201 if report.added else 200, report=report)


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
    return render(request, "timeline.html", events=events, type=type, types=sorted({e.type for e in items}),
                  source=source, docs=index.sources.documents, differ=differ, hidden=len(view.hidden),
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
    return render(request, "sides.html", page=view, stance_cells=functools.partial(markup.stance_cells, view),
                  framing_cells=functools.partial(markup.framing_cells, view))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, source: Annotated[list[str] | None, Query()] = None, start: str = "",
            end: str = "") -> HTMLResponse:
    index = load(request)
    chosen = [s for s in (source or []) if s in index.documents]
    graph = actor_network(index, sources=chosen, start=start, end=end)
    used = sorted({e.type for e in graph.edges})
    return render(request, "network.html", graph=graph, docs=index.sources.documents, chosen=chosen, start=start,
                  end=end, colours={t: c for t, c in type_colours().items() if t in used})


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

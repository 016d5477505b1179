"""The HTML pages, rendered with Jinja2 (autoescaped) from the views in `views`."""

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
from .network import actor_network, type_colours
from .views import (
    claim_tables,
    document_title,
    entity_link,
    entity_page,
    event_columns,
    event_figures,
    event_title,
    highlighted_document,
    sides_page,
    source_label,
    url,
)
from .workspace import IngestReport, WebError, load, read_upload, workspace_of

router = APIRouter(include_in_schema=False)
_TYPES = ("PERSON", "ORG", "PLACE", "GROUP")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("rashomon.web", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(url=url, source_label=source_label, document_title=document_title, version=__version__)
    return env


def render(request: Request, template: str, *, status: int = 200, **values: Any) -> HTMLResponse:
    workspace = workspace_of(request)
    html = _environment().get_template(template).render(path=request.url.path, stale=workspace.stale, **values)
    return HTMLResponse(html, status_code=status)


def _sources(request: Request, *, status: int = 200, report: IngestReport | None = None, error: str = "") -> HTMLResponse:
    workspace = workspace_of(request)
    index = load(request)
    return render(request, "sources.html", status=status, index=index, docs=index.sorted_documents, report=report,
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
    rows = [(e, len(ms), len({m.doc_id for m in ms})) for e, ms in index.ranked
            if (not needle or any(needle in a.casefold() for a in e.aliases)) and (not type or e.type == type)]
    return render(request, "entities.html", rows=rows, q=q, type=type, types=_TYPES)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str) -> HTMLResponse:
    index = load(request)
    found = index.entities.get(entity_id)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}; search for it on the entities page")
    return render(request, "entity.html", page=entity_page(index, found), link=functools.partial(entity_link, index))


@router.get("/events", response_class=HTMLResponse)
def timeline(request: Request, type: str = "", source: str = "") -> HTMLResponse:
    index = load(request)
    events = [e for e in index.sorted_events if (not type or e.type == type) and (not source or source in e.doc_ids)]
    types = sorted({e.type for e in index.corpus.events})
    differ = {e: [f.label for f in figures if f.verdict == "differ"] for e, figures in index.figures.items()}
    return render(request, "timeline.html", events=events, title=functools.partial(event_title, index), type=type,
                  types=types, source=source, docs=index.sorted_documents, link=functools.partial(entity_link, index),
                  differ=differ)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    index = load(request)
    found = index.events.get(event_id)
    if found is None:
        raise HTTPException(404, f"no event with id {event_id!r}; pick one on the timeline")
    figures, other = event_figures(index, found)
    places = [(source_label(index.documents[doc_id]), doc_id, ", ".join(names))
              for doc_id, names in found.place_conflict if doc_id in index.documents]
    return render(request, "event.html", event=found, title=event_title(index, found), columns=event_columns(index, found),
                  link=functools.partial(entity_link, index), figures=figures, other=other, place_sources=places)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request) -> HTMLResponse:
    return render(request, "claims.html", tables=claim_tables(load(request)))


@router.get("/sides", response_class=HTMLResponse)
def sides(request: Request) -> HTMLResponse:
    return render(request, "sides.html", page=sides_page(load(request)))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, source: Annotated[list[str] | None, Query()] = None, start: str = "",
            end: str = "") -> HTMLResponse:
    index = load(request)
    chosen = [s for s in (source or []) if s in index.documents]
    graph = actor_network(index, sources=chosen, start=start, end=end)
    used = sorted({e.type for e in graph.edges})
    return render(request, "network.html", graph=graph, docs=index.sorted_documents, chosen=chosen, start=start,
                  end=end, colours={t: c for t, c in type_colours().items() if t in used})


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    index = load(request)
    doc = index.documents.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}; pick one on the sources page")
    counts = {"mentions": sum(1 for m in index.corpus.mentions if m.doc_id == doc.id),
              "events": sum(1 for m in index.corpus.event_mentions if m.doc_id == doc.id),
              "claims": sum(1 for c in index.corpus.claims if c.doc_id == doc.id)}
    return render(request, "document.html", doc=doc, text=highlighted_document(index, doc), counts=counts)


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

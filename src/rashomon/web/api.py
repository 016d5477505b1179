"""The JSON API under /api: the --json export's objects (docs/schema.md), paginated, plus search, the actor
network and ingest. FastAPI publishes its OpenAPI schema at /api/openapi.json (browsable at /api/docs).

The read routes answer from the store as it is now, and each answer's JSON is made once per version of the
store (`Workspace.cached`) and then served as the same bytes: the routes are `async` and return a plain
`Response`, so a repeated request costs neither a thread nor a validation of its response model. The models
(`Page`, `Status`) are still declared on the routes, so the OpenAPI schema documents what they answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from ..render.views.network import network_chart
from .index import CorpusIndex
from .workspace import IngestReport, WebError, Workspace, load, read_upload, workspace_of

router = APIRouter(prefix="/api", tags=["api"])

COLLECTIONS = ("documents", "entities", "events", "claims", "claim_groups", "quotes", "stances", "vocabulary",
               "framings", "times", "event_mentions_unfused")
"""Lists of the JSON export the API serves, each at /api/NAME; those with ids also at /api/NAME/{id}."""

_MAX_LIMIT = 500


class Page(BaseModel):
    """One page of a collection: `items` are objects exactly as the --json export writes them."""

    total: int = Field(description="objects in the collection (after the filter)")
    offset: int
    limit: int
    items: list[dict[str, Any]]


class Status(BaseModel):
    db: str
    documents: int
    entities: int
    events: int
    claims: int
    claim_groups: int
    stale: str = Field(description="why an older read of the store is served; empty when current")
    add_by_path: str | None = Field(description="the folder add-by-path may read; null when it is off")
    max_upload_bytes: int


class PathRequest(BaseModel):
    path: str = Field(description="a file or folder inside the server's --allow-dir folder")


class Ingested(BaseModel):
    added: list[str]
    unchanged: list[str]
    skipped: list[str]


def page_of(items: list[dict[str, Any]], offset: int, limit: int) -> dict[str, Any]:
    """One page of `items`, as `Page` serializes it (the same keys in the same order)."""
    return {"total": len(items), "offset": offset, "limit": limit, "items": items[offset:offset + limit]}


def json_bytes(content: Any) -> bytes:
    """`content` as FastAPI's JSONResponse writes it (UTF-8, no spaces, no NaN), so a cached answer has the
    same bytes as the one the route would have answered through its response model."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode()


async def cached_json(request: Request, key: Hashable, make: Callable[[CorpusIndex], Any]) -> Response:
    """`make(index)` as JSON, made once per store version and `key`: from the cache on the event loop when it
    is there, else made in a worker thread (reading the store or building the export may take a while).

    The answer is kept under its URL too, for `CachedAnswers` to send again without routing the request."""
    workspace = workspace_of(request)
    body = workspace.peek(key)
    if body is None:
        try:
            body = await run_in_threadpool(workspace.cached, key, lambda index: json_bytes(make(index)),
                                           also=url_key(request.scope))
        except WebError as err:
            raise HTTPException(err.status, str(err)) from err
    return Response(body, media_type="application/json")


def url_key(scope: Scope) -> tuple[str, str, bytes]:
    """The key an answer is cached under for the URL it was asked by (path and query string as sent)."""
    return ("url", scope["path"], scope.get("query_string", b""))


class CachedAnswers:
    """ASGI middleware: a GET under /api/ whose URL `cached_json` answered for the store as it is now is sent
    the same bytes (and the same headers) at once, without routing, parameter parsing or a thread; anything
    else goes on to the app. Nothing is cached here: only what a route made for this version of the store."""

    def __init__(self, app: ASGIApp, workspace: Workspace) -> None:
        self.app, self.workspace = app, workspace

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith("/api/"):
            body = self.workspace.peek(url_key(scope))
            if body is not None:
                await send({"type": "http.response.start", "status": 200,
                            "headers": [(b"content-length", str(len(body)).encode("ascii")),
                                        (b"content-type", b"application/json")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


Offset = Annotated[int, Query(ge=0, description="objects to skip")]
Limit = Annotated[int, Query(ge=1, le=_MAX_LIMIT, description="objects per page")]


@router.get("/status", response_model=Status)
def status(request: Request) -> Status:
    """What the server serves: the store, its counts, and whether add-by-path is on."""
    workspace = workspace_of(request)
    index = load(request)
    corpus = index.corpus
    return Status(db=str(workspace.db), documents=len(corpus.documents), entities=len(corpus.entities),
                  events=len(corpus.events), claims=len(corpus.claims), claim_groups=len(corpus.claim_groups),
                  stale=workspace.stale, add_by_path=str(workspace.allow_dir) if workspace.allow_dir else None,
                  max_upload_bytes=workspace.max_upload)


@router.get("/entities", response_model=Page)
async def entities(request: Request, offset: Offset = 0, limit: Limit = 50,
                   q: Annotated[str, Query(description="part of any of the entity's names, any case")] = "",
                   type: Annotated[str, Query(description="PERSON, ORG, PLACE or GROUP")] = "") -> Response:
    """Entities, most mentioned first; `q` keeps those with a name containing it."""
    def make(index: CorpusIndex) -> dict[str, Any]:
        exported = index.export_by_id.get("entities", {})
        needle = q.casefold().strip()
        items = [exported[e.id] for e, _ in index.ranked if e.id in exported
                 and (not needle or any(needle in alias.casefold() for alias in e.aliases))
                 and (not type or e.type == type.upper())]
        return page_of(items, offset, limit)

    return await cached_json(request, ("entities", offset, limit, q, type), make)


@router.get("/claim_groups", response_model=Page)
async def claim_groups(request: Request, offset: Offset = 0, limit: Limit = 50) -> Response:
    """Claim groups, conflicts ("differ") first."""
    def make(index: CorpusIndex) -> dict[str, Any]:
        exported = index.export_by_id.get("claim_groups", {})
        return page_of([exported[g.id] for g in index.sorted_groups if g.id in exported], offset, limit)

    return await cached_json(request, ("claim_groups", offset, limit), make)


@router.get("/comparisons", response_model=dict[str, Any])
async def comparisons(request: Request) -> Response:
    """Sources side by side: per source (document), its stances, distinctive vocabulary and framing words."""
    def make(index: CorpusIndex) -> dict[str, Any]:
        export = index.export
        sources = []
        for doc in index.sorted_documents:
            sources.append({"doc": doc.id, "outlet": doc.outlet.value if doc.outlet else None,
                            "stances": [s for s in export["stances"] if s["source"] == doc.id],
                            "vocabulary": [v for v in export["vocabulary"] if v["source"] == doc.id],
                            "framings": [f for f in export["framings"] if f["source"] == doc.id]})
        return {"sources": sources}

    return await cached_json(request, ("comparisons",), make)


@router.get("/network", response_model=dict[str, Any])
async def network(
    request: Request,
    source: Annotated[list[str] | None, Query(description="document ids to keep")] = None,
    start: Annotated[str, Query(description="earliest event date, ISO (YYYY, YYYY-MM or YYYY-MM-DD)")] = "",
    end: Annotated[str, Query(description="latest event date, ISO")] = "",
    category: Annotated[list[str] | None, Query(description="PLOVER categories to keep (all if none)")] = None,
    unnamed: Annotated[bool, Query(description="also actors named only by a common noun")] = False,
) -> Response:
    """Who acts on whom: entities as nodes, actor -> target edges counted by PLOVER category."""
    sources, categories = tuple(source or ()), tuple(c.upper() for c in category or ())

    def make(index: CorpusIndex) -> dict[str, Any]:
        return network_chart(index, sources=sources, start=start, end=end, categories=list(categories),
                             unnamed=unnamed).to_dict()

    return await cached_json(request, ("network", sources, start, end, categories, unnamed), make)


def _one_route(name: str) -> None:
    def one(request: Request, item_id: str) -> dict[str, Any]:
        found = load(request).export_by_id.get(name, {}).get(item_id)
        if found is None:
            raise HTTPException(404, f"no {name.rstrip('s')} with id {item_id!r}")
        return found

    one.__doc__ = f"One of the export's `{name}`, by id."
    router.add_api_route(f"/{name}/{{item_id}}", one, methods=["GET"], name=f"get_{name}")


def _list_route(name: str) -> None:
    async def listing(request: Request, offset: Offset = 0, limit: Limit = 50,
                      doc: Annotated[str, Query(description="keep objects of this document (source)")] = "",
                      ) -> Response:
        def make(index: CorpusIndex) -> dict[str, Any]:
            items = index.export.get(name, [])
            if doc:
                items = [i for i in items if doc in (i.get("doc"), i.get("source")) or doc in i.get("sources", ())
                         or (name == "documents" and i.get("id") == doc)]
            return page_of(items, offset, limit)

        return await cached_json(request, (name, offset, limit, doc), make)

    listing.__doc__ = f"The export's `{name}`, in the export's order; `doc` keeps those of one document."
    router.add_api_route(f"/{name}", listing, methods=["GET"], response_model=Page, name=f"list_{name}")


for _name in COLLECTIONS:
    if _name not in ("entities", "claim_groups"):  # these two have their own listing above
        _list_route(_name)
    if _name in ("documents", "entities", "events", "claims", "claim_groups", "quotes"):
        _one_route(_name)


def _answer(report: IngestReport) -> Ingested:
    """The ingest's report; 422 with the reasons when nothing could be read."""
    if report.skipped and not report.added and not report.unchanged:
        raise HTTPException(422, "nothing added: " + "; ".join(report.skipped))
    return Ingested(added=list(report.added), unchanged=list(report.unchanged), skipped=list(report.skipped))


@router.post("/documents", response_model=Ingested, status_code=201)
async def upload(request: Request,
                 file: Annotated[UploadFile, File(description="an article: txt, md, html, pdf or jsonl")]) -> Ingested:
    """Add an article by upload; it goes through the same ingest and analysis as `rashomon analyze`."""
    workspace = workspace_of(request)
    try:
        data = await read_upload(workspace, file)
        path = workspace.save_upload(file.filename or "", data)
        return _answer(await run_in_threadpool(workspace.ingest, [path]))
    except WebError as err:
        raise HTTPException(err.status, str(err)) from err


@router.post("/documents/by-path", response_model=Ingested, status_code=201)
def add_by_path(request: Request, body: PathRequest) -> Ingested:
    """Add the article(s) at a path inside the server's --allow-dir folder (off when none was given)."""
    workspace = workspace_of(request)
    try:
        return _answer(workspace.ingest([workspace.allowed_path(body.path)]))
    except WebError as err:
        raise HTTPException(err.status, str(err)) from err

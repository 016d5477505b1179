"""The JSON API under /api: the --json export's objects (docs/schema.md), paginated, plus search, the actor
network and ingest. FastAPI publishes its OpenAPI schema at /api/openapi.json (browsable at /api/docs)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from pydantic import BaseModel, Field

from ..render.views.network import network_chart
from .workspace import IngestReport, WebError, load, read_upload, workspace_of

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


def page_of(items: list[dict[str, Any]], offset: int, limit: int) -> Page:
    return Page(total=len(items), offset=offset, limit=limit, items=items[offset:offset + limit])


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
def entities(request: Request, offset: Offset = 0, limit: Limit = 50,
             q: Annotated[str, Query(description="part of any of the entity's names, any case")] = "",
             type: Annotated[str, Query(description="PERSON, ORG, PLACE or GROUP")] = "") -> Page:
    """Entities, most mentioned first; `q` keeps those with a name containing it."""
    index = load(request)
    exported = index.export_by_id.get("entities", {})
    needle = q.casefold().strip()
    items = [exported[e.id] for e, _ in index.ranked if e.id in exported
             and (not needle or any(needle in alias.casefold() for alias in e.aliases))
             and (not type or e.type == type.upper())]
    return page_of(items, offset, limit)


@router.get("/claim_groups", response_model=Page)
def claim_groups(request: Request, offset: Offset = 0, limit: Limit = 50) -> Page:
    """Claim groups, conflicts ("differ") first."""
    index = load(request)
    exported = index.export_by_id.get("claim_groups", {})
    return page_of([exported[g.id] for g in index.sorted_groups if g.id in exported], offset, limit)


@router.get("/comparisons")
def comparisons(request: Request) -> dict[str, Any]:
    """Sources side by side: per source (document), its stances, distinctive vocabulary and framing words."""
    index = load(request)
    export = index.export
    sources = []
    for doc in index.sorted_documents:
        sources.append({"doc": doc.id, "outlet": doc.outlet.value if doc.outlet else None,
                        "stances": [s for s in export["stances"] if s["source"] == doc.id],
                        "vocabulary": [v for v in export["vocabulary"] if v["source"] == doc.id],
                        "framings": [f for f in export["framings"] if f["source"] == doc.id]})
    return {"sources": sources}


@router.get("/network")
def network(request: Request, source: Annotated[list[str] | None, Query(description="document ids to keep")] = None,
            start: Annotated[str, Query(description="earliest event date, ISO (YYYY, YYYY-MM or YYYY-MM-DD)")] = "",
            end: Annotated[str, Query(description="latest event date, ISO")] = "",
            category: Annotated[list[str] | None, Query(description="PLOVER categories to keep (all if none)")] = None,
            unnamed: Annotated[bool, Query(description="also actors named only by a common noun")] = False,
            ) -> dict[str, Any]:
    """Who acts on whom: entities as nodes, actor -> target edges counted by PLOVER category."""
    result = network_chart(load(request), sources=source or (), start=start, end=end,
                           categories=[c.upper() for c in category or ()], unnamed=unnamed)
    return result.to_dict()


def _one_route(name: str) -> None:
    def one(request: Request, item_id: str) -> dict[str, Any]:
        found = load(request).export_by_id.get(name, {}).get(item_id)
        if found is None:
            raise HTTPException(404, f"no {name.rstrip('s')} with id {item_id!r}")
        return found

    one.__doc__ = f"One of the export's `{name}`, by id."
    router.add_api_route(f"/{name}/{{item_id}}", one, methods=["GET"], name=f"get_{name}")


def _list_route(name: str) -> None:
    def listing(request: Request, offset: Offset = 0, limit: Limit = 50,
                doc: Annotated[str, Query(description="keep objects of this document (source)")] = "") -> Page:
        items = load(request).export.get(name, [])
        if doc:
            items = [i for i in items if doc in (i.get("doc"), i.get("source")) or doc in i.get("sources", ())
                     or (name == "documents" and i.get("id") == doc)]
        return page_of(items, offset, limit)

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
    from starlette.concurrency import run_in_threadpool

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

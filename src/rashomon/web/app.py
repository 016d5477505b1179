"""The local web app: `create_app` builds the FastAPI application over one store, `serve` runs it with uvicorn.

How the store is read and added to is the workspace's business (`workspace.Workspace`); the routes are in
`api` (JSON under /api) and `pages` (HTML).
"""

from __future__ import annotations

import logging
import threading
import webbrowser
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from ..errors import ConfigError
from ..settings import Settings
from . import api, pages
from .workspace import MAX_UPLOAD_BYTES, Workspace

logger = logging.getLogger(__name__)


def create_app(db: str | Path, *, allow_dir: str | Path | None = None, settings: Settings | None = None,
               max_upload: int = MAX_UPLOAD_BYTES) -> FastAPI:
    """The web app over the store at `db` (which need not exist yet: the first upload creates it).

    Building it opens neither the store nor a settings file: the store is read by the first request, the
    default settings by the first ingest. Only `allow_dir` is checked, so that a wrong folder fails at once.

    Args:
        db: the DuckDB store.
        allow_dir: the folder add-by-path may read from; None turns add-by-path off.
        settings: pipeline settings for ingest (default: the packaged settings.toml).
        max_upload: largest upload accepted, in bytes.
    """
    if allow_dir is not None and not Path(allow_dir).is_dir():
        raise ConfigError(f"--allow-dir {allow_dir}: not a folder. Give an existing folder whose files the web app "
                          "may add, or leave --allow-dir out to turn adding by path off.")
    workspace = Workspace(db, allow_dir=allow_dir, settings=settings, max_upload=max_upload)
    app = FastAPI(title="rashomon", summary="Entities, events, claims and framing across many articles.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.workspace = workspace
    app.add_middleware(api.CachedAnswers, workspace=workspace)
    app.mount("/static/api-docs", StaticFiles(packages=[("fastapi_offline", "static")]), name="api-docs-assets")
    app.mount("/static", StaticFiles(packages=[("rashomon.web", "static")]), name="static")
    _install_api_docs(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.install_error_pages(app)
    return app


def _install_api_docs(app: FastAPI) -> None:
    """/api/docs: Swagger UI with its script and style sheet from the fastapi-offline package (FastAPI's
    self-hosting recipe), so the explorer works with no network; the schema validator badge is off (it would call
    out)."""

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/api/openapi.json", title="rashomon API",
                                   swagger_js_url="/static/api-docs/swagger-ui-bundle.js",
                                   swagger_css_url="/static/api-docs/swagger-ui.css",
                                   swagger_favicon_url="/favicon.ico", swagger_ui_parameters={"validatorUrl": None})


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, allow_dir: str | Path | None = None,
          settings: Settings | None = None, open_browser: bool = True, access_log: bool = False) -> None:
    """Run the app with uvicorn until interrupted, and open the start page in a browser.

    uvicorn picks uvloop and httptools (both requirements) over asyncio and h11; each request's line in the
    log is off unless `access_log` (it costs about a third of the server's time per cached answer).
    """
    import uvicorn

    app = create_app(db, allow_dir=allow_dir, settings=settings)
    if host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("serving on %s: anyone who can reach this address can read and add to the store", host)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log)

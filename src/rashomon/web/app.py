"""The local web app: a FastAPI application over one store, and `serve`, which runs it with uvicorn.

The store is never held open between requests: each request loads the corpus from a short read-only
connection (cached until the file changes), so `rashomon analyze --db FILE` can add to the same store
while the server runs. Uploads and add-by-path open the store read-write only for the ingest itself,
and answer 409 when another process holds it.
"""

from __future__ import annotations

import logging
import re
import threading
import webbrowser
from dataclasses import dataclass, replace
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ..errors import ConfigError, RashomonError, StoreError
from ..model import Corpus
from ..pipeline import RunResult, analyze
from ..settings import Settings, load_settings
from ..store import Store
from .index import CorpusIndex

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5_000_000
"""Largest upload accepted, in bytes; larger files are refused with 413."""

UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".jsonl")
_IN_USE_HINT = ("another process (probably 'rashomon analyze') is writing to the store; "
                "try again when it has finished")


class WebError(RashomonError):
    """A request the app cannot carry out; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an upload or add-by-path did, for the API and the page."""

    added: tuple[str, ...]  # ids of the documents added
    unchanged: tuple[str, ...]  # paths already stored
    skipped: tuple[str, ...]  # "path: reason"

    @classmethod
    def of(cls, result: RunResult) -> IngestReport:
        return cls(tuple(d.id for d in result.added), tuple(result.unchanged), tuple(str(s) for s in result.skipped))


class Workspace:
    """The store the app serves, the folder add-by-path may read from, and the cached corpus.

    Reads and writes are serialised in this process by one lock (DuckDB refuses to open one file
    read-only and read-write at once in a process); other processes see the file between requests.
    """

    def __init__(self, db: str | Path, *, allow_dir: str | Path | None = None, settings: Settings | None = None,
                 max_upload: int = MAX_UPLOAD_BYTES) -> None:
        self.db = Path(db).resolve()
        self.allow_dir = Path(allow_dir).resolve() if allow_dir is not None else None
        self.settings = settings if settings is not None else load_settings()
        self.max_upload = max_upload
        self.uploads = self.db.parent / f"{self.db.stem}-uploads"
        self._lock = threading.RLock()
        self._stamp: tuple[int, int, int] | None = None
        self._index: CorpusIndex | None = None
        self.stale = ""  # why the cached corpus is shown instead of the file's, "" when it is current

    def _file_stamp(self) -> tuple[int, int, int]:
        wal = self.db.with_name(self.db.name + ".wal")
        stat = self.db.stat()
        return stat.st_mtime_ns, stat.st_size, wal.stat().st_mtime_ns if wal.exists() else 0

    def index(self) -> CorpusIndex:
        """The corpus as the store holds it now, re-read only when the file changed."""
        with self._lock:
            if not self.db.is_file():
                if self._index is None:
                    self._index = CorpusIndex(Corpus(documents=(), mentions=(), entities=()))
                self.stale = ""
                return self._index
            stamp = self._file_stamp()
            if self._index is not None and stamp == self._stamp:
                return self._index
            try:
                with Store(self.db, read_only=True) as store:
                    corpus = store.load()
            except StoreError as err:
                if self._index is None:
                    raise WebError(503, f"{err}. {_IN_USE_HINT}" if "in use" in str(err) else str(err)) from err
                self.stale = f"showing the store as last read: {err}"
                logger.warning("%s", self.stale)
                return self._index
            self._index, self._stamp, self.stale = CorpusIndex(corpus), stamp, ""
            return self._index

    def ingest(self, paths: list[Path]) -> IngestReport:
        """Analyse `paths` into the store with the CLI's pipeline; 409 when another process holds the store."""
        # In one process: forking worker processes out of a threaded server is not safe (a lock held
        # by another thread at the fork stays held in the child), and uploads are small.
        settings = replace(self.settings, nlp=replace(self.settings.nlp, workers=0))
        with self._lock:
            try:
                with Store(self.db) as store:
                    result = analyze(paths, store=store, settings=settings)
            except StoreError as err:
                status = 409 if "in use" in str(err) else 500
                raise WebError(status, f"{err}" + (f". {_IN_USE_HINT}" if status == 409 else "")) from err
            self._stamp = None
            return IngestReport.of(result)

    def save_upload(self, filename: str, data: bytes) -> Path:
        """Write an uploaded file under the uploads folder with a safe name, and return its path."""
        if len(data) > self.max_upload:
            raise WebError(413, f"{filename}: {len(data):,} bytes is more than the upload limit of "
                                f"{self.max_upload:,} bytes; add large files with 'rashomon analyze' instead")
        name = Path(filename.replace("\\", "/")).name
        stem, suffix = Path(name).stem, Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise WebError(415, f"{name or 'the upload'}: not a file rashomon reads; "
                                f"upload one of {', '.join(UPLOAD_SUFFIXES)}")
        if not data.strip():
            raise WebError(400, f"{name}: the file is empty")
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._")[:80] or "upload"
        self.uploads.mkdir(parents=True, exist_ok=True)
        target = self.uploads / f"{safe}{suffix}"
        counter = 1
        while target.exists() and target.read_bytes() != data:
            counter += 1
            target = self.uploads / f"{safe}-{counter}{suffix}"
        target.write_bytes(data)
        return target

    def allowed_path(self, raw: str) -> Path:
        """`raw` resolved, when it lies inside the --allow-dir folder; 403/404 otherwise."""
        if self.allow_dir is None:
            raise WebError(403, "adding articles by path is off: start the server with "
                                "'rashomon serve --allow-dir FOLDER' to allow files inside FOLDER")
        if not raw.strip() or "\x00" in raw:
            raise WebError(400, "give the path of a file or folder inside " + str(self.allow_dir))
        candidate = Path(raw.strip())
        if not candidate.is_absolute():
            candidate = self.allow_dir / candidate
        resolved = candidate.resolve()
        if not resolved.is_relative_to(self.allow_dir):
            raise WebError(403, f"{raw}: outside the folder the server may read ({self.allow_dir})")
        if not resolved.exists():
            raise WebError(404, f"{raw}: no such file or folder inside {self.allow_dir}")
        return resolved


def create_app(db: str | Path, *, allow_dir: str | Path | None = None, settings: Settings | None = None,
               max_upload: int = MAX_UPLOAD_BYTES) -> FastAPI:
    """The web app over the store at `db` (which need not exist yet: the first upload creates it).

    Args:
        db: the DuckDB store.
        allow_dir: the folder add-by-path may read from; None turns add-by-path off.
        settings: pipeline settings for ingest (default: the packaged settings.toml).
        max_upload: largest upload accepted, in bytes.
    """
    from . import api, pages

    if allow_dir is not None and not Path(allow_dir).is_dir():
        raise ConfigError(f"--allow-dir {allow_dir}: not a folder. Give an existing folder whose files the web app "
                          "may add, or leave --allow-dir out to turn adding by path off.")
    workspace = Workspace(db, allow_dir=allow_dir, settings=settings, max_upload=max_upload)
    app = FastAPI(title="rashomon", summary="Entities, events, claims and framing across many articles.",
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.workspace = workspace
    app.mount("/static", StaticFiles(packages=[("rashomon.web", "static")]), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.install_error_pages(app)
    return app


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, allow_dir: str | Path | None = None,
          settings: Settings | None = None, open_browser: bool = True) -> None:
    """Run the app with uvicorn until interrupted, and open the start page in a browser."""
    import uvicorn

    app = create_app(db, allow_dir=allow_dir, settings=settings)
    if host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("serving on %s: anyone who can reach this address can read and add to the store", host)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="info")

"""The store the web app serves, and what its routes share: the Workspace, WebError, IngestReport.

The store is never held open between requests: each request loads the corpus from a short read-only
connection (cached until the file changes), so `rashomon analyze --db FILE` can add to the same store
while the server runs. Uploads and add-by-path open the store read-write only for the ingest itself,
and answer 409 when another process holds it.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import threading
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request, UploadFile

from ..errors import RashomonError, StoreError
from ..model import Corpus
from ..pipeline import RunResult, analyze
from ..settings import Settings, load_settings
from ..store import Store
from .index import CorpusIndex

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5_000_000
"""Largest upload accepted, in bytes; larger files are refused with 413."""

_KEPT_REPORTS = 32  # ingest reports waiting to be shown; the oldest is dropped past this
CACHED_ITEMS = 512
"""Most answers `Workspace.cached` keeps per store version; past this the oldest is dropped (a client asking for
every offset and filter cannot grow the cache without bound)."""
CACHED_BYTES = 64_000_000
"""Most bytes of `bytes` answers `Workspace.cached` keeps per store version; past this the oldest are dropped."""
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
        self._settings = settings
        self.max_upload = max_upload
        self.uploads = self.db.parent / f"{self.db.stem}-uploads"
        self._lock = threading.RLock()
        self._stamp: tuple[int, int, int] | None = None
        self._index: CorpusIndex | None = None
        self._made: tuple[CorpusIndex | None, _Made] = (None, _Made())  # what `cached` made, from which index
        self.stale = ""  # why the cached corpus is shown instead of the file's, "" when it is current
        self._reports: dict[str, IngestReport] = {}  # what recent ingests did, until the page that says so is shown

    def keep_report(self, report: IngestReport) -> str:
        """Keep an ingest's report for the page the browser is redirected to; the token to fetch it with."""
        with self._lock:
            while len(self._reports) >= _KEPT_REPORTS:
                self._reports.pop(next(iter(self._reports)))
            token = secrets.token_urlsafe(8)
            self._reports[token] = report
            return token

    def take_report(self, token: str) -> IngestReport | None:
        """The report kept under `token`, once (a refresh of the page shows it no more); None when unknown."""
        with self._lock:
            return self._reports.pop(token, None)

    @property
    def settings(self) -> Settings:
        """The pipeline settings ingest uses: those given, else the packaged defaults (read on first use)."""
        if self._settings is None:
            self._settings = load_settings()
        return self._settings

    def _file_stamp(self) -> tuple[int, int, int]:
        wal = self.db.with_name(self.db.name + ".wal")
        stat = self.db.stat()
        try:
            wal_time = wal.stat().st_mtime_ns
        except FileNotFoundError:
            wal_time = 0
        return stat.st_mtime_ns, stat.st_size, wal_time

    def _current(self) -> CorpusIndex | None:
        """The cached corpus when the file has not changed since it was read; None when it must be (re)read."""
        index, stamp = self._index, self._stamp
        if index is None or stamp is None:
            return None
        try:
            return index if self._file_stamp() == stamp else None
        except FileNotFoundError:
            return None

    def index(self) -> CorpusIndex:
        """The corpus as the store holds it now, re-read only when the file changed.

        The file's version is its modification time and size, and its write-ahead log's: checking it costs
        two `stat` calls and no lock, so concurrent requests for an unchanged store never wait on each other.
        """
        index = self._current()
        if index is not None:
            return index
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

    def cached(self, key: Hashable, make: Callable[[CorpusIndex], Any], *, also: Hashable | None = None) -> Any:
        """`make(index)` for the store as it is now, made once per version of the store and `key`: for what a
        route builds from the corpus and serves unchanged until the store changes (a page of JSON, say).
        `also` is a second key to keep it under, for the same version (the URL it was asked by, say).

        At most `CACHED_ITEMS` answers (and `CACHED_BYTES` bytes of `bytes` answers) are kept per version, the
        oldest dropped first; a dropped one is made again when asked for.
        """
        index = self.index()
        owner, made = self._made
        if owner is not index:
            made = _Made()
            self._made = (index, made)
        found = made.get(key, _MISSING)
        if found is _MISSING:
            found = make(index)
            made.keep(key, found)
        if also is not None and made.get(also, _MISSING) is not found:
            made.keep(also, found)
        return found

    def peek(self, key: Hashable) -> Any:
        """What `cached` made for `key` from the store as it is now, without reading the store or making
        anything: None when the store changed since or `key` was not made (then call `cached`). It does no
        I/O but two `stat` calls, so an `async` route may call it on the event loop."""
        index = self._current()
        owner, made = self._made
        if index is None or owner is not index:
            return None
        found = made.get(key, _MISSING)
        return None if found is _MISSING else found

    def ingest(self, paths: list[Path]) -> IngestReport:
        """Analyse `paths` into the store with the CLI's pipeline; 409 when another process holds the store.

        An uploaded file (one under the uploads folder) that no stored document comes from afterwards (it was
        refused, its text was stored already from another file, or the ingest failed) is deleted: a rejected
        upload leaves nothing behind.
        """
        # In one process: forking worker processes out of a threaded server is not safe (a lock held
        # by another thread at the fork stays held in the child), and uploads are small.
        settings = replace(self.settings, nlp=replace(self.settings.nlp, workers=0))
        uploaded = [path for path in paths if path.parent == self.uploads]
        kept: set[str] = set()
        with self._lock:
            try:
                with Store(self.db) as store:
                    result = analyze(paths, store=store, settings=settings)
                    kept = {str(path) for path in uploaded if _stored_from(store, path)}
            except StoreError as err:
                status = 409 if "in use" in str(err) else 500
                raise WebError(status, f"{err}" + (f". {_IN_USE_HINT}" if status == 409 else "")) from err
            finally:
                self._discard(path for path in uploaded if str(path) not in kept)
            self._stamp = None
            return IngestReport.of(result)

    def _discard(self, paths: Iterable[Path]) -> None:
        """Delete uploaded files no stored document comes from (and the uploads folder, once empty)."""
        for path in paths:
            try:
                path.unlink(missing_ok=True)
                logger.info("%s: no document stored from this upload; deleted it", path)
            except OSError as err:
                logger.warning("%s: cannot delete this rejected upload (%s)", path, err)
        with contextlib.suppress(OSError):
            self.uploads.rmdir()  # only when empty

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


_MISSING = object()


class _Made:
    """The answers `Workspace.cached` made for one store version, oldest first, bounded in count and bytes.

    Threads may race to make the same key: both make it and the second replaces the first, which is the same.
    """

    def __init__(self) -> None:
        self._items: dict[Hashable, Any] = {}
        self._bytes = 0

    def get(self, key: Hashable, default: Any) -> Any:
        return self._items.get(key, default)

    def keep(self, key: Hashable, value: Any) -> None:
        size = len(value) if isinstance(value, bytes) else 0
        if size > CACHED_BYTES:
            return  # larger than the whole cache: made anew each time
        with _MADE_LOCK:
            old = self._items.pop(key, None)
            self._bytes -= len(old) if isinstance(old, bytes) else 0
            while self._items and (len(self._items) >= CACHED_ITEMS or self._bytes + size > CACHED_BYTES):
                dropped = self._items.pop(next(iter(self._items)))
                self._bytes -= len(dropped) if isinstance(dropped, bytes) else 0
            self._items[key] = value
            self._bytes += size


_MADE_LOCK = threading.Lock()


def _stored_from(store: Store, path: Path) -> bool:
    """Whether a stored document was read from `path` (or from one of its lines, for .jsonl)."""
    name = str(path)
    return store.document_id_for_path(name) is not None or store.has_path_prefix(name + "#")


def workspace_of(request: Request) -> Workspace:
    """The workspace `create_app` attached to the app serving `request`."""
    return request.app.state.workspace


def load(request: Request) -> CorpusIndex:
    """The corpus, or the error the workspace explains as an HTTP status."""
    try:
        return workspace_of(request).index()
    except WebError as err:
        raise HTTPException(err.status, str(err)) from err


async def read_upload(workspace: Workspace, upload: UploadFile) -> bytes:
    """The upload's bytes, refusing (413) as soon as it passes the limit."""
    chunks, size = [], 0
    while chunk := await upload.read(1 << 16):
        size += len(chunk)
        if size > workspace.max_upload:
            raise WebError(413, f"{upload.filename}: more than the upload limit of {workspace.max_upload:,} bytes; "
                                "add large files with 'rashomon analyze' instead")
        chunks.append(chunk)
    return b"".join(chunks)

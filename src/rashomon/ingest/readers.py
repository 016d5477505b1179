"""Find input files and read each into Documents: plain text, Markdown, HTML, PDF and JSON Lines.

Reading never raises for bad input: every problem becomes a `Skipped(path, reason)` whose reason says
what went wrong and what to do. Third-party errors (pypdf, trafilatura) are caught here, by name.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from ..model import Document, Meta, Skipped
from ..settings import IngestSettings
from .clean import Cleaned, clean_blocks
from .decode import Problem, decode_text, looks_binary
from .formats import extract_html, extract_pdf, read_jsonl_records
from .markdown import strip_markdown
from .metadata import find_metadata
from .sidecar import sidecar_problems, with_sidecar

logger = logging.getLogger(__name__)

DocFormat = Literal["txt", "md", "html", "pdf", "jsonl"]

_FORMATS: dict[str, DocFormat] = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html",
                                  ".htm": "html", ".pdf": "pdf", ".jsonl": "jsonl"}
_GLOB_CHARS = frozenset("*?[")
_NO_SUCH = "no such file or folder. Check the path."


def collect_paths(inputs: Sequence[str | Path], *, settings: IngestSettings) -> tuple[list[Path], list[Skipped]]:
    """Expand files, folders and glob patterns into the list of files to read, and what was skipped.

    A folder is searched recursively for files whose suffix is in `settings.extensions`, hidden
    files and folders left out, in sorted order. A glob ("data/*.html", "corpus/**/*.txt") is
    expanded the same way. Paths are deduplicated, first occurrence first.
    """
    readable = {suffix.lower() for suffix in settings.extensions}
    paths: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for item in inputs:
        found = _expand(str(item), readable, skipped)
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                paths.append(path)
    skipped.extend(sidecar_problems(list(dict.fromkeys(path.parent for path in paths))))  # sources.csv's bad rows
    return paths, skipped


def _expand(raw: str, readable: set[str], skipped: list[Skipped]) -> list[Path]:
    path = Path(raw).expanduser()
    if path.is_dir():
        walked = _walk(path, readable, skipped)
        if not walked:
            skipped.append(Skipped(raw, f"no readable files in this folder (readable: {_listed(readable)}). "
                                        "Check the folder, or add the files' suffix to ingest.extensions."))
        return walked
    if path.is_file():
        if path.suffix.lower() in readable:
            return [path]
        skipped.append(Skipped(raw, _unknown_suffix(path, readable)))
        return []
    if path.exists():
        skipped.append(Skipped(raw, "not a regular file (a device, socket or pipe). Pass a file or a folder."))
        return []
    if not _GLOB_CHARS.intersection(raw):
        skipped.append(Skipped(raw, _NO_SUCH))
        return []
    matches = sorted(glob.glob(os.path.expanduser(raw), recursive=True))
    if not matches:
        skipped.append(Skipped(raw, _NO_SUCH))
        return []
    found: list[Path] = []
    for match in map(Path, matches):
        if match.is_dir():
            found.extend(_walk(match, readable, skipped))
        elif match.is_file() and match.suffix.lower() in readable:
            found.append(match)
    if not found:
        skipped.append(Skipped(raw, f"the pattern matches no readable files (readable: {_listed(readable)}). "
                                    "Check the pattern."))
    return found


def _walk(folder: Path, readable: set[str], skipped: list[Skipped]) -> list[Path]:
    def _unreadable(err: OSError) -> None:
        skipped.append(Skipped(str(err.filename or folder),
                               f"cannot open this folder ({err.strerror}). Check its permissions."))

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=_unreadable):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        found.extend(Path(root, name) for name in files
                     if not name.startswith(".") and Path(name).suffix.lower() in readable)
    return sorted(found)


def _listed(readable: set[str]) -> str:
    return ", ".join(sorted(readable))


def _unknown_suffix(path: Path, readable: set[str]) -> str:
    suffix = f"'{path.suffix}'" if path.suffix else "suffix-less"
    return (f"cannot read {suffix} files; readable suffixes are {_listed(readable)}. "
            "Convert the file to one of these, or add its suffix to ingest.extensions to read it as plain text.")


def read_path(path: Path, *, settings: IngestSettings) -> list[Document | Skipped]:
    """Read one file into Documents (one per article; one per line for .jsonl) and Skipped records.

    Never raises for bad input: an empty, binary, undecodable, oversized, unreadable or corrupt
    file, or one with too few words after cleaning, gives a Skipped whose reason says what to do.
    """
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        return [Skipped(name, _os_problem(err))]
    if path.is_dir():
        return [Skipped(name, "is a folder, not a file. Pass it to collect_paths to read the files in it.")]
    if size > settings.max_bytes:
        return [Skipped(name, f"file is {size:,} bytes, over the limit of {settings.max_bytes:,} bytes. "
                              "Raise ingest.max_bytes in a config file, or split the file.")]
    try:
        data = path.read_bytes()
    except OSError as err:
        return [Skipped(name, _os_problem(err))]
    if not data.strip():
        return [Skipped(name, "file is empty. Check how it was exported, or drop it.")]
    fmt = _FORMATS.get(path.suffix.lower(), "txt")
    if fmt == "pdf":
        return [_read_pdf(name, data, settings)]
    if fmt == "jsonl":
        return _read_jsonl(name, data, settings)
    if looks_binary(data):
        return [Skipped(name, "looks like a binary file, not text (NUL bytes or many control characters). "
                              "Check what the file really is; convert it to text or drop it.")]
    text = decode_text(data, fallback=settings.fallback_encoding, html=fmt == "html")
    if isinstance(text, Problem):
        return [Skipped(name, text.reason)]
    if fmt == "html":
        return [_read_html(name, text, settings)]
    body = strip_markdown(text) if fmt == "md" else text
    return [_build(name, "md" if fmt == "md" else "txt", clean_blocks(body), settings)]


def _os_problem(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "cannot read the file (permission denied). Check its permissions, e.g. `chmod u+r`."
    if isinstance(err, FileNotFoundError):
        return _NO_SUCH
    return f"cannot read the file ({err.strerror or err}). Check the disk and the path."


def _read_html(name: str, html: str, settings: IngestSettings) -> Document | Skipped:
    extracted = extract_html(html)
    if isinstance(extracted, Problem):
        return Skipped(name, extracted.reason)
    return _build(name, "html", clean_blocks(extracted.body), settings, title=extracted.title,
                  author=extracted.author, outlet=extracted.outlet, published=extracted.published,
                  url=extracted.url)


def _read_pdf(name: str, data: bytes, settings: IngestSettings) -> Document | Skipped:
    extracted = extract_pdf(data)
    if isinstance(extracted, Problem):
        return Skipped(name, extracted.reason)
    return _build(name, "pdf", clean_blocks(extracted.body), settings, title=extracted.title,
                  author=extracted.author, prefer_text=True)


def _read_jsonl(name: str, data: bytes, settings: IngestSettings) -> list[Document | Skipped]:
    results: list[Document | Skipped] = []
    for record in read_jsonl_records(data, fallback=settings.fallback_encoding):
        if isinstance(record, Problem):
            results.append(Skipped(f"{name}#{record.line}", record.reason))
            continue
        results.append(_build(f"{name}#{record.line}", "jsonl", clean_blocks(record.body), settings,
                              title=record.title, author=record.author, outlet=record.outlet,
                              published=record.published, url=record.url, line=record.line))
    if not results:
        results.append(Skipped(name, "no JSON lines in the file. Check the file, or drop it."))
    return results


def _build(name: str, fmt: DocFormat, cleaned: Cleaned, settings: IngestSettings, *, title: Meta | None = None,
           author: Meta | None = None, outlet: Meta | None = None, published: Meta | None = None,
           url: str | None = None, prefer_text: bool = False, line: int | None = None) -> Document | Skipped:
    """Make the Document from a cleaned text: check its length, fill metadata the markup did not give."""
    where = f"line {line}: " if line is not None else ""
    words = len(cleaned.text.split())
    if words == 0:
        return Skipped(name, f"{where}nothing left after cleaning (blank or only boilerplate). "
                             "Check the file; drop it if it holds no article.")
    if words < settings.min_words:
        plural = "s" if words > 1 else ""
        return Skipped(name, f"{where}only {words} word{plural} after cleaning, fewer than ingest.min_words "
                             f"({settings.min_words}). Check the text, or lower ingest.min_words in a config file.")
    found = find_metadata(cleaned.text, removed=cleaned.removed)
    if prefer_text:
        title, author = found.title or title, found.author or author
    else:
        title, author = title or found.title, author or found.author
    return with_sidecar(Document.create(path=name, text=cleaned.text, format=fmt,
                                        title=title, author=author, outlet=outlet or found.outlet,
                                        published=published or found.published, url=url))

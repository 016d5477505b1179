"""Read each input file into Documents: plain text, Markdown, HTML, PDF and JSON Lines.

Reading never raises for bad input: every problem becomes a `Skipped(path, reason)` whose reason says
what went wrong and what to do. A file is opened without blocking and read only when it is a regular
file, never past `ingest.max_bytes`; a text past the shape limits (`ingest.max_chars`, `max_line_chars`,
`max_lines`) is refused before it is cleaned. Third-party errors (pypdf, trafilatura) are caught where
those libraries are called (`formats`), and `read_path` runs every reader under a guard, so that even a
bug (ours or a library's) on one file becomes that file's `Skipped` and the run goes on.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Literal

from ..model import Document, Meta, Skipped
from ..settings import IngestSettings
from .clean import clean_blocks
from .decode import Problem, decode_text, looks_binary, without_surrogates
from .formats import JsonRecord, extract_html, extract_pdf, read_jsonl_records
from .markdown import strip_markdown
from .metadata import find_metadata
from .paths import NO_SUCH, path_text, regular_file_problem
from .sidecar import with_sidecar

logger = logging.getLogger(__name__)

DocFormat = Literal["txt", "md", "html", "pdf", "jsonl"]

_FORMATS: dict[str, DocFormat] = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html",
                                  ".htm": "html", ".pdf": "pdf", ".jsonl": "jsonl"}
_SHAPE_SLACK = 4  # a text this many times over ingest.max_chars before cleaning is refused without cleaning it
_JSONL_PROBLEMS = 10  # bad lines of one .jsonl file reported one by one; the rest in one message
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_BUG = ("This is a bug in rashomon: please report it with the traceback logged at DEBUG (-vv); "
        "the other files are read")


def read_path(path: Path, *, settings: IngestSettings) -> list[Document | Skipped]:
    """Read one file into Documents (one per article; one per line for .jsonl) and Skipped records.

    Never raises for bad input: an empty, binary, undecodable, oversized, unreadable or corrupt file, a
    device or a pipe, a text past the shape limits, or one with too few words after cleaning, gives a
    Skipped whose reason says what to do; so does any error raised while reading it.
    """
    path = Path(path)
    name = path_text(path)
    try:
        return _read(path, name, settings)
    except RecursionError:
        logger.debug("reading %s recursed too deeply", name, exc_info=True)
        return [Skipped(name, "nested too deeply to read (RecursionError). Check what the file holds; "
                              "simplify or drop it.")]
    except MemoryError:
        logger.debug("reading %s ran out of memory", name, exc_info=True)
        return [Skipped(name, "reading it ran out of memory. Check what the file holds (a compressed bomb?); "
                              "split it or drop it.")]
    except Exception as err:  # the guard: one file's failure, whatever it is, must not end the run
        logger.debug("reading %s failed", name, exc_info=True)
        return [Skipped(name, f"reading it failed ({type(err).__name__}: {err}). {_BUG}.")]


def _read(path: Path, name: str, settings: IngestSettings) -> list[Document | Skipped]:
    data = read_bytes(path, max_bytes=settings.max_bytes)
    if isinstance(data, Problem):
        return [Skipped(name, data.reason)]
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
    problem = shape_problem(text, settings)
    if problem is not None:
        return [Skipped(name, problem)]
    body = strip_markdown(text) if fmt == "md" else text
    return [_build(name, "md" if fmt == "md" else "txt", body, settings)]


def read_bytes(path: Path, *, max_bytes: int) -> bytes | Problem:
    """A regular file's bytes, at most `max_bytes` of them, or why it is not read.

    The file is opened without blocking and checked after opening (so a pipe or device put in its place in
    the meantime is refused too), and reading stops once it passes `max_bytes` (a file that grows).
    """
    try:
        fd = _open(path)
    except OSError as err:
        return Problem(_os_problem(err))
    try:
        info = os.fstat(fd)
        problem = regular_file_problem(info.st_mode)
        if problem is not None:
            return Problem(problem)
        if info.st_size > max_bytes:
            return Problem(_too_big(info.st_size, max_bytes))
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > max_bytes:
                return Problem(_too_big(size, max_bytes, growing=True))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as err:
        return Problem(_os_problem(err))
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    """A file descriptor for reading `path`, opened without waiting (a pipe with no writer returns at once)."""
    return os.open(path, _OPEN_FLAGS)


def _too_big(size: int, limit: int, *, growing: bool = False) -> str:
    what = f"file is over {limit:,} bytes (it grew while being read)" if growing else \
        f"file is {size:,} bytes, over the limit of {limit:,} bytes"
    return f"{what}. Raise ingest.max_bytes in a config file, or split the file."


def shape_problem(text: str, settings: IngestSettings, *, where: str = "") -> str | None:
    """Why a text (before cleaning) is refused by the shape limits, or None: too many lines, a line too long,
    or far more characters than `ingest.max_chars` (checked again, exactly, after cleaning)."""
    lines = text.splitlines()
    if len(lines) > settings.max_lines:
        return (f"{where}{len(lines):,} lines, over ingest.max_lines ({settings.max_lines:,}). Split it into one "
                "file per article, or raise ingest.max_lines in a config file.")
    longest = max(range(len(lines)), key=lambda index: len(lines[index]), default=None)
    if longest is not None and len(lines[longest]) > settings.max_line_chars:
        return (f"{where}line {longest + 1} is {len(lines[longest]):,} characters long, over ingest.max_line_chars "
                f"({settings.max_line_chars:,}): not prose (a dump or encoded data?). Check what the file holds; "
                "split it, or raise ingest.max_line_chars in a config file.")
    if len(text) > _SHAPE_SLACK * settings.max_chars:
        return _too_long(len(text), settings, where=where, cleaned=False)
    return None


def _too_long(chars: int, settings: IngestSettings, *, where: str, cleaned: bool) -> str:
    state = "after cleaning" if cleaned else "before cleaning"
    return (f"{where}the text is {chars:,} characters {state}, over ingest.max_chars ({settings.max_chars:,}): more "
            "than one article. Split it into one file per article (or one .jsonl line per article), or raise "
            "ingest.max_chars in a config file.")


def _os_problem(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "cannot read the file (permission denied). Check its permissions, e.g. `chmod u+r`."
    if isinstance(err, FileNotFoundError):
        return NO_SUCH
    return f"cannot read the file ({err.strerror or err}). Check the disk and the path."


def _read_html(name: str, html: str, settings: IngestSettings) -> Document | Skipped:
    extracted = extract_html(html)
    if isinstance(extracted, Problem):
        return Skipped(name, extracted.reason)
    return _build(name, "html", extracted.body, settings, title=extracted.title, author=extracted.author,
                  outlet=extracted.outlet, published=extracted.published, url=extracted.url)


def _read_pdf(name: str, data: bytes, settings: IngestSettings) -> Document | Skipped:
    extracted = extract_pdf(data, name=name, max_chars=_SHAPE_SLACK * settings.max_chars)
    if isinstance(extracted, Problem):
        return Skipped(name, extracted.reason)
    return _build(name, "pdf", extracted.body, settings, title=extracted.title, author=extracted.author,
                  prefer_text=True)


def _read_jsonl(name: str, data: bytes, settings: IngestSettings) -> list[Document | Skipped]:
    results: list[Document | Skipped] = []
    problems = 0
    for record in read_jsonl_records(data, fallback=settings.fallback_encoding, max_depth=settings.max_json_depth):
        if isinstance(record, Problem):
            problems += 1
            if problems <= _JSONL_PROBLEMS:
                results.append(Skipped(f"{name}#{record.line}", record.reason))
            continue
        results.append(_build_line(f"{name}#{record.line}", record, settings))
    if problems > _JSONL_PROBLEMS:
        results.append(Skipped(name, f"{problems - _JSONL_PROBLEMS:,} more bad lines (of {problems:,} in all), not "
                                     "listed one by one. Check how the file was made; the good lines are read."))
    if not results:
        results.append(Skipped(name, "no JSON lines in the file. Check the file, or drop it."))
    return results


def _build_line(name: str, record: JsonRecord, settings: IngestSettings) -> Document | Skipped:
    """One .jsonl line's Document, under a guard of its own: a bug on one line costs only that line."""
    try:
        return _build(name, "jsonl", record.body, settings, title=record.title, author=record.author,
                      outlet=record.outlet, published=record.published, url=record.url, line=record.line)
    except RecursionError:
        return Skipped(name, f"line {record.line}: nested too deeply to read (RecursionError). Simplify or remove "
                             "that line; the other lines are read.")
    except Exception as err:  # the guard of one line
        logger.debug("reading %s failed", name, exc_info=True)
        return Skipped(name, f"line {record.line}: reading it failed ({type(err).__name__}: {err}). {_BUG}.")


def _build(name: str, fmt: DocFormat, body: str, settings: IngestSettings, *, title: Meta | None = None,
           author: Meta | None = None, outlet: Meta | None = None, published: Meta | None = None,
           url: str | None = None, prefer_text: bool = False, line: int | None = None) -> Document | Skipped:
    """Make the Document from a raw body: check its shape, clean it, check its length, fill metadata the
    markup did not give."""
    where = f"line {line}: " if line is not None else ""
    body = without_surrogates(body)
    problem = shape_problem(body, settings, where=where) if fmt not in ("txt", "md") else None
    if problem is not None:  # plain text and Markdown were checked before the markup was stripped
        return Skipped(name, problem)
    cleaned = clean_blocks(body)
    if len(cleaned.text) > settings.max_chars:
        return Skipped(name, _too_long(len(cleaned.text), settings, where=where, cleaned=True))
    words = sum(1 for word in cleaned.text.split() if any(char.isalnum() for char in word))
    if words == 0:
        return Skipped(name, f"{where}nothing left after cleaning (blank, only boilerplate, or no letters or digits). "
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

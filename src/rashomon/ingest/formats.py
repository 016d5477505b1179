"""Get the article text and markup metadata out of HTML (trafilatura), PDF (pypdf) and JSON Lines.

Each function returns what it found or a `Problem` saying what went wrong and what to do; the
third-party exceptions that mean "this input is bad" are caught here, by name.
"""

from __future__ import annotations

import io
import json
import logging
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Meta
from ..time import parse_date_value
from .decode import Problem, decode_text

logger = logging.getLogger(__name__)

_JSON_FIELDS = ("title", "author", "outlet")
_BAD_PDF_TITLES = (".doc", ".docx", ".pdf", ".indd", ".odt", ".rtf", ".tex", ".qxd")


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article body (raw text, not yet cleaned) and the metadata its container gave."""

    body: str
    title: Meta | None = None
    author: Meta | None = None
    outlet: Meta | None = None
    published: Meta | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class JsonRecord(Extracted):
    """One article from a .jsonl line."""

    line: int = 0


def _meta(value: object, source: str) -> Meta | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return Meta(" ".join(value.split()), source)  # type: ignore[arg-type]


def extract_html(html: str) -> Extracted | Problem:
    """The main body of an HTML page and its title, author, site name, date and URL (trafilatura)."""
    import trafilatura
    from lxml.etree import LxmlError
    from trafilatura.settings import Document as TrafilaturaDocument
    from trafilatura.settings import set_date_params

    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, output_format="python", include_comments=False,
            date_extraction_params=set_date_params(False),
        )
    except (LxmlError, ValueError, TypeError) as err:
        return Problem(f"cannot parse the HTML ({err}). Check that the file is a saved web page.")
    if not isinstance(result, TrafilaturaDocument) or not (result.text or "").strip():
        return Problem("no article text found in the HTML (no main content). Check that the page is an "
                       "article, not an index, login or consent page; save the article page itself.")
    body = "\n\n".join(line for line in (result.text or "").split("\n") if line.strip())
    date = parse_date_value(result.date) if result.date else None
    return Extracted(
        body=body,
        title=_meta(result.title, "html"),
        author=_meta(result.author, "html"),
        outlet=_meta(result.sitename, "html"),
        published=Meta(date, "html") if date else None,
        url=result.url or None,
    )


def extract_pdf(data: bytes) -> Extracted | Problem:
    """The text layer of a PDF, pages joined by blank lines, and the document information's title/author."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return Problem("the PDF is password-protected. Decrypt it first "
                           "(e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`) or drop it.")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        title, author = (info.title, info.author) if info is not None else (None, None)
    except (FileNotDecryptedError, DependencyError) as err:
        return Problem(f"the PDF is encrypted ({err}). Decrypt it first (e.g. `qpdf --decrypt in.pdf out.pdf`).")
    # pypdf raises plain built-in errors as well as its own on damaged object trees and streams.
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError,
            zlib.error, struct.error) as err:
        return Problem(f"cannot read this PDF, it seems damaged ({type(err).__name__}: {err}). "
                       "Re-export it, repair it (e.g. `qpdf in.pdf repaired.pdf`), or drop it.")
    body = "\n\n".join(page.strip() for page in pages if page.strip())
    if not any(char.isalpha() for char in body):
        return Problem("no extractable text (scanned image?). Run OCR first (e.g. `ocrmypdf`) or drop the file.")
    title_meta = _meta(title, "pdf")
    if title_meta and (title_meta.value.lower().endswith(_BAD_PDF_TITLES) or len(title_meta.value.split()) < 2
                       or title_meta.value.lower().startswith(("untitled", "microsoft word"))):
        title_meta = None
    return Extracted(body=body, title=title_meta, author=_meta(author, "pdf"))


def read_jsonl_records(data: bytes, *, fallback: str = "") -> Iterator[JsonRecord | Problem]:
    """One record per non-blank line of a .jsonl file, or a Problem naming the line that is bad.

    A line is a JSON object with "text" (required) and optional "title", "author", "outlet", "url"
    and "published" (or "date": any common date format, read as an ISO date).
    """
    offset = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        start, offset = offset, offset + len(raw) + 1
        if not raw.strip():
            continue
        text = decode_text(raw, fallback=fallback, base=start)
        if isinstance(text, Problem):
            yield Problem(f"line {number}: {text.reason}", line=number)
            continue
        yield _read_json_line(text, number)


def _read_json_line(text: str, number: int) -> JsonRecord | Problem:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        return Problem(f"line {number} is not valid JSON ({err.msg} at column {err.colno}). "
                       "Fix or remove that line; the other lines are read.", line=number)
    if not isinstance(record, dict):
        return Problem(f"line {number} is a JSON {type(record).__name__}, not an object. Write each line as "
                       '{"text": "...", "title": "..."}.', line=number)
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return Problem(f'line {number} has no "text" field with the article (a non-empty string). '
                       'Add "text" to that line or remove it.', line=number)
    raw_date = record.get("published", record.get("date"))
    date = parse_date_value(raw_date) if raw_date not in (None, "") else None
    if raw_date not in (None, "") and date is None:
        logger.warning("line %s: cannot read the date %r; published left empty", number, raw_date)
    url = record.get("url")
    title, author, outlet = (_meta(record.get(field), "jsonl") for field in _JSON_FIELDS)
    return JsonRecord(body=body, title=title, author=author, outlet=outlet,
                      published=Meta(date, "jsonl") if date else None,
                      url=url.strip() if isinstance(url, str) and url.strip() else None, line=number)

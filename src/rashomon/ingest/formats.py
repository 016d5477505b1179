"""Get the article text and markup metadata out of HTML (trafilatura), PDF (pypdf) and JSON Lines.

Each function returns what it found or a `Problem` saying what went wrong and what to do. The libraries'
exceptions are caught here, where they are called: those that mean "this input is bad" by name, and any
other one too (on a damaged file pypdf and trafilatura raise what their own bugs raise, UnboundLocalError
included), since one file's failure must not end a run. What pypdf logs while reading a file is collected
and logged once, under that file's name.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Meta
from ..time import parse_date_value
from .decode import Problem, decode_text, without_surrogates

logger = logging.getLogger(__name__)

_JSON_FIELDS = ("title", "author", "outlet")
_BAD_PDF_TITLES = (".doc", ".docx", ".pdf", ".indd", ".odt", ".rtf", ".tex", ".qxd")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


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
    return Meta(" ".join(without_surrogates(value).split()), source)  # type: ignore[arg-type]


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
    except RecursionError:
        return Problem("the HTML is nested too deeply to read. Check that the file is a saved web page.")
    except Exception as err:  # trafilatura's own bugs on strange markup: this file fails, the run goes on
        logger.debug("trafilatura failed", exc_info=True)
        return Problem(f"cannot read the HTML; the extractor failed on it ({type(err).__name__}: {err}). "
                       "Check that the file is a saved web page, or save it again.")
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


def extract_pdf(data: bytes, *, name: str = "", max_chars: int = 0) -> Extracted | Problem:
    """The text layer of a PDF, pages joined by blank lines, and the document information's title/author.

    Pages are read until their text passes `max_chars` (0: all of them): the reader refuses such a text
    anyway. What pypdf logs meanwhile ("EOF marker not found", ...) is logged once, under `name`.
    """
    with _pypdf_messages(name) as messages:
        extracted = _extract_pdf(data, max_chars)
    if isinstance(extracted, Problem) and messages and "). Re-export" in extracted.reason:
        detail = f"; pypdf also reported {len(messages)} problem(s), the first: {messages[0]}"
        extracted = Problem(extracted.reason.replace("). Re-export", f"{detail}). Re-export", 1))
    return extracted


def _extract_pdf(data: bytes, max_chars: int) -> Extracted | Problem:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return Problem("the PDF is password-protected. Decrypt it first "
                           "(e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`) or drop it.")
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if max_chars and size > max_chars:
                break
        info = reader.metadata
        title, author = (info.title, info.author) if info is not None else (None, None)
    except (FileNotDecryptedError, DependencyError) as err:
        return Problem(f"the PDF is encrypted ({err}). Decrypt it first (e.g. `qpdf --decrypt in.pdf out.pdf`).")
    except RecursionError:
        return Problem("cannot read this PDF, it seems damaged (its objects are nested too deeply). "
                       "Re-export it, repair it (e.g. `qpdf in.pdf repaired.pdf`), or drop it.")
    # pypdf raises its own errors, plain built-in ones (zlib.error, struct.error, KeyError...) and, on some
    # damaged files, whatever its own bugs raise (UnboundLocalError): all mean this file cannot be read.
    except Exception as err:
        logger.debug("pypdf failed", exc_info=True)
        return Problem(f"cannot read this PDF, it seems damaged ({type(err).__name__}: {err}). "
                       "Re-export it, repair it (e.g. `qpdf in.pdf repaired.pdf`), or drop it.")
    body = "\n\n".join(page.strip() for page in pages if page.strip())
    if not any(char.isalpha() for char in body):
        return Problem("no extractable text (scanned image?). Run OCR first (e.g. `ocrmypdf`) or drop the file.")
    title_meta = _meta(title if isinstance(title, str) else None, "pdf")
    if title_meta and (title_meta.value.lower().endswith(_BAD_PDF_TITLES) or len(title_meta.value.split()) < 2
                       or title_meta.value.lower().startswith(("untitled", "microsoft word"))):
        title_meta = None
    return Extracted(body=body, title=title_meta, author=_meta(author if isinstance(author, str) else None, "pdf"))


class _Collect(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _pypdf_messages(name: str) -> Iterator[list[str]]:
    """Collect what pypdf logs in the block instead of letting it reach stderr line by line, nameless; log
    it once at the end, with the file's name and a count."""
    pypdf_logger = logging.getLogger("pypdf")
    messages: list[str] = []
    handler = _Collect(messages)
    propagate = pypdf_logger.propagate
    pypdf_logger.addHandler(handler)
    pypdf_logger.propagate = False
    try:
        yield messages
    finally:
        pypdf_logger.removeHandler(handler)
        pypdf_logger.propagate = propagate
        if messages:
            logger.info("%s: pypdf reported %s problem(s) reading it, the first: %s", name or "a PDF",
                        len(messages), messages[0])


def read_jsonl_records(data: bytes, *, fallback: str = "", max_depth: int = 32) -> Iterator[JsonRecord | Problem]:
    """One record per non-blank line of a .jsonl file, or a Problem naming the line that is bad.

    A line is a JSON object with "text" (required) and optional "title", "author", "outlet", "url"
    and "published" (or "date": any common date format, read as an ISO date). A line whose arrays and
    objects nest deeper than `max_depth`, or holding a number Python refuses to read (over 4,300 digits),
    is a Problem too.
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
        yield _read_json_line(text, number, max_depth)


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (0 for a scalar), counted outside strings."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _read_json_line(text: str, number: int, max_depth: int) -> JsonRecord | Problem:
    depth = json_depth(text)
    if depth > max_depth:
        return Problem(f"line {number} nests arrays or objects {depth:,} deep, over ingest.max_json_depth "
                       f"({max_depth}). Write each line as a flat object; the other lines are read.", line=number)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        return Problem(f"line {number} is not valid JSON ({err.msg} at column {err.colno}). "
                       "Fix or remove that line; the other lines are read.", line=number)
    except ValueError as err:  # e.g. an integer of more than 4,300 digits (sys.set_int_max_str_digits)
        return Problem(f"line {number} holds a value Python cannot read ({err}). Fix or remove that line; "
                       "the other lines are read.", line=number)
    except RecursionError:
        return Problem(f"line {number} nests too deeply to read. Write each line as a flat object; the other "
                       "lines are read.", line=number)
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
        logger.info("line %s: cannot read the date %.80r; published left empty", number, raw_date)
    url = record.get("url")
    title, author, outlet = (_meta(record.get(field), "jsonl") for field in _JSON_FIELDS)
    return JsonRecord(body=body, title=title, author=author, outlet=outlet,
                      published=Meta(date, "jsonl") if date else None,
                      url=without_surrogates(url.strip()) if isinstance(url, str) and url.strip() else None,
                      line=number)

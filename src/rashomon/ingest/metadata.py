"""Read an article's metadata from its cleaned text: title, author, outlet and publication date.

Each value found in the text carries the Span it was read from (source "text"). An outlet named only
in a boilerplate line that cleaning removed ("X's journalism is supported by our readers") is still
read, with no span. Rules are general patterns of layout, never knowledge of particular articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Meta, Span
from ..time import find_date_line
from .names import is_name_line, looks_like_place, read_name, read_organisation

_EDGE_LINES = 12  # the start and the end of a text: where dates, bylines and sources stand
_TITLE_MAX_WORDS = 25
_BYLINE_MAX_WORDS = 15
_BIO_MAX_WORDS = 80

_BYLINE = re.compile(
    r"^(?:[^\W\d_][^,\n]{0,40},\s*)?(?:(?:written|words|story|text|reporting|report|interview)\s+)?by\s+",
    re.IGNORECASE,
)
_BYLINE_SEPARATORS = "|·•,:;-\u2013\u2014@("
_CO_AUTHOR = re.compile(r"\s*(?:,|and|&)\s+")
_BIO_VERB = re.compile(
    r"\s+(?:is|was)\s+(?:a|an|the|co-?founder|founder|director|editor|author|professor|lecturer|fellow"
    r"|correspondent|reporter|journalist|writer|columnist|contributor|researcher|senior|chief|head)\b"
)
_SOURCE = re.compile(r"^Source\s*:?\s+")
_FOOTNOTE = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}\.\s|\*)")
_TITLE_START = re.compile(r"^[\"'(]?[^\W_]")
_TITLE_BAD_END = re.compile(r"[.,:;]$")
_OUTLET_CUES = (
    re.compile(r"(?P<org>(?:The\s+)?[A-Z][^\s']*(?:\s+[A-Z][^\s']*){0,5})(?:'s journalism)? is (?:funded|supported"
               r"|made possible|paid for) by (?:its |our )?(?:readers|members|subscribers)"),
    re.compile(r"\b(?:donat\w*|support\w*|contribut\w*)\b[^.\n]{0,80}?\bwork of\s+(?P<org>[A-Z])"),
    re.compile(r"^(?:first |originally )?published (?:by|in)\s+(?P<org>[A-Z])", re.IGNORECASE | re.MULTILINE),
    # a wire dateline: "MERIDEN (Agency) - ..."
    re.compile(r"^[A-Z][A-Z .'-]{1,40} \((?P<org>[A-Z])[\w .&'-]{1,40}\) [-\u2013\u2014]", re.MULTILINE),
    re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?,?\s*)?(?P<org>[A-Z])",
               re.IGNORECASE),
)


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """The metadata read from a cleaned text; None where the text gives none."""

    title: Meta | None = None
    author: Meta | None = None
    outlet: Meta | None = None
    published: Meta | None = None


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str


def find_metadata(text: str, *, removed: Sequence[str] = ()) -> TextMetadata:
    """Read title, author, outlet and publication date from a cleaned text.

    `removed` are the boilerplate lines cleaning took out of it (see `clean_blocks`); only the
    outlet is read from them, with span None.
    """
    lines = [_Line(match.start(), match.end(), match.group(0)) for match in re.finditer(r"[^\n]+", text)]
    head, tail = lines[:_EDGE_LINES], lines[-_EDGE_LINES:]
    published, date_index = _find_published(head, tail)
    author = _find_byline(head, tail) or _find_name_before_date(lines, date_index)
    author = author or _find_bio(text) or _find_source(tail)
    return TextMetadata(
        title=_find_title(lines),
        author=author,
        outlet=_find_outlet(text, removed),
        published=published,
    )


def _meta(value: str, start: int, end: int) -> Meta:
    return Meta(value=value, source="text", span=Span(start, end))


def _find_published(head: list[_Line], tail: list[_Line]) -> tuple[Meta | None, int | None]:
    """A line that is only a date, near the start (first found) or else near the end (last found)."""
    for index, line in enumerate(head):
        found = find_date_line(line.text)
        if found is not None:
            return Meta(found.iso, "text", Span(line.start + found.start, line.start + found.end)), index
    for line in reversed(tail):
        found = find_date_line(line.text)
        if found is not None:
            return Meta(found.iso, "text", Span(line.start + found.start, line.start + found.end)), None
    return None, None


def _find_byline(head: list[_Line], tail: list[_Line]) -> Meta | None:
    """"By Jane Doe", "London, by Jane Doe: @handle", "Reporting by Jane Doe and John Roe"."""
    for line in [*head, *reversed(tail)]:
        if len(line.text.split()) > _BYLINE_MAX_WORDS:
            continue
        opening = _BYLINE.match(line.text)
        if opening is None:
            continue
        found = read_name(line.text, opening.end(), min_tokens=1)
        if found is None:
            continue
        end = found.end
        while (joiner := _CO_AUTHOR.match(line.text, end)) is not None:
            other = read_name(line.text, joiner.end())
            if other is None:
                break
            end = other.end
        rest = line.text[end:].strip()
        if len(found.text.split()) == 1 and rest and rest[0] not in _BYLINE_SEPARATORS:
            continue  # one word followed by more words: a sentence ("By Friday they ..."), not a byline
        return _meta(line.text[found.start:end], line.start + found.start, line.start + end)
    return None


def _find_name_before_date(lines: list[_Line], date_index: int | None) -> Meta | None:
    """A name alone on a line just before the date line; with a place line between them, the earlier one."""
    if date_index is None or date_index == 0:
        return None
    before = lines[max(0, date_index - 2):date_index]
    names = [line for line in before if is_name_line(line.text)]
    if len(before) == 2 and len(names) == 2:
        chosen = before[0]  # name, then dateline (place), then date
    elif names and names[-1] is before[-1] and not looks_like_place(before[-1].text):
        chosen = before[-1]
    elif len(names) == 1 and names[0] is before[0] and looks_like_place(before[-1].text):
        chosen = before[0]
    else:
        return None
    return _meta(chosen.text, chosen.start, chosen.end)


def _find_bio(text: str) -> Meta | None:
    """An author's bio closing the text: "Jane Doe is a reporter at ..." -> "Jane Doe"."""
    paragraphs = [(match.start(), match.group(0)) for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]
    checked = 0
    for start, paragraph in reversed(paragraphs):
        if _FOOTNOTE.match(paragraph):
            continue
        checked += 1
        if checked > 2:
            break
        if len(paragraph.split()) > _BIO_MAX_WORDS:
            continue
        found = read_name(paragraph)
        if found is not None and found.start == 0 and _BIO_VERB.match(paragraph, found.end):
            return _meta(found.text, start + found.start, start + found.end)
    return None


def _find_source(tail: list[_Line]) -> Meta | None:
    """A "Source <Organisation>." line near the end: the group that signed a statement."""
    for line in reversed(tail):
        opening = _SOURCE.match(line.text)
        if opening is None:
            continue
        found = read_organisation(line.text, opening.end(), max_tokens=12)
        if found is not None and not line.text[opening.end() + found.end - found.start:].strip(" ."):
            return _meta(found.text, line.start + found.start, line.start + found.end)
    return None


def _find_title(lines: list[_Line]) -> Meta | None:
    """The first line, when it reads like a headline: short, not a sentence, a date or a byline."""
    if len(lines) < 2:
        return None
    first = lines[0]
    words = first.text.split()
    if not 2 <= len(words) <= _TITLE_MAX_WORDS or _TITLE_BAD_END.search(first.text):
        return None
    if not _TITLE_START.match(first.text) or find_date_line(first.text) or _BYLINE.match(first.text):
        return None
    if is_name_line(first.text):
        return None
    return _meta(first.text, first.start, first.end)


def _find_outlet(text: str, removed: Sequence[str]) -> Meta | None:
    """An outlet named by a cue in the text (with span), or else in a removed boilerplate line."""
    for cue in _OUTLET_CUES:
        for match in cue.finditer(text):
            found = read_organisation(text, match.start("org"), max_tokens=6)
            if found is not None:
                return _meta(found.text, found.start, found.end)
    for line in removed:
        for cue in _OUTLET_CUES:
            cued = cue.search(line)
            found = read_organisation(line, cued.start("org"), max_tokens=6) if cued else None
            if found is not None:
                return Meta(found.text, "text", None)
    return None

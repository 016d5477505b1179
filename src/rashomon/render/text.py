"""Plain text every view and output shares: record labels, amounts, and sentences cut around the words they show.

A `Passage` is what a view holds of a sentence: the document's text over the sentence (and any word the view
points at beyond it), with the offset it starts at, so an output can cut it at document offsets without the
document. Nothing here is HTML: the outputs escape (html, web) or mark up (markdown) the pieces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..model import Claim, Document, Span
from ..time import find_date_line

SNIPPET = 320  # longest sentence shown whole in a table; longer ones are cut around the highlighted words

VERDICT_TEXT: Mapping[str, str] = {"differ": "sources differ", "agree": "sources agree", "single": "one source only"}
"""How the outputs say a verdict."""

TYPE_NAMES: Mapping[str, str] = {"PERSON": "person", "ORG": "organisation", "PLACE": "place", "GROUP": "group"}
"""How the outputs name an entity type."""


_HASH = re.compile(r"(?:^|[-_. ])(?:[0-9a-f]{8,}|[0-9A-F]{8,})(?=$|[-_. ])")  # "000_fc1af7cc429212ac": a hash
_TITLE_WORDS = 12  # a title made of the text's first line keeps this many words


def file_label(path: str) -> str:
    """A file's name as a person would say it: no folder, no suffix, no hash ("000_fc1af7cc429212ac.txt" ->
    "000"; "wire_report.txt" -> "wire report"); "" when nothing is left."""
    stem = Path(path.partition("#")[0]).stem
    line = path.partition("#")[2]
    stem = _HASH.sub("", stem).strip(" -_.")
    words = re.sub(r"[-_]+", " ", stem).strip()
    return f"{words} #{line}" if words and line else words


def _first_line(doc: Document) -> str:
    """The text's first line of four words or more that is not a date line, cut to _TITLE_WORDS words."""
    for line in doc.text.splitlines():
        words = line.split()
        if len(words) >= 4 and find_date_line(line) is None:
            cut_words = words[:_TITLE_WORDS]
            return " ".join(cut_words).rstrip(",;:-") + ("…" if len(words) > _TITLE_WORDS else "")
    return ""


def document_title(doc: Document) -> str:
    """A document's human name: its title (from the markup, the sidecar, or its headline-like first line, as ingest
    read it); else the start of its first line; else its file name without folder, suffix or hash."""
    if doc.title is not None and doc.title.value.strip():
        return doc.title.value.strip()
    return _first_line(doc) or file_label(doc.path) or Path(doc.path).name or doc.id


def _domain(url: str | None) -> str:
    host = urlsplit(url).hostname if url else None
    return (host or "").removeprefix("www.")


def source_label(doc: Document) -> str:
    """A short human name for where a document comes from: its outlet (markup, sidecar or text); else its URL's
    domain; else its author (the byline); else its file name without folder, suffix or hash, when that leaves a
    name and not only a number; else its title."""
    if doc.outlet is not None and doc.outlet.value.strip():
        return doc.outlet.value.strip()
    found = _domain(doc.url) or (doc.author.value.strip() if doc.author is not None else "")
    if found:
        return found
    named = file_label(doc.path)
    if named and not named.replace(" #", "").isdigit():
        return named
    title = document_title(doc)
    return title if len(title) <= 48 else title[:47].rsplit(" ", 1)[0] + "…"


def type_name(entity_type: str) -> str:
    """"PERSON" -> "person"; a type the outputs do not know, in lower case."""
    return TYPE_NAMES.get(entity_type, entity_type.lower())


def format_number(value: float) -> str:
    """500.0 -> "500", 1234567.0 -> "1,234,567", 2.5 -> "2.5"."""
    return f"{int(value):,}" if value.is_integer() and abs(value) < 1e15 else f"{value:,.10g}"


def describe_amount(claim: Claim) -> str:
    """The parsed amount: "500", "≥ 600", "100–200", with its unit; "" when nothing was parsed."""
    low, high = claim.low, claim.high
    if low is not None and high is not None:
        text = format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
    elif low is not None:
        text = f"≥ {format_number(low)}"
    elif high is not None:
        text = f"≤ {format_number(high)}"
    elif claim.value is not None:
        text = format_number(claim.value)
    else:
        return ""
    return f"{text} {claim.unit}" if claim.unit else text


def same_number(amount: str, text: str) -> bool:
    """True when the parsed amount says nothing the stated text does not ("5,300" for "5300")."""
    return amount.replace(",", "").strip() == text.replace(",", "").strip()


def squash(text: str) -> str:
    """The text on one line: every run of white space one space."""
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of a document as a view holds it: the text over the sentence and the words the view points at."""

    doc_id: str
    start: int  # the document offset `text` starts at
    text: str  # the document's text from `start`: the sentence, and any pointed-at word that runs past it
    sentence: Span  # the sentence, in document offsets

    @property
    def sentence_text(self) -> str:
        """The sentence as written (line breaks and all)."""
        return self.slice(self.sentence)

    def slice(self, span: Span) -> str:
        """The words at `span` (document offsets inside the passage)."""
        return self.text[span.start - self.start:span.end - self.start]


def passage(doc: Document, sentence: Span, *spans: Span) -> Passage:
    """The passage of `doc` over `sentence` and `spans` (the words a view points at in it)."""
    start = min([sentence.start, *(span.start for span in spans)])
    end = max([sentence.end, *(span.end for span in spans)])
    return Passage(doc.id, start, doc.text[start:end], sentence)


def cut(passage: Passage, target: Span) -> tuple[str, str, str]:
    """(before, target, after): the sentence around `target` on one line, "…" where it was cut.

    A sentence longer than about SNIPPET characters is cut around the target, at word boundaries.
    """
    text, offset = passage.text, passage.start
    first, last = min(passage.sentence.start, target.start), max(passage.sentence.end, target.end)
    start, end = first, last
    if end - start > SNIPPET:
        room = max(0, (SNIPPET - len(target)) // 2)
        start, end = max(start, target.start - room), min(end, target.end + room)
        if start > first:  # cut at a word boundary
            space = text.find(" ", start - offset, target.start - offset)
            start = space + 1 + offset if space >= 0 else start
        if end < last:
            space = text.rfind(" ", target.end - offset, end - offset)
            end = space + offset if space >= 0 else end
    before = ("…" if start > first else "") + squash(text[start - offset:target.start - offset]).lstrip()
    after = squash(text[target.end - offset:end - offset]).rstrip() + ("…" if end < last else "")
    return before, squash(passage.slice(target)), after

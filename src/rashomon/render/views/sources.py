"""The sources page: every document with its metadata, the corpus's counts, and each document's text with the
spans every other page points into (mentions, event words, numbers)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ...model import Corpus, Document, Meta, Span, report_flags
from ..text import describe_amount, document_title, source_label, type_name
from .lookup import CorpusLookup, lookup_of


def _value(meta: Meta | None) -> str | None:
    return None if meta is None else meta.value


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A document as the views list it."""

    id: str
    path: str
    file: str  # the path's file name
    title: str  # its title, or its file name when it has none (`document_title`)
    source: str  # its outlet, or its file name (`source_label`)
    stated_title: str | None  # the metadata as read, None when there is none
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    words: int


def document_row(doc: Document) -> DocumentRow:
    """The row of one document."""
    return DocumentRow(doc.id, doc.path, Path(doc.path).name, document_title(doc), source_label(doc), _value(doc.title),
                       _value(doc.outlet), _value(doc.author), _value(doc.published), doc.url, doc.words)


def document_rows(documents: Iterable[Document]) -> tuple[DocumentRow, ...]:
    """The rows of `documents`, in the order given (`rashomon documents` lists a store's in the store's order)."""
    return tuple(document_row(doc) for doc in documents)


@dataclass(frozen=True, slots=True)
class Summary:
    """What a corpus holds, counted."""

    sources: int
    words: int
    entities: int
    mentions: int
    claims: int
    groups: int
    differ: int  # claim groups whose sources differ
    events: int
    quotes: int


@dataclass(frozen=True, slots=True)
class SourcesView:
    """The sources page: the corpus's counts and its documents by date (undated last)."""

    summary: Summary
    documents: tuple[DocumentRow, ...]


def sources_view(corpus: Corpus | CorpusLookup) -> SourcesView:
    """The sources page of a corpus."""
    lookup = lookup_of(corpus)
    records = lookup.corpus
    docs = lookup.sorted_documents
    summary = Summary(len(docs), sum(doc.words for doc in docs), len(records.entities), len(records.mentions),
                      len(records.claims), len(records.claim_groups),
                      sum(1 for g in records.claim_groups if g.verdict == "differ"), len(records.events),
                      len(records.quotes))
    return SourcesView(summary, document_rows(docs))


@dataclass(frozen=True, slots=True)
class TextMark:
    """A span of a document's text that another record rests on."""

    kind: Literal["mention", "event", "claim"]
    id: str  # the mention's, event mention's or claim's id
    span: Span
    label: str  # what it is, for a tooltip: "Mayor Mara Quill (person)", "ASSAULT (aerial), negated", "500 killed"
    target: str | None  # the entity, event or claim group it belongs to (None when none)
    type: str = ""  # a mention's entity type ("PERSON")
    flags: tuple[str, ...] = ()  # an event word's markers: "negated", "hypothetical", "future", "historical"


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A document's text with its mentions, event words and numbers (each in the corpus's order)."""

    doc: DocumentRow
    text: str
    mentions: tuple[TextMark, ...]
    events: tuple[TextMark, ...]
    claims: tuple[TextMark, ...]


def document_texts(corpus: Corpus | CorpusLookup, doc_ids: Iterable[str] | None = None) -> tuple[DocumentText, ...]:
    """The texts of the documents `doc_ids` (default: every document, by date) with their marks."""
    lookup = lookup_of(corpus)
    records = lookup.corpus
    wanted = [lookup.documents[d] for d in doc_ids if d in lookup.documents] if doc_ids is not None \
        else lookup.sorted_documents
    marks: dict[str, tuple[list[TextMark], list[TextMark], list[TextMark]]] = {doc.id: ([], [], []) for doc in wanted}
    for mention in records.mentions:
        if mention.doc_id in marks:
            entity = lookup.entities.get(lookup.entity_of.get(mention.id, ""))
            kind = type_name(mention.type)
            label = f"{entity.name} ({kind})" if entity is not None else f"{mention.text} ({kind}, not resolved)"
            marks[mention.doc_id][0].append(TextMark(
                "mention", mention.id, mention.span, f"{mention.title} {label}" if mention.title else label,
                entity.id if entity is not None else None, mention.type))
    for event_mention in records.event_mentions:
        if event_mention.doc_id in marks:
            flags = report_flags(event_mention)
            label = (event_mention.type + (f" ({event_mention.mode})" if event_mention.mode else "")
                     + "".join(f", {f}" for f in flags))
            marks[event_mention.doc_id][1].append(TextMark("event", event_mention.id, event_mention.trigger, label,
                                                           lookup.event_of.get(event_mention.id), flags=flags))
    for claim in records.claims:
        if claim.doc_id in marks:
            parts = (describe_amount(claim), claim.measure, claim.counted)
            label = " ".join(part for part in parts if part) or "number"
            marks[claim.doc_id][2].append(TextMark("claim", claim.id, claim.span, label, lookup.group_of.get(claim.id)))
    return tuple(DocumentText(document_row(doc), doc.text, *(tuple(found) for found in marks[doc.id]))
                 for doc in wanted)

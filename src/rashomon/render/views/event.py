"""The page of one event: its timeline item, each source's reports of it side by side with the words the
source uses for it, and the other numbers in its sentences (durations, distances: no toll)."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Corpus
from .claims import ClaimLine, claim_line
from .lookup import CorpusLookup, lookup_of
from .sides import FrameWord, frame_words
from .sources import DocumentRow, document_row
from .timeline import ReportLine, TimelineItem, event_figures, timeline_item


@dataclass(frozen=True, slots=True)
class EventColumn:
    """One source's reports of the event, and the words it uses for it."""

    doc: DocumentRow
    reports: tuple[ReportLine, ...]
    framing: tuple[FrameWord, ...]


@dataclass(frozen=True, slots=True)
class EventView:
    """The page of one event."""

    event: TimelineItem
    columns: tuple[EventColumn, ...]  # one per source reporting it, by date
    other_claims: tuple[ClaimLine, ...]  # numbers tied to the event that are none of its figures


def event_view(corpus: Corpus | CorpusLookup, event_id: str) -> EventView | None:
    """The page of the event `event_id`; None when the corpus has no such event, or none of its documents."""
    lookup = lookup_of(corpus)
    event = lookup.events.get(event_id)
    item = timeline_item(lookup, event, event_figures(lookup)) if event is not None else None
    if item is None:
        return None
    framing = {f.source: frame_words(f.terms) for f in lookup.corpus.framings if f.event_id == event_id}
    columns = tuple(EventColumn(document_row(doc), reports, framing.get(doc.id, ()))
                    for doc in lookup.sorted_documents
                    if (reports := tuple(r for r in item.reports if r.doc_id == doc.id)))
    shown = {line.id for figure in item.figures for line in figure.claims}
    other = tuple(claim_line(c, lookup.documents[c.doc_id]) for c in lookup.corpus.claims
                  if c.event_id == event_id and c.id not in shown and c.doc_id in lookup.documents)
    return EventView(item, columns, other)

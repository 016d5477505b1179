"""The report (HTML and Markdown): one page holding the sources, timeline, entities, claims, sources side by
side and the texts, each the same view the other outputs show on its own."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Corpus
from .claims import ClaimsView, claims_view
from .entities import EntitiesView, entities_view
from .lookup import CorpusLookup, lookup_of
from .sides import SidesView, sides_view
from .sources import DocumentText, SourcesView, document_texts, sources_view
from .timeline import TimelineView, timeline_view


@dataclass(frozen=True, slots=True)
class ReportView:
    """Every view of the report, built from one corpus."""

    sources: SourcesView
    timeline: TimelineView
    entities: EntitiesView
    claims: ClaimsView
    sides: SidesView
    texts: tuple[DocumentText, ...]  # by date, as `sources.documents`


def report_view(corpus: Corpus | CorpusLookup, *, min_confidence: float = 0.0) -> ReportView:
    """The report's views of a corpus; the timeline's events below `min_confidence` are apart (one click away)."""
    lookup = lookup_of(corpus)
    return ReportView(sources_view(lookup), timeline_view(lookup, min_confidence=min_confidence),
                      entities_view(lookup), claims_view(lookup), sides_view(lookup), document_texts(lookup))

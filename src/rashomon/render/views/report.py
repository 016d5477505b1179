"""The report (HTML and Markdown): one page holding the sources, timeline, entities, claims, sources side by
side and the texts, each the same view the other outputs show on its own, and the charts drawn from them."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Corpus
from .claims import ClaimsView, claims_view
from .entities import EntitiesView, entities_view
from .lookup import CorpusLookup, lookup_of
from .map_chart import MapChart, map_chart
from .network import NetworkChart, network_chart
from .number_chart import NumberChart, number_chart
from .sides import SidesView, sides_view
from .sources import DocumentText, SourcesView, document_texts, sources_view
from .stance_chart import StanceChart, stance_chart
from .timeline import TimelineView, timeline_view
from .timeline_chart import TimelineChart, timeline_chart


@dataclass(frozen=True, slots=True)
class ReportCharts:
    """The report's charts, each drawn from the view beside it."""

    timeline: TimelineChart
    numbers: dict[str, NumberChart]  # by claim group id (groups with a number to draw)
    stance: StanceChart
    network: NetworkChart  # named actors only
    places: MapChart


@dataclass(frozen=True, slots=True)
class ReportView:
    """Every view of the report, built from one corpus."""

    sources: SourcesView
    timeline: TimelineView
    entities: EntitiesView
    claims: ClaimsView
    sides: SidesView
    texts: tuple[DocumentText, ...]  # by date, as `sources.documents`
    charts: ReportCharts


def report_charts(lookup: CorpusLookup, sources: SourcesView, timeline: TimelineView, claims: ClaimsView,
                  sides: SidesView) -> ReportCharts:
    """The charts of the report's views."""
    numbers = {group.id: chart for group in claims.groups
               if (chart := number_chart(group.label, group.verdict, group.claims)) is not None}
    return ReportCharts(timeline_chart(timeline, sources.documents), numbers, stance_chart(sides),
                        network_chart(lookup), map_chart(timeline))


def report_view(corpus: Corpus | CorpusLookup, *, min_confidence: float = 0.0) -> ReportView:
    """The report's views of a corpus; the timeline's events below `min_confidence` are apart (one click away)."""
    lookup = lookup_of(corpus)
    sources, timeline = sources_view(lookup), timeline_view(lookup, min_confidence=min_confidence)
    claims, sides = claims_view(lookup), sides_view(lookup)
    return ReportView(sources, timeline, entities_view(lookup), claims, sides, document_texts(lookup),
                      report_charts(lookup, sources, timeline, claims, sides))

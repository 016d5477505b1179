"""One view model per page, built from a corpus by a plain function and holding plain data only (text, spans,
ids, labels, numbers; no markup, no links). Every output formats these: the HTML report (`render.html`),
Markdown (`render.markdown`), the terminal (`render.terminal`, what the CLI prints) and the web pages.

| page | view | function |
|---|---|---|
| sources | `SourcesView`, `DocumentText` | `sources_view`, `document_rows`, `document_texts` |
| entities | `EntitiesView` | `entities_view` |
| one entity | `EntityView` | `entity_view` |
| timeline | `TimelineView` | `timeline_view` |
| one event | `EventView` | `event_view` |
| claims | `ClaimsView` | `claims_view` |
| sources side by side | `SidesView` | `sides_view` |
| the report (all of them) | `ReportView` | `report_view` |

Each function takes a `Corpus`, or a `CorpusLookup` of one to share its lookups between views.
"""

from __future__ import annotations

from .claims import ClaimGroupView, ClaimLine, ClaimsView, claims_view
from .entities import (
                       DroppedRow,
                       EntitiesView,
                       EntityEvent,
                       EntityRow,
                       EntityView,
                       MentionLine,
                       dropped_view,
                       entities_view,
                       entity_view,
)
from .event import EventColumn, EventView, event_view
from .lookup import CorpusLookup, lookup_of, sorted_documents, sorted_events, sorted_groups
from .report import ReportView, report_view
from .sides import (
                       EvidenceLine,
                       FrameWord,
                       FramingBlock,
                       FramingItem,
                       QuoteLine,
                       SidesView,
                       SourceEvidence,
                       SourceQuotes,
                       StanceItem,
                       StanceRow,
                       sides_view,
)
from .sources import (
                       DocumentRow,
                       DocumentText,
                       SourcesView,
                       Summary,
                       TextMark,
                       document_rows,
                       document_texts,
                       sources_view,
)
from .timeline import FigureItem, Hit, Participant, PlaceClaim, ReportLine, TimelineItem, TimelineView, timeline_view

__all__ = [
                       "ClaimGroupView",
                       "ClaimLine",
                       "ClaimsView",
                       "CorpusLookup",
                       "DocumentRow",
                       "DocumentText",
                       "DroppedRow",
                       "EntitiesView",
                       "EntityEvent",
                       "EntityRow",
                       "EntityView",
                       "EventColumn",
                       "EventView",
                       "EvidenceLine",
                       "FigureItem",
                       "FrameWord",
                       "FramingBlock",
                       "FramingItem",
                       "Hit",
                       "MentionLine",
                       "Participant",
                       "PlaceClaim",
                       "QuoteLine",
                       "ReportLine",
                       "ReportView",
                       "SidesView",
                       "SourceEvidence",
                       "SourceQuotes",
                       "SourcesView",
                       "StanceItem",
                       "StanceRow",
                       "Summary",
                       "TextMark",
                       "TimelineItem",
                       "TimelineView",
                       "claims_view",
                       "document_rows",
                       "document_texts",
                       "dropped_view",
                       "entities_view",
                       "entity_view",
                       "event_view",
                       "lookup_of",
                       "report_view",
                       "sides_view",
                       "sorted_documents",
                       "sorted_events",
                       "sorted_groups",
                       "sources_view",
                       "timeline_view",
]

"""The timeline: fused events in date order, each with its facts, every source's report of it by sentence (the
events stage's `Event.reports`), the figures its sources give with their verdicts (`Corpus.event_figures`),
and where its sources disagree on the date or the place. The stages decide all of these; this only gathers
them for the outputs."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ...model import Corpus, Event, EventMention, Span, Verdict, report_flags
from ..text import VERDICT_TEXT, Passage, passage, source_label
from .claims import ClaimLine, claim_line
from .lookup import CorpusLookup, lookup_of


@dataclass(frozen=True, slots=True)
class Participant:
    """An entity in a role of an event."""

    id: str
    name: str  # the entity's name; the id when no entity has it
    type: str | None  # the entity's type; None when no entity has the id


@dataclass(frozen=True, slots=True)
class Hit:
    """A word of a sentence that reports the event (its trigger)."""

    mention_id: str
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One sentence of a source that reports the event, with each of its words for it."""

    doc_id: str
    source: str
    passage: Passage
    hits: tuple[Hit, ...]
    flags: tuple[str, ...]  # "negated", "hypothetical", "future", "historical"
    reported_by: str  # who says so, "" for the author
    date: str | None  # the date the sentence gives


@dataclass(frozen=True, slots=True)
class FigureItem:
    """A quantity the event's sources give figures for (a toll), each source's figure, and their verdict."""

    label: str  # what is counted: "militia fighters killed in Iraq"
    verdict: Verdict
    group_id: str | None  # the claim group the figures come from; None for a claim in no group
    claims: tuple[ClaimLine, ...]

    @property
    def verdict_text(self) -> str:
        """"sources differ", "sources agree", "one source only"."""
        return VERDICT_TEXT.get(self.verdict, self.verdict)


@dataclass(frozen=True, slots=True)
class PlaceClaim:
    """The places one source names for an event, when its sources name places that cannot be one."""

    doc_id: str
    source: str
    places: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One fused event on the timeline."""

    id: str
    type: str
    mode: str
    date: str | None  # the best-supported date
    precision: str  # the date's precision as the stage gives it ("unknown" when undated)
    date_conflict: bool
    dates: tuple[str, ...]  # every date the sources give, most supported first
    label: str  # "assault (aerial) by A on B, 2020-01-03"
    what: str  # the label without the date
    actors: tuple[Participant, ...]
    targets: tuple[Participant, ...]
    written_actors: tuple[str, ...]  # the actors as the reports write them ("security forces"), each once
    written_targets: tuple[str, ...]
    places: tuple[str, ...]  # each place name once
    doc_ids: tuple[str, ...]
    independent: int  # articles after collapsing copies of one story
    reports: tuple[ReportLine, ...]
    flags: tuple[str, ...]  # the markers every report shares
    figures: tuple[FigureItem, ...]
    place_conflict: tuple[PlaceClaim, ...]  # each source's places, when they cannot be one; () else
    confidence: float = 1.0  # the events stage's, 0 .. 1
    located: tuple[tuple[str, float, float], ...] = ()  # (name, latitude, longitude) of each place the gazetteer
    # placed, each once

    @property
    def articles(self) -> int:
        """How many articles report it."""
        return len(self.doc_ids)


@dataclass(frozen=True, slots=True)
class TimelineView:
    """The timeline page: the events at or above the confidence threshold, and those below it (hidden by default,
    one click or flag away; nothing is deleted)."""

    items: tuple[TimelineItem, ...]
    hidden: tuple[TimelineItem, ...] = ()  # below `threshold`, in the same order
    threshold: float = 0.0


def event_label(event: Event, lookup: CorpusLookup, *, dated: bool = True) -> str:
    """A one-line name for an event: "assault (aerial) by A on B, 2020-01-03" (without the date unless `dated`)."""
    def named(ids: tuple[str, ...]) -> str:
        return ", ".join(lookup.entity_name(i) for i in ids)
    parts = [event.type.lower().replace("_", " ") + (f" ({event.mode})" if event.mode else "")]
    if event.actor_ids:
        parts.append(f"by {named(event.actor_ids)}")
    if event.target_ids:
        parts.append(f"on {named(event.target_ids)}")
    label = " ".join(parts)
    return f"{label}, {event.date}" if event.date and dated else label


def written(members: Sequence[EventMention], role: Literal["actor", "target"]) -> list[str]:
    """The participants of a role as the reports write them ("security forces"), each once: what an
    event shows when no named entity stands in that role."""
    texts = (m.actor_text if role == "actor" else m.target_text for m in members)
    return list(dict.fromkeys(text for text in texts if text))


def report_groups(event: Event, mentions: Mapping[str, EventMention],
                  doc_ids: Collection[str]) -> list[list[EventMention]]:
    """An event's reports as the events stage grouped them by sentence (`Event.reports`), the mentions of
    documents not in `doc_ids` left out (and groups left with none)."""
    groups = ([mentions[m] for m in group if m in mentions and mentions[m].doc_id in doc_ids]
              for group in event.reports)
    return [group for group in groups if group]


def _participant(lookup: CorpusLookup, entity_id: str) -> Participant:
    entity = lookup.entities.get(entity_id)
    return Participant(entity_id, entity.name if entity else entity_id, entity.type if entity else None)


def _report(lookup: CorpusLookup, group: Sequence[EventMention]) -> ReportLine:
    first = group[0]
    doc = lookup.documents[first.doc_id]
    return ReportLine(doc.id, source_label(doc), passage(doc, first.sentence, *(m.trigger for m in group)),
                      tuple(Hit(m.id, m.trigger, m.text) for m in group), report_flags(first), first.reported_by,
                      first.date)


def timeline_item(lookup: CorpusLookup, event: Event,
                  figures: Mapping[str, Sequence[FigureItem]]) -> TimelineItem | None:
    """The timeline's item for one event; None when none of its reports is in the corpus's documents."""
    docs = lookup.documents
    members = [lookup.event_mentions[m] for m in event.mention_ids
               if m in lookup.event_mentions and lookup.event_mentions[m].doc_id in docs]
    if not members:
        return None
    reports = tuple(_report(lookup, group) for group in report_groups(event, lookup.event_mentions, docs))
    shared = set.intersection(*(set(r.flags) for r in reports)) if reports else set()
    return TimelineItem(
        id=event.id, type=event.type, mode=event.mode, date=event.date, precision=event.date_precision,
        date_conflict=event.date_conflict, dates=tuple(event.dates), label=event_label(event, lookup),
        what=event_label(event, lookup, dated=False),
        actors=tuple(_participant(lookup, a) for a in event.actor_ids),
        targets=tuple(_participant(lookup, t) for t in event.target_ids),
        written_actors=tuple(written(members, "actor")), written_targets=tuple(written(members, "target")),
        places=tuple(dict.fromkeys(p.name for p in event.places)), doc_ids=tuple(event.doc_ids),
        independent=event.independent_sources, reports=reports,
        flags=tuple(f for f in reports[0].flags if f in shared) if reports else (),
        figures=tuple(figures.get(event.id, ())),
        place_conflict=tuple(PlaceClaim(doc_id, source_label(docs[doc_id]), tuple(names))
                             for doc_id, names in event.place_conflict if doc_id in docs),
        confidence=event.confidence,
        located=tuple(dict.fromkeys((p.name, p.latitude, p.longitude) for p in event.places
                                    if p.latitude is not None and p.longitude is not None)))


def event_figures(lookup: CorpusLookup) -> dict[str, list[FigureItem]]:
    """Each event's figures (`Corpus.event_figures`), by event id, in the stage's order."""
    return {event_id: [FigureItem(figure.label, figure.verdict, figure.group_id,
                                  tuple(claim_line(f.claim, lookup.documents[f.claim.doc_id]) for f in figure.figures))
                       for figure in found]
            for event_id, found in lookup.figures.items()}


def timeline_view(corpus: Corpus | CorpusLookup, *, events: Sequence[Event] | None = None,
                  min_confidence: float = 0.0) -> TimelineView:
    """The timeline of `events` in the order given (default: every event, by date, undated last, then id), those
    whose confidence is below `min_confidence` apart (`TimelineView.hidden`; settings: events.min_confidence).

    Events none of whose reports is in the corpus's documents are left out, and so are those reports.
    """
    lookup = lookup_of(corpus)
    figures = event_figures(lookup)
    items = (timeline_item(lookup, event, figures) for event in (lookup.sorted_events if events is None else events))
    found = [item for item in items if item is not None]
    return TimelineView(tuple(item for item in found if item.confidence >= min_confidence),
                        tuple(item for item in found if item.confidence < min_confidence), min_confidence)

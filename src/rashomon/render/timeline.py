"""The report's timeline: fused events in date order, each with every source's sentence and the figures the
sources give for it (with a verdict), and the trigger marks that those sentences link to in the texts."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from ..model import Corpus, Document, Entity, Event, EventMention, report_flags
from .common import Mark, anchor_id, same_number, snippet_hits, snippet_parts, source_label
from .figures import VERDICT_TEXT, FigureView, figures_by_event

@dataclass(frozen=True, slots=True)
class TimelineLine:
    """One source's report of an event: its sentence with the trigger linked into the text."""

    source: str
    doc_anchor: str
    sentence: Markup
    flags: tuple[str, ...]  # "negated", "hypothetical", "future", "historical"
    reported_by: str


@dataclass(frozen=True, slots=True)
class FigureLine:
    """One source's figure: the number links to it in the text; its sentence is the link's tooltip."""

    source: str
    doc_anchor: str
    number: Markup
    amount: str  # the parsed amount when it says more than the words ("≥ 600" for "more than 600"), else ""
    per: str  # "per Reuters", or ""


@dataclass(frozen=True, slots=True)
class TimelineFigure:
    """A quantity the event's sources give figures for, with their verdict."""

    label: str
    verdict: str
    verdict_text: str  # "sources differ", "sources agree", "one source only"
    lines: tuple[FigureLine, ...]


@dataclass(frozen=True, slots=True)
class TimelineItem:
    anchor: str
    event: Event
    date: str  # "2020-01-03", or "undated"
    precision: str  # "" when undated or unknown
    conflict: tuple[str, ...]  # the differing dates when the sources disagree
    actors: tuple[Markup, ...]
    targets: tuple[Markup, ...]
    places: tuple[str, ...]
    articles: int
    independent: int
    lines: tuple[TimelineLine, ...]
    flags: tuple[str, ...]  # markers every report shares
    figures: tuple[TimelineFigure, ...] = ()  # differing first
    place_sources: tuple[tuple[str, str, str], ...] = ()  # (source, doc anchor, its places) when sources differ


flags_of = report_flags  # the views' name for a report's markers


def sorted_events(events: Collection[Event]) -> list[Event]:
    """Events by date (ISO strings sort in time order at any precision), undated last, then by id."""
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))


def entity_link(entity_id: str, entities: Mapping[str, Entity], shown: Collection[str]) -> Markup:
    """An entity's name, linked to its row in the entity table when that row is shown."""
    entity = entities.get(entity_id)
    name = entity.name if entity is not None else entity_id
    if entity_id in shown:
        return Markup('<a class="ent" href="#{}">{}</a>').format(anchor_id("entity", entity_id), name)
    return Markup('<span class="ent">{}</span>').format(name)


def event_label(event: Event, entities: Mapping[str, Entity]) -> str:
    """A one-line name for an event: "ASSAULT (aerial) by A on B, 2020-01-03"."""
    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(entities[i].name if i in entities else i for i in ids)
    parts = [event.type.lower().replace("_", " ") + (f" ({event.mode})" if event.mode else "")]
    if event.actor_ids:
        parts.append(f"by {names(event.actor_ids)}")
    if event.target_ids:
        parts.append(f"on {names(event.target_ids)}")
    label = " ".join(parts)
    return f"{label}, {event.date}" if event.date else label


def timeline_figures(figures: Collection[FigureView], docs: Mapping[str, Document]) -> tuple[TimelineFigure, ...]:
    """An event's figures for the HTML report: each number links to its mark in the text ("#c-CLAIMID")."""
    shown = []
    for figure in figures:
        lines = []
        for item in figure.figures:
            claim = item.claim
            doc = docs.get(claim.doc_id)
            if doc is None:
                continue
            sentence = "".join(snippet_parts(doc, claim.sentence, claim.span))
            number = Markup('<a class="fignum" href="#{}" title="{}">{}</a>').format(
                anchor_id("c", claim.id), sentence, claim.text)
            lines.append(FigureLine(item.source, anchor_id("doc", doc.id), number,
                                    "" if same_number(item.amount, claim.text) else item.amount, item.per))
        if lines:
            shown.append(TimelineFigure(figure.label, figure.verdict, VERDICT_TEXT.get(figure.verdict, figure.verdict),
                                        tuple(lines)))
    return tuple(shown)


def written(members: Sequence[EventMention], role: Literal["actor", "target"]) -> list[str]:
    """The participants of a role as the reports write them ("security forces"), each once: what an
    event shows when no named entity stands in that role."""
    texts = (m.actor_text if role == "actor" else m.target_text for m in members)
    return list(dict.fromkeys(text for text in texts if text))


_WRITTEN_SHOWN = 3  # participants as written shown for an event; the rest are counted


def _written_markup(members: Sequence[EventMention], role: Literal["actor", "target"]) -> tuple[Markup, ...]:
    """The first participants of a role as the reports write them, and how many more there are."""
    found = written(members, role)
    shown = tuple(Markup('<span class="ent text">{}</span>').format(t) for t in found[:_WRITTEN_SHOWN])
    more = len(found) - _WRITTEN_SHOWN
    return (*shown, Markup('<span class="muted">{} more</span>').format(more)) if more > 0 else shown


def report_groups(event: Event, mentions: Mapping[str, EventMention],
                  doc_ids: Collection[str]) -> list[list[EventMention]]:
    """An event's reports as the events stage grouped them by sentence (`Event.reports`), the mentions of
    documents not in `doc_ids` left out (and groups left with none)."""
    groups = ([mentions[m] for m in group if m in mentions and mentions[m].doc_id in doc_ids] for group in event.reports)
    return [group for group in groups if group]


def _lines(groups: Sequence[Sequence[EventMention]], docs: Mapping[str, Document]) -> tuple[TimelineLine, ...]:
    """One line per sentence that reports the event, each of its event words linked."""
    return tuple(TimelineLine(source_label(docs[found[0].doc_id]), anchor_id("doc", found[0].doc_id),
                              snippet_hits(docs[found[0].doc_id], found[0].sentence,
                                           [(m.trigger, "#" + anchor_id("ev", m.id)) for m in found]),
                              flags_of(found[0]), found[0].reported_by)
                 for found in groups)


def timeline_items(corpus: Corpus, docs: Mapping[str, Document], shown: Collection[str]) -> list[TimelineItem]:
    """The timeline's rows; mentions of documents not in `docs` are left out (events left with none too)."""
    entities = {e.id: e for e in corpus.entities}
    mentions = {m.id: m for m in corpus.event_mentions}
    figures = figures_by_event(corpus)
    items = []
    for event in sorted_events(corpus.events):
        members = [mentions[m] for m in event.mention_ids if m in mentions and mentions[m].doc_id in docs]
        if not members:
            continue
        lines = _lines(report_groups(event, mentions, docs), docs)
        shared = set.intersection(*(set(line.flags) for line in lines))
        actors = tuple(entity_link(a, entities, shown) for a in event.actor_ids) or _written_markup(members, "actor")
        targets = tuple(entity_link(t, entities, shown) for t in event.target_ids) or _written_markup(members, "target")
        items.append(TimelineItem(
            anchor=anchor_id("event", event.id), event=event, date=event.date or "undated",
            precision="" if event.date is None or event.date_precision == "unknown" else event.date_precision,
            conflict=tuple(event.dates) if event.date_conflict else (), actors=actors, targets=targets,
            places=tuple(dict.fromkeys(p.name for p in event.places)), articles=len(event.doc_ids),
            independent=event.independent_sources, lines=lines,
            flags=tuple(f for f in lines[0].flags if f in shared),
            figures=timeline_figures(figures.get(event.id, ()), docs),
            place_sources=tuple((source_label(docs[doc_id]), anchor_id("doc", doc_id), ", ".join(names))
                                for doc_id, names in event.place_conflict if doc_id in docs)))
    return items


def event_marks(corpus: Corpus, doc_ids: Collection[str]) -> dict[str, list[Mark]]:
    """Marks for every event trigger in the texts, each with id "ev-MENTIONID" for the timeline to link to."""
    marks: dict[str, list[Mark]] = {}
    for mention in corpus.event_mentions:
        if mention.doc_id not in doc_ids:
            continue
        ident = anchor_id("ev", mention.id)
        flags = flags_of(mention)
        tip = mention.type + (f" ({mention.mode})" if mention.mode else "") + "".join(f", {f}" for f in flags)
        classes = "ev" + (" ev-negated" if "negated" in flags else "") + (
            " ev-unreal" if {"hypothetical", "future"} & set(flags) else "")
        tag = Markup('<mark class="{}" id="{}" title="{}">').format(classes, ident, tip)
        marks.setdefault(mention.doc_id, []).append(
            Mark(mention.trigger.start, mention.trigger.end, tag, tag, Markup("</mark>"), Markup("</mark>"),
                 Markup('<span id="{}"></span>').format(ident)))
    return marks

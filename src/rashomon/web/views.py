"""What each HTML page shows, built from a CorpusIndex. Document text is escaped here piece by piece
(`highlight`, `snippet`); nothing from a document is ever marked safe whole."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from ..model import Claim, Document, Entity, Event, Stance
from ..render.common import (
    Mark,
    anchor_id,
    describe_amount,
    document_title,
    highlight,
    mentions_by_source,
    same_number,
    snippet,
    snippet_hits,
    source_label,
    variants,
)
from ..render.figures import VERDICT_TEXT
from ..render.sides import marked_sentence
from ..render.timeline import event_label, flags_of, report_groups
from .index import CorpusIndex

_TYPE_NAMES = {"PERSON": "person", "ORG": "organisation", "PLACE": "place", "GROUP": "group"}


def url(kind: str, record_id: str, fragment: str = "") -> str:
    """The page of a record: url("entities", "e1") -> "/entities/e1"."""
    return f"/{kind}/{quote(record_id, safe='')}" + (f"#{fragment}" if fragment else "")


def entity_link(index: CorpusIndex, entity_id: str) -> Markup:
    entity = index.entities.get(entity_id)
    if entity is None:
        return Markup('<span class="ent">{}</span>').format(entity_id)
    return Markup('<a class="ent ent-{}" href="{}">{}</a>').format(entity.type, url("entities", entity_id), entity.name)


def event_title(index: CorpusIndex, event: Event) -> str:
    return event_label(event, index.entities)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    source: str
    doc_href: str
    number: Markup
    amount: str
    what: str
    attributed_to: str
    sentence: Markup


def claim_row(index: CorpusIndex, claim: Claim) -> ClaimRow:
    doc = index.documents[claim.doc_id]
    href = url("documents", doc.id, anchor_id("c", claim.id))
    what = " ".join(p for p in (claim.measure, claim.counted, f"in {claim.place}" if claim.place else "", claim.period) if p)
    amount = describe_amount(claim)
    return ClaimRow(source_label(doc), url("documents", doc.id), Markup('<a href="{}">{}</a>').format(href, claim.text),
                    "" if same_number(amount, claim.text) else amount, what, claim.attributed_to,
                    snippet(doc, claim.sentence, claim.span))


@dataclass(frozen=True, slots=True)
class ClaimTable:
    id: str
    anchor: str
    label: str
    verdict: str
    rows: list[ClaimRow]


def claim_tables(index: CorpusIndex) -> list[ClaimTable]:
    """Claim groups, conflicts first, then the numbers no group holds."""
    tables, grouped = [], set()
    for group in index.sorted_groups:
        members = [index.claims[c] for c in group.claim_ids if c in index.claims and index.claims[c].doc_id in index.documents]
        grouped.update(c.id for c in members)
        if members:
            tables.append(ClaimTable(group.id, anchor_id("group", group.id), group.label, group.verdict,
                                     [claim_row(index, c) for c in members]))
    rest = [c for c in index.corpus.claims if c.id not in grouped and c.doc_id in index.documents]
    if rest:
        tables.append(ClaimTable("", "ungrouped", "numbers in no group", "", [claim_row(index, c) for c in rest]))
    return tables


@dataclass(frozen=True, slots=True)
class FigureTable:
    """A quantity an event's sources give figures for: each source's figure and the verdict across them."""

    label: str
    verdict: str
    verdict_text: str  # "sources differ", "sources agree", "one source only"
    group_href: str  # the claim group on /claims; "" for a claim in no group
    rows: list[ClaimRow]


def event_figures(index: CorpusIndex, event: Event) -> tuple[list[FigureTable], list[Claim]]:
    """The event's figures by quantity (differing first), and the other numbers in its sentences (durations,
    distances: numbers that measure nothing the event did)."""
    tables, shown = [], set()
    for figure in index.figures.get(event.id, ()):
        rows = [claim_row(index, item.claim) for item in figure.figures if item.claim.doc_id in index.documents]
        shown.update(item.claim.id for item in figure.figures)
        if rows:
            tables.append(FigureTable(figure.label, figure.verdict, VERDICT_TEXT.get(figure.verdict, figure.verdict),
                                      f"/claims#{anchor_id('group', figure.group_id)}" if figure.group_id else "", rows))
    other = [c for c in index.corpus.claims
             if c.event_id == event.id and c.id not in shown and c.doc_id in index.documents]
    return tables, other


@dataclass(frozen=True, slots=True)
class SourceStance:
    source: str
    doc_href: str
    stance: Stance
    lines: list[tuple[float, Markup, str | None]]  # (score, sentence with cues marked, reported by)


@dataclass(frozen=True, slots=True)
class EntityPage:
    entity: Entity
    type_name: str
    total: int
    variants: list[tuple[str, int]]
    by_source: list[tuple[str, int]]
    mentions: list[tuple[str, str, Markup]]  # (source, document href, sentence with the mention linked)
    events: list[tuple[Event, str, str]]  # (event, its title, role)
    claims: list[ClaimRow]
    stances: list[SourceStance]


def entity_page(index: CorpusIndex, entity: Entity) -> EntityPage:
    mentions = [index.mentions[m] for m in entity.mention_ids if m in index.mentions]
    lines = []
    for mention in mentions:
        doc = index.documents.get(mention.doc_id)
        if doc is not None:
            lines.append((source_label(doc), url("documents", doc.id),
                          snippet(doc, mention.sentence, mention.span,
                                  href=url("documents", doc.id, anchor_id("m", mention.id)))))
    events = [(event, event_title(index, event), "actor" if entity.id in event.actor_ids else "target")
              for event in index.events_of_entity.get(entity.id, [])]
    stances = []
    for stance in index.corpus.stances:
        if stance.entity_id != entity.id or stance.source not in index.documents:
            continue
        doc = index.documents[stance.source]
        lines_ = [(e.score, marked_sentence(doc, e.sentence, e.cue_spans, e.target_span, None), e.reported_by)
                  for e in (*stance.evidence[:4], *stance.reported[:2])]
        stances.append(SourceStance(source_label(doc), url("documents", doc.id), stance, lines_))
    stances.sort(key=lambda s: s.source.casefold())
    return EntityPage(entity, _TYPE_NAMES.get(entity.type, entity.type), len(mentions), variants(entity, mentions),
                      mentions_by_source(index.corpus, mentions), lines, events,
                      [claim_row(index, c) for c in index.claims_about(entity.id)], stances)


@dataclass(frozen=True, slots=True)
class EventColumn:
    source: str
    doc_href: str
    published: str
    sentences: list[tuple[Markup, tuple[str, ...], str, str]]  # (sentence, flags, reported by, date given)
    framing: list[tuple[str, str, float, bool, int]]  # (word, frame, valence, quoted, count)


def event_columns(index: CorpusIndex, event: Event) -> list[EventColumn]:
    """Each source's sentences for the event, one column per document, in document order."""
    by_doc: dict[str, list] = defaultdict(list)
    for found in report_groups(event, index.event_mentions, index.documents):  # a sentence once, each word linked
        first = found[0]
        doc = index.documents[first.doc_id]
        hits = [(m.trigger, url("documents", doc.id, anchor_id("ev", m.id))) for m in found]
        by_doc[doc.id].append((snippet_hits(doc, first.sentence, hits), flags_of(first), first.reported_by,
                               first.date or ""))
    framing: dict[str, list] = {}
    for item in index.corpus.framings:
        if item.event_id == event.id:
            counts = Counter((t.text.casefold(), t.frame, t.valence, t.quoted) for t in item.terms)
            framing[item.source] = sorted(((*k, n) for k, n in counts.items()), key=lambda w: (-w[4], w[0]))
    columns = []
    for doc in index.sorted_documents:
        if doc.id in by_doc:
            columns.append(EventColumn(source_label(doc), url("documents", doc.id),
                                       doc.published.value if doc.published else "", by_doc[doc.id],
                                       framing.get(doc.id, [])))
    return columns


def _entity_mark(index: CorpusIndex, mention_id: str, start: int, end: int, kind: str, title: str | None,
                 text: str) -> Mark:
    entity_id = index.entity_of.get(mention_id)
    entity = index.entities.get(entity_id or "")
    tip = f"{entity.name} ({_TYPE_NAMES.get(kind, kind)})" if entity else f"{text} ({_TYPE_NAMES.get(kind, kind)}, not resolved)"
    if title:
        tip = f"{title} {tip}"
    ident = anchor_id("m", mention_id)
    plain = Markup('<span class="m m-{}" id="{}" title="{}">').format(kind, ident, tip)
    link = plain if entity is None else Markup('<a class="m m-{}" id="{}" href="{}" title="{}">').format(
        kind, ident, url("entities", entity.id), tip)
    return Mark(start, end, link, plain, Markup("</a>" if entity else "</span>"), Markup("</span>"),
                Markup('<span id="{}"></span>').format(ident))


def highlighted_document(index: CorpusIndex, doc: Document) -> Markup:
    """The document's text, escaped, with mentions linked to entities, triggers to events, numbers to claims."""
    marks = [_entity_mark(index, m.id, m.span.start, m.span.end, m.type, m.title, m.text)
             for m in index.corpus.mentions if m.doc_id == doc.id]
    for mention in index.corpus.event_mentions:
        if mention.doc_id != doc.id:
            continue
        ident = anchor_id("ev", mention.id)
        flags = flags_of(mention)
        tip = mention.type + (f" ({mention.mode})" if mention.mode else "") + "".join(f", {f}" for f in flags)
        event_id = index.event_of.get(mention.id)
        cls = "ev" + (" ev-negated" if "negated" in flags else "")
        plain = Markup('<mark class="{}" id="{}" title="{}">').format(cls, ident, tip)
        link = plain if event_id is None else Markup('<a class="{}" id="{}" href="{}" title="{}">').format(
            cls, ident, url("events", event_id), tip)
        marks.append(Mark(mention.trigger.start, mention.trigger.end, link, plain,
                          Markup("</a>" if event_id else "</mark>"), Markup("</mark>"),
                          Markup('<span id="{}"></span>').format(ident)))
    for claim in index.corpus.claims:
        if claim.doc_id != doc.id:
            continue
        ident = anchor_id("c", claim.id)
        tip = " ".join(p for p in (describe_amount(claim), claim.measure, claim.counted) if p) or "number"
        group = index.group_of.get(claim.id)
        href = "/claims#" + (anchor_id("group", group) if group else "ungrouped")
        plain = Markup('<mark class="c" id="{}" title="{}">').format(ident, tip)
        link = Markup('<a class="c" id="{}" href="{}" title="{}">').format(ident, href, tip)
        marks.append(Mark(claim.span.start, claim.span.end, link, plain, Markup("</a>"), Markup("</mark>"),
                          Markup('<span id="{}"></span>').format(ident)))
    return highlight(doc.text, marks)


@dataclass(frozen=True, slots=True)
class SidesPage:
    columns: list[tuple[str, str]]  # (source label, document href)
    stance_rows: list[tuple[Markup, list[Stance | None]]]
    framings: list[tuple[Event | None, str, list[list[tuple[str, str, float, bool, int]]]]]
    vocabulary: list[list[tuple[str, float, int]]]


def sides_page(index: CorpusIndex) -> SidesPage:
    docs = index.sorted_documents
    cells: dict[str, dict[str, Stance]] = defaultdict(dict)
    for stance in index.corpus.stances:
        cells[stance.entity_id][stance.source] = stance
    ranked = sorted(cells.items(), key=lambda kv: (-len(kv[1]), -sum(s.mentions for s in kv[1].values()), kv[0]))
    stance_rows = [(entity_link(index, e), [row.get(d.id) for d in docs]) for e, row in ranked[:20]]
    by_event: dict[str, dict[str, list]] = defaultdict(dict)
    for item in index.corpus.framings:
        counts = Counter((t.text.casefold(), t.frame, t.valence, t.quoted) for t in item.terms)
        if counts:
            by_event[item.event_id][item.source] = sorted(((*k, n) for k, n in counts.items()), key=lambda w: (-w[4], w[0]))
    order = {e.id: i for i, e in enumerate(index.sorted_events)}
    framings = []
    for event_id in sorted(by_event, key=lambda e: (order.get(e, len(order)), e)):
        event = index.events.get(event_id)
        framings.append((event, event_title(index, event) if event else event_id,
                         [by_event[event_id].get(d.id, []) for d in docs]))
    vocabulary = [[(v.term, v.z, v.count) for v in sorted((v for v in index.corpus.vocabulary if v.source == d.id),
                                                          key=lambda v: -v.z)[:12]] for d in docs]
    return SidesPage([(source_label(d), url("documents", d.id)) for d in docs], stance_rows, framings, vocabulary)


__all__ = ["ClaimRow", "ClaimTable", "EntityPage", "EventColumn", "FigureTable", "SidesPage", "claim_tables",
           "document_title", "entity_link", "entity_page", "event_columns", "event_figures", "event_title",
           "highlighted_document", "sides_page", "source_label", "url"]

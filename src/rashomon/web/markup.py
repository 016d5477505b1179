"""The web pages' markup of render's views: every record links to its page (`url`), and the views' spans become
escaped, highlighted, linked HTML (`rashomon.render.markup`). Document text is escaped piece by piece here;
nothing from a document is ever marked safe whole."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from ..render.markup import Mark, anchor_id, highlight, marked_sentence, snippet, snippet_hits
from ..render.views import (
    ClaimLine,
    ClaimsView,
    DocumentText,
    EvidenceLine,
    FrameWord,
    FramingBlock,
    MentionLine,
    Participant,
    ReportLine,
    SidesView,
    StanceItem,
    StanceRow,
    TextMark,
)


def url(kind: str, record_id: str, fragment: str = "") -> str:
    """The page of a record: url("entities", "e1") -> "/entities/e1"."""
    return f"/{kind}/{quote(record_id, safe='')}" + (f"#{fragment}" if fragment else "")


def group_href(group_id: str | None) -> str:
    """A claim group on the claims page; the numbers in no group when `group_id` is None."""
    return "/claims#" + (anchor_id("group", group_id) if group_id else "ungrouped")


def entity_link(participant: Participant) -> Markup:
    """An entity's name linked to its page; the id, unlinked, when no entity has it."""
    if participant.type is None:
        return Markup('<span class="ent">{}</span>').format(participant.id)
    return Markup('<a class="ent ent-{}" href="{}">{}</a>').format(participant.type, url("entities", participant.id),
                                                                   participant.name)


def claim_number(line: ClaimLine) -> Markup:
    """A number linked to its place in its document."""
    return Markup('<a href="{}">{}</a>').format(url("documents", line.doc_id, anchor_id("c", line.id)), line.text)


def claim_sentence(line: ClaimLine) -> Markup:
    return snippet(line.passage, line.span)


def mention_sentence(line: MentionLine) -> Markup:
    return snippet(line.passage, line.span, href=url("documents", line.doc_id, anchor_id("m", line.id)))


def report_sentence(line: ReportLine) -> Markup:
    """A report's sentence, each of its words for the event linked to its place in the document."""
    return snippet_hits(line.passage, [(hit.span, url("documents", line.doc_id, anchor_id("ev", hit.mention_id)))
                                       for hit in line.hits])


def evidence_sentence(line: EvidenceLine) -> Markup:
    return marked_sentence(line.passage, line.cues, line.target, None)


def stance_cells(view: SidesView, row: StanceRow) -> list[StanceItem | None]:
    """A stance row's cells, one per source."""
    return [row.cells.get(doc.id) for doc in view.sources]


def framing_cells(view: SidesView, block: FramingBlock) -> list[tuple[FrameWord, ...]]:
    """A framing row's words, one cell per source."""
    return [block.words_of(doc.id) for doc in view.sources]


@dataclass(frozen=True, slots=True)
class ClaimTable:
    """A table of the claims page: a group, or the numbers in no group."""

    anchor: str
    label: str
    verdict: str
    rows: tuple[ClaimLine, ...]


def claim_tables(view: ClaimsView) -> list[ClaimTable]:
    """Claim groups, conflicts first, then the numbers no group holds."""
    tables = [ClaimTable(anchor_id("group", g.id), g.label, g.verdict, g.claims) for g in view.groups]
    if view.ungrouped:
        tables.append(ClaimTable("ungrouped", "numbers in no group", "", view.ungrouped))
    return tables


def _mention_mark(mark: TextMark) -> Mark:
    ident = anchor_id("m", mark.id)
    plain = Markup('<span class="m m-{}" id="{}" title="{}">').format(mark.type, ident, mark.label)
    link = plain if mark.target is None else Markup('<a class="m m-{}" id="{}" href="{}" title="{}">').format(
        mark.type, ident, url("entities", mark.target), mark.label)
    return Mark(mark.span.start, mark.span.end, link, plain, Markup("</a>" if mark.target else "</span>"),
                Markup("</span>"), Markup('<span id="{}"></span>').format(ident))


def _event_mark(mark: TextMark) -> Mark:
    ident = anchor_id("ev", mark.id)
    cls = "ev" + (" ev-negated" if "negated" in mark.flags else "")
    plain = Markup('<mark class="{}" id="{}" title="{}">').format(cls, ident, mark.label)
    link = plain if mark.target is None else Markup('<a class="{}" id="{}" href="{}" title="{}">').format(
        cls, ident, url("events", mark.target), mark.label)
    return Mark(mark.span.start, mark.span.end, link, plain, Markup("</a>" if mark.target else "</mark>"),
                Markup("</mark>"), Markup('<span id="{}"></span>').format(ident))


def _claim_mark(mark: TextMark) -> Mark:
    ident = anchor_id("c", mark.id)
    plain = Markup('<mark class="c" id="{}" title="{}">').format(ident, mark.label)
    link = Markup('<a class="c" id="{}" href="{}" title="{}">').format(ident, group_href(mark.target), mark.label)
    return Mark(mark.span.start, mark.span.end, link, plain, Markup("</a>"), Markup("</mark>"),
                Markup('<span id="{}"></span>').format(ident))


def highlighted_document(text: DocumentText) -> Markup:
    """The document's text, escaped, with mentions linked to entities, event words to events, numbers to claims."""
    return highlight(text.text, [*(_mention_mark(m) for m in text.mentions), *(_event_mark(m) for m in text.events),
                                 *(_claim_mark(m) for m in text.claims)])


def chart_link(kind: str, record_id: str) -> str | None:
    """Where a chart's mark links to in the web app: the record's page (a figure: its place in its document)."""
    if kind == "claim":  # a claim's id is "DOCID:START-END"
        return url("documents", record_id.split(":", 1)[0], anchor_id("c", record_id))
    pages = {"event": "events", "entity": "entities", "doc": "documents"}
    return url(pages[kind], record_id) if kind in pages else None

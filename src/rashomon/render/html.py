"""The HTML report: one self-contained file (inline CSS, no scripts, no external URL) a reader can open anywhere.

It formats the report's views (`views.report_view`) and nothing else. Document text is never marked safe:
the spans the views hold are turned into markup here by cutting the text at their offsets and escaping every
piece (`markup`); the Jinja2 template autoescapes the rest. Every highlighted name links to its entity, every
entity lists its mentions with links back into the texts, and every number links to the span it was read from.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Collection, Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import __version__
from ..model import Corpus
from . import svg
from .markup import Mark, anchor_id, highlight, marked_sentence, snippet, snippet_hits
from .text import TYPE_NAMES, cut
from .views import (
    ClaimLine,
    DocumentText,
    EvidenceLine,
    FramingBlock,
    MentionLine,
    Participant,
    QuoteLine,
    ReportLine,
    ReportView,
    SidesView,
    StanceItem,
    StanceRow,
    TextMark,
    TimelineItem,
    report_view,
)

logger = logging.getLogger(__name__)

MENTION_LINES = 50  # mentions listed per entity; all are highlighted in the texts
STANCE_ROWS = 15  # entities in the stance table
EVIDENCE_LINES = 4  # own judgements shown per source
REPORTED_LINES = 3  # judgements a source reports from others, shown per source
VOCABULARY = 12  # distinctive terms per source
QUOTES = 10  # quotes per source
QUOTE_CHARS = 280  # a longer quote is cut at a word
WRITTEN_SHOWN = 3  # participants as written shown for an event; the rest are counted
SHOWN_ROWS = 12  # rows of a long table or list shown before "show all"
SHOWN_GROUPS = 6  # claim groups shown before "show all"


def entity_link(participant: Participant, shown: Collection[str]) -> Markup:
    """An entity's name, linked to its row in the entity table when that row is shown (its id is in `shown`)."""
    if participant.id in shown:
        return Markup('<a class="ent" href="#{}">{}</a>').format(anchor_id("entity", participant.id), participant.name)
    return Markup('<span class="ent">{}</span>').format(participant.name)


def participants(item: TimelineItem, role: str, shown: Collection[str]) -> tuple[Markup, ...]:
    """An event's actors (role "actor") or targets; when no entity stands in the role, the first words the reports
    use for it, and how many more there are."""
    entities = item.actors if role == "actor" else item.targets
    if entities:
        return tuple(entity_link(p, shown) for p in entities)
    found = item.written_actors if role == "actor" else item.written_targets
    written = tuple(Markup('<span class="ent text">{}</span>').format(t) for t in found[:WRITTEN_SHOWN])
    more = len(found) - WRITTEN_SHOWN
    return (*written, Markup('<span class="muted">{} more</span>').format(more)) if more > 0 else written


def report_sentence(line: ReportLine) -> Markup:
    """A report's sentence, each of its words for the event linked to its place in the text."""
    return snippet_hits(line.passage, [(hit.span, "#" + anchor_id("ev", hit.mention_id)) for hit in line.hits])


def figure_number(line: ClaimLine) -> Markup:
    """A figure linked to its number in the text, its sentence the link's tooltip."""
    return Markup('<a class="fignum" href="#{}" title="{}">{}</a>').format(
        anchor_id("c", line.id), "".join(cut(line.passage, line.span)), line.text)


class _Page:
    """The markup of one report, for its template: which entities are listed (so linked) and which events are on
    the timeline (so framings link to them)."""

    def __init__(self, view: ReportView, listed: Collection[str]) -> None:
        self.shown = set(listed)
        self.timeline = {item.id for item in view.timeline.items}
        self.sides = view.sides
        self.charts = view.charts

    def link(self, kind: str, record_id: str) -> str | None:
        """Where a chart's mark links to in the report: the event on the timeline, the entity's row, the text."""
        if kind == "event":
            return "#" + anchor_id("event", record_id) if record_id in self.timeline else None
        if kind == "entity":
            return "#" + anchor_id("entity", record_id) if record_id in self.shown else None
        return "#" + anchor_id({"doc": "doc", "claim": "c"}.get(kind, kind), record_id)

    def timeline_chart(self) -> Markup:
        return svg.timeline_svg(self.charts.timeline, self.link)

    def number_chart(self, group_id: str) -> Markup:
        chart = self.charts.numbers.get(group_id)
        return svg.number_svg(chart, self.link) if chart is not None else Markup("")

    def stance_chart(self) -> Markup:
        return svg.stance_svg(self.charts.stance, self.link)

    def network(self) -> Markup:
        return svg.network_svg(self.charts.network, self.link)

    def map(self) -> Markup:
        return svg.map_svg(self.charts.places, self.link)

    @staticmethod
    def legend(categories: Sequence[str]) -> Markup:
        return svg.legend(categories)

    @staticmethod
    def node_legend(types: Sequence[str]) -> Markup:
        return svg.node_legend(types)

    @staticmethod
    def report(line: ReportLine) -> Markup:
        return report_sentence(line)

    @staticmethod
    def figure(line: ClaimLine) -> Markup:
        return figure_number(line)

    def entity(self, participant: Participant) -> Markup:
        return entity_link(participant, self.shown)

    def participants(self, item: TimelineItem, role: str) -> tuple[Markup, ...]:
        return participants(item, role, self.shown)

    @staticmethod
    def mention(line: MentionLine) -> Markup:
        return snippet(line.passage, line.span, href="#" + anchor_id("m", line.id))

    @staticmethod
    def claim(line: ClaimLine) -> Markup:
        return snippet(line.passage, line.span)

    @staticmethod
    def evidence(line: EvidenceLine) -> Markup:
        href = "#" + anchor_id("m", line.mention_id) if line.mention_id is not None else None
        return marked_sentence(line.passage, line.cues, line.target, href)

    def cells(self, row: StanceRow) -> list[StanceItem | None]:
        """A stance row's cells, one per source with a stance."""
        return [row.cells.get(doc.id) for doc in self.sides.stance_sources]

    def event_anchor(self, block: FramingBlock) -> str | None:
        """The framing's event on the timeline, when it is there."""
        return anchor_id("event", block.event_id) if block.event_id in self.timeline else None

    def speaker(self, quote: QuoteLine) -> Markup:
        if quote.entity is not None and quote.entity.id in self.shown:
            return self.entity(quote.entity)
        return Markup('<span class="ent">{}</span>').format(quote.speaker or "someone unnamed")

    @staticmethod
    def quote(quote: QuoteLine) -> str:
        text = quote.text
        return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"

    def text(self, item: DocumentText) -> Markup:
        """The document's text, escaped, its mentions, numbers and event words highlighted."""
        return highlight(item.text, [*(self._mention_mark(m) for m in item.mentions),
                                     *(self._claim_mark(m) for m in item.claims),
                                     *(self._event_mark(m) for m in item.events)])

    def _mention_mark(self, mark: TextMark) -> Mark:
        ident = anchor_id("m", mark.id)
        classes = f"m m-{mark.type}"
        plain = Markup('<span class="{}" id="{}" title="{}">').format(classes, ident, mark.label)
        link = plain
        if mark.target is not None and mark.target in self.shown:
            link = Markup('<a class="{}" id="{}" href="#{}" title="{}">').format(
                classes, ident, anchor_id("entity", mark.target), mark.label)
        return Mark(mark.span.start, mark.span.end, link, plain, Markup("</a>"), Markup("</span>"),
                    Markup('<span id="{}"></span>').format(ident))

    @staticmethod
    def _claim_mark(mark: TextMark) -> Mark:
        ident = anchor_id("c", mark.id)
        tag = Markup('<mark class="c" id="{}" title="{}">').format(ident, mark.label)
        return Mark(mark.span.start, mark.span.end, tag, tag, Markup("</mark>"), Markup("</mark>"),
                    Markup('<span id="{}"></span>').format(ident))

    @staticmethod
    def _event_mark(mark: TextMark) -> Mark:
        """An event word, with id "ev-MENTIONID" for the timeline to link to."""
        ident = anchor_id("ev", mark.id)
        classes = "ev" + (" ev-negated" if "negated" in mark.flags else "") + (
            " ev-unreal" if {"hypothetical", "future"} & set(mark.flags) else "")
        tag = Markup('<mark class="{}" id="{}" title="{}">').format(classes, ident, mark.label)
        return Mark(mark.span.start, mark.span.end, tag, tag, Markup("</mark>"), Markup("</mark>"),
                    Markup('<span id="{}"></span>').format(ident))


def has_sides(view: SidesView) -> bool:
    """Whether "Sources side by side" has anything to show."""
    return bool(view.rows or view.framings or any(terms for _, terms in view.vocabulary)
                or any(block.quotes for block in view.quotes))


def claim_tables(view: ReportView) -> list[tuple[str, str, Sequence[ClaimLine], str]]:
    """(label, verdict, claims, group id) of each numbers table: the groups, then the numbers in no group ("")."""
    tables: list[tuple[str, str, Sequence[ClaimLine], str]] = [(g.label, g.verdict, g.claims, g.id)
                                                                for g in view.claims.groups]
    if view.claims.ungrouped:
        tables.append(("numbers in no group", "", view.claims.ungrouped, ""))
    return tables


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("rashomon.render", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def format_html(view: ReportView, *, title: str = "rashomon report", max_entities: int = 300) -> str:
    """The report's views as one self-contained HTML page (see `render_html`)."""
    listed = view.entities.entities[:max(0, max_entities)]
    page = _Page(view, [row.id for row in listed])
    return _environment().get_template("report.html.j2").render(
        title=title, version=__version__, counts=view.sources.summary, docs=view.sources.documents,
        timeline=view.timeline.items + view.timeline.hidden, low={item.id for item in view.timeline.hidden},
        threshold=view.timeline.threshold, entities=listed, hidden=len(view.entities.entities) - len(listed),
        mention_lines=MENTION_LINES, claim_tables=claim_tables(view), sides=view.sides, has_sides=has_sides(view.sides),
        stance_rows=STANCE_ROWS, evidence_lines=EVIDENCE_LINES, reported_lines=REPORTED_LINES, vocabulary=VOCABULARY,
        quotes=QUOTES, shown_rows=SHOWN_ROWS, shown_groups=SHOWN_GROUPS,
        texts=view.texts, types=TYPE_NAMES, anchor=anchor_id, page=page, charts=view.charts)


def render_html(corpus: Corpus, *, title: str = "rashomon report", max_entities: int = 300,
                min_confidence: float = 0.0) -> str:
    """The report as one self-contained HTML page.

    Sections: sources, timeline of events, entities, numbers, sources side by side (stances, framing,
    distinctive vocabulary, quotes), and the highlighted texts every other section links into.

    Args:
        corpus: what to report, usually `Store.load()`.
        title: the page's title and heading.
        max_entities: entities listed in the entity table, most mentioned first (the JSON export has all).
        min_confidence: events below this confidence are in the timeline but hidden until the reader asks for
            them (one click, no script; settings: events.min_confidence).
    """
    return format_html(report_view(corpus, min_confidence=min_confidence), title=title, max_entities=max_entities)


def write_html(corpus: Corpus, path: str | Path, *, title: str = "rashomon report", max_entities: int = 300,
               min_confidence: float = 0.0) -> None:
    """Write `render_html(corpus, ...)` to `path` as UTF-8."""
    path = Path(path)
    path.write_text(render_html(corpus, title=title, max_entities=max_entities, min_confidence=min_confidence),
                    encoding="utf-8")
    logger.info("wrote %s", path)

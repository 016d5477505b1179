"""The Markdown report: the HTML report's views, compact: sources, timeline, entities with variants and counts,
numbers, and the stance table. It formats the report's views (`views.report_view`) and nothing else."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .. import __version__
from ..model import Corpus, Span
from .text import Passage, cut
from .views import ClaimLine, FigureItem, ReportView, SidesView, TimelineItem, report_view

logger = logging.getLogger(__name__)

_SPECIAL = re.compile(r"([\\`*\[\]<>|#]|(?<!\w)_|_(?!\w))")  # "_" inside a word is no emphasis


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _escape(text: str) -> str:
    """Markdown characters backslash-escaped (the text is already on one line)."""
    return _SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell: one line, Markdown characters backslash-escaped."""
    return _escape(" ".join(text.split()))


def _sentence(passage: Passage, target: Span) -> str:
    """The sentence on one line with the target in bold."""
    before, words, after = cut(passage, target)
    return f"{_escape(before)}**{_cell(words)}**{_escape(after)}"


def format_markdown(view: ReportView, *, title: str = "rashomon report", max_entities: int = 300) -> str:
    """The report's views as Markdown (see `render_markdown`)."""
    summary, docs = view.sources.summary, view.sources.documents
    lines = [f"# {_cell(title)}", "",
             f"{summary.sources} sources, {summary.entities} entities in {summary.mentions} mentions, "
             f"{summary.claims} numbers in {summary.groups} groups, {summary.events} events. "
             f"Made by rashomon {__version__}.",
             "", "## Sources", ""]
    lines += _table(["Title", "Outlet", "Author", "Published", "Words"], [
        [_cell(doc.title), _cell(doc.outlet or ""), _cell(doc.author or ""),
         doc.published if doc.published is not None else "no date", str(doc.words)] for doc in docs])
    lines += _timeline(view.timeline.items)
    if view.timeline.hidden:
        count = len(view.timeline.hidden)
        lines += ["", f"*{count} more event{'' if count == 1 else 's'} below confidence {view.timeline.threshold:.2f} "
                      "are not listed: `rashomon timeline --all` shows every event.*"]
    lines += ["", "## Entities", ""]
    ranked = view.entities.entities
    rows = []
    for entity in ranked[:max(0, max_entities)]:
        forms = ", ".join(f"{_cell(text)} ×{n}" if n else _cell(text) for text, n in entity.variants)
        sources = ", ".join(f"{_cell(label)} ×{n}" for label, n in entity.by_source)
        rows.append([_cell(entity.name), entity.type, forms, str(entity.mentions), sources])
    lines += _table(["Entity", "Type", "Variants", "Mentions", "By source"], rows) if rows else ["No entities."]
    if len(ranked) > max_entities:
        left_out = len(ranked) - max(0, max_entities)
        lines += ["", f"{left_out} less-mentioned entities left out; the JSON export has them all."]
    if view.claims.groups or view.claims.ungrouped:
        lines += ["", "## Numbers", ""]
        for group in view.claims.groups:
            lines += [f"### {_cell(group.label)} ({group.verdict})", ""]
            lines += [*_table(["Source", "Number", "Attributed to", "Sentence"],
                              [_claim_row(claim) for claim in group.claims]), ""]
    lines += _stance_table(view.sides)
    return "\n".join(lines).rstrip() + "\n"


def _claim_row(claim: ClaimLine) -> list[str]:
    number = f"**{_cell(claim.text)}**" + (f" ({_cell(claim.reads_as)})" if claim.reads_as else "")
    return [_cell(claim.source), number, _cell(claim.attributed_to) or "the author",
            _sentence(claim.passage, claim.span)]


def _timeline(items: tuple[TimelineItem, ...]) -> list[str]:
    """One line per event: date, what, where, how many articles, markers; under it, where the sources name places
    that cannot be one, and a line per quantity the sources give figures for, with their verdict."""
    lines = []
    for item in items:
        date = item.date or "undated"
        if item.date_conflict:
            date += " (sources differ: " + ", ".join(item.dates) + ")"
        where = ", ".join(item.places)
        text = _cell(item.what) + (f" in {_cell(where)}" if where else "")
        marker = "".join(f" *{flag}*" for flag in item.flags)
        lines.append(f"- **{_cell(date)}** {text}{marker}; {item.articles} article"
                     f"{'' if item.articles == 1 else 's'} ({item.independent} independent)")
        if item.place_conflict:
            lines.append("  - **⚠ places differ**: " + "; ".join(
                f"{_cell(place.source)}: {_cell(', '.join(place.places))}" for place in item.place_conflict))
        lines += [_figure_line(figure) for figure in item.figures]
    return ["", "## Timeline", "", *lines] if lines else []


def _figure_line(figure: FigureItem) -> str:
    """'  - militia fighters killed, sources agree: Outlet A: **25**; Outlet B: **25** (per Reuters)'."""
    verdict = f"**⚠ {figure.verdict_text}**" if figure.verdict == "differ" else figure.verdict_text
    parts = []
    for claim in figure.claims:
        notes = ", ".join(_cell(note) for note in (claim.reads_as, claim.per) if note)
        parts.append(f"{_cell(claim.source)}: **{_cell(claim.text)}**" + (f" ({notes})" if notes else ""))
    return f"  - {_cell(figure.label)}, {verdict}: " + "; ".join(parts)


def _stance_table(view: SidesView) -> list[str]:
    """Entities by sources: label, score and confidence, or "not enough evidence"; entities judged by most sources
    first, then most mentioned (as in HTML)."""
    columns = view.stance_sources
    if not columns:
        return []
    rows = [[_cell(row.entity.name), *(cell.summary if (cell := row.cells.get(doc.id)) else "–" for doc in columns)]
            for row in view.rows]
    return ["", "## Stances", "", *_table(["Entity", *(_cell(doc.source) for doc in columns)], rows)]


def render_markdown(corpus: Corpus, *, title: str = "rashomon report", max_entities: int = 300,
                    min_confidence: float = 0.0) -> str:
    """The report as Markdown: a summary line, then the sources, the timeline, the entities, the claim groups and
    the stance table.

    Args:
        corpus: what to report, usually `Store.load()`.
        title: the top heading.
        max_entities: entities listed, most mentioned first (the JSON export has all).
        min_confidence: events below this confidence are left out of the timeline, and counted.
    """
    return format_markdown(report_view(corpus, min_confidence=min_confidence), title=title, max_entities=max_entities)


def write_markdown(corpus: Corpus, path: str | Path, *, title: str = "rashomon report",
                   max_entities: int = 300, min_confidence: float = 0.0) -> None:
    """Write `render_markdown(corpus, ...)` to `path` as UTF-8."""
    path = Path(path)
    path.write_text(render_markdown(corpus, title=title, max_entities=max_entities, min_confidence=min_confidence),
                    encoding="utf-8")
    logger.info("wrote %s", path)

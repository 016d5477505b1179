"""The Markdown report: the HTML report's content, compact: sources, timeline, entities with variants and counts,
numbers, and the stance table."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from .. import __version__
from ..model import Corpus, Document, Span
from .common import (
    describe_amount,
    document_title,
    mentions_by_source,
    ranked_entities,
    same_number,
    sorted_documents,
    snippet_parts,
    sorted_groups,
    source_label,
    variants,
)

from .figures import VERDICT_TEXT, FigureView, figures_by_event
from .timeline import event_label, flags_of, sorted_events

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


def _sentence(doc: Document, sentence: Span, target: Span) -> str:
    """The sentence on one line with the target in bold."""
    before, words, after = snippet_parts(doc, sentence, target)
    return f"{_escape(before)}**{_cell(words)}**{_escape(after)}"


def render_markdown(corpus: Corpus, *, title: str = "rashomon report", max_entities: int = 300) -> str:
    """The report as Markdown: a summary line, then tables of sources, entities and claim groups.

    Args:
        corpus: what to report, usually `Store.load()`.
        title: the top heading.
        max_entities: entities listed, most mentioned first (the JSON export has all).
    """
    docs = sorted_documents(corpus)
    ranked = ranked_entities(corpus)
    lines = [f"# {_cell(title)}", "",
             f"{len(docs)} sources, {len(corpus.entities)} entities in {len(corpus.mentions)} mentions, "
             f"{len(corpus.claims)} numbers in {len(corpus.claim_groups)} groups, {len(corpus.events)} events. "
             f"Made by rashomon {__version__}.",
             "", "## Sources", ""]
    lines += _table(["Title", "Outlet", "Author", "Published", "Words"], [
        [_cell(document_title(doc)), _cell(doc.outlet.value if doc.outlet else ""),
         _cell(doc.author.value if doc.author else ""), doc.published.value if doc.published else "no date",
         str(doc.words)] for doc in docs])
    lines += _timeline(corpus, {doc.id for doc in docs})
    lines += ["", "## Entities", ""]
    rows = []
    for entity, mentions in ranked[:max(0, max_entities)]:
        forms = ", ".join(f"{_cell(text)} ×{n}" if n else _cell(text) for text, n in variants(entity, mentions))
        sources = ", ".join(f"{_cell(label)} ×{n}" for label, n in mentions_by_source(corpus, mentions))
        rows.append([_cell(entity.name), entity.type, forms, str(len(mentions)), sources])
    lines += _table(["Entity", "Type", "Variants", "Mentions", "By source"], rows) if rows else ["No entities."]
    if len(ranked) > max_entities:
        lines += ["", f"{len(ranked) - max(0, max_entities)} less-mentioned entities left out; the JSON export has them all."]
    by_id = {doc.id: doc for doc in corpus.documents}
    claims = {claim.id: claim for claim in corpus.claims if claim.doc_id in by_id}
    if claims:
        lines += ["", "## Numbers", ""]
        for group in sorted_groups(corpus.claim_groups):
            members = [claims[c] for c in group.claim_ids if c in claims]
            if not members:
                continue
            lines += [f"### {_cell(group.label)} ({group.verdict})", ""]
            table = []
            for claim in members:
                doc = by_id[claim.doc_id]
                amount = describe_amount(claim)
                number = f"**{_cell(claim.text)}**" + (f" ({_cell(amount)})" if amount and not same_number(amount, claim.text) else "")
                table.append([_cell(source_label(doc)), number, _cell(claim.attributed_to) or "the author",
                              _sentence(doc, claim.sentence, claim.span)])
            lines += _table(["Source", "Number", "Attributed to", "Sentence"], table) + [""]
    lines += _stance_table(corpus, docs)
    return "\n".join(lines).rstrip() + "\n"


def _timeline(corpus: Corpus, doc_ids: set[str]) -> list[str]:
    """One line per event with a mention in `doc_ids`: date, what, where, how many articles, markers; under it, a
    line per quantity the sources give figures for, with their verdict."""
    entities = {e.id: e for e in corpus.entities}
    mentions = {m.id: m for m in corpus.event_mentions}
    figures = figures_by_event(corpus)
    docs = {doc.id: doc for doc in corpus.documents if doc.id in doc_ids}
    lines = []
    for event in sorted_events(corpus.events):
        members = [mentions[m] for m in event.mention_ids if m in mentions and mentions[m].doc_id in doc_ids]
        if not members:
            continue
        date = event.date or "undated"
        if event.date_conflict:
            date += " (sources differ: " + ", ".join(event.dates) + ")"
        flags = set.intersection(*(set(flags_of(m)) for m in members))
        where = ", ".join(dict.fromkeys(p.name for p in event.places))
        text = _cell(event_label(replace(event, date=None), entities)) + (f" in {_cell(where)}" if where else "")
        marker = "".join(f" *{flag}*" for flag in flags_of(members[0]) if flag in flags)
        lines.append(f"- **{_cell(date)}** {text}{marker}; {len(event.doc_ids)} article"
                     f"{'' if len(event.doc_ids) == 1 else 's'} ({event.independent_sources} independent)")
        differing = [(doc_id, names) for doc_id, names in event.place_conflict if doc_id in docs]
        if differing:
            lines.append("  - **⚠ places differ**: " + "; ".join(
                f"{_cell(source_label(docs[doc_id]))}: {_cell(', '.join(names))}" for doc_id, names in differing))
        lines += [_figure_line(figure, doc_ids) for figure in figures.get(event.id, ())]
    return ["", "## Timeline", "", *lines] if lines else []


def _figure_line(figure: FigureView, doc_ids: set[str]) -> str:
    """'  - militia fighters killed, sources agree: Outlet A: **25**; Outlet B: **25** (per Reuters)'."""
    verdict = VERDICT_TEXT.get(figure.verdict, figure.verdict)
    verdict = f"**⚠ {verdict}**" if figure.verdict == "differ" else verdict
    parts = []
    for item in figure.figures:
        if item.claim.doc_id not in doc_ids:
            continue
        amount = "" if same_number(item.amount, item.claim.text) else item.amount
        notes = ", ".join(_cell(note) for note in (amount, item.per) if note)
        parts.append(f"{_cell(item.source)}: **{_cell(item.claim.text)}**" + (f" ({notes})" if notes else ""))
    return f"  - {_cell(figure.label)}, {verdict}: " + "; ".join(parts)


def _stance_table(corpus: Corpus, docs: list[Document]) -> list[str]:
    """Entities by sources: label and score; entities judged by most sources first, then most mentioned (as in HTML)."""
    columns = [doc for doc in docs if any(s.source == doc.id for s in corpus.stances)]
    if not columns:
        return []
    cells: dict[str, dict[str, str]] = {}
    mentions: Counter[str] = Counter()
    for stance in corpus.stances:
        cells.setdefault(stance.entity_id, {})[stance.source] = f"{stance.label} {stance.score:+.2f}"
        mentions[stance.entity_id] += stance.mentions
    names = {e.id: e.name for e in corpus.entities}
    order = sorted(cells, key=lambda e: (-len(cells[e]), -mentions[e], names.get(e, e).casefold()))
    rows = [[_cell(names.get(e, e)), *(cells[e].get(doc.id, "–") for doc in columns)] for e in order
            if any(doc.id in cells[e] for doc in columns)]
    return ["", "## Stances", "", *_table(["Entity", *(_cell(source_label(doc)) for doc in columns)], rows)]


def write_markdown(corpus: Corpus, path: str | Path, *, title: str = "rashomon report", max_entities: int = 300) -> None:
    """Write `render_markdown(corpus, ...)` to `path` as UTF-8."""
    path = Path(path)
    path.write_text(render_markdown(corpus, title=title, max_entities=max_entities), encoding="utf-8")
    logger.info("wrote %s", path)

"""The Markdown report: the HTML report's content, compact: sources, entities with variants and counts, numbers."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .. import __version__
from ..model import Corpus, Document, Span
from .html import (
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
             f"{len(corpus.claims)} numbers in {len(corpus.claim_groups)} groups. Made by rashomon {__version__}.",
             "", "## Sources", ""]
    lines += _table(["Title", "Outlet", "Author", "Published", "Words"], [
        [_cell(document_title(doc)), _cell(doc.outlet.value if doc.outlet else ""),
         _cell(doc.author.value if doc.author else ""), doc.published.value if doc.published else "no date",
         str(doc.words)] for doc in docs])
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
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(corpus: Corpus, path: str | Path, *, title: str = "rashomon report", max_entities: int = 300) -> None:
    """Write `render_markdown(corpus, ...)` to `path` as UTF-8."""
    path = Path(path)
    path.write_text(render_markdown(corpus, title=title, max_entities=max_entities), encoding="utf-8")
    logger.info("wrote %s", path)

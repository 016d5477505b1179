"""The HTML report: one self-contained file (inline CSS, no scripts, no external URL) a reader can open anywhere.

Document text is never marked safe: the highlighted text is built here by cutting the text at mention
and claim offsets and escaping every piece (markupsafe.escape); the Jinja2 template autoescapes the rest.
Every highlighted name links to its entity, every entity lists its mentions with links back into the
texts, and every number in the claims tables links to the span it was read from.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import __version__
from ..model import Claim, Corpus, Document, Entity, Mention
from .common import (
    Mark,
    anchor_id,
    describe_amount,
    document_title,
    highlight,
    mentions_by_source,
    ranked_entities,
    same_number,
    snippet,
    sorted_documents,
    sorted_groups,
    source_label,
    variants,
)
from .sides import sides_view
from .timeline import event_marks, timeline_items

logger = logging.getLogger(__name__)

_MENTION_LINES = 50  # mentions listed per entity; all are highlighted in the texts
_TYPE_NAMES = {"PERSON": "person", "ORG": "organisation", "PLACE": "place", "GROUP": "group"}


def _mention_mark(mention: Mention, entity: Entity | None, shown: set[str]) -> Mark:
    kind = _TYPE_NAMES.get(mention.type, mention.type.lower())
    tip = f"{entity.name} ({kind})" if entity is not None else f"{mention.text} ({kind}, not resolved)"
    if mention.title:
        tip = f"{mention.title} {tip}"
    ident = anchor_id("m", mention.id)
    classes = f"m m-{mention.type}"
    plain = Markup('<span class="{}" id="{}" title="{}">').format(classes, ident, tip)
    link = plain
    if entity is not None and entity.id in shown:
        link = Markup('<a class="{}" id="{}" href="#{}" title="{}">').format(classes, ident,
                                                                            anchor_id("entity", entity.id), tip)
    return Mark(mention.span.start, mention.span.end, link, plain, Markup("</a>"), Markup("</span>"),
                Markup('<span id="{}"></span>').format(ident))


def _claim_mark(claim: Claim) -> Mark:
    ident = anchor_id("c", claim.id)
    tip = " ".join(part for part in (describe_amount(claim), claim.measure, claim.counted) if part) or "number"
    tag = Markup('<mark class="c" id="{}" title="{}">').format(ident, tip)
    return Mark(claim.span.start, claim.span.end, tag, tag, Markup("</mark>"), Markup("</mark>"),
                Markup('<span id="{}"></span>').format(ident))


# -- the view the template renders -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _EntityRow:
    anchor: str
    entity: Entity
    type_name: str
    total: int
    variants: list[tuple[str, int]]
    by_source: list[tuple[str, int]]
    lines: list[tuple[str, str, Markup]]  # (source label, document anchor, sentence)
    more: int


@dataclass(frozen=True, slots=True)
class _ClaimRow:
    source: str
    doc_anchor: str
    number: Markup
    amount: str
    what: str
    attributed_to: str
    sentence: Markup


@dataclass(frozen=True, slots=True)
class _ClaimTable:
    label: str
    verdict: str
    rows: list[_ClaimRow]


def _entity_rows(corpus: Corpus, ranked: list[tuple[Entity, list[Mention]]]) -> list[_EntityRow]:
    docs = {doc.id: doc for doc in corpus.documents}
    rows = []
    for entity, mentions in ranked:
        lines = []
        for mention in mentions[:_MENTION_LINES]:
            doc = docs.get(mention.doc_id)
            if doc is not None:
                lines.append((source_label(doc), anchor_id("doc", doc.id),
                              snippet(doc, mention.sentence, mention.span, href="#" + anchor_id("m", mention.id))))
        rows.append(_EntityRow(anchor_id("entity", entity.id), entity, _TYPE_NAMES.get(entity.type, entity.type),
                               len(mentions), variants(entity, mentions), mentions_by_source(corpus, mentions), lines,
                               max(0, len(mentions) - _MENTION_LINES)))
    return rows


def _claim_row(corpus: Corpus, claim: Claim) -> _ClaimRow:
    doc = corpus.document(claim.doc_id)
    href = "#" + anchor_id("c", claim.id)
    what = " ".join(part for part in (claim.measure, claim.counted, f"in {claim.place}" if claim.place else "",
                                      claim.period) if part)
    amount = describe_amount(claim)
    return _ClaimRow(source_label(doc), anchor_id("doc", doc.id), Markup('<a href="{}">{}</a>').format(href, claim.text),
                     "" if same_number(amount, claim.text) else amount, what, claim.attributed_to, snippet(doc, claim.sentence, claim.span))


def _claim_tables(corpus: Corpus) -> list[_ClaimTable]:
    doc_ids = {doc.id for doc in corpus.documents}
    claims = {c.id: c for c in corpus.claims if c.doc_id in doc_ids}
    tables = []
    grouped: set[str] = set()
    for group in sorted_groups(corpus.claim_groups):
        members = [claims[c] for c in group.claim_ids if c in claims]
        grouped.update(c.id for c in members)
        if members:
            tables.append(_ClaimTable(group.label, group.verdict, [_claim_row(corpus, c) for c in members]))
    rest = [c for c in claims.values() if c.id not in grouped]
    if rest:
        tables.append(_ClaimTable("numbers in no group", "", [_claim_row(corpus, c) for c in rest]))
    return tables


def _documents(corpus: Corpus, docs: list[Document], entities: list[Entity], shown: set[str]) -> list[dict[str, object]]:
    entity_of = {m: e for e in entities for m in e.mention_ids}
    marks: dict[str, list[Mark]] = {doc.id: [] for doc in docs}
    for mention in corpus.mentions:
        if mention.doc_id in marks:
            marks[mention.doc_id].append(_mention_mark(mention, entity_of.get(mention.id), shown))
    for claim in corpus.claims:
        if claim.doc_id in marks:
            marks[claim.doc_id].append(_claim_mark(claim))
    for doc_id, triggers in event_marks(corpus, marks.keys()).items():
        marks[doc_id].extend(triggers)
    return [{"doc": doc, "anchor": anchor_id("doc", doc.id), "title": document_title(doc), "source": source_label(doc),
             "text": highlight(doc.text, marks[doc.id])} for doc in docs]


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("rashomon.render", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_html(corpus: Corpus, *, title: str = "rashomon report", max_entities: int = 300) -> str:
    """The report as one self-contained HTML page.

    Sections: sources, timeline of events, entities, numbers, sources side by side (stances, framing,
    distinctive vocabulary, quotes), and the highlighted texts every other section links into.

    Args:
        corpus: what to report, usually `Store.load()`.
        title: the page's title and heading.
        max_entities: entities listed in the entity table, most mentioned first (the JSON export has all).
    """
    docs = sorted_documents(corpus)
    ranked = ranked_entities(corpus)
    listed = ranked[:max(0, max_entities)]
    shown = {entity.id for entity, _ in listed}
    tables = _claim_tables(corpus)
    counts = {"sources": len(docs), "entities": len(corpus.entities), "mentions": len(corpus.mentions),
              "claims": len(corpus.claims), "groups": len(corpus.claim_groups),
              "differ": sum(1 for g in corpus.claim_groups if g.verdict == "differ"),
              "words": sum(doc.words for doc in docs), "events": len(corpus.events), "quotes": len(corpus.quotes)}
    by_id = {doc.id: doc for doc in docs}
    timeline = timeline_items(corpus, by_id, shown)
    sides = sides_view(corpus, docs, shown, {item.anchor for item in timeline})
    page = _environment().get_template("report.html.j2").render(
        timeline=timeline, sides=sides,
        title=title, version=__version__, counts=counts, docs=docs, document_title=document_title,
        source_label=source_label, entities=_entity_rows(corpus, listed), hidden=len(ranked) - len(listed),
        claim_tables=tables, documents=_documents(corpus, docs, list(corpus.entities), shown), types=_TYPE_NAMES,
        anchor=anchor_id)
    return page


def write_html(corpus: Corpus, path: str | Path, *, title: str = "rashomon report", max_entities: int = 300) -> None:
    """Write `render_html(corpus, ...)` to `path` as UTF-8."""
    path = Path(path)
    path.write_text(render_html(corpus, title=title, max_entities=max_entities), encoding="utf-8")
    logger.info("wrote %s", path)

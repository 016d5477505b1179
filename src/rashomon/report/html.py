"""The HTML report: one self-contained file (inline CSS, no scripts, no external URL) a reader can open anywhere.

Document text is never marked safe: the highlighted text is built here by cutting the text at mention
and claim offsets and escaping every piece (markupsafe.escape); the Jinja2 template autoescapes the rest.
Every highlighted name links to its entity, every entity lists its mentions with links back into the
texts, and every number in the claims tables links to the span it was read from.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import __version__
from ..model import Claim, ClaimGroup, Corpus, Document, Entity, Mention, Span

logger = logging.getLogger(__name__)

_SNIPPET = 320  # longest sentence shown whole in a table; longer ones are cut around the highlighted words
_MENTION_LINES = 50  # mentions listed per entity; all are highlighted in the texts
_VERDICT_ORDER = {"differ": 0, "agree": 1, "single": 2}
_TYPE_NAMES = {"PERSON": "person", "ORG": "organisation", "PLACE": "place", "GROUP": "group"}


# -- shared with the Markdown report -------------------------------------------------------------------


def document_title(doc: Document) -> str:
    """The document's title, or its file name when it has none."""
    return doc.title.value if doc.title is not None and doc.title.value.strip() else Path(doc.path).name or doc.id


def source_label(doc: Document) -> str:
    """A short name for where a document comes from: its outlet, or its file name."""
    return doc.outlet.value if doc.outlet is not None and doc.outlet.value.strip() else Path(doc.path).name or doc.id


def sorted_documents(corpus: Corpus) -> list[Document]:
    """Documents by publication date (undated last), then source and title."""
    return sorted(corpus.documents, key=lambda d: (d.published is None, d.published.value if d.published else "",
                                                   source_label(d), document_title(d)))


def ranked_entities(corpus: Corpus) -> list[tuple[Entity, list[Mention]]]:
    """Entities with their mentions (those the corpus holds), most mentioned first, then by name."""
    mentions = {mention.id: mention for mention in corpus.mentions}
    ranked = [(entity, [mentions[m] for m in entity.mention_ids if m in mentions]) for entity in corpus.entities]
    return sorted(ranked, key=lambda pair: (-len(pair[1]), pair[0].name.casefold(), pair[0].id))


def mentions_by_source(corpus: Corpus, mentions: Iterable[Mention]) -> list[tuple[str, int]]:
    """[(source label, mentions)], most first: how often each source mentions something."""
    docs = {doc.id: doc for doc in corpus.documents}
    counts = Counter(source_label(docs[m.doc_id]) for m in mentions if m.doc_id in docs)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def variants(entity: Entity, mentions: Iterable[Mention]) -> list[tuple[str, int]]:
    """[(surface form, mentions)] for every alias but the canonical name, in alias order."""
    counts = Counter(m.text for m in mentions)
    seen = {entity.name}
    found = []
    for alias in entity.aliases:
        if alias not in seen:
            seen.add(alias)
            found.append((alias, counts[alias]))
    return found


def sorted_groups(groups: Sequence[ClaimGroup]) -> list[ClaimGroup]:
    """Claim groups that differ first, then those that agree, then single claims; bigger groups first."""
    return sorted(groups, key=lambda g: (_VERDICT_ORDER.get(g.verdict, 3), -len(g.claim_ids), g.label.casefold()))


def format_number(value: float) -> str:
    """500.0 -> "500", 1234567.0 -> "1,234,567", 2.5 -> "2.5"."""
    return f"{int(value):,}" if value.is_integer() and abs(value) < 1e15 else f"{value:,.10g}"


def describe_amount(claim: Claim) -> str:
    """The parsed amount: "500", "≥ 600", "100–200", with its unit; "" when nothing was parsed."""
    low, high = claim.low, claim.high
    if low is not None and high is not None:
        text = format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
    elif low is not None:
        text = f"≥ {format_number(low)}"
    elif high is not None:
        text = f"≤ {format_number(high)}"
    elif claim.value is not None:
        text = format_number(claim.value)
    else:
        return ""
    return f"{text} {claim.unit}" if claim.unit else text


def same_number(amount: str, text: str) -> bool:
    """True when the parsed amount says nothing the stated text does not ("5,300" for "5300")."""
    return amount.replace(",", "").strip() == text.replace(",", "").strip()


# -- highlighting ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mark:
    """A span to wrap in the text: `link` is the tag to use, `plain` the one to use inside another link."""

    start: int
    end: int
    link: Markup
    plain: Markup
    close_link: Markup
    close_plain: Markup
    anchor: Markup  # an empty element carrying the id, when the span crosses another and cannot be wrapped


def _anchor(prefix: str, raw: str) -> str:
    """An HTML id (no whitespace) for a record id."""
    return f"{prefix}-" + "_".join(raw.split())


def highlight(text: str, marks: Sequence[_Mark]) -> Markup:
    """The text, escaped, with each mark wrapped in its tags. Nested marks nest; a mark that crosses
    an open one becomes an empty anchor at its start, so links to it still land."""
    out: list[str] = []
    pos = 0
    stack: list[tuple[int, Markup, bool]] = []  # (end, closing tag, is a link)

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1][0] <= limit:
            end, closing, _ = stack.pop()
            out.append(escape(text[pos:end]))
            out.append(closing)
            pos = max(pos, end)

    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        close_until(mark.start)
        out.append(escape(text[pos:mark.start]))
        pos = max(pos, mark.start)
        if stack and mark.end > stack[-1][0]:
            out.append(mark.anchor)
            continue
        inside_link = any(is_link for _, _, is_link in stack)
        as_link = mark.link != mark.plain and not inside_link
        out.append(mark.link if as_link else mark.plain)
        stack.append((mark.end, mark.close_link if as_link else mark.close_plain, as_link))
    close_until(sys.maxsize)
    out.append(escape(text[pos:]))
    return Markup("".join(out))


def _mention_mark(mention: Mention, entity: Entity | None, shown: set[str]) -> _Mark:
    kind = _TYPE_NAMES.get(mention.type, mention.type.lower())
    tip = f"{entity.name} ({kind})" if entity is not None else f"{mention.text} ({kind}, not resolved)"
    if mention.title:
        tip = f"{mention.title} {tip}"
    ident = _anchor("m", mention.id)
    classes = f"m m-{mention.type}"
    plain = Markup('<span class="{}" id="{}" title="{}">').format(classes, ident, tip)
    link = plain
    if entity is not None and entity.id in shown:
        link = Markup('<a class="{}" id="{}" href="#{}" title="{}">').format(classes, ident,
                                                                            _anchor("entity", entity.id), tip)
    return _Mark(mention.span.start, mention.span.end, link, plain, Markup("</a>"), Markup("</span>"),
                 Markup('<span id="{}"></span>').format(ident))


def _claim_mark(claim: Claim) -> _Mark:
    ident = _anchor("c", claim.id)
    tip = " ".join(part for part in (describe_amount(claim), claim.measure, claim.counted) if part) or "number"
    tag = Markup('<mark class="c" id="{}" title="{}">').format(ident, tip)
    return _Mark(claim.span.start, claim.span.end, tag, tag, Markup("</mark>"), Markup("</mark>"),
                 Markup('<span id="{}"></span>').format(ident))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def snippet_parts(doc: Document, sentence: Span, target: Span) -> tuple[str, str, str]:
    """(before, target, after): the sentence around `target` on one line, "…" where it was cut.

    A sentence longer than about _SNIPPET characters is cut around the target.
    """
    first, last = min(sentence.start, target.start), max(sentence.end, target.end)
    start, end = first, last
    if end - start > _SNIPPET:
        room = max(0, (_SNIPPET - len(target)) // 2)
        start, end = max(start, target.start - room), min(end, target.end + room)
        if start > first:  # cut at a word boundary
            space = doc.text.find(" ", start, target.start)
            start = space + 1 if space >= 0 else start
        if end < last:
            space = doc.text.rfind(" ", target.end, end)
            end = space if space >= 0 else end
    before = ("…" if start > first else "") + _squash(doc.text[start:target.start]).lstrip()
    after = _squash(doc.text[target.end:end]).rstrip() + ("…" if end < last else "")
    return before, _squash(doc.text[target.start:target.end]), after


def snippet(doc: Document, sentence: Span, target: Span, *, href: str | None = None) -> Markup:
    """`snippet_parts` as escaped HTML, the target bold (and a link to `href` when given)."""
    before, words, after = snippet_parts(doc, sentence, target)
    hit = (Markup('<a class="hit" href="{}">{}</a>').format(href, words) if href
           else Markup("<b>{}</b>").format(words))
    return Markup("{}{}{}").format(before, hit, after)


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
                lines.append((source_label(doc), _anchor("doc", doc.id),
                              snippet(doc, mention.sentence, mention.span, href="#" + _anchor("m", mention.id))))
        rows.append(_EntityRow(_anchor("entity", entity.id), entity, _TYPE_NAMES.get(entity.type, entity.type),
                               len(mentions), variants(entity, mentions), mentions_by_source(corpus, mentions), lines,
                               max(0, len(mentions) - _MENTION_LINES)))
    return rows


def _claim_row(corpus: Corpus, claim: Claim) -> _ClaimRow:
    doc = corpus.document(claim.doc_id)
    href = "#" + _anchor("c", claim.id)
    what = " ".join(part for part in (claim.measure, claim.counted, f"in {claim.place}" if claim.place else "",
                                      claim.period) if part)
    amount = describe_amount(claim)
    return _ClaimRow(source_label(doc), _anchor("doc", doc.id), Markup('<a href="{}">{}</a>').format(href, claim.text),
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
    marks: dict[str, list[_Mark]] = {doc.id: [] for doc in docs}
    for mention in corpus.mentions:
        if mention.doc_id in marks:
            marks[mention.doc_id].append(_mention_mark(mention, entity_of.get(mention.id), shown))
    for claim in corpus.claims:
        if claim.doc_id in marks:
            marks[claim.doc_id].append(_claim_mark(claim))
    return [{"doc": doc, "anchor": _anchor("doc", doc.id), "title": document_title(doc), "source": source_label(doc),
             "text": highlight(doc.text, marks[doc.id])} for doc in docs]


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("rashomon.report", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_html(corpus: Corpus, *, title: str = "rashomon report", max_entities: int = 300) -> str:
    """The report as one self-contained HTML page: sources, entities, claims, and the highlighted texts.

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
              "words": sum(doc.words for doc in docs)}
    page = _environment().get_template("report.html.j2").render(
        title=title, version=__version__, counts=counts, docs=docs, document_title=document_title,
        source_label=source_label, entities=_entity_rows(corpus, listed), hidden=len(ranked) - len(listed),
        claim_tables=tables, documents=_documents(corpus, docs, list(corpus.entities), shown), types=_TYPE_NAMES,
        anchor=_anchor)
    return page


def write_html(corpus: Corpus, path: str | Path, *, title: str = "rashomon report", max_entities: int = 300) -> None:
    """Write `render_html(corpus, ...)` to `path` as UTF-8."""
    path = Path(path)
    path.write_text(render_html(corpus, title=title, max_entities=max_entities), encoding="utf-8")
    logger.info("wrote %s", path)

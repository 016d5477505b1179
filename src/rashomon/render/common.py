"""What the HTML, Markdown and perspective views share: labels and ordering of records, and escaped highlighting.

Document text is never marked safe: `highlight` and `snippet` cut the text at offsets and escape every piece.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from ..model import Claim, ClaimGroup, Corpus, Document, Entity, Mention, Span

_SNIPPET = 320  # longest sentence shown whole in a table; longer ones are cut around the highlighted words
_VERDICT_ORDER = {"differ": 0, "agree": 1, "single": 2}


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
class Mark:
    """A span to wrap in the text: `link` is the tag to use, `plain` the one to use inside another link."""

    start: int
    end: int
    link: Markup
    plain: Markup
    close_link: Markup
    close_plain: Markup
    anchor: Markup  # an empty element carrying the id, when the span crosses another and cannot be wrapped


def anchor_id(prefix: str, raw: str) -> str:
    """An HTML id (no whitespace) for a record id."""
    return f"{prefix}-" + "_".join(raw.split())


def highlight(text: str, marks: Sequence[Mark]) -> Markup:
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


def snippet_hits(doc: Document, sentence: Span, hits: Sequence[tuple[Span, str]]) -> Markup:
    """The sentence as escaped HTML with every (span, href) of `hits` a link: one line for several
    words of one sentence ("an attack ... which killed a contractor and wounded 4 soldiers")."""
    ordered = sorted(hits, key=lambda hit: hit[0].start)
    whole = Span(ordered[0][0].start, ordered[-1][0].end)
    before, _, after = snippet_parts(doc, sentence, whole)
    parts: list[Markup] = [escape(before)]
    position = whole.start
    for span, href in ordered:
        parts.append(escape(_squash(doc.text[position:span.start])))
        parts.append(Markup('<a class="hit" href="{}">{}</a>').format(href, _squash(doc.text[span.start:span.end])))
        position = max(position, span.end)
    parts.append(escape(after))
    return Markup("").join(parts)


def snippet(doc: Document, sentence: Span, target: Span, *, href: str | None = None) -> Markup:
    """`snippet_parts` as escaped HTML, the target bold (and a link to `href` when given)."""
    before, words, after = snippet_parts(doc, sentence, target)
    hit = (Markup('<a class="hit" href="{}">{}</a>').format(href, words) if href
           else Markup("<b>{}</b>").format(words))
    return Markup("{}{}{}").format(before, hit, after)

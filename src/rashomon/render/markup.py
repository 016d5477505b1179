"""HTML from the views' plain text: a document's text with spans wrapped in tags, and a passage with its words
linked. The HTML report and the web pages both build their markup here, each with its own links.

Document text is never marked safe: the text is cut at offsets and every piece escaped (markupsafe.escape);
only the tags, built with `Markup.format` (which escapes its arguments), are markup.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Span
from .text import Passage, cut, squash


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


def snippet(passage: Passage, target: Span, *, href: str | None = None) -> Markup:
    """The sentence around `target` (`cut`) as escaped HTML, the target bold, or a link to `href` when given."""
    before, words, after = cut(passage, target)
    hit = (Markup('<a class="hit" href="{}">{}</a>').format(href, words) if href
           else Markup("<b>{}</b>").format(words))
    return Markup("{}{}{}").format(before, hit, after)


def snippet_hits(passage: Passage, hits: Sequence[tuple[Span, str]]) -> Markup:
    """The sentence as escaped HTML with every (span, href) of `hits` a link: one line for several
    words of one sentence ("an attack ... which killed a contractor and wounded 4 soldiers")."""
    ordered = sorted(hits, key=lambda hit: hit[0].start)
    whole = Span(ordered[0][0].start, ordered[-1][0].end)
    before, _, after = cut(passage, whole)
    parts: list[Markup] = [escape(before)]
    position = whole.start
    for span, href in ordered:
        parts.append(escape(squash(passage.text[position - passage.start:span.start - passage.start])))
        parts.append(Markup('<a class="hit" href="{}">{}</a>').format(href, squash(passage.slice(span))))
        position = max(position, span.end)
    parts.append(escape(after))
    return Markup("").join(parts)


def marked_sentence(passage: Passage, cues: Sequence[Span], target: Span | None, target_href: str | None) -> Markup:
    """The sentence, escaped (HTML folds its line breaks), with cue words marked and the target bold (linked
    when `target_href`); words outside the sentence are cut to it."""
    sentence = passage.sentence

    def shifted(span: Span, opening: Markup, closing: Markup) -> Mark | None:
        start, end = max(span.start, sentence.start) - sentence.start, min(span.end, sentence.end) - sentence.start
        if start >= end:
            return None
        return Mark(start, end, opening, opening, closing, closing, Markup(""))

    marks = [shifted(span, Markup('<mark class="cue">'), Markup("</mark>")) for span in cues]
    if target is not None:
        opening = (Markup('<a class="target" href="{}">').format(target_href) if target_href
                   else Markup('<b class="target">'))
        marks.append(shifted(target, opening, Markup("</a>") if target_href else Markup("</b>")))
    return highlight(passage.sentence_text, [m for m in marks if m is not None])

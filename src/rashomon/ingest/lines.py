"""Rejoin hard line breaks: lines broken mid-sentence (PDF, e-mail) and words hyphenated across lines.

The input is text whose lines are already stripped and single-spaced. The output is a list of
paragraphs, each a list of lines: a line break is kept only before a list item or after a short
heading-like line; everything else is either joined or becomes a paragraph break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

Decision = Literal["join", "line", "para"]

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A sentence or heading ends: terminal punctuation, maybe followed by closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?:;…][\"')\]»]*$")
# A line that starts a list item: bullets, dashes, "1." "1)" "a)" "(a)" "[1]".
_LIST_ITEM = re.compile(
    r"^(?:[•●▪◦‣∙·*+\-\u2013\u2014]\s|\d{1,3}[.)]\s|[a-z][.)]\s|\([0-9a-zA-Z]{1,3}\)\s|\[\d{1,3}\])"
)
_OPENERS = "(\"'["
# Words after which a sentence cannot end: articles, prepositions, conjunctions, auxiliaries.
# (Not "in", "on", "over", "about", ...: they also end phrasal verbs, as in "logged in".)
_CONNECTORS = frozenset(
    "a an the of to into onto at by for from with and or nor but than that which whose its their his her "
    "our your my these those between against towards toward via is are was were be been being has have "
    "had also such both either neither".split()
)
_LAST_WORD = re.compile(r"([^\W\d_]+)[,]?$")
# A word broken by a hyphen at the end of a line: letters, then "-".
_HYPHEN_END = re.compile(r"(?:^|(?<=[\s\"'(\[/]))((?:[^\W\d_]+-)*)([^\W\d_]+)-$")
_LEADING_WORD = re.compile(r"^[^\W\d_]+")
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Short lowercase prefixes that keep their hyphen when a word breaks after them ("al-Quds", "co-op").
_KEEP_PREFIXES = frozenset("al el ex co bin ibn abu non self anti semi neo quasi ultra mid".split())

_WRAP_MIN_LINES = 3
_WRAP_MAX_WIDTH = 160
_WRAPPED_SHARE = 0.75  # a line this close to the wrap width was broken by wrapping, not by the writer
_TAIL = 300  # characters looked at to see how a joined line ends


def rejoin_lines(text: str) -> list[list[str]]:
    """Split `text` into paragraphs of lines, joining lines that were broken mid-sentence.

    Within a blank-line-separated block, line A and the next line B are joined when A does not end
    a sentence and B continues it (starts lowercase), when A ends on a word a sentence cannot end
    on ("the", "of", a comma), or when the text is hard-wrapped and A runs to the wrap width.
    A break before a list item is kept; a break after a short line that does not end a sentence
    (a heading, a name, a date) is kept as a line break; any other break becomes a paragraph break.
    Across a blank line (a page break) two paragraphs join only when the first ends mid-sentence and
    the second starts lowercase, or, in hard-wrapped text, the first ends on a connecting word.
    """
    blocks = [[line for line in block.split("\n") if line] for block in _BLANK_LINE.split(text)]
    blocks = [block for block in blocks if block]
    width = wrap_width([line for block in blocks for line in block])
    words = _Vocabulary(text)
    # A paragraph is a list of lines; a line is a list of parts (the input lines joined into it), so
    # that joining stays linear in the length of the text.
    paragraphs: list[list[list[str]]] = []
    for block in blocks:
        first, *rest = _split_block(block, width, words)
        if paragraphs and _joins_across(_tail(paragraphs[-1][-1]), first[0][0], wrapped=width is not None):
            previous = paragraphs[-1]
            _join_into(previous[-1], first[0][0], words)
            previous[-1].extend(first[0][1:])
            previous.extend(first[1:])
        else:
            paragraphs.append(first)
        paragraphs.extend(rest)
    return [["".join(parts) for parts in lines] for lines in paragraphs]


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when the lines are not hard-wrapped."""
    if len(lines) < _WRAP_MIN_LINES:
        return None
    lengths = sorted(len(line) for line in lines)
    width = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    if width > _WRAP_MAX_WIDTH:
        return None
    full = sum(1 for length in lengths if length >= 0.6 * width)
    if full < _WRAP_MIN_LINES or full < 0.5 * len(lengths):
        return None
    return width


def _split_block(block: list[str], width: int | None, words: _Vocabulary) -> list[list[list[str]]]:
    paragraphs: list[list[list[str]]] = []
    current: list[list[str]] = [[block[0]]]
    physical = block[0]
    for line in block[1:]:
        decision = decide_break(_tail(current[-1]), physical, line, width)
        if decision == "join":
            _join_into(current[-1], line, words)
        elif decision == "line":
            current.append([line])
        else:
            paragraphs.append(current)
            current = [[line]]
        physical = line
    paragraphs.append(current)
    return paragraphs


def _tail(parts: list[str]) -> str:
    """The end of a line being built: enough to see how it ends."""
    return "".join(parts[-2:])[-_TAIL:]


def decide_break(joined: str, physical: str, following: str, width: int | None) -> Decision:
    """What the break between a line and the next one is: "join", "line" (kept) or "para".

    `joined` is the end of the line so far (earlier lines joined to it), `physical` the last line as it
    was in the input (its length tells whether wrapping broke it), `following` the next line.
    """
    if _LIST_ITEM.match(following):
        return "line"
    if _HYPHEN_END.search(joined) and _LEADING_WORD.match(following):
        return "join"
    if continues(following):
        return "join"
    wrapped = width is not None and len(physical) >= _WRAPPED_SHARE * width and len(physical.split()) >= 4
    if _TERMINAL.search(joined):
        return "join" if wrapped else "para"
    if wrapped or _ends_on_connector(joined):
        return "join"
    return "line"


def _joins_across(before: str, after: str, *, wrapped: bool) -> bool:
    if _TERMINAL.search(before) or _LIST_ITEM.match(after):
        return False
    return continues(after) or (wrapped and _ends_on_connector(before))


def continues(line: str) -> bool:
    """Whether `line` starts lowercase (maybe after an opening bracket or quote): it goes on a sentence."""
    start = line.lstrip(_OPENERS)
    return bool(start) and start[0].islower()


def _ends_on_connector(line: str) -> bool:
    if line.endswith(","):
        return True
    match = _LAST_WORD.search(line)
    return match is not None and match.group(1).lower() in _CONNECTORS


def _join_into(parts: list[str], after: str, words: _Vocabulary) -> None:
    """Append `after` to the line made of `parts`, mending a word hyphenated across the break."""
    last = parts[-1]
    match = _HYPHEN_END.search(last[-_TAIL:])
    second = _LEADING_WORD.match(after)
    if match is None or second is None:
        parts.append(f" {after}")
        return
    chain, first = match.group(1), match.group(2)
    if not _keeps_hyphen(chain, first, second.group(0), words):
        parts[-1] = last[:-1]  # drop the hyphen: "repres-" + "sion" -> "repression"
    parts.append(after)


def _keeps_hyphen(chain: str, first: str, second: str, words: _Vocabulary) -> bool:
    if chain or second[0].isupper():
        return True  # part of a longer compound ("well-to-do"), or a name ("pro-European", "al-Nur")
    if f"{first}-{second}".lower() in words:
        return True
    if f"{first}{second}".lower() in words:
        return False
    return first.lower() in _KEEP_PREFIXES


class _Vocabulary:
    """The words and hyphenated compounds of a text, lowercased; built on first use."""

    __slots__ = ("_text", "_words")

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = frozenset(_COMPOUND.findall(self._text.lower()))
        return word in self._words

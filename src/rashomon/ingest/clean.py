"""Clean an article's raw text into the one text every later span points into.

Cleaning normalises characters and whitespace, rejoins lines broken mid-sentence, drops boilerplate
lines (kept aside so metadata can still read an outlet from them) and drops a long paragraph repeated
later (a pull quote). The result has paragraphs separated by one blank line, and it is a fixed
point: cleaning a cleaned text changes nothing.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from .boilerplate import is_label, judge_line, strip_reading_time
from .lines import rejoin_lines

logger = logging.getLogger(__name__)

_MAX_PASSES = 8  # each pass only joins or removes, so this bound is reached only by adversarial input
_REPEAT_MIN_WORDS = 21  # a repeated paragraph must be longer than 20 words to count as a pull quote
_REPEAT_KEY = 6  # words used to find where a repeated paragraph occurs again

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff]")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'"})


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A cleaned text and the boilerplate lines removed from it (for metadata cues such as the outlet)."""

    text: str
    removed: tuple[str, ...] = ()


def clean_text(raw: str) -> str:
    """Clean `raw` article text: characters, whitespace, broken lines, boilerplate, repeated paragraphs.

    Returns the cleaned text (paragraphs separated by "\\n\\n"); "" when nothing is left.
    """
    return clean_blocks(raw).text


def clean_blocks(raw: str) -> Cleaned:
    """Clean `raw` as `clean_text` does, and also return the boilerplate lines that were removed."""
    removed: list[str] = []
    text = normalise(raw)
    for _ in range(_MAX_PASSES):
        cleaned = _clean_once(text, removed)
        if cleaned == text:
            break
        text = cleaned
    else:
        logger.debug("cleaning did not settle after %s passes", _MAX_PASSES)
    return Cleaned(text, tuple(removed))


def normalise(raw: str) -> str:
    """Normalise characters and whitespace, line by line.

    Line breaks become "\\n"; invisible and control characters go; curly quotes become straight ones;
    each line gets single spaces and no leading or trailing space; the text is NFC.
    """
    text = _LINE_BREAKS.sub("\n", raw)
    text = _INVISIBLE.sub("", text).translate(_QUOTES)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _clean_once(text: str, removed: list[str]) -> str:
    paragraphs = rejoin_lines(text)
    paragraphs = _drop_boilerplate(paragraphs, removed)
    paragraphs = _drop_repeats(paragraphs)
    joined = "\n\n".join("\n".join(lines) for lines in paragraphs)
    return unicodedata.normalize("NFC", joined)


def _drop_boilerplate(paragraphs: list[list[str]], removed: list[str]) -> list[list[str]]:
    """Drop boilerplate lines, a trailing run of faint boilerplate, and labels left with nothing to label."""
    lines = [(index, line) for index, lines in enumerate(paragraphs) for line in lines]
    verdicts = [judge_line(line) for _, line in lines]
    drop = [verdict == "drop" for verdict in verdicts]
    tail = len(lines)
    while tail > 0 and (verdicts[tail - 1] != "keep" or is_label(lines[tail - 1][1])):
        tail -= 1
        drop[tail] = True
    for position in range(len(lines) - 1, -1, -1):
        if not drop[position] and is_label(lines[position][1]):
            following = position + 1
            drop[position] = following == len(lines) or drop[following]
    kept: dict[int, list[str]] = defaultdict(list)
    for (index, line), dropped in zip(lines, drop, strict=True):
        if dropped:
            removed.append(line)
            continue
        line, reading_time = strip_reading_time(line)
        if reading_time:
            removed.append(reading_time)
        kept[index].append(line)
    return [kept[index] for index in sorted(kept)]


def _drop_repeats(paragraphs: list[list[str]]) -> list[list[str]]:
    """Drop a paragraph of more than 20 words whose words occur again, in order, in a later paragraph."""
    words = [tuple(" ".join(lines).split()) for lines in paragraphs]
    candidates: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for tokens in set(words):
        if len(tokens) >= _REPEAT_MIN_WORDS:
            candidates[tokens[:_REPEAT_KEY]].append(tokens)
    if not candidates:
        return paragraphs
    last_seen: dict[tuple[str, ...], int] = {}  # candidate -> last paragraph holding it (itself included)
    for index, tokens in enumerate(words):
        if tokens in last_seen or len(tokens) >= _REPEAT_MIN_WORDS:
            last_seen[tokens] = index
        for offset in range(len(tokens) - _REPEAT_MIN_WORDS + 1):
            for candidate in candidates.get(tokens[offset:offset + _REPEAT_KEY], ()):
                end = offset + len(candidate)
                if (len(candidate) < len(tokens) and end <= len(tokens) and tokens[end - 1] == candidate[-1]
                        and tokens[offset:end] == candidate):
                    last_seen[candidate] = index
    return [lines for index, (lines, tokens) in enumerate(zip(paragraphs, words, strict=True))
            if last_seen.get(tokens, -1) <= index]

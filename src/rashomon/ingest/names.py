"""Recognise personal and organisation names by their shape: capitalised words, initials, particles.

No gazetteer and no model: these checks decide whether a short run of words could be a byline name
("Jane Q. Doe", "Ana de la Cruz", "Omar al-Rashid") or an organisation ("Alliance of Coastal Towns").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARTICLES = frozenset("de da di del della der den van von le la du dos das bin ibn al el ben ter ten y".split())
_NOT_NAMES = frozenset(
    "the a an this that these those in on at by for and of with from to our my your his her their its "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday "
    "staff reporter reporters correspondent correspondents editor editors published updated posted source "
    "photo photos video image news opinion analysis comment editorial share read more home world".split()
)
# First words of place names: a short line made of these is a dateline, not a byline.
_PLACE_WORDS = frozenset(
    "new san santa los las saint st. st port fort north south east west upper lower hong tel kuala buenos "
    "rio sao são cape mount lake great greater central".split()
)
_PLACE_LAST_WORDS = frozenset(
    "city island islands bay beach valley republic kingdom states county province region".split()
)
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
_PREFIXED = re.compile(r"^(?:al|el|ad|as|ash|at|az|bin|ibn|abu|ben|d|o|mc|mac)[-'][^\W\d_]", re.IGNORECASE)
_WORD = re.compile(r"^[^\W\d_][^\W\d_'-]*(?:[-'][^\W\d_]+)*$")
_TOKEN = re.compile(r"\S+")
_TRAILING = ",:;"
_ORG_CONNECTORS = frozenset("of and for the & de du des la le on in".split())
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues "
    "wed thu thur thurs fri sat sun today yesterday".split()
)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A name found in a string: its text and character offsets in that string."""

    text: str
    start: int
    end: int


def _is_capitalised(token: str) -> bool:
    if _PREFIXED.match(token):
        return True
    return bool(_WORD.match(token)) and token[0].isupper() and token.lower() not in _NOT_NAMES


def read_name(text: str, start: int = 0, *, min_tokens: int = 2, max_tokens: int = 4) -> NameMatch | None:
    """Read a personal name at `text[start:]`: `min_tokens` to `max_tokens` capitalised words.

    Initials ("J.") and lowercase particles ("de", "van") may stand between them and do not count.
    The name stops at the first other word or after a word followed by ",", ":" or ";".
    """
    words: list[re.Match[str]] = []
    significant = 0
    for match in _TOKEN.finditer(text, start):
        token = match.group(0)
        bare = token.rstrip(_TRAILING)
        if not bare:
            break
        if words and (_INITIALS.match(bare) or bare.lower() in _PARTICLES):
            words.append(match)
        elif _is_capitalised(bare) and significant < max_tokens:
            words.append(match)
            significant += 1
        else:
            break
        if bare != token:
            break
    while words and not _is_capitalised(words[-1].group(0).rstrip(_TRAILING)):
        words.pop()
    if significant < min_tokens or not words:
        return None
    begin = words[0].start()
    end = words[-1].start() + len(words[-1].group(0).rstrip(_TRAILING))
    return NameMatch(text[begin:end], begin, end)


def is_name_line(line: str) -> bool:
    """Whether a whole line is a personal name of two to four words ("Jane Q. Doe")."""
    found = read_name(line)
    return found is not None and found.start == 0 and found.end == len(line)


def looks_like_place(line: str) -> bool:
    """Whether a name-shaped line reads like a place ("New York", "Cape Town", "Vatican City")."""
    words = line.lower().split()
    return bool(words) and (words[0] in _PLACE_WORDS or words[-1] in _PLACE_LAST_WORDS)


def read_organisation(text: str, start: int = 0, *, max_tokens: int = 10) -> NameMatch | None:
    """Read an organisation's name at `text[start:]`: capitalised words joined by "of", "and", "for"...

    "The" may open it; it ends before a lowercase word, a sentence end or a possessive.
    """
    words: list[re.Match[str]] = []
    for match in _TOKEN.finditer(text, start):
        token = match.group(0)
        bare = token.rstrip(_TRAILING + ".!?)\"'")
        if bare.endswith("'s"):
            bare = bare[:-2]
        capital = bool(bare) and bare[0].isupper() and any(char.isalpha() for char in bare)
        if bare.lower().rstrip(".") in _DATE_WORDS:
            break
        if not (capital or (words and bare.lower() in _ORG_CONNECTORS)) or len(words) >= max_tokens:
            break
        words.append(match)
        if bare != token:
            break
    while words and words[-1].group(0).lower() in _ORG_CONNECTORS:
        words.pop()
    if not words:
        return None
    last = words[-1].group(0)
    trimmed = last.rstrip(_TRAILING + ".!?)\"'")
    if trimmed.endswith("'s"):
        trimmed = trimmed[:-2]
    begin = words[0].start()
    end = words[-1].start() + len(trimmed)
    value = text[begin:end]
    if value.lower() in _NOT_NAMES or value.lower() == "the":
        return None
    return NameMatch(value, begin, end)

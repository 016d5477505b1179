"""Acronyms a document defines ("Popular Defence Units (PDU)") or uses with a phrase that spells it.

A definition pairs an acronym with its long form, found by the initials of the long form's
capitalised words (function words such as "of", "and", "the" are skipped):

* "Popular Defence Units (PDU)" and "National Liberation Army – NLA": the long form
  ends just before the brackets or the dash;
* "the PDU (Popular Defence Units)": the long form is inside the brackets;
* implicit: an all-capital word ("PDU") and a capitalised phrase elsewhere in the document whose
  initials spell it ("Popular Defence Units"), when exactly one such phrase does.

Country codes ("US", "UK") are never acronyms here: they are countries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import country_code
from .names import acronym_of, name_tokens
from .spans import DocContext, is_capitalised

if TYPE_CHECKING:
    from spacy.tokens import Token

FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "al",
                            "el", "&", "y", "et", "del", "der", "fur", "für"})
DASHES = frozenset({"–", "—", "-", "--"})
QUOTES = frozenset({"'", "’", "‘", '"', "“", "”", "«", "»"})


@dataclass(frozen=True, slots=True)
class Definition:
    """An acronym and the token offsets of its long form [long_first, long_last]."""

    acronym: str
    long_first: int
    long_last: int
    token: int | None  # the acronym's token, when the definition names one


def _initials(tokens: list[Token]) -> str | None:
    """The capital letters of a long form's words, function words skipped; None if a word is lowercase."""
    letters = []
    for token in tokens:
        text = token.text
        if token.is_space or token.is_punct or text in QUOTES:
            continue
        if text.lower() in FUNCTION_WORDS:
            continue
        if not text[:1].isupper():
            return None
        letters.append(text[0])
    return "".join(letters)


def _long_form_before(ctx: DocContext, end: int, acronym: str) -> int | None:
    """The first token of a long form that ends just before token `end` and spells `acronym`."""
    parsed = ctx.parsed
    while end > 0 and (parsed[end - 1].text in QUOTES or parsed[end - 1].is_space):
        end -= 1
    if end <= 0:
        return None
    lower = max(ctx.sentence[end - 1], end - 2 * len(acronym) - 4)
    for start in range(end - 1, lower - 1, -1):
        token = parsed[start]
        if token.is_punct and token.text not in DASHES and token.text not in QUOTES:
            return None
        if is_capitalised(token) and _initials(list(parsed[start:end])) == acronym:
            return start
    return None


def acronym_text(text: str) -> str | None:
    """The acronym a word writes in capitals ("PDU", "PDUs" -> "PDU"); None for "Us" or "Iran"."""
    acronym = acronym_of(text)
    if acronym is None or not text.replace(".", "").rstrip("s").isupper():
        return None
    return acronym


def acronym_tokens(ctx: DocContext) -> list[tuple[int, str]]:
    """(token index, acronym) for every all-capital word of the document."""
    return [(index, acronym) for index, text in enumerate(ctx.texts)
            if text[:1].isupper() and (acronym := acronym_text(text)) is not None]


def explicit_definitions(ctx: DocContext, acronyms: list[tuple[int, str]]) -> list[Definition]:
    """The acronyms the document defines with brackets or a dash (see the module docstring)."""
    parsed = ctx.parsed
    found = []
    for index, acronym in acronyms:
        token = parsed[index]
        if country_code(token.text) is not None:
            continue
        before = parsed[index - 1].text if index else ""
        after = parsed[index + 1].text if index + 1 < len(parsed) else ""
        if before == "(" and after == ")":  # Popular Defence Units (PDU)
            start = _long_form_before(ctx, index - 1, acronym)
            if start is not None:
                found.append(Definition(acronym, start, _last_word(ctx, start, index - 2), index))
        elif before in DASHES and index >= 2:  # National Liberation Army – NLA
            start = _long_form_before(ctx, index - 1, acronym)
            if start is not None:
                found.append(Definition(acronym, start, _last_word(ctx, start, index - 2), index))
        elif after == "(":  # the PDU (Popular Defence Units)
            close = next((j for j in range(index + 2, min(len(parsed), index + 16)) if parsed[j].text == ")"), None)
            if close is None:
                continue
            inner = [j for j in range(index + 2, close)
                     if parsed[j].text not in QUOTES and not parsed[j].is_space and parsed[j].lower_ != "the"]
            spelled = inner and _initials(list(parsed[inner[0]:inner[-1] + 1])) == acronym
            if spelled and is_capitalised(parsed[inner[0]]):
                found.append(Definition(acronym, inner[0], inner[-1], index))
    return found


def _last_word(ctx: DocContext, start: int, last: int) -> int:
    parsed = ctx.parsed
    while last > start and (parsed[last].text in QUOTES or parsed[last].is_space or parsed[last].is_punct):
        last -= 1
    return last


def implicit_definitions(ctx: DocContext, acronyms: list[tuple[int, str]], defined: set[str]) -> list[Definition]:
    """Acronyms the document uses without defining, spelled by exactly one capitalised phrase in it."""
    parsed = ctx.parsed
    wanted = {acronym for index, acronym in acronyms
              if acronym not in defined and country_code(parsed[index].text) is None}
    if not wanted:
        return []
    longest = max(len(acronym) for acronym in wanted)
    phrases: dict[str, dict[tuple[str, ...], list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for start, text in enumerate(ctx.texts):
        if not text[:1].isupper() or text.isupper() or not text.isalpha() or text.lower() in FUNCTION_WORDS:
            continue
        words = 0
        for end in range(start, min(len(parsed), start + 3 * longest)):
            current = parsed[end]
            if ctx.sentence[end] != ctx.sentence[start] or (current.is_punct and current.text not in DASHES):
                break
            if current.lower_ in FUNCTION_WORDS or current.is_space or current.text in DASHES:
                continue
            if not current.text[:1].isupper():
                break
            words += 1
            if words > longest:
                break
            if words >= 2:
                initials = _initials(list(parsed[start:end + 1]))
                if initials in wanted:
                    phrases[initials][name_tokens(parsed[start:end + 1].text)].append((start, end))
    found = []
    for acronym, forms in phrases.items():
        if len(forms) == 1:
            for start, end in next(iter(forms.values())):
                found.append(Definition(acronym, start, end, None))
    return found

"""Quantities: every number a parsed text states, with its qualifier turned into bounds and its unit.

A quantity is a number phrase ("more than 600", "between 8000 and 10,000", "$5 million", "60%",
"three months", "hundreds", "half the country") with bounds. Numbers that are not claims about the
world are skipped here: dates and years, days of the month, times of day, ages of people, list and
footnote markers, page and reference numbers ("Resolution 1441", "p. 12"), numbers glued to names
("F-35"), phone-like digit groups. Ordinals never start a number. docs/claims.md gives every rule.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc as ParsedDoc
from spacy.tokens import Token

from ..nlp import text_of
from ._lexicon import lexicon
from .numbers import DIGITS, NumberPhrase, read_number

logger = logging.getLogger(__name__)

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. "
    "nov nov. dec dec.".split()
)
_TEMPORAL = frozenset(
    "in since by until till before after during from of to between circa c. early late mid around".split())
_HISTORY = frozenset("in since until till before after during circa c. around".split())
_ERAS = frozenset("ad bc bce ce a.d. b.c.".split())
_CLOCK = frozenset("a.m. p.m. am pm o'clock gmt utc".split())
_REFERENCE = frozenset(
    "p. pp. page pages para paragraph chapter chapters section sections article articles no. # vol. volume "
    "issue resolution flight route room figure fig. table episode season verse line step item clause "
    "highway channel gate platform version model unit number".split()
)
_ONE_NOT_NUMBER_NEXT = frozenset("of another 's ’s day time thing way side hand or".split())
_ONE_NOT_NUMBER_PREV = frozenset("no the any every which each this that someone".split())
_DEFINITE = frozenset("the these those both its their his her our my your".split())
_PREPOSITION_QUALIFIERS = frozenset({"over", "under", "above", "below", "around", "about"})
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{2,4}[\s.-]\d{2,5}")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number phrase in a parsed text, with bounds, unit and the tokens it covers."""

    start: int  # character offsets of the phrase: qualifier, currency sign, number, unit
    end: int
    first: int  # token index of the phrase's first token
    last: int  # token index of the phrase's last token
    anchor: int  # token index of the number's last token, where the parse attaches it
    value: float | None  # as stated; None for vague amounts and ranges
    low: float | None
    high: float | None
    kind: str  # "count", "percent", "money", "time", "measure", "times", "fraction"
    unit: str  # "" for counts and fractions are "fraction"; else see claims_units.tsv
    qualifier: str  # the qualifier as written, lowercase ("at least", "or more", "between")
    bound: str  # exact, lower, upper, near_lower, near_upper, approx, range, vague
    words: str  # the number's own words ("one", "a dozen", "600")


def find_quantities(parsed: ParsedDoc, *, approx_band: float) -> list[Quantity]:
    """Every quantity stated in `parsed`, in text order, with non-claims (dates, markers...) skipped."""
    found: list[Quantity] = []
    text = text_of(parsed)
    i = 0
    while i < len(parsed):
        number = read_number(parsed, i)
        if number is None:
            i += 1
            continue
        quantity = _complete(parsed, number, approx_band=approx_band)
        reason = _skip_reason(parsed, text, quantity)
        if reason:
            logger.debug("skipped %r at %s: %s", text[quantity.start:quantity.end], quantity.start, reason)
        else:
            found.append(quantity)
        i = max(number.last, quantity.last) + 1
    return found


def entity_bounds(parsed: ParsedDoc, i: int) -> tuple[int, int]:
    """Token indices [start, end) of the named entity token `i` is in (from the IOB tags, without
    building `parsed.ents`, which is slow to call often)."""
    start = i
    while start > 0 and parsed[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(parsed) and parsed[end].ent_iob_ == "I":
        end += 1
    return start, end


def _match_before(parsed: ParsedDoc, end: int,
                  table: dict[tuple[str, ...], str] | dict[tuple[str, ...], tuple[str, str]], longest: int = 4) -> int:
    """How many tokens before index `end` (exclusive) form a phrase of `table`; 0 if none."""
    for size in range(min(longest, end), 0, -1):
        if tuple(token.lower_ for token in parsed[end - size:end]) in table:
            return size
    return 0


def _match_after(parsed: ParsedDoc, start: int,
                 table: dict[tuple[str, ...], str] | dict[tuple[str, ...], tuple[str, str]], longest: int = 3) -> int:
    for size in range(min(longest, len(parsed) - start), 0, -1):
        if tuple(token.lower_ for token in parsed[start:start + size]) in table:
            return size
    return 0


def _is_preposition(token: Token) -> bool:
    return token.lower_ in _PREPOSITION_QUALIFIERS and token.dep_ in ("prep", "agent")


def _complete(parsed: ParsedDoc, number: NumberPhrase, *, approx_band: float) -> Quantity:
    """Add to a number phrase its range partner, currency, unit and qualifiers, and compute bounds."""
    words = lexicon()
    first, last, anchor = number.first, number.last, number.last
    value, low, high = number.value, number.low, number.high
    bound = "vague" if number.vague else ("range" if low is not None else "exact")
    qualifier = ""
    # A range: "8000 to 10,000", "8000-10,000", "between 8000 and 10,000", "two or three".
    joiner = parsed[last + 1].lower_ if last + 1 < len(parsed) else ""
    between = first > 0 and parsed[first - 1].lower_ == "between"
    if first > 0 and parsed[first - 1].lower_ == "from":  # "rose from 900 to 1,530" is a change
        joiner = ""
    if value is not None and (joiner in ("to", "-", "–", "—") or (joiner == "and" and between) or
                              (joiner == "or" and number.words.isalpha())):
        partner = read_number(parsed, last + 2) if last + 2 < len(parsed) else None
        if partner is not None and partner.value is not None and partner.value > value and not partner.fraction:
            low, high, value, bound = value, partner.value, None, "range"
            last = anchor = partner.last
            if between:
                first, qualifier = first - 1, "between"
    kind, unit = ("fraction", "fraction") if number.fraction else ("count", "")
    # A currency sign or code just before the number: "$5 million", "US$ 5m", "USD 5".
    size = _match_before(parsed, first, words.units, longest=2)
    if size and words.units[tuple(t.lower_ for t in parsed[first - size:first])][0] == "currency":
        unit = words.units[tuple(t.lower_ for t in parsed[first - size:first])][1]
        kind, first = "money", first - size
    # Qualifiers after the number ("600 or more") and a unit ("days", "percent", "euros").
    after = _match_after(parsed, last + 1, words.qualifiers_after, longest=2)
    if after and bound == "exact":
        phrase = tuple(t.lower_ for t in parsed[last + 1:last + 1 + after])
        qualifier, bound, last = " ".join(phrase), words.qualifiers_after[phrase], last + after
    if kind == "count":
        k = last + 1
        if k < len(parsed) and parsed[k].lower_ in ("-", "–") and not parsed[k - 1].whitespace_:
            k += 1
        size = _match_after(parsed, k, words.units, longest=3)
        if size:
            found_kind, found_unit = words.units[tuple(t.lower_ for t in parsed[k:k + size])]
            if found_unit == "lb" and parsed[k].ent_type_ == "MONEY":
                found_kind, found_unit = "currency", "GBP"
            kind = {"currency": "money"}.get(found_kind, found_kind)
            unit, last = found_unit, k + size - 1
    # Qualifiers before: "at least", "more than", "about" (not a preposition: "killed over three days").
    size = _match_before(parsed, first, words.qualifiers_before)
    if size and bound in ("exact", "vague") and not (size == 1 and _is_preposition(parsed[first - 1])):
        phrase = tuple(t.lower_ for t in parsed[first - size:first])
        qualifier, first = " ".join(phrase), first - size
        bound = words.qualifiers_before[phrase] if bound == "exact" else f"vague_{words.qualifiers_before[phrase]}"
    low, high = _bounds(value, low, high, bound, approx_band)
    start = parsed[first].idx
    end = parsed[last].idx + len(parsed[last].text)
    return Quantity(start, end, first, last, anchor, value, low, high, kind, unit, qualifier,
                    bound.removeprefix("vague_") if bound.startswith("vague_") else bound, number.words)


def _bounds(value: float | None, low: float | None, high: float | None, bound: str,
            band: float) -> tuple[float | None, float | None]:
    """Lower and upper bound of a number after its qualifier (see claims_qualifiers.tsv)."""
    if bound in ("range", "vague", "vague_exact", "vague_approx"):
        return low, high
    if bound in ("vague_lower", "vague_near_lower"):
        return low, None
    if bound in ("vague_upper", "vague_near_upper"):
        return None, high
    if value is None:
        return low, high
    if bound in ("lower", "near_lower"):
        return value, None
    if bound in ("upper", "near_upper"):
        return None, value
    if bound == "approx":
        return value * (1 - band), value * (1 + band)
    return value, value


def _near_month(parsed: ParsedDoc, i: int) -> bool:
    """Whether token `i` is a day or year beside a month name: "December 27", "3 January 2020"."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(parsed) and parsed[j].lower_ in MONTHS:
            return True
    j = i - 1
    while j >= 0 and i - j <= 3 and (parsed[j].lower_ in (",", "of", "the") or DIGITS.match(parsed[j].text)
                                      or re.match(r"^\d+(st|nd|rd|th)$", parsed[j].lower_)):
        j -= 1
    return j >= 0 and j < i - 1 and parsed[j].lower_ in MONTHS


def _is_year(parsed: ParsedDoc, quantity: Quantity) -> bool:
    """Whether a bare four-digit number is a year ("in 2014", "the 1979 revolution", "2019's protests")."""
    token = parsed[quantity.anchor]
    if not re.fullmatch(r"1\d{3}|20\d{2}|2100", token.text) or quantity.bound != "exact" or quantity.kind != "count":
        return False
    following = parsed[quantity.last + 1] if quantity.last + 1 < len(parsed) else None
    head = token.head
    if following is not None and (following.lower_ == "of" or following.tag_ in ("NNS", "NNPS")):
        return False
    if token.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.i > token.i:
        return False
    if _near_month(parsed, token.i) or token.ent_type_ == "DATE":
        return True
    if token.i > 0 and parsed[token.i - 1].lower_ in _TEMPORAL:
        return True
    if following is not None and following.lower_ in ("'s", "’s", "-", "–"):
        return True
    return token.dep_ in ("nummod", "compound", "amod", "npadvmod") and head.tag_ in ("NN", "NNP") and head.i > token.i


def _is_year_span(parsed: ParsedDoc, quantity: Quantity) -> bool:
    """'2019-2020', 'between 2010 and 2015': both ends look like years and nothing plural is counted."""
    ends = [t for t in parsed[quantity.first:quantity.last + 1] if DIGITS.match(t.text) or "-" in t.text]
    texts = [part for t in ends for part in re.split(r"[-–—]", t.text) if part]
    if len(texts) != 2 or not all(re.fullmatch(r"1\d{3}|20\d{2}|2100", part) for part in texts):
        return False
    following = parsed[quantity.last + 1] if quantity.last + 1 < len(parsed) else None
    return following is None or not (following.lower_ == "of" or following.tag_ in ("NNS", "NNPS"))


def _skip_reason(parsed: ParsedDoc, text: str, quantity: Quantity) -> str:
    """Why a quantity is not a claim about the world, or "" if it is one (`text` is parsed.text)."""
    token = parsed[quantity.anchor]
    before = parsed[quantity.first - 1] if quantity.first > 0 else None
    after = parsed[quantity.last + 1] if quantity.last + 1 < len(parsed) else None
    plain = quantity.bound == "exact" and quantity.kind == "count"
    integer = DIGITS.match(token.text) is not None and "." not in token.text and "," not in token.text
    if _is_year(parsed, quantity):
        return "a year"
    if quantity.bound == "range" and quantity.kind == "count" and _is_year_span(parsed, quantity):
        return "a span of years"
    if integer and plain and 1 <= (quantity.value or 0) <= 31 and _near_month(parsed, token.i):
        return "a day of the month"
    if token.ent_type_ == "DATE" and quantity.kind != "time":
        start_i, end_i = entity_bounds(parsed, token.i)
        if any(t.lower_ in MONTHS or (t.i != token.i and re.fullmatch(r"1\d{3}|20\d{2}", t.text))
               for t in parsed[start_i:end_i]):
            return "part of a date"
    if integer and plain and 1 <= (quantity.value or 0) <= 31 and after is not None and after.pos_ == "PROPN" \
            and quantity.last + 2 < len(parsed) and re.fullmatch(r"1\d{3}|20\d{2}", parsed[quantity.last + 2].text):
        return "a day of the month"
    if (quantity.words.isalpha() and not quantity.qualifier and quantity.value is not None and quantity.value <= 12
            and before is not None
            and before.lower_ in _DEFINITE):
        return "a reference to things already named ('the two countries')"
    if (integer and plain and before is not None and before.lower_ in _HISTORY and token.dep_ == "pobj"
            and token.head == before):
        return "a year of history"
    if after is not None and after.lower_ in _ERAS:
        return "a year of history"
    if quantity.kind == "time" and quantity.unit == "year" and (
            (after is not None and after.lower_ in ("old", "-old")) or
            (after is not None and after.lower_ in ("-", "–") and quantity.last + 2 < len(parsed)
             and parsed[quantity.last + 2].lower_ == "old")):
        return "an age"
    if before is not None and before.lower_ in ("aged", "age", "ages"):
        return "an age"
    if after is not None and after.lower_ in _CLOCK:
        return "a time of day"
    start, end = quantity.start, quantity.end
    if text[max(0, start - 1):start] in ("[", "^") and text[end:end + 1] in ("]", ""):
        return "a footnote marker"
    line_start = text.rfind("\n", 0, start) + 1
    if integer and not text[line_start:start].strip(" \t(") and text[end:end + 1] in (")", "."):
        return "a list marker"
    if integer and plain and text[end:end + 1] == ")" and (
            text[start - 1:start] == "(" or text.rfind("(", line_start, start) <= text.rfind(")", line_start, start)):
        return "a list marker"
    if before is not None and not quantity.qualifier and quantity.kind == "count" and (
            before.lower_ in _REFERENCE or (before.pos_ == "PROPN" and before.text[:1].isupper()
                                            and before.whitespace_ and token.head.i <= token.i)):
        return "a reference or name number"
    if before is not None and not before.whitespace_ and (before.is_alpha or (
            before.text in ("-", "–") and before.i > 0 and not parsed[before.i - 1].whitespace_
            and parsed[before.i - 1].is_alpha)):
        return "a number glued to a name"
    if after is not None and not parsed[quantity.last].whitespace_ and after.is_alpha and quantity.kind == "count":
        return "a number glued to a name"
    window_start = max(0, start - 14)
    for match in _PHONE.finditer(text[window_start:end + 14]):
        if match.start() + window_start <= start and end <= match.end() + window_start:
            return "a phone or code number"
    if quantity.words == "one" and quantity.bound == "exact" and (
            (after is not None and after.lower_ in _ONE_NOT_NUMBER_NEXT) or
            (before is not None and before.lower_ in _ONE_NOT_NUMBER_PREV)):
        return "'one' as a pronoun"
    return ""

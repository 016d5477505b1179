"""Find time expressions in a document and normalise them to TIMEX3 values.

`find_time_expressions(doc)` reads `doc.text` with the rules of `rules` (calendar dates and
years), `periods` (quarters, holidays, seasons, clock times) and `relative` (relative and
quantified expressions), keeps the longest of any overlapping matches, and resolves each against:

- the anchor: the document date (`doc.published`, or `anchor=`). "yesterday", "last week", "On
  Friday", "in October" and the like need it; without one they stay unresolved (value None,
  anchored False) while absolute dates ("3 January 2020", "in 2014") still resolve.
- the tense of the clause (its nearest tense cue: "will", "said", "was", an "-ed" verb, ...):
  - a weekday is the latest one on or before the anchor, or the next one on or after it when the
    clause speaks of the future ("will meet on Friday"); "last Friday" is strictly before, "next
    Friday" strictly after;
  - a month, a day of a month, a season or a holiday without a year is the latest one on or before
    the anchor in a past clause ("Protests erupted in March"), the next one in a future clause ("will
    be held in March"), and the one nearest the anchor when the clause has no tense cue ("in October"
    written in January 2020 is 2019-10 either way). docs/evaluation.md gives the measurements;
  - a quarter without a year is the latest one not after the anchor's quarter.
- the reference: the last date the text mentioned before the expression, for narrative
  expressions ("the next day", "a year earlier", "that morning") and for a time of day ("10 p.m.").

With `ranges=True` (the default) "since May 2019", "from 2010 to 2015" and "between March and May"
become one expression of granularity "range" with `range_start` / `range_end`. For "since X" the
value is X's and the end is the anchor; for "from X to Y" the value is the ISO 8601 interval "X/Y".
With `ranges=False` the parts stay separate and signal words such as "since" stay outside the
spans, as TimeML annotates them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from ..model import Document, TimeExpression
from ..nlp import text_of
from .periods import RULES as PERIOD_RULES
from .relative import RULES as RELATIVE_RULES
from .rules import RULES as CALENDAR_RULES
from .rules import Candidate, Context, Kind, Resolved, fixed
from .values import TimeValue, parse_value

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc

logger = logging.getLogger(__name__)

_RULES = CALENDAR_RULES + PERIOD_RULES + RELATIVE_RULES
_PRIORITY = {rule.name: number for number, rule in enumerate(_RULES)}

_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|would|['’]ll|going\s+to|due|expected|expects?|scheduled|planned|plans?\s+to|"
    r"intends?\s+to|set\s+to|slated|upcoming)\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:(?P<participle>(?!\w*eed\b)\w{2,}ed)|was|were|had|did|said|told|took|went|came|met|made|gave|"
    r"held|began|found|fled|fell|left|saw|got|won|lost|struck|hit|shot|spoke|wrote|sent|led|kept|brought|"
    r"bought|ran|stood|thought|felt|became|rose|sold|paid|built|caught|chose|drove|flew|grew|knew|meant|"
    r"spent|stole|swore|taught|threw|understood|woke|wore|withdrew|ago)\b", re.IGNORECASE)
# An "-ed" word after one of these is a passive or perfect participle or an adjective, not a past tense.
_NOT_PAST_BEFORE = re.compile(
    r"\b(?:be|been|being|is|are|am|was|were|['’]s|to|will|would|shall|can|could|may|might|must|should|"
    r"has|have|had|get|gets|got|the|a|an|its|their|his|her|our|your|this|that|these|those|newly|"
    r"previously|already|not)\s+$", re.IGNORECASE)
_REFERENCES_KEPT = 12  # how many earlier dates a narrative expression may look back over
_CLAUSE_END = re.compile(r"[.!?;:\n]")


@dataclass(frozen=True, slots=True)
class _Found:
    """A chosen candidate with its resolved value."""

    candidate: Candidate
    value: str | None
    anchored: bool


def anchor_of(doc: Document) -> date | None:
    """The document's publication day, the anchor of its relative time expressions; None without one."""
    if doc.published is None:
        return None
    found = parse_value(doc.published.value[:10])
    if found is None or found.grain != "day":
        logger.debug("document %s: published %r is not an ISO date; no anchor", doc.id, doc.published.value)
        return None
    return found.start


def _cues(text: str, start: int, end: int) -> list[tuple[int, int, bool, bool]]:
    """Tense cues between start and end: (cue start, cue end, future?, strong?).

    Modals and finite verbs are strong cues; a bare "-ed" word is weak (it may be an adjective).
    """
    cues = [(m.start(), m.end(), True, True) for m in _FUTURE.finditer(text, start, end)]
    for match in _PAST.finditer(text, start, end):
        participle = bool(match["participle"])
        finite = match.group().lower() in ("was", "were", "did", "ago")
        if not finite and _NOT_PAST_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "will be held", "has made", "the reduced dividend": no past tense
        cues.append((match.start(), match.end(), False, not participle))
    return cues


def _tense(text: str, start: int, end: int) -> Literal["past", "future", "none"]:
    """The tense of the clause around [start, end): its nearest strong cue, else its nearest weak one.

    The clause runs back to the last sentence or clause mark and on to the next one or to a comma
    (so a trailing attribution, "..., the company said", does not count).
    """
    left_bound = max(start - 150, 0)
    stops = list(_CLAUSE_END.finditer(text, left_bound, start))
    left = stops[-1].end() if stops else left_bound
    limit = min(end + 150, len(text))
    stop = _CLAUSE_END.search(text, end, limit)
    comma = text.find(",", end, limit)
    right = min(stop.start() if stop else limit, comma if comma >= 0 else limit)
    scored = [(not strong, start - cue_end, not future, future) for _, cue_end, future, strong
              in _cues(text, left, start)]
    scored += [(not strong, cue_start - end, not future, future) for cue_start, _, future, strong
               in _cues(text, end, right)]
    if not scored:
        return "none"
    return "future" if min(scored)[3] else "past"


def _candidates(text: str, *, ranges: bool) -> list[Candidate]:
    found: list[Candidate] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            if match.end() == match.start():
                continue
            candidate = rule.build(match, text)
            if candidate is not None and candidate.end > candidate.start and (ranges or not candidate.ranges_only):
                found.append(candidate)
    return found


_NOT_A_TIME = re.compile(r"\bold\b|\bage\b|\baged\b|\bannual\b", re.IGNORECASE)


def _entity_candidates(parsed: ParsedDoc, text: str) -> list[Candidate]:
    """spaCy's DATE and TIME entities, as unresolved candidates the rules may have missed."""
    if text_of(parsed) != text:
        logger.debug("parsed text differs from the document text; spaCy entities not used")
        return []
    found = []
    for ent in parsed.ents:
        if ent.label_ in ("DATE", "TIME") and not _NOT_A_TIME.search(ent.text):
            kind: Kind = "time" if ent.label_ == "TIME" else "date"
            found.append(Candidate(ent.start_char, ent.end_char, kind, "unknown", fixed(None), "spacy"))
    return found


def _select(candidates: list[Candidate], length: int) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then by rule order; returned in text order."""
    taken = bytearray(length)
    chosen: list[Candidate] = []
    order = sorted(candidates, key=lambda c: (-(c.end - c.start), c.rule == "spacy",
                                              _PRIORITY.get(c.rule, len(_PRIORITY)), c.start))
    for candidate in order:
        if any(taken[candidate.start:candidate.end]):
            continue
        taken[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _with_clock(day: Candidate, clock: str) -> Callable[[Context], Resolved]:
    def resolve(ctx: Context) -> Resolved:
        value, anchored = day.resolve(ctx)
        found = parse_value(value)
        if value is None or found is None or found.grain != "day":
            return None, anchored
        return value[:10] + clock, anchored

    return resolve


def _merge(chosen: list[Candidate], text: str, *, ranges: bool) -> list[Candidate]:
    """Join "the early morning of" + a day, and a time of day + an adjacent day, into one time."""
    merged: list[Candidate] = []
    index = 0
    while index < len(chosen):
        current = chosen[index]
        following = chosen[index + 1] if index + 1 < len(chosen) else None
        gap = text[current.end:following.start] if following else ""
        if current.role == "part_of_day":
            if following and following.granularity == "day" and not gap.strip():
                merged.append(Candidate(current.start, following.end, "time", "time",
                                        _with_clock(following, current.clock or ""), "part-of-day"))
                index += 2
            else:
                index += 1  # "the morning of" with no day after it is no time expression
            continue
        if current.clock and current.rule == "clock" and following and following.granularity == "day":
            if re.fullmatch(r"[\s,]*", gap):
                merged.append(Candidate(current.start, following.end, "time", "time",
                                        _with_clock(following, current.clock), "clock"))
                index += 2
                continue
            if re.fullmatch(r"\s+(?:on|of)\s+", gap):
                merged.append(replace(current, resolve=_with_clock(following, current.clock)))
                index += 1
                continue
        if (current.granularity == "day" and following and following.rule == "clock" and following.clock
                and re.fullmatch(r"\s*,?\s*(?:at\s+)?" if ranges else r"[\s,]*", gap)):
            merged.append(Candidate(current.start, following.end, "time", "time",
                                    _with_clock(current, following.clock), "clock"))
            index += 2
            continue
        merged.append(current)
        index += 1
    return merged


def _resolve(chosen: list[Candidate], text: str, anchor: date | None) -> list[_Found]:
    """Resolve candidates in text order, carrying the last mentioned date as the reference."""
    found: list[_Found] = []
    references: list[tuple[TimeValue, bool]] = []
    for candidate in chosen:
        ctx = Context(anchor=anchor, tense=_tense(text, candidate.start, candidate.end),
                      references=tuple(references[-_REFERENCES_KEPT:]))
        value, anchored = candidate.resolve(ctx)
        found.append(_Found(candidate, value, anchored))
        mentioned = parse_value(value) if candidate.kind in ("date", "time") else None
        if mentioned is not None:
            references.append((mentioned, anchored))
    return found


_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_FROM = re.compile(r"\b(?P<word>from|between)\s+$", re.IGNORECASE)
_TO = re.compile(r"\s*(?:to|until|till|through|thru|and|-|–)\s*", re.IGNORECASE)


def _range(start: int, end: int, first: _Found, second: _Found | None,
           anchor: date | None) -> tuple[_Found, str | None, str | None]:
    """One range expression over [start, end): "since X" (to the anchor) or "from X to Y"."""
    if second is None:
        candidate = Candidate(start, end, "date", "range", fixed(first.value), "range")
        return _Found(candidate, first.value, first.anchored), first.value, anchor.isoformat() if anchor else None
    value = f"{first.value}/{second.value}" if first.value and second.value else None
    candidate = Candidate(start, end, "date", "range", fixed(value), "range")
    return _Found(candidate, value, first.anchored or second.anchored), first.value, second.value


def _combine_ranges(found: list[_Found], text: str,
                    anchor: date | None) -> list[tuple[_Found, str | None, str | None]]:
    """Each expression with its range start and end; "since X", "from X to Y" become one range."""
    result: list[tuple[_Found, str | None, str | None]] = []
    index = 0
    while index < len(found):
        item = found[index]
        cand = item.candidate
        following = found[index + 1] if index + 1 < len(found) else None
        opener = _FROM.search(text, max(0, cand.start - 10), cand.start)
        if cand.kind == "date" and _SINCE.search(text, max(0, cand.start - 8), cand.start):
            start = _SINCE.search(text, max(0, cand.start - 8), cand.start).start()  # type: ignore[union-attr]
            result.append(_range(start, cand.end, item, None, anchor))
            index += 1
            continue
        gap = text[cand.end:following.candidate.start] if following else ""
        if (opener and following and cand.kind == "date" and following.candidate.kind == "date"
                and _TO.fullmatch(gap) and (opener["word"].lower() == "between") == ("and" in gap.lower())):
            result.append(_range(opener.start(), following.candidate.end, item, following, anchor))
            index += 2
            continue
        if cand.granularity == "range" and item.value and "/" in item.value:
            first, second = item.value.split("/", 1)
            result.append((item, first, second))
        else:
            result.append((item, None, None))
        index += 1
    return result


def find_time_expressions(doc: Document, parsed: ParsedDoc | None = None, *, anchor: date | None = None,
                          ranges: bool = True) -> list[TimeExpression]:
    """The time expressions in `doc.text`, in text order, each with its TIMEX3 value.

    Args:
        doc: the document; its `published` date is the default anchor.
        parsed: the document parsed by spaCy (same text). Its DATE and TIME entities that no rule
            found are added, unresolved; the rules are used alone when it is None.
        anchor: the date relative expressions are resolved against, instead of `doc.published`.
        ranges: join "since X" and "from X to Y" into ranges (see the module docstring); False keeps
            TimeML's conventions (parts separate, signals outside spans).
    """
    text = doc.text
    anchor = anchor if anchor is not None else anchor_of(doc)
    candidates = _candidates(text, ranges=ranges)
    if parsed is not None:
        candidates += _entity_candidates(parsed, text)
    chosen = _merge(_select(candidates, len(text)), text, ranges=ranges)
    found = _resolve(chosen, text, anchor)
    if ranges:
        combined = _combine_ranges(found, text, anchor)
    else:
        combined = [(item, None, None) for item in found]
    expressions = []
    for item, start, finish in combined:
        cand = item.candidate
        span = doc.span(cand.start, cand.end)
        expressions.append(TimeExpression(
            doc_id=doc.id, span=span, text=doc.slice(span), value=item.value, granularity=cand.granularity,
            kind=cand.kind, range_start=start, range_end=finish, anchored=item.anchored,
        ))
    return expressions

"""Rules for named periods and times of day: "the third quarter", "the first half of 1990",
"Christmas Eve", "Thanksgiving", "last summer", "10 p.m.", "the early morning of" (joined later to the
day that follows it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from .calendar import at, nearest, season_of
from .lexicon import HOLIDAY, ORDINALS, PART_OF_DAY, PARTS_OF_DAY, SEASON_NAMES, holiday_date
from .rules import FLAGS, YEAR, Candidate, Context, Resolved, Rule, fixed, from_anchor
from .values import SEASONS


def _build_quarter(m: re.Match[str], text: str) -> Candidate | None:
    number = ORDINALS.get((m["ord"] or "").lower()) or int(m["q"] or 0)
    if not 1 <= number <= 4:
        return None
    start = m.start()
    if m["ord"] and re.match(r"the\s", m.group(), FLAGS) and "-" in m.group():
        start = m.start("ord")  # "the third-quarter results": "the" belongs to "results"
    year = m["year"] or m["year2"] or m["year0"]
    if year:
        return Candidate(start, m.end(), "date", "quarter", fixed(f"{year}-Q{number}"), "quarter")
    shift = {"last": -1, "next": 1, "this": 0}.get((m["rel"] or m["rel0"] or "").lower())

    def compute(anchor: date, ctx: Context) -> str | None:
        if shift is not None:
            return f"{anchor.year + shift:04d}-Q{number}"
        options = [date(anchor.year + d, 3 * number - 2, 1) for d in (-1, 0, 1)]
        here = at(anchor, "quarter").start
        chosen = nearest(here, options, forward=False) or options[1]
        return at(chosen, "quarter").format()

    return Candidate(start, m.end(), "date", "quarter", from_anchor(compute), "quarter")


def _build_half(m: re.Match[str], text: str) -> Candidate | None:
    number = ORDINALS.get(m["ord"].lower(), 2)  # "the last half" is the second
    if m["year"]:
        return Candidate(m.start(), m.end(), "date", "unknown", fixed(f"{m['year']}-H{number}"), "half")
    shift = {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return Candidate(m.start(), m.end(), "date", "unknown",
                     from_anchor(lambda a, c: f"{a.year + shift:04d}-H{number}"), "half")


def _build_holiday(m: re.Match[str], text: str) -> Candidate | None:
    name = " ".join(m["name"].lower().replace("’", "'").split())
    if not m["name"][0].isupper():
        return None
    if m["us"]:
        name = "us independence day" if name == "independence day" else name
    if name == "independence day":  # which country's is not said: a day, unresolved
        return Candidate(m.start("name"), m.end(), "date", "day", fixed(None), "holiday")
    start = m.start() if m["rel"] or m["us"] else m.start("name")
    if m["year"]:
        found = holiday_date(name, int(m["year"]))
        return Candidate(start, m.end(), "date", "day", fixed(found.isoformat() if found else None), "holiday")
    rel = (m["rel"] or "").lower()

    def compute(anchor: date, ctx: Context) -> str | None:
        options = [d for d in (holiday_date(name, anchor.year + k) for k in (-1, 0, 1)) if d]
        chosen: date | None
        if rel == "this":
            chosen = options[1]
        elif rel in ("last", "past"):
            chosen = nearest(anchor, options, forward=False, strict=True)
        elif rel in ("next", "coming"):
            chosen = nearest(anchor, options, forward=True, strict=True)
        else:
            chosen = nearest(anchor, options, forward=ctx.direction)
        return chosen.isoformat() if chosen else None

    return Candidate(start, m.end(), "date", "day", from_anchor(compute), "holiday")


def _build_season(m: re.Match[str], text: str) -> Candidate | None:
    word = m["season"]
    rel = (m["rel"] or "").lower().rstrip("-")
    after_in = re.search(r"\bin\s+$", text[max(0, m.start() - 3):m.start()], FLAGS)
    if not (rel or m["year"] or after_in):
        return None  # "spring" and "fall" alone are more often other words
    if word[0].isupper() and re.match(r"\s+(?-i:[A-Z])", text[m.end():m.end() + 2]):
        return None  # "the Summer Olympics", "the Arab Spring Uprising"
    if rel == "the" and re.match(r"\s+of\s+(?!(?:\d|this|last|next))", text[m.end():m.end() + 12], FLAGS):
        return None  # "the fall of Saigon"
    number = SEASON_NAMES[word.lower()]
    code = SEASONS[number]
    if m["year"]:
        return Candidate(m.start(), m.end(), "date", "season", fixed(f"{m['year']}-{code}"), "season")

    def compute(anchor: date, ctx: Context) -> str | None:
        current = at(anchor, "season")
        if rel in ("last", "past"):
            return season_of(anchor, number, forward=False, strict=True).format()
        if rel in ("next", "coming"):
            return season_of(anchor, number, forward=True, strict=True).format()
        if rel == "this":
            return current.format() if current.number == number else f"{anchor.year:04d}-{code}"
        return season_of(anchor, number, forward=ctx.direction).format()

    return Candidate(m.start(), m.end(), "date", "season", from_anchor(compute), "season")


def _clock_resolver(clock: str) -> Callable[[Context], Resolved]:
    """A time of day on the last day the text mentioned, else on the document date."""

    def compute(ctx: Context) -> Resolved:
        reference = ctx.reference("day")
        if reference is not None:
            return reference[0].format() + clock, reference[1]
        if ctx.anchor is None:
            return None, False
        return ctx.anchor.isoformat() + clock, True

    return compute


def _build_clock(m: re.Match[str], text: str) -> Candidate | None:
    if m["word"]:
        clock = "T12:00" if m["word"].lower() in ("noon", "midday") else "T24:00"
    elif m["h24"]:
        clock = f"T{int(m['h24']):02d}:{int(m['min24']):02d}"
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        meridiem = m["ampm"].lower().replace(".", "").replace(" ", "")
        if not 1 <= hour <= 12:
            return None
        if meridiem == "pm" and hour != 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        clock = f"T{hour:02d}:{minute:02d}"
    return Candidate(m.start(), m.end(), "time", "time", _clock_resolver(clock), "clock", clock=clock)


def _build_part_of_day(m: re.Match[str], text: str) -> Candidate | None:
    code = "T" + PARTS_OF_DAY[m["part"].lower()]
    return Candidate(m.start(), m.end(), "time", "time", fixed(None), "part-of-day", role="part_of_day",
                     clock=code)


def _rule(name: str, pattern: str, build: Callable[[re.Match[str], str], Candidate | None]) -> Rule:
    return Rule(name, re.compile(pattern, FLAGS), build)


RULES: tuple[Rule, ...] = (
    _rule("quarter", rf"(?:the\s+)?(?:(?P<year0>{YEAR})\s+|(?P<rel0>this|last|next)\s+year['’]s\s+)?(?:fiscal\s+)?"
          rf"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
          rf"(?:fiscal\s+)?quarter|Q(?P<q>[1-4]))(?:\s+of\s+(?:(?P<year>{YEAR})|(?:the\s+)?(?:fiscal\s+)?"
          rf"(?P<rel>this|last|next)\s+(?:fiscal\s+)?year)|,?\s+(?P<year2>{YEAR}))?\b",
          _build_quarter),
    _rule("half", rf"(?:the\s+)?(?P<ord>first|second|last|1st|2nd)\s+half\s+of\s+(?:(?P<year>{YEAR})|"
          r"(?:the\s+)?(?:(?P<rel>this|last|next)\s+)?year)\b", _build_half),
    _rule("holiday", rf"(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<us>(?:U\.?S\.?|American)\s+)?"
          rf"(?P<name>{HOLIDAY})(?:,?\s+(?:of\s+)?(?P<year>{YEAR}))?\b", _build_holiday),
    _rule("season", rf"(?:(?P<rel>last|this|next|coming|past|early|late|mid-|mid|the)\s+)?"
          rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>{YEAR}))?\b", _build_season),
    _rule("clock", r"(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)"
          r"|(?<=\bat\s)(?P<h24>[01]\d|2[0-3]):(?P<min24>[0-5]\d)\b|\b(?P<word>noon|midday|midnight)\b)"
          r"(?:\s+(?:local\s+time|GMT|UTC|[ECMP][SD]T|ET)\b)?", _build_clock),
    _rule("part-of-day", rf"\bthe\s+(?:(?:early|late)\s+)?(?P<part>{PART_OF_DAY})(?:\s+hours)?\s+of(?=\s)",
          _build_part_of_day),
)

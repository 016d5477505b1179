"""Rules for dates written with calendar names and numbers: "3 January 2020", "Dec. 27", "in 2014",
"the 1990s", "the third quarter", "Christmas Eve", "last summer", "10 p.m.".

Each rule is a regular expression and a builder. A builder turns a match into a `Candidate` whose
`resolve` computes the TIMEX3 value later, once the context (anchor date, tense, the last date the
text mentioned) is known. A builder returns None to reject a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .calendar import month_day, month_of
from .lexicon import CENTURY_ORDINALS, DECADE_WORDS, MONTH, MONTHS, WEEKDAY
from .values import RANK, Grain, TimeValue

Kind = Literal["date", "time", "duration", "set"]
Granularity = Literal["day", "week", "month", "season", "quarter", "year", "decade", "century", "range",
                      "time", "duration", "unknown"]
Resolved = tuple[str | None, bool]  # (TIMEX3 value or None, computed from the document date?)


@dataclass(frozen=True, slots=True)
class Context:
    """What a relative expression is resolved against."""

    anchor: date | None  # the document date
    tense: Literal["past", "future", "none"] = "none"  # the nearest tense cue in the clause

    @property
    def future(self) -> bool:
        """The clause speaks of the future ("will meet on Friday")."""
        return self.tense == "future"

    @property
    def direction(self) -> bool | None:
        """Where to look for a date given without its year: forward, back, or either (None)."""
        return {"future": True, "past": False}.get(self.tense)
    references: tuple[tuple[TimeValue, bool], ...] = ()  # dates mentioned before, oldest first; anchored?

    def reference(self, finest: Grain) -> tuple[TimeValue, bool] | None:
        """The last date mentioned before the expression that is at least as fine as `finest`."""
        for value, anchored in reversed(self.references):
            if RANK[value.grain] <= RANK[finest]:
                return value, anchored
        return None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that a rule read as a time expression, with the way to compute its value."""

    start: int
    end: int
    kind: Kind
    granularity: Granularity
    resolve: Callable[[Context], Resolved]
    rule: str
    role: Literal["timex", "part_of_day"] = "timex"  # part_of_day: "the early morning of", to merge
    ranges_only: bool = False  # a range written as one token ("2010-2015"): only when ranges are kept
    clock: str | None = None  # for times of day: "T22:00" / "TMO", to put after a date


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str], str], Candidate | None]


def fixed(value: str | None) -> Callable[[Context], Resolved]:
    """A resolver for a value that needs no context."""
    return lambda ctx: (value, False)


def from_anchor(compute: Callable[[date, Context], str | None]) -> Callable[[Context], Resolved]:
    """A resolver that needs the document date; without one the value stays unresolved."""

    def resolve(ctx: Context) -> Resolved:
        if ctx.anchor is None:
            return None, False
        value = compute(ctx.anchor, ctx)
        return value, value is not None

    return resolve


YEAR = r"(?:1[6-9]\d\d|20\d\d|21\d\d)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
MOD = r"(?:early|late|mid-?|the\s+(?:end|beginning|start|middle)\s+of)"
FLAGS = re.IGNORECASE
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|people|persons|men|women|children|troops|soldiers|votes|points|feet|"
    r"foot|metres|meters|miles|km|kilometres|kilometers|tons|tonnes|barrels|shares|units|cases|deaths|"
    r"dead|killed|hectares|acres|times|pages|words|calories|employees|workers|jobs|residents|"
    r"[-\s]*(?:year|month|day)s?[-\s]old)\b", FLAGS)
_PREPOSITIONS_BEFORE_MONTH = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|throughout|during|from|to|of|before|after|on|between|"
    r"and|or|last|this|next|early|late|mid|every|each|for|until|into|around|about)\s+|mid-)$", FLAGS)


def day_of(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _day_value(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _two_digit_year(text: str, anchor: date | None) -> int:
    """A two-digit year in the century that puts it closest to (not far after) the anchor."""
    short = int(text)
    reference = anchor.year if anchor else 2000
    year = reference // 100 * 100 + short
    return year - 100 if year > reference + 10 else year


def _build_iso(m: re.Match[str], text: str) -> Candidate | None:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(year, month, day):
        return None
    value = _day_value(year, month, day)
    if m["H"]:
        return Candidate(m.start(), m.end(), "time", "time", fixed(f"{value}T{m['H']}:{m['M']}"), "iso")
    return Candidate(m.start(), m.end(), "date", "day", fixed(value), "iso")


def _build_numeric(m: re.Match[str], text: str) -> Candidate | None:
    first, second = int(m["a"]), int(m["b"])
    day, month = (first, second) if m["sep"] == "." or first > 12 else (second, first)
    if len(m["y"]) == 4:
        year = int(m["y"])
        if not _valid(year, month, day):
            return None
        return Candidate(m.start(), m.end(), "date", "day", fixed(_day_value(year, month, day)), "numeric")

    def compute(ctx: Context) -> Resolved:
        year = _two_digit_year(m["y"], ctx.anchor)
        return (_day_value(year, month, day) if _valid(year, month, day) else None), False

    return Candidate(m.start(), m.end(), "date", "day", compute, "numeric")


def _month_day(month: int, day: int, year: str | None) -> Callable[[Context], Resolved]:
    if year:
        return fixed(_day_value(int(year), month, day) if _valid(int(year), month, day) else None)

    def compute(anchor: date, ctx: Context) -> str | None:
        found = month_day(anchor, month, day, forward=ctx.direction)
        return found.isoformat() if found else None

    return from_anchor(compute)


def _build_month_day(m: re.Match[str], text: str) -> Candidate | None:
    month, day = MONTHS[m["mon"].rstrip(".").lower()], day_of(m["day"])
    if day > 31:
        return None
    return Candidate(m.start(), m.end(), "date", "day", _month_day(month, day, m["year"]), "month-day")


def _build_month_year(m: re.Match[str], text: str) -> Candidate | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    if m["year"]:
        return Candidate(m.start(), m.end(), "date", "month", fixed(f"{int(m['year']):04d}-{month:02d}"),
                         "month-year")
    offset = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return Candidate(m.start(), m.end(), "date", "month",
                     from_anchor(lambda a, c: f"{a.year + offset:04d}-{month:02d}"), "month-year")


def _build_month(m: re.Match[str], text: str) -> Candidate | None:
    name = m["mon"].rstrip(".").lower()
    if len(m["mon"]) <= 4 and name not in ("may", "june", "july"):
        return None  # an abbreviation alone ("Jan") is more often a name
    if not m["rel"] and not _PREPOSITIONS_BEFORE_MONTH.search(text[max(0, m.start() - 12):m.start()]):
        return None  # "May" the name, "March" the verb: a month alone needs a preposition before it
    if re.match(r"\s+(?-i:[A-Z])", text[m.end():m.end() + 2]) and not m["rel"]:
        return None  # part of a name: "August Wilson", "March Madness"
    month = MONTHS[name]
    rel = (m["rel"] or "").lower().split()[0] if m["rel"] else ""

    def compute(anchor: date, ctx: Context) -> str | None:
        if rel in ("last", "past"):
            return month_of(anchor, month, forward=False, strict=True).format()
        if rel in ("next", "coming"):
            return month_of(anchor, month, forward=True, strict=True).format()
        if rel == "this":
            return f"{anchor.year:04d}-{month:02d}"
        return month_of(anchor, month, forward=ctx.direction).format()

    return Candidate(m.start(), m.end(), "date", "month", from_anchor(compute), "month")


def _build_year(m: re.Match[str], text: str) -> Candidate | None:
    if _NOT_A_YEAR_AFTER.match(text, m.end()):
        return None
    before = text[max(0, m.start() - 2):m.start()]
    if re.search(r"[$£€#¥]\s?$|No\.\s?$", before) or re.match(r"[.,]\d", text[m.end():m.end() + 2]):
        return None
    return Candidate(m.start(), m.end(), "date", "year", fixed(m["year"]), "year")


def _build_year_range(m: re.Match[str], text: str) -> Candidate | None:
    first = int(m["y1"])
    second = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
    if second <= first or second - first > 100:
        return None
    return Candidate(m.start(), m.end(), "date", "range", fixed(f"{first:04d}/{second:04d}"), "year-range",
                     ranges_only=True)


_UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _spelled_below_hundred(text: str) -> int | None:
    words = text.lower().replace("-", " ").split()
    if len(words) == 1 and words[0] in _TEENS:
        return 10 + _TEENS.index(words[0])
    if words and words[0] in _TENS_WORDS:
        tens = 20 + 10 * _TENS_WORDS.index(words[0])
        if len(words) == 1:
            return tens
        if len(words) == 2 and words[1] in _UNITS_WORDS:
            return tens + 1 + _UNITS_WORDS.index(words[1])
    return None


def _build_spelled_year(m: re.Match[str], text: str) -> Candidate | None:
    if m["century"]:
        rest = _spelled_below_hundred(m["rest"])
        if rest is None or rest < 10:
            return None
        year = (10 + _TEENS.index(m["century"].lower())) * 100 + rest
    else:
        extra = m["extra"]
        year = 2000 + ((_spelled_below_hundred(extra) or (1 + _UNITS_WORDS.index(extra.lower())
                        if extra.lower() in _UNITS_WORDS else 0)) if extra else 0)
    return Candidate(m.start(), m.end(), "date", "year", fixed(f"{year:04d}"), "spelled-year")


def _build_decade(m: re.Match[str], text: str) -> Candidate | None:
    if m["full"]:
        return Candidate(m.start(), m.end(), "date", "decade", fixed(m["full"][:3]), "decade")
    if m["word"]:
        return Candidate(m.start(), m.end(), "date", "decade",
                         fixed(f"19{DECADE_WORDS[m['word'].lower()]}"), "decade")
    tens = int(m["short"])

    def compute(ctx: Context) -> Resolved:
        reference = ctx.anchor.year if ctx.anchor else 1999
        century = reference // 100 if tens * 10 <= reference % 100 else reference // 100 - 1
        return f"{century:02d}{tens}", False

    return Candidate(m.start(), m.end(), "date", "decade", compute, "decade")


def _build_century(m: re.Match[str], text: str) -> Candidate | None:
    word = m["ord"].lower()
    number = CENTURY_ORDINALS.get(word) or int(re.match(r"\d+", word).group())  # type: ignore[union-attr]
    return Candidate(m.start(), m.end(), "date", "century", fixed(f"{number - 1:02d}"), "century")


def _rule(name: str, pattern: str, build: Callable[[re.Match[str], str], Candidate | None]) -> Rule:
    return Rule(name, re.compile(pattern, FLAGS), build)


_WD = rf"(?:{WEEKDAY},?\s+)?"
RULES: tuple[Rule, ...] = (
    _rule("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::\d\d)?)?\b",
          _build_iso),
    _rule("numeric", r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/])",
          _build_numeric),
    _rule("month-day", rf"{_WD}(?:{MOD}\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})\b(?![,.]?\d|\s*(?:%|percent))"
          rf"(?:,?\s+(?P<year>{YEAR})\b)?", _build_month_day),
    _rule("day-month", rf"{_WD}(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})\b"
          rf"(?:,?\s+(?P<year>{YEAR})\b)?", _build_month_day),
    _rule("month-year", rf"(?:{MOD}\s*)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?:(?P<year>{YEAR})\b|(?P<rel>this|last|next)\s+"
          r"year\b)", _build_month_year),
    _rule("month", rf"(?:(?P<rel>last|this|next|past|coming|early|late|mid-|mid|the\s+(?:end|beginning|start|"
          rf"middle)\s+of|earlier\s+this|later\s+this)\s*)?(?P<mon>{MONTH})\b", _build_month),
    _rule("year", rf"(?<![\d$£€#.,/:-])(?:(?:fiscal|calendar|the\s+year|{MOD})"
          rf"\s*)?(?P<year>{YEAR})(?![\d%]|-\d|\.\d)", _build_year),
    _rule("spelled-year", r"(?:the\s+year\s+)?(?:(?P<century>sixteen|seventeen|eighteen|nineteen)[\s-]+"
          r"(?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|"
          r"six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
          r"|two\s+thousand(?:\s+and)?(?:[\s-]+(?P<extra>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
          r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|"
          r"sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine))?(?=\s+(?:and|was|"
          r"is|will|when|,|\.)|[,.;]|$))\b", _build_spelled_year),
    _rule("year-range", rf"(?<![\d$£€#.,/:-])(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR}|\d\d)(?![\d%])", _build_year_range),
    _rule("decade", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<full>1[0-9]\d0|20\d0)['’]?s|['’](?P<short>\d)0s"
          r"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b", _build_decade),
    _rule("century", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|"
          + "|".join(sorted(CENTURY_ORDINALS, key=len, reverse=True)) + r")[\s-]+century\b", _build_century),
)

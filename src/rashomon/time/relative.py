"""Rules for relative and quantified time expressions: "yesterday", "On Friday", "last week",
"Late last year", "two days ago", "a year earlier", "three months", "the past few months", "now",
"daily". Values come from the document date (the anchor) or, for narrative expressions such as
"the next day" and "a year earlier", from the last date the text mentioned (the reference).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .calendar import at, shift, truncate, weekday
from .lexicon import (
    NUMBER,
    PART_OF_DAY,
    PARTS_OF_DAY,
    UNIT,
    UNIT_FACTOR,
    UNIT_GRAIN,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    number_of,
    unit_of,
)
from .rules import FLAGS, Candidate, Context, Granularity, Kind, Resolved, Rule, fixed, from_anchor
from .values import Grain

QUALIFIER = (r"(?:about|around|approximately|roughly|nearly|almost|some|over(?!\s+the\b)|under|more\s+than|"
             r"less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|just\s+over|just\s+under|barely|only|"
             r"just|another|an\s+additional|a\s+further)")
_GRANULARITY: dict[Grain, Granularity] = {
    "day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
    "half": "unknown", "season": "season", "year": "year", "decade": "decade", "century": "century"}


def duration_value(amount: float | None, unit: str) -> str:
    """The ISO 8601 duration of `amount` `unit`s ("P3M", "PT5H", "PXY" when the amount is vague)."""
    code = UNITS[unit]
    prefix = "PT" if unit in ("second", "minute", "hour") else "P"
    if amount is None:
        return prefix + "X" + _VAGUE_CODES.get(unit, code)
    amount *= UNIT_FACTOR.get(unit, 1)
    whole = int(amount)
    if amount != whole and unit in _SMALLER:
        smaller, per = _SMALLER[unit]
        rest = f"{round((amount - whole) * per)}{smaller}"
        return f"{prefix}{whole}{code}{rest}" if whole else f"{prefix}{rest}"
    return f"{prefix}{whole if amount == whole else amount}{code}"


_VAGUE_CODES = {"decade": "DE", "century": "CE"}  # "decades" is PXDE: an unknown number of decades
_SMALLER = {"year": ("M", 12), "month": ("D", 30), "week": ("D", 7), "hour": ("M", 60), "minute": ("S", 60)}


def _shift_anchor(unit: str, amount: int) -> Callable[[date, Context], str | None]:
    """The anchor's `unit` moved by `amount` ("last week" is the anchor's week moved by -1)."""
    grain = UNIT_GRAIN[unit]

    def compute(anchor: date, ctx: Context) -> str | None:
        moved = shift(at(anchor, grain), grain, amount * UNIT_FACTOR.get(unit, 1)
                      if grain not in ("decade", "century") else amount)
        return moved.format() if moved else None

    return compute


def _from_reference(unit: str, amount: int, *, keep_grain: bool) -> Callable[[Context], Resolved]:
    """The reference date moved by `amount` `unit`s; kept at its own grain or cut to the unit's."""
    grain = UNIT_GRAIN[unit]

    def resolve(ctx: Context) -> Resolved:
        reference = ctx.reference(grain)
        if reference is None:
            return None, False
        base = reference[0] if keep_grain else truncate(reference[0], grain)
        if base is None:
            return None, False
        moved = shift(base, grain, amount * UNIT_FACTOR.get(unit, 1)) if amount else base
        return (moved.format() if moved else None), reference[1]

    return resolve


def _build_day_word(m: re.Match[str], text: str) -> Candidate | None:
    word = " ".join(m["w"].lower().split())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2, "earlier today": 0, "later today": 0}[word]
    part = m["part"] or ("night" if word == "tonight" else None)
    suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""
    compute = from_anchor(lambda a, c: (a + timedelta(days=offset)).isoformat() + suffix)
    kind: Kind = "time" if suffix else "date"
    grain: Granularity = "time" if suffix else "day"
    return Candidate(m.start(), m.end(), kind, grain, compute, "day-word")


def _build_this_part(m: re.Match[str], text: str) -> Candidate | None:
    offset = -1 if m["rel"].lower() == "last" else 0
    if offset == -1 and m["part"].lower() != "night":
        return None  # "last morning" is not said
    suffix = "T" + PARTS_OF_DAY[m["part"].lower()]
    return Candidate(m.start(), m.end(), "time", "time",
                     from_anchor(lambda a, c: (a + timedelta(days=offset)).isoformat() + suffix), "this-part")


_REFERENCE_WORDS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "at the moment": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "soon": "FUTURE_REF", "the future": "FUTURE_REF",
}


def _build_reference_word(m: re.Match[str], text: str) -> Candidate | None:
    word = " ".join(m["w"].lower().split())
    if word.startswith("recent"):
        value = "PAST_REF"
    elif word.endswith("future"):
        value = "FUTURE_REF"
    else:
        value = _REFERENCE_WORDS[word]
    return Candidate(m.start("w"), m.end("w"), "date", "unknown", fixed(value), "reference-word")


def _build_relative_unit(m: re.Match[str], text: str) -> Candidate | None:
    rel = " ".join(m["rel"].lower().split())
    if rel in ("the", "over the") and m["unit"].lower() != "weekend" and not m["mod"]:
        return None  # "the year" alone is too often a duration or a generic year
    unit = "year" if m["unit"].lower().startswith("fiscal") else m["unit"].lower()
    amount = {"last": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1, "the coming": 1,
              "this coming": 1}.get(rel, 0)
    if unit == "weekend":
        if rel == "this past":
            amount = 0
        start = m.start("rel") + 5 if rel == "over the" else m.start()  # "over" is a signal, not the time
        return Candidate(start, m.end(), "date", "week", from_anchor(_weekend(amount, rel)), "weekend")
    grain = UNIT_GRAIN[unit]
    return Candidate(m.start(), m.end(), "date", _GRANULARITY[grain], from_anchor(_shift_anchor(unit, amount)),
                     "relative-unit")


def _weekend(amount: int, rel: str) -> Callable[[date, Context], str | None]:
    def compute(anchor: date, ctx: Context) -> str | None:
        if rel in ("the", "over the", "this past", ""):
            # the weekend nearest the anchor: this week's if it has begun (or is ahead), else last week's
            saturday = weekday(anchor, 5, forward=ctx.future)
            return at(saturday, "weekend").format()
        return at(anchor + timedelta(weeks=amount), "weekend").format()

    return compute


def _build_narrative(m: re.Match[str], text: str) -> Candidate | None:
    rel = " ".join(m["rel"].lower().split())
    word = m["unit"].lower()
    amount = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}.get(rel, 0)
    if word in PARTS_OF_DAY:
        suffix = "T" + PARTS_OF_DAY[word]
        day = _from_reference("day", amount, keep_grain=False)

        def resolve(ctx: Context) -> Resolved:
            value, anchored = day(ctx)
            return (value + suffix if value else None), anchored

        return Candidate(m.start(), m.end(), "time", "time", resolve, "narrative")
    grain = UNIT_GRAIN[word]
    return Candidate(m.start(), m.end(), "date", _GRANULARITY[grain],
                     _from_reference(word, amount, keep_grain=False), "narrative")


def _build_ago(m: re.Match[str], text: str) -> Candidate | None:
    unit = unit_of(m["unit"])
    amount = number_of(m["num"])
    direction = " ".join(m["dir"].lower().split())
    if unit in ("second", "minute", "hour"):
        return Candidate(m.start(), m.end(), "date", "unknown", fixed(None), "ago")
    grain = UNIT_GRAIN[unit]
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    if amount is None or amount != int(amount):
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Candidate(m.start(), m.end(), "date", "unknown",
                         fixed(value) if direction in ("ago", "back", "from now", "hence") else fixed(None), "ago")
    steps = sign * int(amount)
    if direction in ("earlier", "later", "before", "after"):
        return Candidate(m.start(), m.end(), "date", _GRANULARITY[grain],
                         _from_reference(unit, steps, keep_grain=True), "ago")
    return Candidate(m.start(), m.end(), "date", _GRANULARITY[grain], from_anchor(_shift_anchor(unit, steps)),
                     "ago")


_RATE_BEFORE = re.compile(r"(?:\d|%|percent|times|cents?|dollars?|euros?|pounds?|barrels?|tons?|tonnes?)\s+$",
                         re.IGNORECASE)


def _build_duration(m: re.Match[str], text: str) -> Candidate | None:
    if (m["num"] or "").lower() in ("a", "an") and _RATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return None  # "$5 a year", "20 barrels a day": a rate, not a period
    unit = unit_of(m["unit"])
    amount = number_of(m["num"]) if m["num"] else 1.0
    if re.fullmatch(r"1[6-9]\d\d|20\d\d", m["num"] or ""):
        return None  # "the 1988 quarter": a year, not a count
    if unit == "quarter" and (not m["num"] or "-" in m.group() or amount in (None, 1, 3)):
        return None  # "a quarter", "three-quarters" are fractions more often than periods
    if m["num"] and m["num"].strip().lower() in ("a", "an", "one") and m["unit"].lower().endswith("s"):
        return None  # "a years" is not English; "one days" neither
    if unit == "second" and re.match(r"\s+[a-z]", text[m.end():m.end() + 2]):
        return None  # "a second attack", "two second-hand cars": an ordinal, not a duration
    return Candidate(m.start(), m.end(), "duration", "duration", fixed(duration_value(amount, unit)), "duration")


def _build_bare_units(m: re.Match[str], text: str) -> Candidate | None:
    return Candidate(m.start("unit"), m.end("unit"), "duration", "duration",
                     fixed(duration_value(None, unit_of(m["unit"]))), "duration")


def _build_half_unit(m: re.Match[str], text: str) -> Candidate | None:
    value = {"hour": "PT30M", "day": "PT12H", "year": "P6M", "decade": "P5Y", "century": "P50Y",
             "month": "P2W"}[unit_of(m["unit"])]
    return Candidate(m.start(), m.end(), "duration", "duration", fixed(value), "duration")


def _build_set(m: re.Match[str], text: str) -> Candidate | None:
    word = (m["every"] or m["adverb"] or "").lower()
    target = (m["target"] or m["per"] or "").lower()
    if m["adverb"]:
        value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
                 "nightly": "P1D", "hourly": "PT1H"}[word]
    elif target.rstrip(".") in WEEKDAYS:
        value = f"XXXX-WXX-{WEEKDAYS[target.rstrip('.')] + 1}"
    elif target in PARTS_OF_DAY:
        value = "XXXX-XX-XXT" + PARTS_OF_DAY[target]
    else:
        value = duration_value(1, unit_of(target))
    return Candidate(m.start(), m.end(), "set", "unknown", fixed(value), "set")


def _build_weekday(m: re.Match[str], text: str) -> Candidate | None:
    number = WEEKDAYS[m["wd"].rstrip(".").lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    part = m["part"]
    suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""

    def compute(anchor: date, ctx: Context) -> str | None:
        if rel in ("last", "past"):
            found = weekday(anchor, number, forward=False, strict=True)
        elif rel in ("next", "coming", "this coming"):
            found = weekday(anchor, number, forward=True, strict=True)
        elif rel == "this":
            found = anchor + timedelta(days=number - anchor.weekday())
        else:
            found = weekday(anchor, number, forward=ctx.future)
        return found.isoformat() + suffix

    kind: Kind = "time" if suffix else "date"
    grain: Granularity = "time" if suffix else "day"
    return Candidate(m.start(), m.end(), kind, grain, from_anchor(compute), "weekday")


def _rule(name: str, pattern: str, build: Callable[[re.Match[str], str], Candidate | None]) -> Rule:
    return Rule(name, re.compile(pattern, FLAGS), build)


_UNIT_WORD = r"(?:week|weekend|month|quarter|year|decade|century|fiscal\s+year)"
RULES: tuple[Rule, ...] = (
    _rule("day-word", rf"\b(?P<w>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|earlier\s+today|later\s+today|"
          rf"today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{PART_OF_DAY}))?\b", _build_day_word),
    _rule("this-part", rf"\b(?P<rel>this|last)\s+(?P<part>{PART_OF_DAY})\b", _build_this_part),
    _rule("reference-word", r"(?<![\w-])(?P<w>right\s+now|now|currently|nowadays|at\s+present|at\s+the\s+moment|"
          r"these\s+days|recently|lately|recent\s+(?:years|months|weeks|days|decades)|the\s+past|"
          r"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|soon)(?![\w-])"
          r"(?!\s+(?:as|after|afterwards|thereafter|enough|to\s+be)\b)", _build_reference_word),
    _rule("relative-unit", rf"(?:(?P<mod>early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|rest)\s+of)"
          rf"[\s-]+)?(?P<rel>last|this\s+past|this\s+coming|this|next|coming|previous|current|the\s+current|"
          rf"the\s+coming|over\s+the|the)\s+(?P<unit>{_UNIT_WORD})\b", _build_relative_unit),
    _rule("narrative", r"\b(?P<rel>the\s+next|the\s+following|the\s+previous|the\s+preceding|that|the\s+same)\s+"
          r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b", _build_narrative),
    _rule("ago", rf"(?:{QUALIFIER}\s+)?(?P<num>{NUMBER})\s+(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|back|"
          r"from\s+now|hence|(?:before|after)(?=\s*(?:[,.;:!?)]|$)))", _build_ago),
    _rule("duration", rf"(?:{QUALIFIER}\s+)?(?:(?:the\s+)?(?:past|last|next|first|coming|previous|following|final|"
          rf"remaining|same|entire|whole|full)\s+|the\s+)?(?P<num>{NUMBER})[\s-](?P<unit>{UNIT})(?:-long)?\b"
          r"(?![-\s]+old\b)", _build_duration),
    _rule("the-past-unit", r"(?:the\s+(?:past|last)|(?<!this\s)past)"
          r"\s+(?P<num>)(?P<unit>week|month|year|decade|century|day|hour)\b(?![-\s]+old\b)",
          _build_duration),
    _rule("bare-units", r"\b(?:for|in|over|within|after|took|take|takes|lasted|last)\s+(?P<unit>years|months|weeks|"
          r"days|decades|hours|minutes)\b(?!\s+(?:of|ago|later|earlier|old))", _build_bare_units),
    _rule("half-unit", r"\bhalf\s+(?:an?\s+)?(?P<unit>hour|day|month|year|decade|century)\b", _build_half_unit),
    _rule("set", rf"\b(?:(?P<every>every|each)\s+(?:other\s+)?(?P<target>day|week|month|year|morning|afternoon|"
          rf"evening|night|{WEEKDAY})|(?P<adverb>daily|weekly|monthly|yearly|annually|nightly|hourly)|"
          rf"(?:once|twice|thrice|{NUMBER}\s+times)\s+(?:a|an|per|every|each)\s+(?P<per>day|week|month|year|hour))\b",
          _build_set),
    _rule("weekday", rf"(?:(?P<rel>last|this\s+coming|this|next|coming|past|early|late|earlier|later)\s+)?"
          rf"(?P<wd>{WEEKDAY})(?!\w)(?:\s+(?P<part>{PART_OF_DAY}))?", _build_weekday),
)

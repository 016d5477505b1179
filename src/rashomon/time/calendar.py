"""Calendar arithmetic on TIMEX3 values: parse, format, shift, and pick the nearest occurrence.

Values follow TimeML's TIMEX3 conventions (ISO 8601 with TimeML's extensions):
"2020-01-03" (day), "2020-01-03TMO" / "2020-01-03T22:00" (time), "2020-W01" (ISO week),
"2020-W01-WE" (weekend), "2020-01" (month), "2020-Q1" (quarter), "2020-H1" (half year),
"2019-WI" (season: SP, SU, FA, WI; a winter belongs to the year of its December), "2020" (year),
"202" (decade), "20" (century: the 21st century is "20").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Grain = Literal["day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century"]

SEASONS = ("SP", "SU", "FA", "WI")
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                    9: "FA", 10: "FA", 11: "FA"}
# How fine each grain is: a value can be shifted by a unit no finer than itself.
RANK = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "half": 3, "season": 3,
         "year": 4, "decade": 5, "century": 6}


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar value at one grain. `year` is the ISO year for weeks and the December year for WI."""

    grain: Grain
    year: int
    number: int = 0  # month, week, quarter, half or season index (0-3); unused for year and coarser
    day: int = 0  # day of month, for grain "day"

    def format(self) -> str:
        if self.grain == "day":
            return f"{self.year:04d}-{self.number:02d}-{self.day:02d}"
        if self.grain == "week":
            return f"{self.year:04d}-W{self.number:02d}"
        if self.grain == "weekend":
            return f"{self.year:04d}-W{self.number:02d}-WE"
        if self.grain == "month":
            return f"{self.year:04d}-{self.number:02d}"
        if self.grain == "quarter":
            return f"{self.year:04d}-Q{self.number}"
        if self.grain == "half":
            return f"{self.year:04d}-H{self.number}"
        if self.grain == "season":
            return f"{self.year:04d}-{SEASONS[self.number]}"
        if self.grain == "year":
            return f"{self.year:04d}"
        if self.grain == "decade":
            return f"{self.year // 10:03d}"
        return f"{self.year // 100:02d}"

    def as_date(self) -> date:
        """The first day of the point (a weekend starts on its Saturday)."""
        if self.grain == "day":
            return date(self.year, self.number, self.day)
        if self.grain in ("week", "weekend"):
            return date.fromisocalendar(self.year, self.number, 6 if self.grain == "weekend" else 1)
        if self.grain == "month":
            return date(self.year, self.number, 1)
        if self.grain == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        if self.grain == "half":
            return date(self.year, 6 * self.number - 5, 1)
        if self.grain == "season":
            return date(self.year, 3 * self.number + 3, 1)
        return date(self.year, 1, 1)


def at(day: date, grain: Grain) -> Point:
    """The point of `grain` that contains `day`."""
    if grain == "day":
        return Point("day", day.year, day.month, day.day)
    if grain in ("week", "weekend"):
        iso = day.isocalendar()
        return Point(grain, iso.year, iso.week)
    if grain == "month":
        return Point("month", day.year, day.month)
    if grain == "quarter":
        return Point("quarter", day.year, (day.month - 1) // 3 + 1)
    if grain == "half":
        return Point("half", day.year, 1 if day.month <= 6 else 2)
    if grain == "season":
        season = _SEASON_OF_MONTH[day.month]
        return Point("season", day.year - 1 if day.month <= 2 else day.year, SEASONS.index(season))
    return Point(grain, day.year)


_VALUE_FORMS: tuple[tuple[re.Pattern[str], Grain], ...] = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$"), "day"),
    (re.compile(r"^(\d{4})-W(\d{2})-WE$"), "weekend"),
    (re.compile(r"^(\d{4})-W(\d{2})$"), "week"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{3})$"), "decade"),
    (re.compile(r"^(\d{2})$"), "century"),
)


def parse(value: str | None) -> Point | None:
    """The point a TIMEX3 date value names; None for durations, references and unknown forms."""
    if not value:
        return None
    for pattern, grain in _VALUE_FORMS:
        match = pattern.match(value)
        if not match:
            continue
        year = int(match.group(1))
        if grain == "day":
            return Point("day", year, int(match.group(2)), int(match.group(3)))
        if grain == "season":
            return Point("season", year, SEASONS.index(match.group(2)))
        if grain == "decade":
            return Point("decade", year * 10)
        if grain == "century":
            return Point("century", year * 100)
        return Point(grain, year, int(match.group(2)) if match.lastindex and match.lastindex > 1 else 0)
    return None


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))


_MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}


def shift(point: Point, unit: Grain, amount: int) -> Point | None:
    """`point` moved by `amount` units, kept at its own grain; None when `unit` is finer than it."""
    if RANK[unit] < RANK[point.grain]:
        return None
    start = point.as_date()
    if unit in ("day",):
        moved = start + timedelta(days=amount)
    elif unit in ("week", "weekend"):
        moved = start + timedelta(weeks=amount)
    else:
        moved = _add_months(start, _MONTHS_PER[unit] * amount)
    if point.grain == "day":
        return at(moved, "day")
    return at(moved, point.grain)


def truncate(point: Point, grain: Grain) -> Point | None:
    """`point` at a coarser `grain` ("2020-01-03" at month is "2020-01"); None when `grain` is finer."""
    if RANK[grain] < RANK[point.grain]:
        return None
    return at(point.as_date(), grain)


def nearest(anchor: date, candidates: list[date], *, forward: bool | None, strict: bool = False) -> date | None:
    """The latest candidate on or before `anchor`, or the earliest on or after it when `forward`.

    With `forward=None` the candidate closest to the anchor either way (the earlier one on a tie).
    With `strict`, the anchor itself does not count.
    """
    if forward is None:
        pool = [d for d in candidates if d != anchor or not strict]
        return min(pool, key=lambda d: (abs((d - anchor).days), d > anchor)) if pool else None
    if forward:
        later = [d for d in candidates if d > anchor or (d == anchor and not strict)]
        return min(later) if later else None
    earlier = [d for d in candidates if d < anchor or (d == anchor and not strict)]
    return max(earlier) if earlier else None


def month_day(anchor: date, month: int, day: int, *, forward: bool | None) -> date | None:
    """The `month`/`day` nearest the anchor: the latest on or before it, or the first on or after."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue  # 29 February in a common year
    return nearest(anchor, options, forward=forward)


def month_of(anchor: date, month: int, *, forward: bool | None, strict: bool = False) -> Point:
    """The month `month` nearest the anchor's month: the latest not after it, or the first not before."""
    options = [date(anchor.year + delta, month, 1) for delta in (-1, 0, 1)]
    this_month = date(anchor.year, anchor.month, 1)
    chosen = nearest(this_month, options, forward=forward, strict=strict)
    return at(chosen or options[1], "month")


def weekday(anchor: date, number: int, *, forward: bool, strict: bool = False) -> date:
    """The weekday `number` (Monday 0) nearest the anchor, on or before it (or on or after it)."""
    if forward:
        ahead = (number - anchor.weekday()) % 7
        if strict and ahead == 0:
            ahead = 7
        return anchor + timedelta(days=ahead)
    back = (anchor.weekday() - number) % 7
    if strict and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def season_of(anchor: date, season: int, *, forward: bool | None, strict: bool = False) -> Point:
    """The season `season` (SP 0 .. WI 3) nearest the anchor's season, like `month_of`."""
    current = at(anchor, "season")
    options = [Point("season", year, season) for year in (current.year - 1, current.year, current.year + 1)]
    ordered = sorted(options, key=lambda p: p.as_date())
    here = current.as_date()
    chosen = nearest(here, [p.as_date() for p in ordered], forward=forward, strict=strict)
    return at(chosen, "season") if chosen else options[1]


def easter(year: int) -> date:
    """Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, number: int, nth: int) -> date:
    """The `nth` weekday `number` (Monday 0) of a month; nth -1 is the last."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(number - first.weekday()) % 7 + 7 * (nth - 1))
    last = _add_months(date(year, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - number) % 7)

"""Time values: a calendar value at one grain, the one type for every date rashomon reads or computes.

A time expression's TIMEX3 value, an event's date and a document's publication day are all written
as TimeML's TIMEX3 values (ISO 8601 with TimeML's extensions) and read by `parse_value`:

    "2020-01-03" (day; "2020-01-03T22:00" and "2020-01-03TMO" are read as their day),
    "2020-W01" (ISO week), "2020-W01-WE" (its weekend), "2020-01" (month), "2020-Q1" (quarter),
    "2020-H1" (half year), "2019-WI" (season: SP, SU, FA, WI; a winter belongs to the year of its
    December), "2020" (year), "202" (decade), "20" (century: the 21st century is "20").

Durations ("P3D"), references ("PAST_REF"), unresolved values ("XXXX-12-27"), ranges ("2010/2015")
and impossible dates ("2020-02-30") name no calendar value: `parse_value` gives None for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from ..model import DatePrecision

Grain = Literal["day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century"]

SEASONS = ("SP", "SU", "FA", "WI")
# How fine each grain is: a value can be shifted by a unit no finer than itself.
RANK: dict[Grain, int] = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "half": 3, "season": 3,
                          "year": 4, "decade": 5, "century": 6}
# The precision an event date of each grain has; a century dates no event ("unknown").
_PRECISION: dict[Grain, DatePrecision] = {
    "day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter", "half": "range",
    "season": "season", "year": "year", "decade": "decade", "century": "unknown"}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "range": 3, "year": 4,
                   "decade": 5, "unknown": 6}


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A calendar value at one grain: a day, week, weekend, month, quarter, half year, season, year,
    decade or century, with the first and last day it covers.

    `year` is the ISO year for weeks, the year of its December for a winter, and the first year of a
    decade or century. `number` is the month, ISO week, quarter, half or season index (SP 0 .. WI 3);
    `day` the day of the month. A value that names no real period ("2020-02-30", week 53 of a year
    with 52) cannot be made: the constructor raises ValueError.
    """

    grain: Grain
    year: int
    number: int = 0  # month, week, quarter, half or season index (0-3); unused for year and coarser
    day: int = 0  # day of month, for grain "day"
    start: date = field(init=False, repr=False, compare=False)  # the first day covered
    end: date = field(init=False, repr=False, compare=False)  # the last day covered (included)

    def __post_init__(self) -> None:
        try:
            first, last = _bounds(self.grain, self.year, self.number, self.day)
        except (ValueError, OverflowError) as err:
            raise ValueError(f"{self.grain} {self.year}/{self.number}/{self.day}: no such calendar value "
                             f"({err}). Build values with parse_value or calendar.at.") from err
        object.__setattr__(self, "start", first)
        object.__setattr__(self, "end", last)

    def format(self) -> str:
        """The TIMEX3 value ("2020-01-03", "2020-W01-WE", "2019-WI", "202", ...)."""
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

    @property
    def precision(self) -> DatePrecision:
        """How precise the value is as an event date ("day", "week", ..., "range" for a half year)."""
        return _PRECISION[self.grain]

    def contains(self, other: TimeValue) -> bool:
        """Whether every day of `other` is a day of this value (a day in its month)."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: TimeValue) -> bool:
        """Whether the two values share a day."""
        return self.start <= other.end and other.start <= self.end

    def compatible(self, other: TimeValue) -> bool:
        """Whether both can describe one event: one contains the other (a day in its month)."""
        return self.contains(other) or other.contains(self)


def _bounds(grain: Grain, year: int, number: int, day: int) -> tuple[date, date]:
    """The first and last day of a value; ValueError when it names no real period."""
    if grain == "day":
        first = date(year, number, day)
        return first, first
    if grain in ("week", "weekend"):
        monday = date.fromisocalendar(year, number, 1)
        if grain == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if grain == "month":
        first, months = date(year, number, 1), 1
    elif grain == "quarter":
        first, months = date(year, 3 * number - 2, 1), 3
    elif grain == "half":
        first, months = date(year, 6 * number - 5, 1), 6
    elif grain == "season":
        first, months = date(year, 3 * number + 3, 1), 3
    else:
        span = {"year": 1, "decade": 10, "century": 100}[grain]
        first_year = year - year % span
        return date(first_year, 1, 1), date(first_year + span - 1, 12, 31)
    return first, first + relativedelta(months=months - 1, day=31)  # day=31: the last day of that month


_VALUE_FORMS: tuple[tuple[re.Pattern[str], Grain], ...] = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", re.DOTALL), "day"),
    (re.compile(r"(\d{4})-W(\d{2})-WE"), "weekend"),
    (re.compile(r"(\d{4})-W(\d{2})"), "week"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-H([12])"), "half"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{3})"), "decade"),
    (re.compile(r"(\d{2})"), "century"),
)


def parse_value(value: str | None) -> TimeValue | None:
    """The calendar value a TIMEX3 value names; None for durations, references, unresolved or
    impossible values and anything else (see the module docstring for the forms)."""
    if not value:
        return None
    text = value.strip()
    for pattern, grain in _VALUE_FORMS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        year = int(match[1])
        if grain == "day":
            number, day = int(match[2]), int(match[3])
        elif grain == "season":
            number, day = SEASONS.index(match[2]), 0
        elif grain in ("decade", "century"):
            year, number, day = year * (10 if grain == "decade" else 100), 0, 0
        else:
            number, day = (int(match[2]) if grain != "year" else 0), 0
        try:
            return TimeValue(grain, year, number, day)
        except ValueError:
            return None
    return None


def precision_rank(precision: str) -> int:
    """0 for a day, larger for coarser precisions; "unknown" is the coarsest."""
    return _PRECISION_RANK.get(precision, 6)

"""Calendar values of event dates: TIMEX3 strings read as day ranges, compared and ranked.

An event's date is the value of a normalised time expression, in TimeML's TIMEX3 forms: "2020-01-03"
(day), "2020-01-03T22:00" (a time, read as its day), "2020-W01" (ISO week), "2020-W01-WE" (weekend),
"2020-01" (month), "2020-Q1" (quarter), "2020-H1" (half year), "2019-WI" (season; a winter belongs
to the year of its December), "2020" (year), "202" (decade). Anything else (durations, unresolved
"XXXX-12-27", "PAST_REF") is not a calendar date and gives None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import DatePrecision

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "range": 3, "year": 4,
                   "decade": 5, "unknown": 6}


@dataclass(frozen=True, slots=True)
class DateRange:
    """The days a date value covers, both ends included, and how precise it is."""

    value: str  # the value as written, without a time of day
    start: date
    end: date
    precision: DatePrecision

    def contains(self, other: DateRange) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def compatible(self, other: DateRange) -> bool:
        """Whether both can describe one event: one contains the other (a day in its month)."""
        return self.contains(other) or other.contains(self)


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def parse_date(value: str | None) -> DateRange | None:
    """The day range of a TIMEX3 date value; None when the value is no calendar date."""
    if not value:
        return None
    text = value.strip().split("T", 1)[0] if re.match(r"^\d{4}-\d\d-\d\dT", value.strip()) else value.strip()
    try:
        if match := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return DateRange(text, day, day, "day")
        if match := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", text):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            if match[3]:
                return DateRange(text, monday + timedelta(days=5), monday + timedelta(days=6), "week")
            return DateRange(text, monday, monday + timedelta(days=6), "week")
        if match := re.fullmatch(r"(\d{4})-(\d\d)", text):
            year, month = int(match[1]), int(match[2])
            return DateRange(text, date(year, month, 1), _month_end(year, month), "month")
        if match := re.fullmatch(r"(\d{4})-Q([1-4])", text):
            year, quarter = int(match[1]), int(match[2])
            return DateRange(text, date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), "quarter")
        if match := re.fullmatch(r"(\d{4})-H([12])", text):
            year, half = int(match[1]), int(match[2])
            return DateRange(text, date(year, 6 * half - 5, 1), _month_end(year, 6 * half), "range")
        if match := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", text):
            year = int(match[1])
            first, last = _SEASON_MONTHS[match[2]]
            end_year = year + 1 if match[2] == "WI" else year
            return DateRange(text, date(year, first, 1), _month_end(end_year, last), "season")
        if match := re.fullmatch(r"(\d{4})", text):
            year = int(match[1])
            return DateRange(text, date(year, 1, 1), date(year, 12, 31), "year")
        if match := re.fullmatch(r"(\d{3})", text):
            decade = int(match[1]) * 10
            return DateRange(text, date(decade, 1, 1), date(decade + 9, 12, 31), "decade")
    except ValueError:
        return None
    return None


def precision_rank(precision: str) -> int:
    """0 for a day, larger for coarser precisions; "unknown" is the coarsest."""
    return _PRECISION_RANK.get(precision, 6)

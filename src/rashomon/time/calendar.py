"""Calendar arithmetic on time values: the value containing a day, shifts, truncation, the occurrence
of a month, season or weekday nearest a date, and the dates of movable feasts.

Month arithmetic, month ends, nth weekdays and Easter come from python-dateutil (`relativedelta`,
`dateutil.easter`); a value moved by months keeps its day where the month has it ("31 January" plus
a month is 29 February in a leap year).
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter as _western_easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from .values import RANK, SEASONS, Grain, TimeValue

_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                    9: "FA", 10: "FA", 11: "FA"}
_MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}
_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)  # dateutil's weekdays, Monday 0 as in date.weekday()


def at(day: date, grain: Grain) -> TimeValue:
    """The value of `grain` that contains `day`."""
    if grain == "day":
        return TimeValue("day", day.year, day.month, day.day)
    if grain in ("week", "weekend"):
        iso = day.isocalendar()
        return TimeValue(grain, iso.year, iso.week)
    if grain == "month":
        return TimeValue("month", day.year, day.month)
    if grain == "quarter":
        return TimeValue("quarter", day.year, (day.month - 1) // 3 + 1)
    if grain == "half":
        return TimeValue("half", day.year, 1 if day.month <= 6 else 2)
    if grain == "season":
        season = _SEASON_OF_MONTH[day.month]
        return TimeValue("season", day.year - 1 if day.month <= 2 else day.year, SEASONS.index(season))
    if grain == "decade":
        return TimeValue("decade", day.year - day.year % 10)
    if grain == "century":
        return TimeValue("century", day.year - day.year % 100)
    return TimeValue(grain, day.year)


def shift(value: TimeValue, unit: Grain, amount: int) -> TimeValue | None:
    """`value` moved by `amount` units, kept at its own grain; None when `unit` is finer than it."""
    if RANK[unit] < RANK[value.grain]:
        return None
    if unit == "day":
        moved = value.start + timedelta(days=amount)
    elif unit in ("week", "weekend"):
        moved = value.start + timedelta(weeks=amount)
    else:
        moved = value.start + relativedelta(months=_MONTHS_PER[unit] * amount)
    return at(moved, value.grain)


def truncate(value: TimeValue, grain: Grain) -> TimeValue | None:
    """`value` at a coarser `grain` ("2020-01-03" at month is "2020-01"); None when `grain` is finer."""
    if RANK[grain] < RANK[value.grain]:
        return None
    return at(value.start, grain)


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


def month_of(anchor: date, month: int, *, forward: bool | None, strict: bool = False) -> TimeValue:
    """The month `month` nearest the anchor's month: the latest not after it, or the first not before."""
    options = [date(anchor.year + delta, month, 1) for delta in (-1, 0, 1)]
    this_month = date(anchor.year, anchor.month, 1)
    chosen = nearest(this_month, options, forward=forward, strict=strict)
    return at(chosen or options[1], "month")


def weekday(anchor: date, number: int, *, forward: bool, strict: bool = False) -> date:
    """The weekday `number` (Monday 0) nearest the anchor, on or before it (or on or after it).

    With `strict`, the anchor itself does not count ("last Friday" said on a Friday is a week back).
    """
    step = timedelta(days=1 if strict else 0)
    if forward:
        return anchor + step + relativedelta(weekday=_WEEKDAYS[number](+1))
    return anchor - step + relativedelta(weekday=_WEEKDAYS[number](-1))


def season_of(anchor: date, season: int, *, forward: bool | None, strict: bool = False) -> TimeValue:
    """The season `season` (SP 0 .. WI 3) nearest the anchor's season, like `month_of`."""
    current = at(anchor, "season")
    options = [TimeValue("season", year, season) for year in (current.year - 1, current.year, current.year + 1)]
    chosen = nearest(current.start, sorted(option.start for option in options), forward=forward, strict=strict)
    return at(chosen, "season") if chosen else options[1]


def easter(year: int) -> date:
    """Easter Sunday of `year` in the Gregorian calendar (dateutil's western Easter)."""
    return _western_easter(year)


def nth_weekday(year: int, month: int, number: int, nth: int) -> date:
    """The `nth` weekday `number` (Monday 0) of a month; nth -1 is the last."""
    first = date(year, month, 1)
    if nth > 0:
        return first + relativedelta(weekday=_WEEKDAYS[number](nth))
    return first + relativedelta(day=31, weekday=_WEEKDAYS[number](nth))

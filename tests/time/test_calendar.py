"""Calendar arithmetic on time values: shifts, month ends, nearest occurrences, movable feasts."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.time.calendar import at, easter, month_of, nth_weekday, season_of, shift, truncate, weekday
from rashomon.time.values import Grain, parse_value


def test_easter_known_dates() -> None:
    assert [easter(y) for y in (2019, 2020, 2024)] == [date(2019, 4, 21), date(2020, 4, 12), date(2024, 3, 31)]


@pytest.mark.parametrize(("value", "unit", "amount", "expected"), [
    ("2020-01-31", "month", 1, "2020-02-29"),  # the day is kept where the month has it
    ("2019-01-31", "month", 1, "2019-02-28"),
    ("2020-03-31", "quarter", -1, "2019-12-31"),
    ("2020-01-03", "day", -3, "2019-12-31"),
    ("2020-W01", "week", -1, "2019-W52"),
    ("2020-W01-WE", "week", 1, "2020-W02-WE"),
    ("2020-01", "year", -1, "2019-01"),
    ("2020-Q1", "quarter", -1, "2019-Q4"),
    ("2019-WI", "season", 1, "2020-SP"),
    ("202", "decade", -1, "201"),
    ("20", "century", 1, "21"),
    ("2020-01", "day", 1, None),  # a unit finer than the value
])
def test_calendar_shift(value: str, unit: Grain, amount: int, expected: str | None) -> None:
    start = parse_value(value)
    assert start is not None
    moved = shift(start, unit, amount)
    assert (moved.format() if moved else None) == expected


@pytest.mark.parametrize(("day", "grain", "expected"), [
    (date(2020, 1, 3), "week", "2020-W01"), (date(2021, 1, 3), "week", "2020-W53"),
    (date(2020, 2, 1), "season", "2019-WI"), (date(2020, 12, 1), "season", "2020-WI"),
    (date(2020, 7, 1), "half", "2020-H2"), (date(2025, 6, 1), "decade", "202"), (date(2025, 6, 1), "century", "20"),
])
def test_calendar_at(day: date, grain: Grain, expected: str) -> None:
    assert at(day, grain).format() == expected


def test_calendar_truncate_only_coarsens() -> None:
    day = parse_value("2020-01-03")
    assert day is not None
    grains: tuple[Grain, ...] = ("month", "quarter", "year")
    truncated = [truncate(day, grain) for grain in grains]
    assert [value.format() if value else None for value in truncated] == ["2020-01", "2020-Q1", "2020"]
    month = parse_value("2020-01")
    assert month is not None and truncate(month, "day") is None


@pytest.mark.parametrize(("number", "forward", "strict", "expected"), [
    (4, False, False, date(2020, 1, 3)),  # Friday 3 January 2020 itself
    (4, False, True, date(2019, 12, 27)),  # "last Friday"
    (4, True, True, date(2020, 1, 10)),  # "next Friday"
    (0, True, False, date(2020, 1, 6)),
    (0, False, False, date(2019, 12, 30)),
])
def test_calendar_weekday(number: int, forward: bool, strict: bool, expected: date) -> None:
    assert weekday(date(2020, 1, 3), number, forward=forward, strict=strict) == expected


@pytest.mark.parametrize(("year", "month", "number", "nth", "expected"), [
    (2020, 11, 3, 4, date(2020, 11, 26)),  # Thanksgiving: the fourth Thursday
    (2020, 5, 0, -1, date(2020, 5, 25)),  # Memorial Day: the last Monday
    (2021, 5, 0, -1, date(2021, 5, 31)),  # ... on the month's last day
    (2020, 9, 0, 1, date(2020, 9, 7)),  # Labor Day: the first Monday
    (2020, 6, 0, 1, date(2020, 6, 1)),  # the first Monday on the 1st
])
def test_calendar_nth_weekday(year: int, month: int, number: int, nth: int, expected: date) -> None:
    assert nth_weekday(year, month, number, nth) == expected


def test_calendar_nearest_month_and_season() -> None:
    anchor = date(2020, 1, 3)
    assert month_of(anchor, 10, forward=None).format() == "2019-10"
    assert month_of(anchor, 3, forward=True).format() == "2020-03"
    assert month_of(anchor, 1, forward=False, strict=True).format() == "2019-01"
    assert season_of(anchor, 1, forward=False).format() == "2019-SU"
    assert season_of(anchor, 3, forward=True, strict=True).format() == "2020-WI"

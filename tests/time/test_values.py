"""Time values: every TIMEX3 calendar form read into one type, with its days and precision."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.time import TimeValue, parse_value, precision_rank


@pytest.mark.parametrize(("value", "grain", "written", "start", "end", "precision"), [
    ("2020-01-03", "day", "2020-01-03", date(2020, 1, 3), date(2020, 1, 3), "day"),
    ("2020-01-03T22:00", "day", "2020-01-03", date(2020, 1, 3), date(2020, 1, 3), "day"),
    ("2020-01-03TMO", "day", "2020-01-03", date(2020, 1, 3), date(2020, 1, 3), "day"),
    ("2020-W01", "week", "2020-W01", date(2019, 12, 30), date(2020, 1, 5), "week"),
    ("2020-W01-WE", "weekend", "2020-W01-WE", date(2020, 1, 4), date(2020, 1, 5), "week"),
    ("2020-02", "month", "2020-02", date(2020, 2, 1), date(2020, 2, 29), "month"),
    ("2020-Q4", "quarter", "2020-Q4", date(2020, 10, 1), date(2020, 12, 31), "quarter"),
    ("2020-H1", "half", "2020-H1", date(2020, 1, 1), date(2020, 6, 30), "range"),
    ("2019-WI", "season", "2019-WI", date(2019, 12, 1), date(2020, 2, 29), "season"),
    ("2020-SU", "season", "2020-SU", date(2020, 6, 1), date(2020, 8, 31), "season"),
    ("2020", "year", "2020", date(2020, 1, 1), date(2020, 12, 31), "year"),
    ("199", "decade", "199", date(1990, 1, 1), date(1999, 12, 31), "decade"),
    ("20", "century", "20", date(2000, 1, 1), date(2099, 12, 31), "unknown"),
    (" 2020-01 ", "month", "2020-01", date(2020, 1, 1), date(2020, 1, 31), "month"),
])
def test_parse_value_reads_every_calendar_form(value: str, grain: str, written: str, start: date, end: date,
                                               precision: str) -> None:
    found = parse_value(value)
    assert found is not None
    assert (found.grain, found.format(), found.start, found.end, found.precision) == (
        grain, written, start, end, precision)


@pytest.mark.parametrize("value", [
    None, "", "P3D", "PT5H", "PAST_REF", "XXXX-12-27", "2010/2015", "2020-02-30", "2019-02-29", "2021-W53",
    "2020-13", "2020-Q5", "0000", "00",
])
def test_parse_value_rejects_what_is_no_calendar_value(value: str | None) -> None:
    assert parse_value(value) is None


def test_time_value_cannot_name_an_impossible_day() -> None:
    with pytest.raises(ValueError, match="no such calendar value"):
        TimeValue("day", 2019, 2, 29)


def test_time_values_compare_by_their_days() -> None:
    day, month, other = parse_value("2020-01-03"), parse_value("2020-01"), parse_value("2020-02")
    assert day is not None and month is not None and other is not None
    assert month.contains(day) and not day.contains(month)
    assert day.compatible(month) and month.compatible(day)
    assert not month.overlaps(other) and not month.compatible(other)
    assert parse_value("2020-01-03T10:00") == day


def test_precision_rank_orders_finer_first() -> None:
    ranks = [precision_rank(p) for p in ("day", "week", "month", "quarter", "year", "decade", "unknown")]
    assert ranks == sorted(ranks) and precision_rank("bogus") == precision_rank("unknown")

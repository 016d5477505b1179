"""Dates as written: date-only lines, month names (misspelt too) and date values in common formats."""

from __future__ import annotations

import pytest

from rashomon.time import find_date_line, month_number, parse_date_value


@pytest.mark.parametrize(
    ("line", "iso", "written"),
    [
        ("January 8, 2020", "2020-01-08", "January 8, 2020"),
        ("January 8, 2020 7 mins", "2020-01-08", "January 8, 2020"),
        ("Monday 06 January 2020 21:03 GMT", "2020-01-06", "Monday 06 January 2020 21:03 GMT"),
        ("3 Janaury 2020", "2020-01-03", "3 Janaury 2020"),
        ("12 Febuary 2022", "2022-02-12", "12 Febuary 2022"),
        ("2020-01-06", "2020-01-06", "2020-01-06"),
        ("06/01/2020", "2020-01-06", "06/01/2020"),  # day first
        ("01/13/2020", "2020-01-13", "01/13/2020"),  # month first only because day first is impossible
        ("Published: 6 Jan. 2020, 9:03am", "2020-01-06", "6 Jan. 2020, 9:03am"),
        ("By Jane Doe | 6 January 2020", "2020-01-06", "6 January 2020"),
        ("Sun 5th of March 2023 at 10:00 BST", "2023-03-05", "Sun 5th of March 2023 at 10:00 BST"),
        ("Tue 7 Jan 2020 09.15 GMT", "2020-01-07", "Tue 7 Jan 2020 09.15 GMT"),
        ("Posted on 7 January 2020 by riverwatcher", "2020-01-07", "7 January 2020"),
        ("Vellmar, 17 January 2024", "2024-01-17", "17 January 2024"),  # a dateline's place first
        ("PORT SALIM, March 3, 2021", "2021-03-03", "March 3, 2021"),
    ],
)
def test_find_date_line_reads_date_only_lines(line: str, iso: str, written: str) -> None:
    found = find_date_line(line)
    assert found is not None
    assert found.iso == iso
    assert line[found.start:found.end] == written


@pytest.mark.parametrize(
    "line",
    [
        "The date was 3 January 2020",
        "31 February 2020",
        "13/13/2020",
        "6 January 2020 was a Monday",
        "Marching 3 2020",
        "[1] Harbour Gazette, 31 December 2019 \"The port in winter\".",
        "January 2020",
        "Later, 17 January 2024 was chosen",
        "the harbour, 17 January 2024",
    ],
)
def test_find_date_line_rejects_other_lines(line: str) -> None:
    assert find_date_line(line) is None


@pytest.mark.parametrize(
    ("word", "month"),
    [("January", 1), ("jan", 1), ("Sept.", 9), ("Janaury", 1), ("Setpember", 9), ("Agust", 8), ("May", 5),
     ("Mya", None), ("Juyl", None), ("Marching", None), ("Monday", None)],
)
def test_month_number_tolerates_misspelling(word: str, month: int | None) -> None:
    assert month_number(word) == month


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2020-01-06", "2020-01-06"),
        ("2020-01-06T21:03:00Z", "2020-01-06"),
        ("Mon, 06 Jan 2020 21:03:00 GMT", "2020-01-06"),
        ("January 6, 2020", "2020-01-06"),
        ("6 January 2020", "2020-01-06"),
        ("06/01/2020", "2020-01-06"),
        ("06.01.2020", "2020-01-06"),
        (1578344580, "2020-01-06"),
        ("soon", None),
        ("", None),
        (None, None),
        (True, None),
        (["2020-01-06"], None),
    ],
)
def test_parse_date_value_reads_common_formats(value: object, iso: str | None) -> None:
    assert parse_date_value(value) == iso

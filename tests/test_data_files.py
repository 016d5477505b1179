"""The one reader of rashomon's tab-separated word lists: good files, and bad lines named by file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.data_files import Row, parse_tsv, read_data_tsv, read_tsv
from rashomon.errors import DataFileError, RashomonError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data_files"


def test_read_tsv_skips_comments_and_blank_lines_and_strips_fields() -> None:
    rows = read_tsv(FIXTURES / "good.tsv", min_fields=2, max_fields=3)
    assert [row.fields for row in rows] == [("brave", "praise", "2.5"), ("cruel", "blame"), ("kind", "praise", "")]
    assert [row.line for row in rows] == [4, 5, 8]
    assert all(row.origin == str(FIXTURES / "good.tsv") for row in rows)


def test_read_tsv_optional_fields_read_as_missing() -> None:
    brave, cruel, kind = read_tsv(FIXTURES / "good.tsv", min_fields=2, max_fields=3)
    assert brave.optional_number(2) == 2.5 and brave.number(2) == 2.5
    assert cruel.optional_number(2) is None and cruel.get(2) == ""
    assert kind.optional_number(2) is None


@pytest.mark.parametrize(("name", "options", "line", "problem"), [
    ("bad_fields.tsv", {"min_fields": 2, "max_fields": 3}, 3, "1 tab-separated fields where 2 to 3 are expected"),
    ("good.tsv", {"fields": 3}, 5, "2 tab-separated fields where 3 are expected"),
    ("good.tsv", {"fields": 2}, 4, "3 tab-separated fields where 2 are expected"),
    ("good.tsv", {"min_fields": 3}, 5, "2 tab-separated fields where at least 3 are expected"),
])
def test_read_tsv_bad_line_names_file_and_line(name: str, options: dict[str, int], line: int, problem: str) -> None:
    path = FIXTURES / name
    with pytest.raises(DataFileError) as caught:
        read_tsv(path, **options)
    error = caught.value
    assert isinstance(error, RashomonError)
    assert (error.path, error.line) == (str(path), line)
    assert str(error).startswith(f"{path} line {line}: {problem}. ")  # then what to do
    assert "tab" in error.advice


def test_read_tsv_bad_number_names_file_and_line() -> None:
    path = FIXTURES / "bad_number.tsv"
    rows = read_tsv(path, min_fields=2, max_fields=3)
    assert rows[0].number(2) == 2.5
    expected = rf"^{re.escape(str(path))} line 3: field 3 is 'very', not a number\. Write a number"
    with pytest.raises(DataFileError, match=expected):
        rows[1].optional_number(2)


@pytest.mark.parametrize(("text", "problem"), [
    ("brave\t\n", "line 1: field 2 is empty"),
    ("\tpraise\n", "line 1: field 1 is empty"),
])
def test_parse_tsv_required_fields_may_not_be_empty(text: str, problem: str) -> None:
    with pytest.raises(DataFileError, match=f"^words.tsv {problem}"):
        parse_tsv(text, origin="words.tsv", fields=2)


def test_row_choice_names_the_allowed_values() -> None:
    assert Row("words.tsv", 7, ("brave", "praise")).choice(1, ("praise", "blame")) == "praise"
    with pytest.raises(DataFileError, match=r"^words.tsv line 7: field 2 is 'prasie', which is not one of blame, "
                                            r"praise\. Use one of those"):
        Row("words.tsv", 7, ("brave", "prasie")).choice(1, ("praise", "blame"))


def test_row_number_required_field_missing() -> None:
    with pytest.raises(DataFileError, match=r"^words.tsv line 2: field 3 is missing\."):
        Row("words.tsv", 2, ("brave", "praise")).number(2)


@pytest.mark.parametrize(("name", "options"), [
    ("claims_vague.tsv", {"fields": 3}),
    ("perspective_cues.tsv", {"min_fields": 2, "max_fields": 3}),
    ("entities_titles.tsv", {"fields": 2}),
])
def test_read_data_tsv_reads_the_packaged_lists(name: str, options: dict[str, int]) -> None:
    rows = read_data_tsv(name, **options)
    assert rows and all(row.origin == f"rashomon/data/{name}" for row in rows)
    assert all(not row.fields[0].startswith("#") for row in rows)

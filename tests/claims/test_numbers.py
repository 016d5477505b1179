"""English number words and digits, parsed without the spaCy model."""

from __future__ import annotations

import pytest

from rashomon.claims.numbers import parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("25", 25.0),
    ("19,000", 19000.0),
    ("5300", 5300.0),
    ("8000", 8000.0),
    ("1.5", 1.5),
    ("twenty-five", 25.0),
    ("twenty five", 25.0),
    ("three hundred", 300.0),
    ("three hundred and twelve", 312.0),
    ("one thousand two hundred", 1200.0),
    ("1.5 million", 1_500_000.0),
    ("two and a half million", 2_500_000.0),
    ("a million", 1_000_000.0),
    ("a dozen", 12.0),
    ("two dozen", 24.0),
    ("fifteen", 15.0),
    ("ninety-nine", 99.0),
])
def test_parse_number_reads_digits_and_words(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "million", "and", "a", "twenty twenty", "five twenty", "25 five", "fifth",
                                  "many"])
def test_parse_number_rejects_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None

"""Quantities: every kind of number and qualifier, and the numbers that are not claims."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.settings import Settings

from . import claim_at, claims_of

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("sentence", "text", "value", "low", "high", "qualifier"), [
    ("Exactly 25 soldiers were killed in the attack.", "Exactly 25", 25, 25, 25, "exactly"),
    ("The storm damaged 5300 homes.", "5300", 5300, 5300, 5300, ""),
    ("Twenty-five children were wounded.", "Twenty-five", 25, 25, 25, ""),
    ("Three hundred sailors were rescued.", "Three hundred", 300, 300, 300, ""),
    ("1.5 million people fled the city.", "1.5 million", 1_500_000, 1_500_000, 1_500_000, ""),
    ("Half a million people fled.", "Half a million", 500_000, 500_000, 500_000, ""),
    ("At least 25 soldiers were killed in the attack.", "At least 25", 25, 25, None, "at least"),
    ("More than 600 protesters have died since October.", "More than 600", 600, 600, None, "more than"),
    ("Over 3,000 people were arrested.", "Over 3,000", 3000, 3000, None, "over"),
    ("Officials counted 500 or more dead.", "500 or more", 500, 500, None, "or more"),
    ("Up to 50 miners are trapped.", "Up to 50", 50, None, 50, "up to"),
    ("Fewer than 200 pilgrims arrived.", "Fewer than 200", 200, None, 200, "fewer than"),
    ("Nearly 1,200 refugees crossed the border.", "Nearly 1,200", 1200, None, 1200, "nearly"),
    ("About 300 workers went on strike.", "About 300", 300, 270, 330, "about"),
    ("Some 5,000 troops are stationed in Norway.", "Some 5,000", 5000, 4500, 5500, "some"),
    ("Between 8000 and 10,000 students have been detained.", "Between 8000 and 10,000", None, 8000, 10000, "between"),
    ("The storm destroyed 20-30 houses.", "20-30", None, 20, 30, ""),
    ("Police arrested 40 to 50 activists.", "40 to 50", None, 40, 50, ""),
    ("Hundreds of farmers marched on the capital.", "Hundreds", None, 200, 999, ""),
    ("They mourned the hundreds of farmers who died.", "hundreds", None, 200, 999, ""),
    ("Thousands of nurses were injured.", "Thousands", None, 2000, 9999, ""),
    ("Tens of thousands of people were displaced.", "Tens of thousands", None, 20_000, 99_999, ""),
])
def test_quantities_counts_and_qualifiers_give_bounds(nlp: Any, settings: Settings, sentence: str, text: str,
                                                       value: float | None, low: float | None, high: float | None,
                                                       qualifier: str) -> None:
    claim = claim_at(claims_of(nlp, sentence, settings.claims), text)
    assert (claim.value, claim.low, claim.high, claim.qualifier, claim.unit) == pytest.approx(
        (value, low, high, qualifier, ""))


@pytest.mark.parametrize(("sentence", "text", "value", "unit"), [
    ("Almost 40 percent of voters stayed home.", "Almost 40 percent", 40, "percent"),
    ("There were no jobs in a country where 60% of the people are young.", "60%", 60, "percent"),
    ("The government pledged $5 million in aid.", "$5 million", 5_000_000, "USD"),
    ("The fund lost €3 billion last year.", "€3 billion", 3_000_000_000, "EUR"),
    ("Half the country voted for him.", "Half", 0.5, "fraction"),
    ("Two-thirds of voters stayed home.", "Two-thirds", 2 / 3, "fraction"),
    ("One in five voters stayed home.", "One in five", 0.2, "fraction"),
    ("The talks lasted three months.", "three months", 3, "month"),
    ("The internet was closed down for five days.", "five days", 5, "day"),
    ("The militants came within 10 miles of the city.", "10 miles", 10, "mile"),
    ("The protests had grown to four times the size.", "four times", 4, "times"),
])
def test_quantities_units(nlp: Any, settings: Settings, sentence: str, text: str, value: float, unit: str) -> None:
    claim = claim_at(claims_of(nlp, sentence, settings.claims), text)
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit


@pytest.mark.parametrize("sentence", [
    "The council met on December 27 and again in 2014.",
    "He was born on 3 January 1950.",
    "Since May 2019, prices have doubled.",
    "The 1979 revolution changed the country.",
    "The shrine was built in 680.",
    "It was the fifth largest producer and the first to respond.",
    "As the report notes [3], the sky is blue.",
    "The plan has parts: 1) taxes and 2) spending.",
    "The meeting started at 10:30 and ended at 3 p.m.",
    "See page 12 and Resolution 1441 for details.",
    "Call 555-123-4567 for details.",
    "The F-35 fleet and COVID-19 hit hard.",
    "A 9-year-old boy and his 40-year-old mother came.",
    "No one came, and one of them left.",
    "The two countries share a border.",
])
def test_quantities_skip_numbers_that_are_not_claims(nlp: Any, settings: Settings, sentence: str) -> None:
    assert [claim.text for claim in claims_of(nlp, sentence, settings.claims)] == []


@pytest.mark.parametrize("sentence", [
    "In 2019-2020, prices rose.",
    "Between 2010 and 2015 the economy grew.",
])
def test_quantities_skip_spans_of_years(nlp: Any, settings: Settings, sentence: str) -> None:
    assert claims_of(nlp, sentence, settings.claims) == []


@pytest.mark.parametrize(("sentence", "text"), [
    ("Between 1500 and 2000 protesters were arrested.", "Between 1500 and 2000"),
    ("Police arrested 1,500-2,000 people.", "1,500-2,000"),
])
def test_quantities_keep_ranges_of_year_like_counts(nlp: Any, settings: Settings, sentence: str, text: str) -> None:
    claim = claim_at(claims_of(nlp, sentence, settings.claims), text)
    assert (claim.low, claim.high) == (1500, 2000)


@pytest.mark.parametrize("sentence", [
    "At least 1500 protesters were killed in four days.",
    "In 1500 protesters' homes the lights went out.",
])
def test_quantities_keep_four_digit_counts_that_are_not_years(nlp: Any, settings: Settings, sentence: str) -> None:
    assert [claim.value for claim in claims_of(nlp, sentence, settings.claims)] == [1500]


@pytest.mark.parametrize(("sentence", "text"), [
    ("Reports say 25 soldiers died.", "25"),
    ("Officials said more than 600 people were killed.", "more than 600"),
])
def test_quantities_claim_span_and_id_point_at_the_number(nlp: Any, settings: Settings, sentence: str,
                                                          text: str) -> None:
    claim = claim_at(claims_of(nlp, sentence, settings.claims), text)
    assert sentence[claim.span.start:claim.span.end] == text
    assert claim.id == f"{claim.doc_id}:{claim.span.start}-{claim.span.end}"
    assert sentence[claim.sentence.start:claim.sentence.end] == sentence

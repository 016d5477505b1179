"""Time expressions: what is found, where, and the TIMEX3 value it is given."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.model import Document, Meta
from rashomon.time import find_time_expressions

FRIDAY = "2020-01-03"  # the document date of most cases: a Friday
MONDAY = "2020-01-06"


def _doc(text: str, published: str | None = FRIDAY) -> Document:
    return Document.create(path="t.txt", text=text, format="txt",
                           published=Meta(published, "jsonl") if published else None)


def _found(text: str, published: str | None = FRIDAY) -> list[tuple[str, str | None]]:
    return [(e.text, e.value) for e in find_time_expressions(_doc(text, published))]


@pytest.mark.parametrize(("text", "published", "expected"), [
    # calendar dates, with and without a year
    ("The strike came on December 27.", FRIDAY, ("December 27", "2019-12-27")),
    ("The drone struck on January 3.", FRIDAY, ("January 3", "2020-01-03")),
    ("He was killed on 3 January 2020 near the airport.", FRIDAY, ("3 January 2020", "2020-01-03")),
    ("The statement is dated 2019-12-27.", FRIDAY, ("2019-12-27", "2019-12-27")),
    ("It happened on Dec. 27, 2019, at night.", FRIDAY, ("Dec. 27, 2019", "2019-12-27")),
    ("Filed 12/27/2019 in court.", FRIDAY, ("12/27/2019", "2019-12-27")),
    ("Filed 27.12.2019 in court.", FRIDAY, ("27.12.2019", "2019-12-27")),
    ("on the 3rd of January the crowd gathered", FRIDAY, ("the 3rd of January", "2020-01-03")),
    ("The group formed in 2014.", FRIDAY, ("2014", "2014")),
    ("It was founded in May 2019.", FRIDAY, ("May 2019", "2019-05")),
    ("Protests began in October.", FRIDAY, ("October", "2019-10")),
    ("The vote will be held in March.", FRIDAY, ("March", "2020-03")),
    ("Protests erupted in March.", FRIDAY, ("March", "2019-03")),
    ("It was bought in January last year.", FRIDAY, ("January last year", "2019-01")),
    # weekdays: the latest on or before the document date, forward for the future or "next"
    ("On Friday, rockets hit the base.", MONDAY, ("Friday", "2020-01-03")),
    ("By Sunday the crowds had gone home.", MONDAY, ("Sunday", "2020-01-05")),
    ("The minister will travel on Friday.", MONDAY, ("Friday", "2020-01-10")),
    ("They meet next Friday.", MONDAY, ("next Friday", "2020-01-10")),
    ("They met last Friday.", MONDAY, ("last Friday", "2020-01-03")),
    ("Officials spoke on Friday night.", MONDAY, ("Friday night", "2020-01-03TNI")),
    ("Friday's attack shocked the region.", MONDAY, ("Friday", "2020-01-03")),
    # relative to the document date
    ("Yesterday the embassy was closed.", FRIDAY, ("Yesterday", "2020-01-02")),
    ("The talks resume today.", FRIDAY, ("today", "2020-01-03")),
    ("The talks resume tomorrow.", FRIDAY, ("tomorrow", "2020-01-04")),
    ("Late last year protests began.", FRIDAY, ("Late last year", "2019")),
    ("Last week officials met.", FRIDAY, ("Last week", "2019-W52")),
    ("It will end this week.", FRIDAY, ("this week", "2020-W01")),
    ("Elections are due next month.", FRIDAY, ("next month", "2020-02")),
    ("The crowd arrived two days ago.", FRIDAY, ("two days ago", "2020-01-01")),
    ("Prices rose earlier this year.", FRIDAY, ("earlier this year", "2020")),
    ("Last summer was hot.", FRIDAY, ("Last summer", "2019-SU")),
    ("The snow came this winter.", FRIDAY, ("this winter", "2019-WI")),
    ("The plan starts next spring.", FRIDAY, ("next spring", "2020-SP")),
    ("It rained last night.", FRIDAY, ("last night", "2020-01-02TNI")),
    ("Profits fell in the third quarter.", FRIDAY, ("the third quarter", "2019-Q3")),
    ("He spoke this morning.", FRIDAY, ("this morning", "2020-01-03TMO")),
    # holidays
    ("On New Year's Eve the embassy was stormed.", FRIDAY, ("New Year's Eve", "2019-12-31")),
    ("Shops closed on Christmas Eve.", FRIDAY, ("Christmas Eve", "2019-12-24")),
    ("Shops closed on Christmas Day.", FRIDAY, ("Christmas Day", "2019-12-25")),
    ("Fireworks marked New Year's Day.", FRIDAY, ("New Year's Day", "2020-01-01")),
    ("Families met at Thanksgiving.", FRIDAY, ("Thanksgiving", "2019-11-28")),
    ("Parades marked US Independence Day.", FRIDAY, ("US Independence Day", "2019-07-04")),
    ("Parades marked Independence Day.", FRIDAY, ("Independence Day", None)),
    ("Churches filled at Easter.", "2020-05-01", ("Easter", "2020-04-12")),
    # absolute periods
    ("Rates were high in the 1990s.", FRIDAY, ("the 1990s", "199")),
    ("Music of the '80s returned.", FRIDAY, ("the '80s", "198")),
    ("It is the 21st century.", FRIDAY, ("the 21st century", "20")),
    ("Sales in the third quarter of 2019 fell.", FRIDAY, ("the third quarter of 2019", "2019-Q3")),
    ("Sales in the first half of 2019 fell.", FRIDAY, ("the first half of 2019", "2019-H1")),
    ("It was built in nineteen ninety-six.", FRIDAY, ("nineteen ninety-six", "1996")),
    ("Rain fell in the summer of 2018.", FRIDAY, ("the summer of 2018", "2018-SU")),
])
def test_find_time_expressions_resolves(text: str, published: str, expected: tuple[str, str | None]) -> None:
    assert expected in _found(text, published)


@pytest.mark.parametrize(("text", "expected"), [
    ("The siege lasted three months.", ("three months", "P3M")),
    ("Over the past few months protests grew.", ("the past few months", "PXM")),
    ("In the past two months prices fell.", ("the past two months", "P2M")),
    ("The talks took five hours.", ("five hours", "PT5H")),
    ("The war lasted 2 1/2 years.", ("2 1/2 years", "P2Y6M")),
    ("They waited half an hour.", ("half an hour", "PT30M")),
    ("a decade of war", ("a decade", "P10Y")),
    ("a two-year contract", ("two-year", "P2Y")),
    ("It has lasted for years.", ("years", "PXY")),
    ("We meet every Friday.", ("every Friday", "XXXX-WXX-5")),
    ("The paper appears daily.", ("daily", "P1D")),
    ("They meet twice a week.", ("twice a week", "P1W")),
    ("Now the city is calm.", ("Now", "PRESENT_REF")),
    ("He recently resigned.", ("recently", "PAST_REF")),
    ("Peace may come in the near future.", ("the near future", "FUTURE_REF")),
])
def test_find_time_expressions_reads_durations_sets_and_references(text: str,
                                                                   expected: tuple[str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("It struck in the early morning of January 3.", ("the early morning of January 3", "2020-01-03TMO")),
    ("On January 2 the order was given. The next day he died.", ("The next day", "2020-01-03")),
    ("The group formed in 2014. A year earlier it had split.", ("A year earlier", "2013")),
    ("On January 2, at 10 p.m., sirens sounded.", ("January 2, at 10 p.m.", "2020-01-02T22:00")),
    ("Sirens sounded at 1 a.m. local time.", ("1 a.m. local time", "2020-01-03T01:00")),
    ("The talks began on December 30. Two days later they failed.", ("Two days later", "2020-01-01")),
])
def test_find_time_expressions_uses_the_reference_date(text: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize("text", [
    "Theresa May spoke to reporters.",
    "A 39-year-old man was arrested.",
    "About 2,000 people marched.",
    "He may go, or he may stay.",
    "The fall of Saigon changed everything.",
    "The Arab Spring Uprising spread.",
    "They asked for $2019 in damages.",
    "The Summer Olympics opened.",
    "He earned $5 a year and 20 barrels a day.",
    "Fighters took about three-quarters of the city.",
    "A second strike followed.",
])
def test_find_time_expressions_ignores_non_times(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Rockets fell on Friday.", ("Friday", None)),
    ("Prices rose last week.", ("last week", None)),
    ("Protests began in October.", ("October", None)),
    ("He was killed on 3 January 2020.", ("3 January 2020", "2020-01-03")),
    ("The group formed in 2014.", ("2014", "2014")),
    ("The siege lasted three months.", ("three months", "P3M")),
])
def test_find_time_expressions_without_a_date_leaves_relative_ones_open(text: str,
                                                                       expected: tuple[str, str | None]) -> None:
    found = find_time_expressions(_doc(text, None))
    assert expected in [(e.text, e.value) for e in found]
    assert all(not e.anchored for e in found)


def test_find_time_expressions_marks_anchored_values() -> None:
    found = {e.text: e for e in find_time_expressions(_doc("Yesterday, not on 3 January 2020."))}
    assert found["Yesterday"].anchored is True
    assert found["3 January 2020"].anchored is False


def test_find_time_expressions_anchor_overrides_published() -> None:
    found = find_time_expressions(_doc("Yesterday it rained.", None), anchor=date(2021, 6, 1))
    assert [(e.text, e.value, e.anchored) for e in found] == [("Yesterday", "2021-05-31", True)]


@pytest.mark.parametrize(("text", "ranges", "expected"), [
    ("Protests have continued since May 2019.", True,
     ("since May 2019", "2019-05", "range", "2019-05", FRIDAY)),
    ("Protests have continued since May 2019.", False, ("May 2019", "2019-05", "month", None, None)),
    ("He served from 2010 to 2015.", True, ("from 2010 to 2015", "2010/2015", "range", "2010", "2015")),
    ("He served from 2010 to 2015.", False, ("2010", "2010", "year", None, None)),
    ("It ran between March and May 2019.", True,
     ("between March and May 2019", "2019-03/2019-05", "range", "2019-03", "2019-05")),
    ("The 2010-2015 plan failed.", True, ("2010-2015", "2010/2015", "range", "2010", "2015")),
])
def test_find_time_expressions_ranges(text: str, ranges: bool,
                                      expected: tuple[str, str, str, str | None, str | None]) -> None:
    found = find_time_expressions(_doc(text), ranges=ranges)
    assert expected in [(e.text, e.value, e.granularity, e.range_start, e.range_end) for e in found]


@pytest.mark.parametrize(("text", "kind", "granularity"), [
    ("on December 27", "date", "day"),
    ("last week", "date", "week"),
    ("in October", "date", "month"),
    ("last summer", "date", "season"),
    ("the third quarter", "date", "quarter"),
    ("in 2014", "date", "year"),
    ("the 1990s", "date", "decade"),
    ("the 20th century", "date", "century"),
    ("at 10 p.m.", "time", "time"),
    ("for three months", "duration", "duration"),
    ("every day", "set", "unknown"),
    ("right now", "date", "unknown"),
])
def test_find_time_expressions_kind_and_granularity(text: str, kind: str, granularity: str) -> None:
    [found] = find_time_expressions(_doc(f"It happened {text}."))
    assert (found.kind, found.granularity) == (kind, granularity)


def test_find_time_expressions_spans_point_into_the_text() -> None:
    doc = _doc("On Friday, December 27, the base was hit; since May 2019 protests have grown.")
    found = find_time_expressions(doc)
    assert [e.text for e in found] == ["Friday, December 27", "since May 2019"]
    assert all(doc.text[e.span.start:e.span.end] == e.text and e.doc_id == doc.id for e in found)


def test_find_time_expressions_adds_spacy_dates_the_rules_miss() -> None:
    from spacy.tokens import Doc as ParsedDoc
    from spacy.vocab import Vocab

    words = ["The", "Ides", "of", "the", "season", "and", "3", "January", "2020", "."]
    spaces = [True, True, True, True, True, True, True, True, False, False]
    ents = ["O", "B-DATE", "I-DATE", "I-DATE", "I-DATE", "O", "B-DATE", "I-DATE", "I-DATE", "O"]
    parsed = ParsedDoc(Vocab(), words=words, spaces=spaces, ents=ents)
    doc = _doc(parsed.text)
    found = [(e.text, e.value) for e in find_time_expressions(doc, parsed)]
    assert found == [("Ides of the season", None), ("3 January 2020", "2020-01-03")]


_WORDS = ["On", "Friday", "since", "May", "2019", "last", "week", "three", "months", "ago", "the", "1990s",
          "Christmas", "Eve", "at", "10", "p.m.", "between", "and", "next", "year", ",", ".", "early", "morning",
          "of", "January", "3", "daily", "now", "summer", "-", "2010", "to", "half", "an", "hour"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25), st.booleans())
def test_find_time_expressions_spans_are_valid_and_disjoint(words: list[str], ranges: bool) -> None:
    doc = _doc(" ".join(words))
    found = find_time_expressions(doc, ranges=ranges)
    end = 0
    for expression in found:
        assert end <= expression.span.start < expression.span.end <= len(doc.text)
        assert doc.text[expression.span.start:expression.span.end] == expression.text
        end = expression.span.end

"""People nouns for fusion."""

from __future__ import annotations

import pytest

from rashomon.events.people import people_meet, people_words
from rashomon.events.similarity import content_words


@pytest.mark.parametrize(("first", "second", "meet"), [
    ("40 people", "demonstrators", True), ("civilians", "the soldiers", True),
    ("demonstrators", "soldiers", False), ("the convoy", "people", False), ("the embassy", "the base", False),
])
def test_people_meet(first: str, second: str, meet: bool) -> None:
    assert people_meet(content_words(first), content_words(second)) == meet


def test_people_words_reads_canonical_forms() -> None:
    generic, anyone, same = people_words()
    assert "people" in generic and generic <= anyone and same["demonstrator"] == "protester"
    assert content_words("the demonstrators") == content_words("protestors") == frozenset({"protester"})

"""Dates from the governing clause, and 'previous'/'history of' as historical (invented sentences)."""

from __future__ import annotations

import pytest

from rashomon.entities import extract_mentions
from rashomon.events import extract_event_mentions
from rashomon.model import Document, Meta
from rashomon.time import find_time_expressions

pytestmark = pytest.mark.slow


def _events(nlp, settings, text: str):
    doc = Document.create(path="t.txt", text=text, format="txt", published=Meta("2021-03-10", "jsonl"))
    parsed = nlp(doc.text)
    mentions = extract_mentions(doc, parsed, settings=settings.entities)
    return extract_event_mentions(doc, parsed, mentions, find_time_expressions(doc, parsed))


def test_events_take_the_time_of_the_governing_clause(nlp, settings) -> None:
    found = _events(nlp, settings, "Earlier in May 2020, the navy had answered Vellmar's shooting down a patrol plane.")
    shooting = [m for m in found if m.text == "shooting"]
    assert shooting and shooting[0].date == "2020-05"


def test_events_marked_previous_are_historical(nlp, settings) -> None:
    found = _events(nlp, settings, "Vellmar still remembers the previous bombing of its harbour by the rebels.")
    bombing = [m for m in found if m.text == "bombing"]
    assert bombing and "historical" in bombing[0].aux_modes

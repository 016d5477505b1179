"""Who a figure is attributed to."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.settings import Settings

from . import claim_at, claims_of

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("sentence", "text", "source"), [
    ("According to the UN, at least 200 civilians died in Mosul.", "at least 200", "UN"),
    ("According to Reuters, at least 1500 protesters were killed in four days.", "at least 1500", "Reuters"),
    ("Amnesty International estimates that 300 people were killed.", "300", "Amnesty International"),
    ("Reuters reported that 70 people were wounded in Kabul.", "70", "Reuters"),
    ("The army said it killed 25 militants and arrested 10.", "10", "army"),
    ("Police said 30 people were detained.", "30", "Police"),
    ("The death toll stood at 450 on Monday, officials said.", "450", "officials"),
    ("Officials counted 500 or more dead.", "500 or more", "Officials"),
    ("The latest estimates of human rights organizations count 1500 people killed in the uprisings.", "1500",
     "human rights organizations"),
    ("The National Guard stated that the attack wounded 4 soldiers.", "4", "National Guard"),
])
def test_attribution_finds_the_stated_source(nlp: Any, settings: Settings, sentence: str, text: str,
                                             source: str) -> None:
    assert claim_at(claims_of(nlp, sentence, settings.claims), text).attributed_to == source


@pytest.mark.parametrize(("sentence", "text"), [
    ("At least 25 soldiers were killed in the attack.", "At least 25"),
    ("We counted 12 boats in the harbour.", "12"),
    ("Officials resigned, and 25 people died.", "25"),
])
def test_attribution_is_the_author_when_no_source_is_stated(nlp: Any, settings: Settings, sentence: str,
                                                            text: str) -> None:
    assert claim_at(claims_of(nlp, sentence, settings.claims), text).attributed_to == ""


@pytest.mark.parametrize(("text", "claim_text", "source"), [
    ("Maria Lopez runs the clinic. At least 40 people died, she said.", "At least 40", "Maria Lopez"),
])
def test_attribution_resolves_pronouns_to_the_last_named_person(nlp: Any, settings: Settings, text: str,
                                                               claim_text: str, source: str) -> None:
    assert claim_at(claims_of(nlp, text, settings.claims), claim_text).attributed_to == source

"""Where and when a figure applies."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.settings import Settings

from . import claim_at, claims_of

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "claim_text", "place"), [
    ("According to the UN, at least 200 civilians died in Mosul.", "at least 200", "Mosul"),
    ("There are currently 2,000 French troops in Mali.", "2,000", "Mali"),
    ("Officials count 900 people killed in the floods in Peru, at least 300 in Chile.", "900", "Peru"),
    ("Officials count 900 people killed in the floods in Peru, at least 300 in Chile.", "at least 300", "Chile"),
    # A place that acts is not where things happened; the sentence before sets the scene.
    ("The floods spread to all the southern towns of Peru. Lima was slow to react. "
     "Since then, more than 60 farmers have drowned.", "more than 60", "Peru"),
    # A fronted place opens the paragraph.
    ("In Chile, the storms hit the coast near Valparaiso and the capital. Many roads closed. "
     "At least 40 fishermen are missing.", "At least 40", "Chile"),
    # "where": the relative clause hangs on the place.
    ("By March, the strikes had spread to Peru, where 300 miners were arrested.", "300", "Peru"),
])
def test_context_finds_the_place(nlp: Any, settings: Settings, text: str, claim_text: str, place: str) -> None:
    assert claim_at(claims_of(nlp, text, settings.claims), claim_text).place == place


@pytest.mark.parametrize(("text", "claim_text"), [
    # The place of another paragraph does not carry over.
    ("The floods hit Peru hard.\n\nAt least 40 fishermen are missing.", "At least 40"),
    # Several places in the scene-setting sentence: unknown.
    ("Storms hit Peru, Chile and Bolivia. Thousands of farmers were displaced.", "Thousands"),
])
def test_context_leaves_the_place_unknown(nlp: Any, settings: Settings, text: str, claim_text: str) -> None:
    assert claim_at(claims_of(nlp, text, settings.claims), claim_text).place == ""


@pytest.mark.parametrize(("text", "claim_text", "period"), [
    ("More than 600 protesters have died since October.", "More than 600", "since October"),
    ("At least 1500 protesters were killed in four days.", "At least 1500", "in four days"),
    ("In 2019, police arrested 300 students in Paris.", "300", "In 2019"),
    ("Since May 2019, 14,000 additional troops have been sent to the region.", "14,000", "Since May 2019"),
    ("The death toll stood at 450 on Monday, officials said.", "450", "on Monday"),
    ("The December 29 airstrikes, which killed 25 fighters, were condemned.", "25", "December 29"),
    ("Last week's airstrikes killing 25 fighters were condemned.", "25", "Last week"),
    ("In Syria, where years of war weakened buildings, 1,500 people died.", "1,500", ""),
])
def test_context_finds_the_period(nlp: Any, settings: Settings, text: str, claim_text: str, period: str) -> None:
    assert claim_at(claims_of(nlp, text, settings.claims), claim_text).period == period


@pytest.mark.parametrize(("text", "kept"), [
    ("At least 1500 protesters were killed in four days.", ["At least 1500"]),
    ("The internet was closed down for five days.", ["five days"]),
])
def test_context_durations_used_as_periods_are_not_claims(nlp: Any, settings: Settings, text: str,
                                                          kept: list[str]) -> None:
    assert [claim.text for claim in claims_of(nlp, text, settings.claims)] == kept

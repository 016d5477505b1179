"""Properties that hold for any text: claims point at their own words, bounds are ordered."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from rashomon.model import Document
from rashomon.settings import Settings

from . import claims_of

pytestmark = pytest.mark.slow

_WORDS = ["at least", "more than", "about", "up to", "nearly", "between", "and", "or more", "people", "soldiers",
          "were", "killed", "wounded", "in", "Peru", "since", "May", "2019", "according to", "Reuters", "said",
          "hundreds", "of", "thousands", "twenty-five", "three hundred", "1,500", "25", "600", "%", "$", "million",
          "the", "two", "days", "[1]", "1)", ".", ",", "\n\n", "half", "a", "dozen", "one in five", "-"]


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30))
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_properties_claims_point_at_their_words(nlp: Any, settings: Settings, words: list[str]) -> None:
    text = " ".join(words)
    doc = Document.create(path="test.txt", text=text, format="txt")
    for claim in claims_of(nlp, text, settings.claims):
        assert 0 <= claim.span.start < claim.span.end <= len(text)
        assert text[claim.span.start:claim.span.end] == claim.text
        assert claim.sentence.contains(claim.span)
        assert claim.id == f"{doc.id}:{claim.span.start}-{claim.span.end}"
        if claim.low is not None and claim.high is not None:
            assert claim.low <= claim.high
        if claim.value is not None and claim.qualifier == "":
            assert claim.low == claim.high == claim.value

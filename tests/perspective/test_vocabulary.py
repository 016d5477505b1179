"""Distinctive vocabulary: term counts and the Fightin' Words log-odds z-scores."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from rashomon.model import Document
from rashomon.perspective import count_terms, distinctive_vocabulary


def _z(y_i: int, n_i: int, y_j: int, n_j: int, a_w: float, a0: float) -> float:
    delta = math.log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - math.log((y_j + a_w) / (n_j + a0 - y_j - a_w))
    return delta / math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))


def test_distinctive_vocabulary_matches_the_formula() -> None:
    counts = {"a": Counter({"tyrant": 6, "road": 4}), "b": Counter({"road": 8, "bridge": 2})}
    terms = distinctive_vocabulary(counts, top=5, alpha0=10.0, min_count=1)
    by_key = {(t.source, t.term): t for t in terms}
    # pooled: tyrant 6, road 12, bridge 2; total 20; a_w = 10 * count / 20
    assert by_key[("a", "tyrant")].z == pytest.approx(_z(6, 10, 0, 10, 3.0, 10.0), abs=1e-3)
    assert by_key[("b", "road")].z == pytest.approx(_z(8, 10, 4, 10, 6.0, 10.0), abs=1e-3)
    assert ("a", "road") not in by_key  # a uses "road" less than b: negative z, not listed
    assert by_key[("a", "tyrant")].count == 6


def test_distinctive_vocabulary_ranks_concentrated_words_above_shared_ones() -> None:
    counts = {"left": Counter({"regime": 10, "war": 20, "people": 30}),
              "right": Counter({"war": 20, "people": 30, "freedom": 9}),
              "centre": Counter({"war": 20, "people": 31, "budget": 5})}
    terms = distinctive_vocabulary(counts, top=1)
    assert [(t.source, t.term) for t in terms] == [("centre", "budget"), ("left", "regime"), ("right", "freedom")]
    assert all(t.z > 0 and t.delta > 0 for t in terms)


@pytest.mark.parametrize("counts", [{}, {"only": Counter({"word": 3})}, {"a": Counter(), "b": Counter()}])
def test_distinctive_vocabulary_needs_two_sources_with_words(counts: dict[str, Counter[str]]) -> None:
    assert distinctive_vocabulary(counts) == []


def test_distinctive_vocabulary_drops_a_word_its_bigram_holds() -> None:
    counts = {"a": Counter({"drone": 4, "drone strike": 4, "strike": 5}), "b": Counter({"road": 9})}
    terms = [t.term for t in distinctive_vocabulary(counts, min_count=1)]
    assert "drone strike" in terms and "drone" not in terms and "strike" in terms


@pytest.mark.slow
def test_count_terms_counts_content_lemmas_and_bigrams(nlp) -> None:
    text = "The drone strikes hit 3 convoys. Two drone strikes followed, and the anti-government protesters ran."
    doc = Document.create(path="v.txt", text=text, format="txt")
    counts = count_terms(doc, nlp(text))
    assert counts["drone"] == 2 and counts["strike"] == 2 and counts["drone strike"] == 2
    assert counts["anti-government"] == 1 and counts["anti"] == 0
    assert not {"the", "and", "3", "two", "Two", ".", ","} & set(counts)

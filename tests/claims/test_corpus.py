"""The claims stage on the shared reference corpus (five real articles about the same events)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.model import Claim, ClaimGroup, Document
from rashomon.settings import Settings

from . import analyse, normalise

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


_RESULTS: dict[Path, tuple[list[Claim], list[ClaimGroup], dict[str, str]]] = {}


@pytest.fixture()
def corpus_claims(shared_corpus: Path, nlp: Any,
                  settings: Settings) -> tuple[list[Claim], list[ClaimGroup], dict[str, str]]:
    """Claims and groups of the corpus, computed once per run (shared_corpus is function-scoped)."""
    if shared_corpus not in _RESULTS:
        paths = sorted(shared_corpus.glob("*.txt"))
        texts = [normalise(path.read_text(encoding="utf-8")) for path in paths]
        claims, groups, documents = analyse(nlp, texts, settings.claims)
        names = {doc.id: path.name[:3] for doc, path in zip(documents, paths, strict=True)}
        _RESULTS[shared_corpus] = claims, groups, names
    return _RESULTS[shared_corpus]


def _group(groups: list[ClaimGroup], claims: list[Claim], *, measure: str, place: str, value: float) -> ClaimGroup:
    by_id = {claim.id: claim for claim in claims}
    found = [g for g in groups if any(by_id[c].measure == measure and by_id[c].place == place
                                      and value in (by_id[c].value, by_id[c].low) for c in g.claim_ids)]
    assert len(found) == 1, [g.label for g in found]
    return found[0]


def test_corpus_protesters_killed_in_iraq_differ_across_three_sources(corpus_claims: Any) -> None:
    claims, groups, names = corpus_claims
    by_id = {claim.id: claim for claim in claims}
    group = _group(groups, claims, measure="killed", place="Iraq", value=500)
    assert group.label.startswith("protesters killed in Iraq")
    assert group.verdict == "differ"
    assert sorted({names[by_id[c].doc_id] for c in group.claim_ids}) == ["000", "003", "004"]
    assert {by_id[c].text for c in group.claim_ids} >= {"more than 600", "500", "at least 500"}


def test_corpus_protesters_killed_in_iran_keep_their_sources(corpus_claims: Any) -> None:
    claims, groups, names = corpus_claims
    by_id = {claim.id: claim for claim in claims}
    group = _group(groups, claims, measure="killed", place="Iran", value=1500)
    assert group.label.startswith("protesters killed in Iran")
    assert group.verdict == "differ"
    sources = {names[by_id[c].doc_id]: by_id[c].attributed_to for c in group.claim_ids}
    assert sources["003"] == "Reuters"
    assert sources["004"] == "human rights organizations"
    assert len(sources) >= 2


def test_corpus_militia_fighters_killed_agree(corpus_claims: Any) -> None:
    claims, groups, names = corpus_claims
    by_id = {claim.id: claim for claim in claims}
    group = _group(groups, claims, measure="killed", place="Iraq", value=25)
    assert group.verdict == "agree"
    assert sorted(names[by_id[c].doc_id] for c in group.claim_ids) == ["002", "003"]
    assert {by_id[c].counted for c in group.claim_ids} == {"militia fighter", "militia member"}


def test_corpus_claims_point_at_their_text(corpus_claims: Any, shared_corpus: Path) -> None:
    claims, groups, _ = corpus_claims
    texts = {Document.create(path="x", text=normalise(p.read_text(encoding="utf-8")), format="txt").id:
             normalise(p.read_text(encoding="utf-8")) for p in sorted(shared_corpus.glob("*.txt"))}
    for claim in claims:
        text = texts[claim.doc_id]
        assert text[claim.span.start:claim.span.end] == claim.text
        assert claim.sentence.contains(claim.span)
    members = [c for g in groups for c in g.claim_ids]
    assert len(members) == len(set(members))


@pytest.mark.parametrize("skipped", ["680", "2014", "1979", "fifth", "[1]"])
def test_corpus_skips_dates_ranks_and_markers(corpus_claims: Any, skipped: str) -> None:
    claims, _, _ = corpus_claims
    assert all(skipped not in claim.text for claim in claims)

"""The claims stage on the bundled fictional corpus (examples/), checked against its answer key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rashomon.claims import extract_claims, group_claims
from rashomon.claims.resolve import name_key
from rashomon.entities import ner_mentions
from rashomon.model import Claim, ClaimGroup, Document, Mention
from rashomon.settings import Settings

from . import entities_of

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_RESULTS: dict[str, tuple[dict[str, Claim], list[ClaimGroup], dict[str, str]]] = {}


@pytest.fixture()
def examples(nlp: Any, settings: Settings) -> tuple[dict[str, Claim], list[ClaimGroup], dict[str, str]]:
    """Claims and groups of the example articles, read by the ingest stage (computed once per run)."""
    readers = pytest.importorskip("rashomon.ingest.readers", reason="the ingest stage is not available")
    if "examples" not in _RESULTS:
        paths = sorted(p for p in EXAMPLES.rglob("*") if p.suffix in (".txt", ".html", ".jsonl"))
        documents: list[Document] = []
        mentions: list[Mention] = []
        claims: list[Claim] = []
        for path in paths:
            for doc in readers.read_path(path, settings=settings.ingest):
                assert isinstance(doc, Document), doc
                parsed = nlp(doc.text)
                found = ner_mentions(doc, parsed)
                documents.append(doc)
                mentions += found
                claims += extract_claims(doc, parsed, found, settings=settings.claims)
        refined, groups = group_claims(claims, entities=entities_of(mentions), mentions=mentions,
                                       documents=documents, settings=settings.claims)
        names = {doc.id: Path(doc.path).name for doc in documents}
        _RESULTS["examples"] = {claim.id: claim for claim in refined}, groups, names
    return _RESULTS["examples"]


def _key() -> dict[str, Any]:
    return json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("number", range(3))
def test_examples_claim_groups_match_the_answer_key(examples: Any, number: int) -> None:
    by_id, groups, names = examples
    expected = _key()["claim_groups"][number]
    wanted = {(value["doc"], value["text"]) for value in expected["values"]}
    found = [g for g in groups if wanted & {(names[by_id[c].doc_id], by_id[c].text) for c in g.claim_ids}]
    assert len(found) == 1, f"{expected['about']}: spread over {[g.label for g in found]}"
    group = found[0]
    members = {(names[by_id[c].doc_id], by_id[c].text): by_id[c] for c in group.claim_ids}
    assert wanted <= set(members), f"{expected['about']}: missing {wanted - set(members)}"
    assert group.verdict == expected["verdict"]
    for value in expected["values"]:
        claims = [c for c in group.claim_ids
                  if (names[by_id[c].doc_id], by_id[c].text) == (value["doc"], value["text"])]
        sources = {name_key(by_id[c].attributed_to) for c in claims}
        assert name_key(value["attributed_to"]) in sources, (value, sources)
        if value["low"] is not None or value["high"] is not None:
            assert {(by_id[c].low, by_id[c].high) for c in claims} == {(value["low"], value["high"])}


def test_examples_separate_claims_stay_out_of_the_answer_groups(examples: Any) -> None:
    by_id, groups, names = examples
    key = _key()
    answer_docs = [{(v["doc"], v["text"]) for v in g["values"]} for g in key["claim_groups"]]
    answer_groups = [g for g in groups
                     if any(wanted & {(names[by_id[c].doc_id], by_id[c].text) for c in g.claim_ids}
                            for wanted in answer_docs)]
    grouped = {(names[by_id[c].doc_id], by_id[c].text) for g in answer_groups for c in g.claim_ids}
    for separate in key["separate_claims"]:
        assert (separate["doc"], separate["text"]) not in grouped, separate["about"]

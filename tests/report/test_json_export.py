"""The JSON export: its exact shape, offsets that index the text, and docs/schema.md covering every key."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from rashomon import __version__
from rashomon.model import Corpus, Entity
from rashomon.report import corpus_to_dict, write_json

from . import sample_corpus

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


@pytest.fixture()
def exported() -> dict[str, Any]:
    return corpus_to_dict(sample_corpus())


@pytest.mark.parametrize(("where", "keys"), [
    ("top", {"rashomon", "documents", "entities", "claims", "claim_groups"}),
    ("document", {"id", "path", "title", "author", "outlet", "published", "url", "words", "text", "metadata"}),
    ("metadata", {"title", "author", "outlet", "published"}),
    ("entity", {"id", "name", "type", "aliases", "mentions"}),
    ("mention", {"doc", "start", "end", "text", "title", "sentence"}),
    ("claim", {"id", "doc", "start", "end", "text", "value", "low", "high", "unit", "measure", "counted", "place",
               "period", "attributed_to", "qualifier", "group", "event"}),
    ("claim_group", {"id", "label", "verdict", "claims"}),
])
def test_json_export_has_exact_keys(exported: dict[str, Any], where: str, keys: set[str]) -> None:
    found = {
        "top": exported, "document": exported["documents"][0], "metadata": exported["documents"][0]["metadata"],
        "entity": exported["entities"][0], "mention": exported["entities"][0]["mentions"][0],
        "claim": exported["claims"][0], "claim_group": exported["claim_groups"][0],
    }[where]
    assert set(found) == keys


def test_json_export_header(exported: dict[str, Any]) -> None:
    assert exported["rashomon"] == {"version": __version__, "schema": 1}


def test_json_export_offsets_index_the_text(exported: dict[str, Any]) -> None:
    texts = {doc["id"]: doc["text"] for doc in exported["documents"]}
    checked = 0
    for entity in exported["entities"]:
        for mention in entity["mentions"]:
            text = texts[mention["doc"]]
            assert text[mention["start"]:mention["end"]] == mention["text"]
            start, end = mention["sentence"]
            assert start <= mention["start"] <= mention["end"] <= end
            checked += 1
    for claim in exported["claims"]:
        assert texts[claim["doc"]][claim["start"]:claim["end"]] == claim["text"]
        checked += 1
    assert checked == 11 + 3


def test_json_export_metadata_and_nulls(exported: dict[str, Any]) -> None:
    ledger, post, notes = exported["documents"]
    assert ledger["published"] == "2021-03-04"
    assert ledger["metadata"]["title"] == {"source": "text", "start": 0, "end": 25}
    assert ledger["text"][0:25] == ledger["title"]
    assert ledger["metadata"]["author"] == {"source": "html", "start": None, "end": None}
    assert post["published"] is None and post["metadata"]["published"] is None
    assert post["outlet"] == "Fenwick Post" and post["metadata"]["outlet"]["source"] == "jsonl"
    assert notes["title"] is None and notes["url"] is None
    assert notes["words"] == len(notes["text"].split())


def test_json_export_claims_name_their_group(exported: dict[str, Any]) -> None:
    groups = {claim["text"]: claim["group"] for claim in exported["claims"]}
    assert groups == {"at least 12": "g-agree", "14": "g-differ", "12": "g-agree"}  # first group listing it
    first = exported["claims"][0]
    assert (first["value"], first["low"], first["high"], first["qualifier"]) == (12, 12, None, "at least")
    assert exported["claim_groups"][1] == {"id": "g-differ", "label": "walkers injured in Fenwick",
                                           "verdict": "differ", "claims": [c["id"] for c in exported["claims"][:2]]}


@pytest.mark.parametrize(("value", "expected"), [(12.0, 12), (2.5, 2.5), (float("inf"), None), (None, None)])
def test_json_export_numbers(value: float | None, expected: float | None) -> None:
    corpus = sample_corpus()
    corpus = replace(corpus, claims=(replace(corpus.claims[0], value=value),), claim_groups=())
    claim = corpus_to_dict(corpus)["claims"][0]
    assert claim["value"] == expected and type(claim["value"]) is type(expected)
    assert claim["group"] is None


def test_json_export_skips_unknown_mentions(caplog: pytest.LogCaptureFixture) -> None:
    corpus = sample_corpus()
    ghost = Entity("e-ghost", "Ghost", "PERSON", ("Ghost",), ("dnothing:0-5", corpus.mentions[1].id))
    with caplog.at_level(logging.WARNING, logger="rashomon.report.json_export"):
        exported = corpus_to_dict(replace(corpus, entities=(ghost,)))
    assert [m["text"] for m in exported["entities"][0]["mentions"]] == ["Mara Quill"]
    assert "1 entity mention id" in caplog.text


def test_json_export_write_json_round_trips(tmp_path: Path) -> None:
    corpus = sample_corpus()
    path = tmp_path / "out.json"
    write_json(corpus, path)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == corpus_to_dict(corpus)
    assert "<script>alert(1)</script>" in text  # JSON carries the text as it is; escaping is the viewer's job


def test_json_export_empty_corpus() -> None:
    exported = corpus_to_dict(Corpus(documents=(), mentions=(), entities=()))
    assert exported["documents"] == exported["entities"] == exported["claims"] == exported["claim_groups"] == []


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_json_export_every_key_is_documented(exported: dict[str, Any]) -> None:
    documented = set(re.findall(r"`([a-z_]+)`", SCHEMA_DOC.read_text(encoding="utf-8")))
    missing = _keys(exported) - documented
    assert not missing, f"docs/schema.md does not document {sorted(missing)}"

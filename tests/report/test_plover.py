"""The PLOVER / POLECAT export: field names from the PLOVER spec, actors resolved, provenance kept."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from rashomon.report import event_to_plover, write_plover_jsonl

from . import sample_corpus


def test_plover_record_fields() -> None:
    corpus = sample_corpus()
    record = event_to_plover(corpus.events[0], corpus)
    assert set(record) == {"id", "date", "date_precision", "source", "recipient", "event", "mode", "context",
                           "event_loc", "event_text", "quad_code", "text", "text_info", "cite_info", "coder", "sources",
                           "provenance"}
    assert record["source"] == [{"actor_text": "Mara Quill", "identifier_id": "e-quill", "identifier_text": "Mara Quill"}]
    assert record["recipient"][0]["identifier_id"] == "e-guard"
    assert (record["event"], record["mode"], record["quad_code"]) == (["ACCUSE"], [], 3)
    assert record["event_text"] == ["called", "blamed"]
    doc = corpus.documents[0]
    assert record["text"] == doc.text[record["text_info"]["start"]:record["text_info"]["end"]]
    assert record["cite_info"] == {"url": doc.url, "title": "Storm closes Fenwick pier", "publication": "The Harbour Ledger"}
    assert [p["mention"] for p in record["provenance"]] == list(corpus.events[0].mention_ids)


@pytest.mark.parametrize(("index", "context", "loc"), [
    (1, [], {"name": "Fenwick", "country_code": "GB", "latitude": 50.1, "longitude": -5.5, "geonameid": 2649}),
    (2, ["hypothetical", "negation"], {"name": "Fenwick", "country_code": None, "latitude": None, "longitude": None,
                                       "geonameid": None}),
])
def test_plover_context_and_location(index: int, context: list[str], loc: dict[str, object]) -> None:
    corpus = sample_corpus()
    record = event_to_plover(corpus.events[index], corpus)
    assert record["context"] == context
    assert record["event_loc"] == loc


def test_plover_event_without_stored_mentions() -> None:
    corpus = sample_corpus()
    record = event_to_plover(replace(corpus.events[0], places=()), replace(corpus, event_mentions=()))
    assert record["text"] is None and record["provenance"] == [] and record["event_loc"] is None


def test_plover_write_jsonl(tmp_path: Path) -> None:
    corpus = sample_corpus()
    path = tmp_path / "events.jsonl"
    write_plover_jsonl(corpus, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["ev-accuse", "ev-hit", "ev-left"]

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
from rashomon.render import corpus_to_dict, write_json

from . import sample_corpus

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


@pytest.fixture()
def exported() -> dict[str, Any]:
    return corpus_to_dict(sample_corpus())


@pytest.mark.parametrize(("where", "keys"), [
    ("top", {"rashomon", "documents", "entities", "claims", "claim_groups", "events", "event_mentions_unfused",
             "times", "quotes", "stances", "vocabulary", "framings", "dropped_names"}),
    ("event", {"id", "type", "mode", "date", "date_precision", "date_conflict", "dates", "actors", "targets", "places",
               "place_conflict", "aux_modes", "sources", "articles", "independent_sources", "confidence", "mentions",
               "figures"}),
    ("figure", {"label", "group", "verdict", "by_source"}),
    ("figure_source", {"claim", "doc", "start", "end", "text", "value", "low", "high", "unit", "attributed_to",
                       "sentence"}),
    ("event_mention", {"id", "doc", "start", "end", "text", "trigger", "lemma", "sentence", "type", "mode", "aux_modes",
                       "negated", "actors", "targets", "places", "gazetteer", "actor_text", "target_text", "date",
                       "date_precision", "reported_by", "time", "confidence", "theme_text"}),
    ("place", {"name", "country", "lat", "lon", "geonameid"}),
    ("time", {"doc", "start", "end", "text", "value", "granularity", "kind", "range_start", "range_end", "anchored"}),
    ("quote", {"id", "doc", "start", "end", "text", "sentence", "speaker", "speaker_mention", "kind", "cue",
               "speaker_entity"}),
    ("stance", {"source", "entity", "label", "score", "mentions", "confidence", "evidence", "reported"}),
    ("evidence", {"doc", "mention", "target", "start", "end", "sentence", "score", "cues", "reported_by"}),
    ("term", {"source", "term", "z", "count", "delta"}),
    ("frame_term", {"doc", "start", "end", "text", "lemma", "sentence", "category", "frame", "valence", "quoted"}),
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
        "event": exported["events"][0], "event_mention": exported["events"][0]["mentions"][0],
        "figure": exported["events"][1]["figures"][0],
        "figure_source": exported["events"][1]["figures"][0]["by_source"][0],
        "place": exported["events"][1]["places"][0], "time": exported["times"][0], "quote": exported["quotes"][0],
        "stance": exported["stances"][0], "evidence": exported["stances"][0]["reported"][0],
        "term": exported["vocabulary"][0], "frame_term": exported["framings"][0]["terms"][0],
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
    spans = [m for e in exported["events"] for m in e["mentions"]] + exported["event_mentions_unfused"]
    spans += exported["times"] + exported["quotes"] + [t for f in exported["framings"] for t in f["terms"]]
    for record in spans:
        assert texts[record["doc"]][record["start"]:record["end"]] == record["text"]
        start, end = record.get("sentence") or (0, len(texts[record["doc"]]))
        assert start <= record["start"] <= record["end"] <= end
        checked += 1
    for stance in exported["stances"]:
        for item in stance["evidence"] + stance["reported"]:
            text = texts[item["doc"]]
            assert [text[c["start"]:c["end"]] for c in item["cues"]] == [c["text"] for c in item["cues"]]
            checked += 1
    assert checked == 11 + 3 + 5 + 1 + 1 + 3 + 3


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
    with caplog.at_level(logging.WARNING, logger="rashomon.render.json_export"):
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


def test_json_export_events_and_unfused_mentions(exported: dict[str, Any]) -> None:
    accuse, hit, left = exported["events"]
    assert (accuse["id"], accuse["date_conflict"], accuse["dates"]) == ("ev-accuse", True, ["2021-02-28", "2021-03-01"])
    assert accuse["actors"] == ["e-quill"] and accuse["targets"] == ["e-guard"]
    assert (accuse["articles"], accuse["independent_sources"]) == (2, 2)
    assert [m["text"] for m in accuse["mentions"]] == ["called", "blamed"]
    assert accuse["mentions"][1]["actor_text"] == "Residents" and accuse["mentions"][0]["time"] is None
    assert hit["places"] == [{"name": "Fenwick", "country": "GB", "lat": 50.1, "lon": -5.5, "geonameid": 2649}]
    assert left["date"] is None and left["mentions"][0]["negated"] is True
    assert [m["text"] for m in exported["event_mentions_unfused"]] == ["counted"]


def test_json_export_perspectives(exported: dict[str, Any]) -> None:
    first = exported["stances"][0]
    assert (first["entity"], first["label"], first["score"], first["evidence"][0]["reported_by"]) == \
        ("e-guard", "neutral", 0.1, None)
    assert first["reported"][0]["reported_by"] == "Quill"
    assert exported["vocabulary"][0] == {"source": exported["documents"][0]["id"], "term": "disgrace", "z": 2.4,
                                         "count": 1, "delta": 1.1}
    assert exported["framings"][1]["terms"][0]["quoted"] is True
    quote = exported["quotes"][0]
    assert (quote["speaker"], quote["speaker_mention"], quote["kind"]) == \
        ("Mara Quill", sample_corpus().mentions[1].id, "reported")


def test_json_export_infinite_scores_become_null() -> None:
    corpus = sample_corpus()
    odd = replace(corpus.vocabulary[0], z=float("inf"))
    exported = corpus_to_dict(replace(corpus, vocabulary=(odd,)))
    assert exported["vocabulary"][0]["z"] is None
    json.dumps(exported, allow_nan=False)

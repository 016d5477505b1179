"""The PLOVER / POLECAT export: one record per event, one per non-factual event mention, PLOVER's field names.

The corpus here is one fictional article built by hand (no spaCy): a shelling, a condemnation by a country,
an army that did not retreat and threatened sanctions.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bundles import bundle as _bundle
from bundles import derive
from rashomon import __version__
from rashomon.cli import app
from rashomon.model import Corpus, Document, Entity, Event, EventMention, Mention, Meta, Place, Span
from rashomon.render import event_to_plover, mention_to_plover, plover_records, write_plover_jsonl
from rashomon.render.plover import CODEBOOK
from rashomon.store import Store

from . import sample_corpus

TEXT = ("Velmora Front fighters shelled Harrowfield on 3 May 2021. Norway condemned the shelling. "
        "The army did not retreat. Norway threatened sanctions against the Velmora Front.")
HARROWFIELD = Place(name="Harrowfield", country="GB", latitude=54.1, longitude=-2.3, geonameid=9990001)
CODER = f"rashomon {__version__}"


def _span(doc: Document, words: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(words, start + 1)
    return doc.span(start, start + len(words))


def _sentence(doc: Document, span: Span) -> Span:
    start = doc.text.rfind(". ", 0, span.start)
    start = 0 if start < 0 else start + 2
    return doc.span(start, doc.text.index(".", span.end) + 1)


def _mention(doc: Document, words: str, type_: str, nth: int = 0) -> Mention:
    span = _span(doc, words, nth)
    return Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=words,
                   type=type_, sentence=_sentence(doc, span))  # type: ignore[arg-type]


def _event_mention(doc: Document, words: str, type_: str, **fields: Any) -> EventMention:
    span = _span(doc, words)
    return EventMention(id=f"{doc.id}:{span.start}-{span.end}", doc_id=doc.id, trigger=span, text=words, lemma=words,
                        sentence=_sentence(doc, span), type=type_, **fields)  # type: ignore[arg-type]


def _corpus() -> Corpus:
    doc = Document.create(path="wire/harrowfield.txt", text=TEXT, format="txt",
                          title=Meta("Shelling in Harrowfield", "jsonl"), outlet=Meta("The Fenwick Wire", "jsonl"),
                          published=Meta("2021-05-04", "jsonl"), url="https://wire.example/harrowfield")
    front, harrow = _mention(doc, "Velmora Front", "ORG"), _mention(doc, "Harrowfield", "PLACE")
    norway, norway_2 = _mention(doc, "Norway", "PLACE"), _mention(doc, "Norway", "PLACE", 1)
    front_2 = _mention(doc, "Velmora Front", "ORG", 1)
    entities = (Entity("e-front", "Velmora Front", "ORG", ("Velmora Front",), (front.id, front_2.id)),
                Entity("e-harrow", "Harrowfield", "PLACE", ("Harrowfield",), (harrow.id,)),
                Entity("e-norway", "Norway", "PLACE", ("Norway",), (norway.id, norway_2.id)))
    shelled = _event_mention(doc, "shelled", "ASSAULT", mode="heavy-weapons", actor_ids=(front.id,),
                             target_ids=(harrow.id,), place_ids=(harrow.id,), actor_text="Velmora Front fighters",
                             target_text="Harrowfield", places=(HARROWFIELD,), date="2021-05-03", date_precision="day")
    condemned = _event_mention(doc, "condemned", "ACCUSE", actor_ids=(norway.id,), actor_text="Norway",
                               target_text="the shelling", date="2021-05-03", date_precision="day",
                               reported_by="")
    retreat = _event_mention(doc, "retreat", "RETREAT", negated=True, actor_text="The army")
    sanctions = _event_mention(doc, "sanctions", "SANCTION", aux_modes=("hypothetical",), actor_ids=(norway_2.id,),
                               target_ids=(front_2.id,), actor_text="Norway", target_text="the Velmora Front")
    events = (
        Event("e-shell", "ASSAULT", "heavy-weapons", "2021-05-03", "day", False, ("2021-05-03",), ("e-front",),
              ("e-harrow",), (HARROWFIELD,), (shelled.id,), (doc.id,), 1),
        Event("e-condemn", "ACCUSE", "", "2021-05-03", "day", False, ("2021-05-03",), ("e-norway",), (), (),
              (condemned.id,), (doc.id,), 1),
    )
    return derive(Corpus(documents=(doc,), mentions=(front, harrow, norway, norway_2, front_2), entities=entities,
                  event_mentions=(shelled, condemned, sanctions, retreat), events=events))


def _doc_citation(doc: Document) -> dict[str, Any]:
    return {"doc_id": doc.id, "path": "wire/harrowfield.txt", "url": "https://wire.example/harrowfield",
            "title": "Shelling in Harrowfield", "publication": "The Fenwick Wire", "published": "2021-05-04"}


def test_event_to_plover_full_record() -> None:
    corpus = _corpus()
    doc, shelled = corpus.documents[0], corpus.event_mentions[0]
    front = {"actor_text": "Velmora Front", "identifier_id": "e-front", "identifier_text": "Velmora Front",
             "code": None, "entity_type": "ORG"}
    location = {"name": "Harrowfield", "geonameid": 9990001, "latitude": 54.1, "longitude": -2.3, "country_code": "GB",
                "cc3": "GBR"}
    assert event_to_plover(corpus.events[0], corpus) == {
        "id": "e-shell", "record": "event",
        "date": "2021-05-03", "date_precision": "day", "date_conflict": False, "dates": ["2021-05-03"],
        "source": [front], "actor": [front],
        "recipient": [{"actor_text": "Harrowfield", "identifier_id": "e-harrow", "identifier_text": "Harrowfield",
                       "code": None, "entity_type": "PLACE"}],
        "event": ["ASSAULT"], "mode": ["heavy-weapons"], "context": [], "quad_code": 4,
        "event_loc": location, "places": [location], "event_text": ["shelled"],
        "text": "Velmora Front fighters shelled Harrowfield on 3 May 2021.",
        "text_info": {"doc_id": doc.id, "start": 0, "end": 57, "mention_id": shelled.id, "trigger_start": 23,
                      "trigger_end": 30},
        "cite_info": {**_doc_citation(doc), "codebook": CODEBOOK},
        "sources": [_doc_citation(doc)], "n_articles": 1, "n_sources": 1,
        "provenance": [{"mention_id": shelled.id, "doc_id": doc.id, "start": 23, "end": 30, "text": "shelled",
                        "sentence_start": 0, "sentence_end": 57, "reported_by": None}],
        "coder": CODER,
    }


def test_event_to_plover_offsets_point_at_sentence_and_trigger() -> None:
    corpus = _corpus()
    record = event_to_plover(corpus.events[1], corpus)
    info, text = record["text_info"], corpus.documents[0].text
    assert text[info["start"]:info["end"]] == record["text"] == "Norway condemned the shelling."
    assert text[info["trigger_start"]:info["trigger_end"]] == "condemned"


def test_event_to_plover_codes_country_actor_and_falls_back_to_written_recipient() -> None:
    corpus = _corpus()
    record = event_to_plover(corpus.events[1], corpus)
    assert record["source"] == [{"actor_text": "Norway", "identifier_id": "e-norway", "identifier_text": "Norway",
                                 "code": "NOR", "entity_type": "PLACE"}]
    assert record["recipient"] == [{"actor_text": "the shelling", "identifier_id": None, "identifier_text": None,
                                    "code": None, "entity_type": None}]
    assert (record["event"], record["mode"], record["quad_code"], record["event_loc"]) == (["ACCUSE"], [], 3, None)


def test_mention_to_plover_full_non_factual_record() -> None:
    corpus = _corpus()
    doc, sanctions = corpus.documents[0], corpus.event_mentions[2]
    norway = {"actor_text": "Norway", "identifier_id": "e-norway", "identifier_text": "Norway", "code": "NOR",
              "entity_type": "PLACE"}
    assert mention_to_plover(sanctions, corpus) == {
        "id": sanctions.id, "record": "mention",
        "date": None, "date_precision": "unknown", "date_conflict": False, "dates": [],
        "source": [norway], "actor": [norway],
        "recipient": [{"actor_text": "Velmora Front", "identifier_id": "e-front", "identifier_text": "Velmora Front",
                       "code": None, "entity_type": "ORG"}],
        "event": ["SANCTION"], "mode": [], "context": ["hypothetical"], "quad_code": 3,
        "event_loc": None, "places": [], "event_text": ["sanctions"],
        "text": "Norway threatened sanctions against the Velmora Front.",
        "text_info": {"doc_id": doc.id, "start": 115, "end": 169, "mention_id": sanctions.id, "trigger_start": 133,
                      "trigger_end": 142},
        "cite_info": {**_doc_citation(doc), "codebook": CODEBOOK},
        "sources": [_doc_citation(doc)], "n_articles": 1, "n_sources": 1,
        "provenance": [{"mention_id": sanctions.id, "doc_id": doc.id, "start": 133, "end": 142, "text": "sanctions",
                        "sentence_start": 115, "sentence_end": 169, "reported_by": None}],
        "coder": CODER,
    }


@pytest.mark.parametrize(("aux_modes", "negated", "context"), [
    ((), True, ["negation"]),
    (("hypothetical",), False, ["hypothetical"]),
    (("future",), False, ["future"]),
    (("hypothetical",), True, ["hypothetical", "negation"]),
    (("negation", "historical"), True, ["negation", "historical"]),
])
def test_mention_to_plover_context_flags_aux_modes(aux_modes: tuple[str, ...], negated: bool,
                                                   context: list[str]) -> None:
    corpus = _corpus()
    mention = replace(corpus.event_mentions[3], aux_modes=aux_modes, negated=negated)
    record = mention_to_plover(mention, corpus)
    assert (record["record"], record["context"], record["event"]) == ("mention", context, ["RETREAT"])
    assert record["source"] == [{"actor_text": "The army", "identifier_id": None, "identifier_text": None,
                                 "code": None, "entity_type": None}]


@pytest.mark.parametrize(("place", "loc"), [
    (HARROWFIELD, {"name": "Harrowfield", "geonameid": 9990001, "latitude": 54.1, "longitude": -2.3,
                   "country_code": "GB", "cc3": "GBR"}),
    (Place("Kessel Square"), {"name": "Kessel Square", "geonameid": None, "latitude": None, "longitude": None,
                              "country_code": None, "cc3": None}),
    (Place("Norway", country="NO", geonameid=3144096), {"name": "Norway", "geonameid": 3144096, "latitude": None,
                                                         "longitude": None, "country_code": "NO", "cc3": "NOR"}),
    (Place("Nowhere", country="GB", latitude=float("nan"), longitude=1.0), {
        "name": "Nowhere", "geonameid": None, "latitude": None, "longitude": 1.0, "country_code": "GB", "cc3": "GBR"}),
])
def test_event_to_plover_event_loc_with_and_without_coordinates(place: Place, loc: dict[str, Any]) -> None:
    corpus = _corpus()
    record = event_to_plover(replace(corpus.events[0], places=(place, HARROWFIELD)), corpus)
    assert record["event_loc"] == loc
    assert record["places"][0] == loc and len(record["places"]) == 2
    json.dumps(record, allow_nan=False)


@pytest.mark.parametrize("event_index", [0, 1])
def test_event_to_plover_without_stored_mentions(event_index: int) -> None:
    corpus = _corpus()
    record = event_to_plover(replace(corpus.events[event_index], places=()), replace(corpus, event_mentions=()))
    assert (record["text"], record["text_info"], record["cite_info"], record["provenance"]) == (None, None, None, [])
    assert record["event_loc"] is None and record["sources"] == [_doc_citation(corpus.documents[0])]


@pytest.mark.parametrize("historical", [("historical",), ()])
def test_event_to_plover_context_is_the_events_aux_modes(historical: tuple[str, ...]) -> None:
    corpus = _corpus()
    assert event_to_plover(replace(corpus.events[0], aux_modes=historical), corpus)["context"] == list(historical)


def test_plover_records_events_then_non_factual_mentions() -> None:
    corpus = _corpus()
    mentions = corpus.event_mentions
    # a factual mention in no event: no record
    unfused = replace(mentions[0], id="extra", trigger=Span(0, 13), text="Velmora Front", type="OTHER")
    corpus = replace(corpus, event_mentions=(*mentions, unfused))
    records = plover_records(corpus)
    # events in corpus order, then the mentions in offset order; the factual unfused mention gets no record
    assert [(r["id"], r["record"], r["context"]) for r in records] == [
        ("e-shell", "event", []), ("e-condemn", "event", []),
        (mentions[3].id, "mention", ["negation"]), (mentions[2].id, "mention", ["hypothetical"])]
    assert len({r["id"] for r in records}) == len(records)


@pytest.mark.parametrize("corpus_of", [_corpus, sample_corpus])
def test_write_plover_jsonl_one_json_object_a_line(tmp_path: Path, corpus_of: Any) -> None:
    corpus = corpus_of()
    path = tmp_path / "events.jsonl"
    count = write_plover_jsonl(corpus, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) == len(plover_records(corpus))
    assert [json.loads(line) for line in lines] == json.loads(json.dumps(plover_records(corpus)))


def test_cli_export_plover_writes_valid_jsonl(tmp_path: Path) -> None:
    corpus = _corpus()
    db, path = tmp_path / "store.duckdb", tmp_path / "out" / "events.jsonl"
    path.parent.mkdir()
    doc = corpus.documents[0]
    with Store(db) as store:
        store.add_document(_bundle(doc, corpus.mentions, event_mentions=corpus.event_mentions), stages={"test": "v1"})
        store.replace_corpus_records({"entities": corpus.entities})
        store.replace_corpus_records({"events": corpus.events})
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--plover", str(path)])
    assert result.exit_code == 0, result.output
    assert "4 PLOVER records" in result.stdout
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["record"], r["event"], r["context"]) for r in records] == [
        ("e-shell", "event", ["ASSAULT"], []), ("e-condemn", "event", ["ACCUSE"], []),
        (corpus.event_mentions[3].id, "mention", ["RETREAT"], ["negation"]),
        (corpus.event_mentions[2].id, "mention", ["SANCTION"], ["hypothetical"])]
    assert records[0]["text"] == doc.text[records[0]["text_info"]["start"]:records[0]["text_info"]["end"]]

"""The PLOVER lexicon (data/plover_lexicon.toml), the coding of event words, and the JSONL record."""

from __future__ import annotations

import dataclasses
import json

import pytest

from rashomon.errors import ConfigError
from rashomon.model import Document, Entity, Event, EventMention, Meta, Place
from rashomon.events.plover import (
    CATEGORIES,
    MODES,
    Coding,
    code_event,
    load_lexicon,
    parse_lexicon,
    to_plover,
)


@pytest.fixture(scope="module")
def lexicon():  # type: ignore[no-untyped-def]
    return load_lexicon()


def test_lexicon_covers_news_vocabulary(lexicon) -> None:  # type: ignore[no-untyped-def]
    entries = [*lexicon.verbs.values(), *lexicon.nouns.values(), *lexicon.phrases.values()]
    assert len(entries) >= 300
    assert {e.category for e in entries} == set(CATEGORIES)  # all 16 categories, and OTHER
    for entry in entries:
        assert not entry.mode or entry.mode in MODES[entry.category], entry


@pytest.mark.parametrize(("lemma", "pos", "category"), [
    ("kill", "verb", "ASSAULT"), ("airstrike", "noun", "ASSAULT"), ("assassination", "noun", "ASSAULT"),
    ("besiege", "verb", "ASSAULT"), ("storm", "verb", "ASSAULT"), ("protest", "noun", "PROTEST"),
    ("riot", "verb", "PROTEST"), ("expel", "verb", "SANCTION"), ("sanction", "noun", "SANCTION"),
    ("threaten", "verb", "THREATEN"), ("accuse", "verb", "ACCUSE"), ("condemn", "verb", "ACCUSE"),
    ("meet", "verb", "CONSULT"), ("negotiate", "verb", "CONSULT"), ("sign", "verb", "SUPPORT"),
    ("agree", "verb", "AGREE"), ("withdraw", "verb", "RETREAT"), ("deploy", "verb", "MOBILIZE"),
    ("arrest", "verb", "COERCE"), ("detain", "verb", "COERCE"), ("demand", "verb", "REQUEST"),
    ("reject", "verb", "REJECT"), ("aid", "noun", "AID"), ("cooperate", "verb", "COOPERATE"),
    ("apologize", "verb", "CONCEDE"), ("vote", "verb", "OTHER"), ("call for", "phrase", "REQUEST"),
])
def test_lexicon_entry_category(lexicon, lemma: str, pos: str, category: str) -> None:  # type: ignore[no-untyped-def]
    entry = lexicon.entry(lemma, pos=pos)
    assert entry is not None and entry.category == category


@pytest.mark.parametrize(("first", "second"), [("strike", "airstrike"), ("attack", "airstrike"),
                                               ("killing", "assassination"), ("siege", "storm")])
def test_lexicon_family_groups_synonyms(lexicon, first: str, second: str) -> None:  # type: ignore[no-untyped-def]
    assert lexicon.family(first) == lexicon.family(second)


@pytest.mark.parametrize(("context", "mode"), [
    ({"drone"}, "drone"), ({"air"}, "aerial"), ({"missile"}, "aerial"), ({"drone", "air"}, "drone"),
    ({"gunman"}, "firearms"), ({"car-bomb"}, "explosives"), (set(), ""),
])
def test_code_event_mode_from_context(lexicon, context: set[str], mode: str) -> None:  # type: ignore[no-untyped-def]
    coding = code_event(lexicon.entry("strike", pos="noun"), context, lexicon=lexicon)
    assert (coding.category, coding.mode) == ("ASSAULT", mode)


@pytest.mark.parametrize(("context", "objects", "expected"), [
    (set(), {"worker"}, ("PROTEST", "strike")),
    ({"hunger"}, set(), ("PROTEST", "hunger")),
    ({"missile"}, {"worker"}, ("ASSAULT", "aerial")),  # a weapon word keeps the attack
])
def test_code_event_override_by_context(lexicon, context, objects, expected) -> None:  # type: ignore[no-untyped-def]
    coding = code_event(lexicon.entry("strike", pos="noun"), context, lexicon=lexicon, objects=objects)
    assert (coding.category, coding.mode) == expected


@pytest.mark.parametrize(("lemma", "complement", "expected"), [
    ("vote", Coding("SANCTION", "expel", "expel"), ("SANCTION", "expel")),
    ("threaten", Coding("ASSAULT", "", "attack"), ("THREATEN", "violence")),
    ("threaten", Coding("ASSAULT", "", "invade"), ("THREATEN", "territory")),
    ("demand", Coding("RETREAT", "withdraw", "withdraw"), ("REQUEST", "yield")),
])
def test_code_event_takes_mode_from_complement(lexicon, lemma, complement, expected) -> None:  # type: ignore[no-untyped-def]
    coding = code_event(lexicon.entry(lemma, pos="verb"), set(), lexicon=lexicon, complement=complement)
    assert (coding.category, coding.mode) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ('[verbs]\nkill = { category = "MURDER" }', "category"),
    ('[verbs]\nkill = { category = "ASSAULT", mode = "laser" }', "mode"),
    ('[verbs]\nkill = { category = "ASSAULT", colour = "red" }', "unknown keys"),
    ('[phrases]\n"blow" = { category = "ASSAULT" }', "two words"),
    ("[verbs\n", "not valid TOML"),
])
def test_parse_lexicon_rejects_bad_entries(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem) as caught:
        parse_lexicon(text, origin="my_lexicon.toml")
    assert "my_lexicon.toml" in str(caught.value)


def _record_inputs() -> tuple[Event, list[EventMention], Document]:
    text = "Rebels shelled the town of Wau on 3 May 2021. The army said it had withdrawn."
    doc = Document.create(path="a.txt", text=text, format="txt", published=Meta("2021-05-04", "jsonl"),
                          title=Meta("Shelling in Wau", "jsonl"))
    trigger = doc.span(7, 14)
    wau = Place(name="Wau", country="SS", latitude=7.7, longitude=28.0, geonameid=363885)
    mention = EventMention(id=f"{doc.id}:7-14", doc_id=doc.id, trigger=trigger, text=doc.slice(trigger),
                           lemma="shell", sentence=doc.span(0, 45), type="ASSAULT", mode="heavy-weapons",
                           actor_ids=(f"{doc.id}:0-6",), actor_text="Rebels", target_text="town",
                           places=(wau,), date="2021-05-03", date_precision="day")
    event = Event(id="e1", type="ASSAULT", mode="heavy-weapons", date="2021-05-03", date_precision="day",
                  date_conflict=False, dates=("2021-05-03",), actor_ids=("rebels",), target_ids=(),
                  places=(wau,), mention_ids=(mention.id,), doc_ids=(doc.id,), independent_sources=1)
    return event, [mention], doc


def test_to_plover_record_has_plover_fields() -> None:
    event, mentions, doc = _record_inputs()
    record = to_plover(event, mentions=mentions, documents=[doc])
    json.dumps(record)  # one JSONL line
    assert record["id"] == "e1" and record["date"] == "2021-05-03"
    assert record["event"] == ["ASSAULT"] and record["mode"] == ["heavy-weapons"]
    assert record["quad_code"] == 4
    assert record["source"] == record["actor"] == [{"actor_text": "rebels", "entity_id": "rebels"}]
    assert record["recipient"] == [{"actor_text": "town"}]
    assert record["event_loc"]["geonameid"] == 363885 and record["event_loc"]["country_code"] == "SS"
    assert record["n_articles"] == 1 and record["n_sources"] == 1
    assert record["cite_info"][0]["title"] == "Shelling in Wau"


def test_to_plover_text_offsets_point_at_the_trigger() -> None:
    event, mentions, doc = _record_inputs()
    info = to_plover(event, mentions=mentions, documents=[doc])["text_info"][0]
    assert doc.text[info["start"]:info["end"]] == "shelled"
    assert doc.text[info["sentence_start"]:info["sentence_end"]] == info["sentence"]


def test_to_plover_codes_country_actors() -> None:
    event, mentions, doc = _record_inputs()
    iraq = Entity(id="iraq", name="Iraq", type="PLACE", aliases=("Iraq",), mention_ids=())
    event = dataclasses.replace(event, actor_ids=("iraq",))
    [actor] = to_plover(event, mentions=mentions, documents=[doc], entities=[iraq])["source"]
    assert (actor["entity_name"], actor["code"]) == ("Iraq", "IRQ")

"""The PLOVER lexicon (data/plover_lexicon.toml) and the coding of event words.

The PLOVER JSONL export is tested in tests/render/test_plover.py.
"""

from __future__ import annotations

import pytest

from rashomon.errors import ConfigError
from rashomon.events.plover import (
    CATEGORIES,
    MODES,
    Coding,
    code_event,
    load_lexicon,
    parse_lexicon,
)


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def test_lexicon_covers_news_vocabulary(lexicon) -> None:
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
def test_lexicon_entry_category(lexicon, lemma: str, pos: str, category: str) -> None:
    entry = lexicon.entry(lemma, pos=pos)
    assert entry is not None and entry.category == category


@pytest.mark.parametrize(("first", "second"), [("strike", "airstrike"), ("attack", "airstrike"),
                                               ("killing", "assassination"), ("siege", "storm")])
def test_lexicon_family_groups_synonyms(lexicon, first: str, second: str) -> None:
    assert lexicon.family(first) == lexicon.family(second)


@pytest.mark.parametrize(("context", "mode"), [
    ({"drone"}, "drone"), ({"air"}, "aerial"), ({"missile"}, "aerial"), ({"drone", "air"}, "drone"),
    ({"gunman"}, "firearms"), ({"car-bomb"}, "explosives"), (set(), ""),
])
def test_code_event_mode_from_context(lexicon, context: set[str], mode: str) -> None:
    coding = code_event(lexicon.entry("strike", pos="noun"), context, lexicon=lexicon)
    assert (coding.category, coding.mode) == ("ASSAULT", mode)


@pytest.mark.parametrize(("context", "objects", "expected"), [
    (set(), {"worker"}, ("PROTEST", "strike")),
    ({"hunger"}, set(), ("PROTEST", "hunger")),
    ({"missile"}, {"worker"}, ("ASSAULT", "aerial")),  # a weapon word keeps the attack
])
def test_code_event_override_by_context(lexicon, context, objects, expected) -> None:
    coding = code_event(lexicon.entry("strike", pos="noun"), context, lexicon=lexicon, objects=objects)
    assert (coding.category, coding.mode) == expected


@pytest.mark.parametrize(("lemma", "complement", "expected"), [
    ("vote", Coding("SANCTION", "expel", "expel"), ("SANCTION", "expel")),
    ("threaten", Coding("ASSAULT", "", "attack"), ("THREATEN", "violence")),
    ("threaten", Coding("ASSAULT", "", "invade"), ("THREATEN", "territory")),
    ("demand", Coding("RETREAT", "withdraw", "withdraw"), ("REQUEST", "yield")),
])
def test_code_event_takes_mode_from_complement(lexicon, lemma, complement, expected) -> None:
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

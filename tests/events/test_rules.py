"""General rules for what an event mention may hold (issue 12): quantity words are never participants and abstract
nouns never agents; a time expression dates an event only when the parse ties it to that event; a past act a
sentence re-enacts or recalls keeps its own date; an ambiguous "who" names no one; a city modifying an event noun
is its place. Every sentence here is fictional (invented places and people)."""

from __future__ import annotations

import pytest

from rashomon.entities import ner_mentions
from rashomon.events.extract import extract_event_mentions
from rashomon.model import Document, EventMention, Meta
from rashomon.time import find_time_expressions

pytestmark = pytest.mark.slow


@pytest.fixture()
def extract(nlp):
    def _run(text: str) -> tuple[Document, list[EventMention]]:
        doc = Document.create(path="fictional.txt", text=text, format="txt", published=Meta("2025-03-10", "jsonl"))
        parsed = nlp(text)
        return doc, extract_event_mentions(doc, parsed, ner_mentions(doc, parsed), find_time_expressions(doc, parsed))

    return _run


def _word(mentions: list[EventMention], word: str) -> EventMention:
    found = [m for m in mentions if m.text == word]
    assert len(found) == 1, [m.text for m in mentions]
    return found[0]


@pytest.mark.parametrize(("text", "word", "not_participant"), [
    ("By March the unrest had spread to Valdora, where at least 300 were killed and thousands imprisoned.",
     "killed", "300"),
    ("By March the unrest had spread to Valdora, where at least 300 were killed and thousands imprisoned.",
     "imprisoned", "thousands"),
    ("Police detained dozens after the march in Korvi.", "detained", "dozens"),
])
def test_rules_numbers_and_quantities_are_never_participants(extract, text: str, word: str,
                                                             not_participant: str) -> None:
    _, mentions = extract(text)
    mention = _word(mentions, word)
    assert not_participant not in mention.actor_text and not_participant not in mention.target_text


@pytest.mark.parametrize(("text", "word", "not_participant"), [
    ("The Tarvish Front tried to split the movement by proposing an old scheme of revenge.", "proposing",
     "scheme"),
    ("The militia uses this assassination to make the departure of foreign troops its only demand.", "departure",
     "assassination"),
    ("The Kelmar council pledged its support for the presence of the monitors.", "support", "presence"),
])
def test_rules_abstract_nouns_are_never_participants(extract, text: str, word: str, not_participant: str) -> None:
    _, mentions = extract(text)
    mention = _word(mentions, word)
    assert not_participant not in mention.actor_text and not_participant not in mention.target_text


@pytest.mark.parametrize(("text", "word", "theme"), [
    ("Ostrian jets struck the depot in Korvi and killed 25.", "killed", "25"),
    ("The Tarvish Front tried to split the movement by proposing an old scheme of revenge.", "proposing", "scheme"),
])
def test_rules_numbers_and_abstract_objects_are_the_theme(extract, text: str, word: str, theme: str) -> None:
    """What the rules keep out of the participants stays the mention's theme, for fusion to compare."""
    _, mentions = extract(text)
    assert theme in _word(mentions, word).theme_text


def test_rules_people_and_things_stay_participants(extract) -> None:
    _, mentions = extract("Gunmen stormed the Dorvan embassy and killed four guards.")
    assert "Gunmen" in _word(mentions, "stormed").actor_text
    assert "embassy" in _word(mentions, "stormed").target_text
    assert "four guards" in _word(mentions, "killed").target_text


@pytest.mark.parametrize(("text", "word", "date"), [
    # the recalled act keeps the year its own phrase gives
    ("On 2 March 2025, the crowd staged a re-enactment of the 1988 siege of the Kardovan embassy.", "siege", "1988"),
    # a year inside another clause's phrase does not date the main event
    ("The minister, who first visited Lisk in 2009, signed the accord on 4 March 2025.", "signed", "2025-03-04"),
])
def test_rules_a_time_dates_only_the_event_the_parse_ties_it_to(extract, text: str, word: str, date: str) -> None:
    _, mentions = extract(text)
    assert _word(mentions, word).date == date


def test_rules_a_recalled_act_keeps_its_own_date_and_is_history(extract) -> None:
    _, mentions = extract("On 2 March 2025, the crowd staged a re-enactment of the 1988 siege of the Kardovan embassy.")
    siege = _word(mentions, "siege")
    assert siege.date == "1988" and "historical" in siege.aux_modes
    assert all(m.date != "1988" for m in mentions if m.text != "siege")


def test_rules_an_ambiguous_who_names_no_one(extract) -> None:
    _, mentions = extract("The shrine honours Arvel, the grandson of Marek Voss, who was killed at Dorvan by the "
                          "usurper Tilos Brand.")
    killed = _word(mentions, "killed")
    assert "Marek" not in killed.target_text
    assert all("Marek" not in target for target in killed.target_ids)


def test_rules_a_city_modifying_an_event_noun_is_its_place(extract) -> None:
    doc, mentions = extract("A bomb went off in Kelvograd on Sunday. The Kelvograd bombing was condemned.")
    bombing = _word(mentions, "bombing")
    assert bombing.actor_ids == ()
    places = [doc.text[int(i.split(":")[1].split("-")[0]):int(i.split("-")[-1])] for i in bombing.place_ids]
    assert places == ["Kelvograd"]


def test_rules_a_country_modifying_an_event_noun_is_its_agent(extract) -> None:
    _, mentions = extract("Ostrian airstrikes killed four fighters on Sunday.")
    assert _word(mentions, "airstrikes").actor_ids or _word(mentions, "airstrikes").actor_text

"""Event mentions read off the parse: trigger, category and mode, participants, place, time, status."""

from __future__ import annotations

import pytest

from rashomon.entities import ner_mentions
from rashomon.events.extract import extract_event_mentions
from rashomon.model import Document, EventMention, Meta, Span
from rashomon.time import find_time_expressions

pytestmark = pytest.mark.slow



@pytest.fixture()
def extract(nlp):
    def _run(text: str, *, published: str | None = "2021-03-10", triggers: list[Span] | None = None
             ) -> tuple[Document, list[EventMention]]:
        doc = Document.create(path="t.txt", text=text, format="txt",
                              published=Meta(published, "jsonl") if published else None)
        parsed = nlp(text)
        times = find_time_expressions(doc, parsed)
        return doc, extract_event_mentions(doc, parsed, ner_mentions(doc, parsed), times, triggers=triggers)

    return _run


def _only(mentions: list[EventMention], word: str) -> EventMention:
    found = [m for m in mentions if m.text == word]
    assert len(found) == 1, [m.text for m in mentions]
    return found[0]


@pytest.mark.parametrize(("text", "word", "category", "mode"), [
    ("A drone strike killed the commander.", "strike", "ASSAULT", "drone"),
    ("A drone strike killed the commander.", "killed", "ASSAULT", "drone"),
    ("Rebels kidnapped two aid workers.", "kidnapped", "ASSAULT", "abduct"),
    ("Artillery shelled the village overnight.", "shelled", "ASSAULT", "heavy-weapons"),
    ("Workers went on strike at the port.", "strike", "PROTEST", "strike"),
    ("Thousands of students marched through the capital.", "marched", "PROTEST", "demo"),
    ("Police arrested the opposition leader.", "arrested", "COERCE", "arrest"),
    ("The parliament voted to expel the ambassador.", "voted", "SANCTION", "expel"),
    ("The general threatened to invade the province.", "threatened", "THREATEN", "territory"),
    ("The two presidents met for talks.", "met", "CONSULT", ""),
])
def test_extract_codes_category_and_mode(extract, text: str, word: str, category: str, mode: str) -> None:
    _, mentions = extract(text)
    mention = _only(mentions, word)
    assert (mention.type, mention.mode) == (category, mode)


@pytest.mark.parametrize(("text", "word", "actor", "target"), [
    ("Rebels kidnapped two aid workers.", "kidnapped", "Rebels", "two aid workers"),
    ("The convoy was ambushed by militants.", "ambushed", "militants", "convoy"),
    ("Militants carried out an attack on a police station.", "attack", "Militants", "police station"),
    ("The assault on the embassy by thousands of protesters ended at noon.", "assault", "protesters", "embassy"),
])
def test_extract_reads_agent_and_target(extract, text: str, word: str, actor: str, target: str) -> None:
    _, mentions = extract(text)
    mention = _only(mentions, word)
    assert (mention.actor_text, mention.target_text) == (actor, target)


def test_extract_links_named_participants(extract) -> None:
    doc, mentions = extract("Israeli jets bombed Gaza City.")
    mention = _only(mentions, "bombed")
    start = doc.text.index("Israeli")
    assert mention.actor_ids == (f"{doc.id}:{start}-{start + len('Israeli')}",)
    assert (mention.actor_text, mention.mode) == ("Israeli jets", "aerial")


def _ids(doc: Document, *names: str) -> tuple[str, ...]:
    """The mention ids of the first occurrence of each name in the text."""
    return tuple(f"{doc.id}:{doc.text.index(n)}-{doc.text.index(n) + len(n)}" for n in names)


@pytest.mark.parametrize(("text", "word", "actor", "actor_text"), [
    ("Minister Anna Berg spoke on Friday. She accused the union of sabotage.", "accused", "Anna Berg", "She"),
    ("Police arrested Omar Diallo after he attacked a guard.", "attacked", "Omar Diallo", "he"),
    ("General Ivo Marek spoke on Monday. His attack on the port was a mistake.", "attack", "Ivo Marek", "His"),
    ("The miners met on Friday. They accused the minister of sabotage.", "accused", None, ""),  # "they": unresolved
    ("The storm ended on Friday. She accused the union of sabotage.", "accused", None, ""),  # no person before
])
def test_extract_gives_a_pronoun_agent_its_person(extract, text: str, word: str, actor: str | None,
                                                  actor_text: str) -> None:
    doc, mentions = extract(text)
    mention = _only(mentions, word)
    assert mention.actor_ids == (_ids(doc, actor) if actor else ())
    assert mention.actor_text == actor_text


@pytest.mark.parametrize(("text", "word", "target", "target_text"), [
    ("Omar Diallo returned home on Monday. Police arrested him at dawn.", "arrested", "Omar Diallo", "him"),
    ("Omar Diallo returned home on Monday. His arrest came a day later.", "arrest", "Omar Diallo", "His"),
])
def test_extract_gives_a_pronoun_target_its_person(extract, text: str, word: str, target: str,
                                                   target_text: str) -> None:
    doc, mentions = extract(text)
    mention = _only(mentions, word)
    assert (mention.actor_ids, mention.target_ids, mention.target_text) == ((), _ids(doc, target), target_text)


@pytest.mark.parametrize(("text", "word", "negated", "aux"), [
    ("The government cancelled a planned attack on the rebels.", "attack", True, ("negation",)),
    ("Police did not arrest the protesters.", "arrest", True, ("negation",)),
    ("The army denied shelling the village.", "shelling", True, ("negation",)),
    ("The president tried and failed to prevent the vote.", "vote", False, ()),
    ("Soldiers might attack the town.", "attack", False, ("hypothetical",)),
    ("If the rebels attack the city, the army will respond.", "attack", False, ("hypothetical",)),
    ("Iran threatened to strike American bases.", "strike", False, ("hypothetical",)),
    ("The decision tore up the bargain without offering a new one.", "offering", True, ("negation",)),
    ("The group calls on the authorities of the republic to establish an inquiry into the shooting, and to "
     "release the detainees.", "inquiry", False, ("hypothetical",)),
    ("The group calls on the authorities of the republic to establish an inquiry into the shooting, and to "
     "release the detainees.", "release", False, ("hypothetical",)),
    ("The ministry opened an investigation into the shooting.", "investigation", False, ()),
    ("The minister warned that anyone who attacks the railways will be punished.", "attacks", False, ("hypothetical",)),
    ("Those who attack our railways are criminals, she said.", "attack", False, ("hypothetical",)),
    ("The men who attacked the depot were arrested.", "attacked", False, ()),
    ("The ministers will meet in Geneva next week.", "meet", False, ("future",)),
    ("Rebels attacked the town.", "attacked", False, ()),
])
def test_extract_marks_negation_and_modality(extract, text: str, word: str, negated: bool,
                                             aux: tuple[str, ...]) -> None:
    _, mentions = extract(text)
    mention = _only(mentions, word)
    assert mention.negated == negated
    assert tuple(m for m in mention.aux_modes if m != "historical") == aux


@pytest.mark.parametrize(("text", "word", "speaker"), [
    ("The ministry said that troops shelled the village.", "shelled", "ministry"),
    ("According to the UN, militias burned the market.", "burned", "UN"),
    ("Rebels burned the market.", "burned", ""),
])
def test_extract_keeps_who_reports(extract, text: str, word: str, speaker: str) -> None:
    _, mentions = extract(text)
    assert _only(mentions, word).reported_by == speaker


@pytest.mark.parametrize(("text", "published", "word", "date", "precision"), [
    ("On Monday, protesters marched in Nairobi.", "2021-03-10", "marched", "2021-03-08", "day"),
    ("Dockers went on a general strike on Monday.", "2021-03-10", "strike", "2021-03-08", "day"),
    ("In the early morning of January 3, jets bombed the depot.", "2021-01-05", "bombed", "2021-01-03", "day"),
    ("A December 27 attack on the base killed a contractor.", "2020-01-03", "killed", "2019-12-27", "day"),
    ("Protesters marched in Nairobi.", "2021-03-10", "marched", None, "unknown"),
    ("On Monday, protesters marched in Nairobi.", None, "marched", None, "unknown"),
])
def test_extract_dates_only_from_attached_time(extract, text, published, word, date, precision) -> None:
    _, mentions = extract(text, published=published)
    mention = _only(mentions, word)
    assert (mention.date, mention.date_precision) == (date, precision)


def test_extract_marks_old_events_historical(extract) -> None:
    _, mentions = extract("In 1979, students stormed the embassy in Tehran.", published="2020-01-08")
    mention = _only(mentions, "stormed")
    assert mention.date == "1979" and "historical" in mention.aux_modes


def test_extract_resolves_place(extract) -> None:
    _, mentions = extract("On Monday, protesters marched in Nairobi.")
    [place] = _only(mentions, "marched").places
    assert (place.name, place.country) == ("Nairobi", "KE") and place.latitude is not None


def test_extract_ignores_words_inside_names(extract) -> None:
    _, mentions = extract("The Popular Mobilization Forces said they would stay.")
    assert [m for m in mentions if m.type == "MOBILIZE"] == []


def test_extract_spans_point_at_their_words(extract) -> None:
    text = ("Rebels attacked a convoy near the airport on Tuesday. Two soldiers were killed and the army vowed "
            "revenge. Protests spread to the capital, where police detained dozens.")
    doc, mentions = extract(text)
    assert len(mentions) >= 5
    for mention in mentions:
        assert doc.text[mention.trigger.start:mention.trigger.end] == mention.text
        assert mention.sentence.contains(mention.trigger)
        assert mention.id == f"{doc.id}:{mention.trigger.start}-{mention.trigger.end}"


def test_extract_given_triggers_codes_unknown_words_other(extract) -> None:
    text = "The company announced a recall after the explosion."
    start = text.index("announced")
    _, mentions = extract(text, triggers=[Span(start, start + len("announced"))])
    [mention] = mentions
    assert (mention.text, mention.type, mention.lemma) == ("announced", "OTHER", "announce")


@pytest.mark.parametrize(("text", "word", "modifiers"), [
    ("Gunmen killed French tourists near the border.", "killed", ("French",)),
    ("Protesters stormed the French embassy on Monday.", "stormed", ("French",)),
    ("Gunmen killed Marie Dubois near the border.", "killed", ()),
])
def test_extract_marks_names_that_only_modify_a_participant(extract, text: str, word: str,
                                                           modifiers: tuple[str, ...]) -> None:
    doc, mentions = extract(text)
    mention = _only(mentions, word)
    assert mention.target_ids, "the target should be linked to a named mention"
    assert set(mention.modifier_ids) <= set(mention.actor_ids) | set(mention.target_ids)
    assert tuple(doc.text[int(i.split(":")[1].split("-")[0]):int(i.split("-")[-1])]
                 for i in mention.modifier_ids) == modifiers


@pytest.mark.parametrize(("text", "category", "mode"), [
    ("A bomb went off at the bus station on Monday.", "ASSAULT", "explosives"),
    ("The fire alarm went off at the station on Monday.", "OTHER", ""),
])
def test_extract_codes_go_off_by_what_goes_off(extract, text: str, category: str, mode: str) -> None:
    _, mentions = extract(text)
    mention = _only(mentions, "went")
    assert (mention.type, mention.mode) == (category, mode)


@pytest.mark.parametrize(("text", "word", "event"), [
    ("Saddam was a serious threat to the republic.", "threat", False),
    ("The council considers the militia the biggest threat to peace.", "threat", False),
    ("Rebels pose a threat to the capital.", "threat", False),
    ("The rebels issued a threat against the capital.", "threat", True),
    ("The legacy of the crisis will be the expulsion of the envoys.", "expulsion", True),
    ("They were called heroes for a good reason.", "called", False),
    ("The press called him a traitor.", "called", False),
    ("The union called for talks on Monday.", "called", True),
])
def test_extract_nouns_that_only_describe_are_no_events(extract, text: str, word: str, event: bool) -> None:
    _, mentions = extract(text)
    assert any(m.text == word for m in mentions) == event


def test_extract_participle_agent_leaves_out_later_conjuncts(extract) -> None:
    """"airstrikes killing 25 fighters, as well as the raids on the port": the raids did not kill them."""
    _, mentions = extract("Last week's attacks included airstrikes killing 25 fighters, "
                          "as well as the raids on the port.")
    assert _only(mentions, "killing").actor_text == "airstrikes"


def test_extract_dates_by_the_expression_that_has_a_value(extract) -> None:
    _, mentions = extract("The union official was arrested at his home at dawn on 13 January.", published="2024-01-17")
    assert _only(mentions, "arrested").date == "2024-01-13"


@pytest.mark.parametrize(("text", "word"), [
    ("Forty people died in the square on Friday.", "died"),
    ("General Tarn said he was dying when the medics came.", "dying"),
])
def test_extract_who_dies_is_a_target(extract, text: str, word: str) -> None:
    _, mentions = extract(text)
    mention = _only(mentions, word)
    assert mention.actor_text == "" and mention.target_text


def test_extract_the_object_of_a_phrase_is_no_target(extract) -> None:
    _, mentions = extract("Security forces opened fire on the demonstrators.")
    assert _only(mentions, "opened").target_text == "demonstrators"


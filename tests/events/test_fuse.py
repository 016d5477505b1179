"""Fusion of event mentions across documents, dates and disagreements, and independent sources."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from rashomon.events.agglomerate import agglomerate, source_groups
from rashomon.events.fuse import fuse_events, is_factual
from rashomon.model import Document, EventMention, Meta, Place, PloverType
from rashomon.settings import default_settings

BAGHDAD = Place(name="Baghdad", country="IQ", latitude=33.34, longitude=44.40, geonameid=98182)
KIRKUK = Place(name="Kirkuk", country="IQ", latitude=35.47, longitude=44.39, geonameid=94787)


def _doc(text: str, *, published: str | None = "2021-05-04", path: str = "a.txt") -> Document:
    return Document.create(path=path, text=text, format="txt",
                           published=Meta(published, "jsonl") if published else None)


def _mention(doc: Document, word: str, *, lemma: str, type: PloverType = "ASSAULT", date: str | None = None,
             actors: tuple[str, ...] = (), targets: tuple[str, ...] = (), actor_text: str = "",
             target_text: str = "", places: tuple[Place, ...] = (), aux: tuple[str, ...] = (),
             negated: bool = False, nth: int = 0, modifiers: tuple[str, ...] = ()) -> EventMention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    trigger = doc.span(start, start + len(word))
    sentence_start = doc.text.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = doc.text.find(".", start)
    return EventMention(
        id=f"{doc.id}:{trigger.start}-{trigger.end}", doc_id=doc.id, trigger=trigger, text=word, lemma=lemma,
        sentence=doc.span(sentence_start, sentence_end + 1 if sentence_end >= 0 else len(doc.text)), type=type,
        date=date, date_precision="day" if date and len(date) == 10 else ("unknown" if not date else "month"),
        actor_ids=tuple(f"{doc.id}:{a}" for a in actors), target_ids=tuple(f"{doc.id}:{t}" for t in targets),
        actor_text=actor_text, target_text=target_text, places=places, aux_modes=aux, negated=negated,
        modifier_ids=tuple(f"{doc.id}:{m}" for m in modifiers),
    )


def _entities(*docs: Document) -> dict[str, str]:
    """Mention ids built by `_mention` ("doc:name") resolve to the entity "name"."""
    names = ("us", "militia", "general", "army", "rebels", "town", "iran", "contractor", "france", "qatar",
             "clerics")
    return {f"{doc.id}:{name}": name for doc in docs for name in names}


def test_fuse_merges_one_event_reported_by_two_documents() -> None:
    first = _doc("Militias attacked the base near Kirkuk on Friday and killed a contractor.")
    second = _doc("A contractor was killed in Kirkuk when militias attacked.", published="2021-05-05", path="b.txt")
    mentions = [
        _mention(first, "attacked", lemma="attack", date="2021-04-30", actors=("militia",), places=(KIRKUK,)),
        _mention(first, "killed", lemma="kill", date="2021-04-30", actors=("militia",), targets=("contractor",)),
        _mention(second, "killed", lemma="kill", targets=("contractor",), places=(KIRKUK,)),
        _mention(second, "attacked", lemma="attack", actors=("militia",)),
    ]
    [event] = fuse_events(mentions, entity_of=_entities(first, second), documents=[first, second])
    assert event.doc_ids == (first.id, second.id)
    assert (event.date, event.date_precision, event.date_conflict) == ("2021-04-30", "day", False)
    assert event.actor_ids == ("militia",) and event.target_ids == ("contractor",)
    assert event.places == (KIRKUK,)
    assert event.mention_ids == tuple(m.id for m in mentions)  # document, then offset order


def test_fuse_keeps_apart_events_dated_far_apart() -> None:
    first = _doc("Rebels attacked the town on 1 May.")
    second = _doc("Rebels attacked the town on 20 May.", path="b.txt")
    mentions = [_mention(first, "attacked", lemma="attack", date="2021-05-01", actors=("rebels",), targets=("town",)),
                _mention(second, "attacked", lemma="attack", date="2021-05-20", actors=("rebels",), targets=("town",))]
    events = fuse_events(mentions, entity_of=_entities(first, second), documents=[first, second])
    assert [e.date for e in events] == ["2021-05-01", "2021-05-20"]  # in date order


def test_fuse_shows_disagreeing_dates() -> None:
    first = _doc("The army shelled the town near Baghdad on 2 May, killing a general.")
    second = _doc("The army shelled the town near Baghdad on 3 May, killing a general.", path="b.txt")
    mentions = [
        _mention(doc, "shelled", lemma="shell", date=date, actors=("army",), targets=("town",), places=(BAGHDAD,))
        for doc, date in ((first, "2021-05-02"), (second, "2021-05-03"))
    ]
    [event] = fuse_events(mentions, entity_of=_entities(first, second), documents=[first, second])
    assert event.date_conflict and set(event.dates) == {"2021-05-02", "2021-05-03"}


def test_fuse_prefers_the_precise_date_a_coarse_one_contains() -> None:
    first = _doc("Rebels attacked the town in May.")
    second = _doc("Rebels attacked the town on 3 May.", path="b.txt")
    mentions = [_mention(first, "attacked", lemma="attack", date="2021-05", actors=("rebels",), targets=("town",)),
                _mention(second, "attacked", lemma="attack", date="2021-05-03", actors=("rebels",), targets=("town",))]
    [event] = fuse_events(mentions, entity_of=_entities(first, second), documents=[first, second])
    assert (event.date, event.date_precision, event.date_conflict) == ("2021-05-03", "day", False)
    assert event.dates == ("2021-05-03", "2021-05")


@pytest.mark.parametrize(("second_type", "merged"), [("ASSAULT", True), ("PROTEST", False), ("OTHER", True)])
def test_fuse_merges_only_compatible_categories(second_type: PloverType, merged: bool) -> None:
    first = _doc("Rebels attacked the town.")
    second = _doc("Rebels attacked the town.", path="b.txt", published="2021-05-05")
    mentions = [_mention(first, "attacked", lemma="attack", actors=("rebels",), targets=("town",)),
                _mention(second, "attacked", lemma="attack", type=second_type, actors=("rebels",), targets=("town",))]
    events = fuse_events(mentions, entity_of=_entities(first, second), documents=[first, second])
    assert len(events) == (1 if merged else 2)


def test_fuse_keeps_apart_same_word_for_different_victims() -> None:
    first = _doc("The army killed a general in Baghdad.")
    second = _doc("Rebels killed a contractor in Kirkuk.", path="b.txt")
    mentions = [_mention(first, "killed", lemma="kill", actors=("army",), targets=("general",), places=(BAGHDAD,)),
                _mention(second, "killed", lemma="kill", actors=("rebels",), targets=("contractor",), places=(KIRKUK,))]
    assert len(fuse_events(mentions, entity_of=_entities(first, second), documents=[first, second])) == 2


def test_fuse_joins_words_of_one_incident_in_one_sentence() -> None:
    doc = _doc("A US airstrike killed the general.")
    mentions = [_mention(doc, "airstrike", lemma="airstrike", actors=("us",), targets=("general",)),
                _mention(doc, "killed", lemma="kill", actors=("us",), targets=("general",))]
    assert len(fuse_events(mentions, entity_of=_entities(doc), documents=[doc])) == 1


def test_fuse_keeps_apart_words_in_sequence() -> None:
    doc = _doc("The embassy was stormed after the airstrikes.")
    mentions = [_mention(doc, "stormed", lemma="storm", target_text="embassy"),
                _mention(doc, "airstrikes", lemma="airstrike")]
    assert len(fuse_events(mentions, entity_of={}, documents=[doc])) == 2


def _named(doc: Document, name: str) -> str:
    """A mention id with the name's real offsets, so fusion can read its words off the text."""
    start = doc.text.index(name)
    return f"{doc.id}:{start}-{start + len(name)}"


def test_fuse_a_shared_nationality_alone_does_not_join_an_event() -> None:
    first = _doc("On 2 May gunmen killed a French diplomat in Kirkuk.")
    second = _doc("French tourists were also killed.", path="b.txt")
    diplomat = _mention(first, "killed", lemma="kill", date="2021-05-02", actor_text="gunmen",
                        target_text="French diplomat", places=(KIRKUK,))
    tourists = _mention(second, "killed", lemma="kill", target_text="French tourists")
    french = (_named(first, "French"), _named(second, "French"))
    entity_of = dict.fromkeys(french, "france")
    as_modifier = [replace(diplomat, target_ids=(french[0],), modifier_ids=(french[0],)),
                   replace(tourists, target_ids=(french[1],), modifier_ids=(french[1],))]
    assert len(fuse_events(as_modifier, entity_of=entity_of, documents=[first, second])) == 2
    as_participant = [replace(diplomat, target_ids=(french[0],)), replace(tourists, target_ids=(french[1],))]
    assert len(fuse_events(as_participant, entity_of=entity_of, documents=[first, second])) == 1


def test_fuse_same_target_with_the_same_owner_anchors_an_undated_mention() -> None:
    first = _doc("On 2 May protesters stormed the French embassy.")
    second = _doc("Protesters broke into the French embassy.", path="b.txt")
    french = (_named(first, "French"), _named(second, "French"))
    mentions = [
        _mention(first, "stormed", lemma="storm", date="2021-05-02", actor_text="protesters",
                 target_text="French embassy"),
        _mention(second, "broke", lemma="break into", actor_text="protesters", target_text="French embassy"),
    ]
    mentions = [replace(m, target_ids=(f,), modifier_ids=(f,)) for m, f in zip(mentions, french, strict=True)]
    [event] = fuse_events(mentions, entity_of=dict.fromkeys(french, "france"), documents=[first, second])
    assert event.doc_ids == (first.id, second.id) and event.date == "2021-05-02"


def test_fuse_words_in_sequence_never_merge_but_an_agent_links_them() -> None:
    doc = _doc("Rebels attacked the town in response to attacks on the camp.")
    apart = [_mention(doc, "attacked", lemma="attack", actors=("rebels",), target_text="town"),
             _mention(doc, "attacks", lemma="attack", target_text="camp")]
    assert len(fuse_events(apart, entity_of=_entities(doc), documents=[doc])) == 2
    linked = _doc("An attack on the camp, which came after weeks of calm, killed a contractor.")
    mentions = [_mention(linked, "attack", lemma="attack", target_text="camp"),
                _mention(linked, "killed", lemma="kill", actor_text="attack", targets=("contractor",))]
    assert len(fuse_events(mentions, entity_of=_entities(linked), documents=[linked])) == 1


@pytest.mark.parametrize(("ambiguous", "events"), [(True, 4), (False, 1)])
def test_fuse_word_alone_does_not_tie_undated_mentions_of_an_ambiguous_word(ambiguous: bool, events: int) -> None:
    """Where one article uses "supported" for two acts, two other articles' bare "support" are not
    one event on the word alone; where no article does, they are."""
    first = _doc("Iran supported the rebels. Qatar supported the clerics." if ambiguous
                 else "Iran supported the rebels.")
    second = _doc("They voiced support yesterday.", path="b.txt")
    third = _doc("Support grew in the north.", path="c.txt")
    mentions = [_mention(first, "supported", lemma="support", type="SUPPORT", actors=("iran",), targets=("rebels",)),
                _mention(second, "support", lemma="support", type="SUPPORT"),
                _mention(third, "Support", lemma="support", type="SUPPORT")]
    if ambiguous:
        mentions.insert(1, _mention(first, "supported", lemma="support", type="SUPPORT", actors=("qatar",),
                                    targets=("clerics",), nth=1))
    found = fuse_events(mentions, entity_of=_entities(first, second, third), documents=[first, second, third])
    assert len(found) == events


@pytest.mark.parametrize(("aux", "negated", "factual"), [
    ((), False, True), (("historical",), False, True), (("negation",), True, False),
    (("hypothetical",), False, False), (("future",), False, False),
])
def test_fuse_builds_events_from_factual_mentions_only(aux: tuple[str, ...], negated: bool, factual: bool) -> None:
    doc = _doc("Rebels attacked the town.")
    mention = _mention(doc, "attacked", lemma="attack", aux=aux, negated=negated)
    assert is_factual(mention) == factual
    assert len(fuse_events([mention], entity_of={}, documents=[doc])) == int(factual)


def test_fuse_counts_copies_of_one_story_as_one_source() -> None:
    story = "Rebels attacked the town of Wau on Monday, killing four soldiers, officials said on Tuesday. " * 3
    copies = [_doc(story + f" Reported by desk {n}.", path=f"{n}.txt") for n in range(3)]
    other = _doc("Four soldiers died when rebels attacked Wau, a local priest told us by telephone.", path="x.txt")
    docs = [*copies, other]
    mentions = [_mention(doc, "attacked", lemma="attack", actors=("rebels",), targets=("town",), date="2021-05-03")
                for doc in docs]
    [event] = fuse_events(mentions, entity_of=_entities(*docs), documents=docs)
    assert (len(event.doc_ids), event.independent_sources) == (4, 2)


@pytest.mark.parametrize(("texts", "groups"), [
    (["one two three four five six seven", "one two three four five six seven", "nothing in common here at all"], 2),
    (["a b c d e f g h", "z y x w v u t s"], 2),
    # republished under a new headline with a paragraph added: Jaccard 0.6, but all of one is in the other
    (["Rebels attacked the town of Wau on Monday, killing four soldiers, officials said.",
      "WAU ATTACK. Rebels attacked the town of Wau on Monday, killing four soldiers, officials said. "
      "The town has been calm for years, residents told our reporter."], 1),
    (["Rebels attacked the town of Wau on Monday, killing four soldiers, officials said.",
      "Rebels attacked the town of Wau on Monday; the army denied that any soldier was killed there."], 2),
])
def test_source_groups_collapse_near_duplicates(texts: list[str], groups: int) -> None:
    docs = [_doc(text, path=f"{n}.txt") for n, text in enumerate(texts)]
    assert len(set(source_groups(docs).values())) == groups


@pytest.mark.parametrize("linkage", ["attach", "best-match", "average"])
def test_agglomerate_never_joins_a_forbidden_pair(linkage: str) -> None:
    matrix = np.array([[0.0, 0.9, 0.9], [0.9, 0.0, -np.inf], [0.9, -np.inf, 0.0]])
    clusters = agglomerate(matrix, [[0], [1], [2]], threshold=0.5, linkage=linkage)  # type: ignore[arg-type]
    assert sorted(map(len, clusters)) == [1, 2]


def test_fuse_settings_threshold_controls_merging() -> None:
    first = _doc("Rebels attacked.")
    second = _doc("Rebels attacked.", path="b.txt")
    mentions = [_mention(doc, "attacked", lemma="attack") for doc in (first, second)]
    strict = replace(default_settings().fusion, threshold=0.99, document_threshold=0.99)
    assert len(fuse_events(mentions, entity_of={}, documents=[first, second], settings=strict)) == 2
    assert len(fuse_events(mentions, entity_of={}, documents=[first, second])) == 1


def test_fuse_deaths_join_the_killing_they_report() -> None:
    first = _doc("On 2 May troops killed 40 people in Kirkuk.")
    second = _doc("Forty people died in the clashes in Kirkuk on Sunday.", path="b.txt")
    mentions = [_mention(first, "killed", lemma="kill", date="2021-05-02", actors=("army",), target_text="40 people",
                         places=(KIRKUK,)),
                _mention(second, "died", lemma="die", type="OTHER", date="2021-05-02", actor_text="Forty people",
                         places=(KIRKUK,))]
    [event] = fuse_events(mentions, entity_of=_entities(first, second), documents=[first, second])
    assert event.type == "ASSAULT" and event.doc_ids == (first.id, second.id)


def test_fuse_whole_and_part_in_one_sentence_stay_apart() -> None:
    doc = _doc("The week's aggressions, which included airstrikes on the camp, shocked the town.")
    mentions = [_mention(doc, "aggressions", lemma="aggression", actors=("us",)),
                _mention(doc, "airstrikes", lemma="airstrike", actors=("us",), target_text="camp")]
    assert len(fuse_events(mentions, entity_of=_entities(doc), documents=[doc])) == 2


@pytest.mark.parametrize(("dated", "events"), [(True, 1), (False, 2)])
def test_fuse_people_and_demonstrators_may_be_the_same_victims_on_one_day(dated: bool, events: int) -> None:
    """'40 people were killed' and 'the demonstrators killed' on one day are one killing; undated,
    'people' would tie every killing of a collection together."""
    first = _doc("On 12 January 40 people were killed.")
    second = _doc("Marchers say the demonstrators killed on Friday were unarmed.", path="b.txt")
    date = "2024-01-12" if dated else None
    mentions = [_mention(first, "killed", lemma="kill", date=date, target_text="40 people"),
                _mention(second, "killed", lemma="kill", date=date, target_text="demonstrators")]
    assert len(fuse_events(mentions, entity_of={}, documents=[first, second])) == events


@pytest.mark.issue(17)
def test_fuse_caps_the_mentions_one_document_brings(caplog: pytest.LogCaptureFixture) -> None:
    """A pathological text (a table of repeated rows) brings thousands of mentions; fusion takes its most
    confident `max_document_mentions` and names the file, and another document's mentions are all fused."""
    table = _doc(" ".join(f"Row {i}: the crew repaired the pump." for i in range(30)), path="table.txt")
    other = _doc("Militias attacked the base near Kirkuk on Friday.", path="b.txt")
    rows = [replace(_mention(table, "repaired", lemma="repair", type="AID", nth=i), confidence=0.5 + i / 100)
            for i in range(30)]
    attack = _mention(other, "attacked", lemma="attack", date="2021-04-30", actors=("militia",))
    settings = replace(default_settings().fusion, max_document_mentions=5)
    with caplog.at_level("WARNING", logger="rashomon.events.fuse"):
        events = fuse_events([*rows, attack], entity_of=_entities(table, other), documents=[table, other],
                             settings=settings)
    fused = {m for event in events for m in event.mention_ids}
    assert fused & {m.id for m in rows} == {m.id for m in rows[-5:]}  # the five most confident
    assert attack.id in fused
    assert "table.txt: 30 factual event mentions" in caplog.text
    unlimited = fuse_events(rows, entity_of=_entities(table), documents=[table],
                            settings=replace(settings, max_document_mentions=0))
    assert {m for event in unlimited for m in event.mention_ids} == {m.id for m in rows}

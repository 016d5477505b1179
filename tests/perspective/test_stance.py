"""Stance: target-dependent judgements, who holds them, and how a source's stance is aggregated."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from rashomon.model import Document, EntityType, Mention, Span, StanceEvidence
from rashomon.perspective import UNNAMED, aggregate_stances, extract_quotes, extract_stance_evidence, stance_label
from rashomon.settings import default_settings

_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "NORP": "GROUP"}


def _mentions(doc: Document, parsed) -> list[Mention]:
    return [Mention(id=Mention.make_id(doc.id, doc.span(e.start_char, e.end_char)), doc_id=doc.id,
                    span=doc.span(e.start_char, e.end_char), text=e.text, type=_TYPES[e.label_],
                    sentence=doc.span(e.sent.start_char, e.sent.end_char), label=e.label_)
            for e in parsed.ents if e.label_ in _TYPES]


def _evidence(nlp, text: str, surname: str) -> tuple[Document, list[StanceEvidence]]:
    doc = Document.create(path="s.txt", text=text, format="txt")
    parsed = nlp(text)
    mentions = _mentions(doc, parsed)
    ids = {m.id for m in mentions if m.text.split()[-1] == surname}
    assert ids, f"the parser found no mention of {surname} in {text!r}"
    evidence = extract_stance_evidence(doc, parsed, mentions, extract_quotes(doc, parsed, mentions))
    return doc, [e for e in evidence if e.mention_id in ids]


_ONE_SENTENCE = dataclasses.replace(default_settings().stance, min_evidence=0.0)


def _label(evidence: list[StanceEvidence]) -> str:
    """The label one sentence's reading gives (no least evidence: that is for a whole source); "insufficient" and
    nothing at all are the author's neutral."""
    stances = aggregate_stances(evidence, entity_of={e.mention_id: "T" for e in evidence}, top=1,
                                settings=_ONE_SENTENCE)
    label = stances[0].label if stances else "neutral"
    return "neutral" if label == "insufficient" else label


@pytest.mark.slow
@pytest.mark.parametrize(("text", "surname", "label"), [
    ("The corrupt governor Lena Marsh signed the budget on Tuesday.", "Marsh", "unfavourable"),
    ("The brave mayor, Tom Hale, rescued two children from the flood.", "Hale", "favourable"),
    ("Governor Lena Marsh was corrupt from her first day in office.", "Marsh", "unfavourable"),
    ("Tom Hale is a decent and honest man.", "Hale", "favourable"),
    ("Senator Paul Ruiz betrayed his own voters.", "Ruiz", "unfavourable"),
    ("General Tomas Varga was not a brave man.", "Varga", "unfavourable"),
    ("Lena Marsh met the finance committee on Tuesday.", "Marsh", "neutral"),
    # the sentiment is about the event, not the dead man
    ("The joy expressed by some at the death of Henrik Vos was understandable.", "Vos", "neutral"),
    ("General Tomas Varga was killed in a drone strike on Friday.", "Varga", "neutral"),
    ("Lena Marsh criticised the terrible roads in the north.", "Marsh", "neutral"),
    # a judgement held by others is not the author's
    ("Senator Paul Ruiz said that Lena Marsh was a corrupt and incompetent leader.", "Marsh", "neutral"),
    ("Opposition leaders accused Ivan Petrov of corruption.", "Petrov", "neutral"),
])
def test_extract_stance_evidence_judges_the_target_the_words_are_about(nlp, text: str, surname: str,
                                                                     label: str) -> None:
    _, evidence = _evidence(nlp, text, surname)
    assert _label(evidence) == label


@pytest.mark.slow
@pytest.mark.parametrize(("text", "surname", "holder", "sign"), [
    ("Senator Paul Ruiz said that Lena Marsh was a corrupt and incompetent leader.", "Marsh", "Paul Ruiz", -1),
    ("“Tom Hale is the bravest man I know,” said his neighbour Clara Weiss.", "Hale", "Clara Weiss", 1),
    ("Opposition leaders accused Ivan Petrov of corruption.", "Petrov", "Opposition leaders", -1),
    ("Emil Brandt was ridiculed on late-night television.", "Brandt", UNNAMED, -1),
])
def test_extract_stance_evidence_names_who_holds_a_reported_judgement(nlp, text: str, surname: str,
                                                                    holder: str, sign: int) -> None:
    _, evidence = _evidence(nlp, text, surname)
    reported = [e for e in evidence if e.reported_by is not None]
    assert reported and all(e.reported_by == holder for e in reported)
    assert all(e.score * sign > 0 for e in reported)


@pytest.mark.slow
def test_extract_stance_evidence_ties_pronoun_and_epithet_to_the_person(nlp) -> None:
    text = ("General Tomas Varga returned to the capital in May. He was a ruthless commander. "
            "This cruel tyrant is feared by the farmers of the north.")
    doc, evidence = _evidence(nlp, text, "Varga")
    own = [e for e in evidence if e.reported_by is None]
    assert {e.target for e in own} == {"He", "tyrant"}
    assert all(e.score < 0 for e in own)
    for item in own:
        assert doc.slice(item.target_span) == item.target
        assert item.sentence.contains(item.target_span)
        assert [doc.slice(s) for s in item.cue_spans] == list(item.cue_words)


def _item(doc_id: str, start: int, score: float, by: str | None = None) -> StanceEvidence:
    return StanceEvidence(doc_id=doc_id, mention_id=f"{doc_id}:{start}-{start + 5}", target="X",
                          target_span=Span(start, start + 5), sentence=Span(start, start + 40), score=score,
                          cue_words=("w",), cue_spans=(Span(start + 10, start + 11),), reported_by=by)


def test_aggregate_stances_scores_own_evidence_and_lists_reported_apart() -> None:
    evidence = [_item("d1", 0, -0.6), _item("d1", 100, -0.4), _item("d1", 200, 0.2), _item("d1", 300, 0.9, "Ms Lee")]
    entity_of = {e.mention_id: "e1" for e in evidence}
    [stance] = aggregate_stances(evidence, entity_of=entity_of)
    assert stance.source == "d1" and stance.entity_id == "e1" and stance.mentions == 4
    assert stance.score == pytest.approx((0.2 - 1.0) / (0.2 + 1.0 + 1.0), abs=1e-4)
    assert stance.label == "unfavourable"
    assert [e.score for e in stance.evidence] == [-0.6, -0.4, 0.2]  # weightiest for the label first
    assert [e.reported_by for e in stance.reported] == ["Ms Lee"]


def test_aggregate_stances_keeps_top_entities_per_source_or_the_focus() -> None:
    entity_of = {"d1:0-5": "a", "d1:10-15": "a", "d1:20-25": "b", "d2:0-5": "b", "d2:10-15": "c"}
    top = aggregate_stances([], entity_of=entity_of, top=1)
    assert [(s.source, s.entity_id, s.label) for s in top] == [("d1", "a", "insufficient"), ("d2", "b", "insufficient")]
    focus = aggregate_stances([], entity_of=entity_of, focus={"b"})
    assert [(s.source, s.entity_id) for s in focus] == [("d1", "b"), ("d2", "b")]


@pytest.mark.parametrize(("settings", "threshold", "score", "label"), [
    ({}, None, -0.3636, "unfavourable"),  # (0.2 - 1.0) / (0.2 + 1.0 + 1.0)
    ({"shrinkage": 3.0}, None, -0.1905, "neutral"),  # (0.2 - 1.0) / (0.2 + 1.0 + 3.0), inside +- 0.2
    ({"threshold": 0.5}, None, -0.3636, "neutral"),
    ({"threshold": 0.5}, 0.3, -0.3636, "unfavourable"),  # the threshold argument wins over the setting
])
def test_aggregate_stances_takes_its_settings(settings: dict[str, Any], threshold: float | None, score: float,
                                              label: str) -> None:
    evidence = [_item("d1", 0, -0.6), _item("d1", 100, -0.4), _item("d1", 200, 0.2)]
    chosen = dataclasses.replace(default_settings().stance, **settings)
    [stance] = aggregate_stances(evidence, entity_of={e.mention_id: "e1" for e in evidence}, settings=chosen,
                                 threshold=threshold)
    assert (stance.score, stance.label) == (score, label)


@pytest.mark.issue(13)
@pytest.mark.parametrize(("scores", "label", "score", "confidence"), [
    ([], "insufficient", 0.0, 0.0),  # nothing said of the entity
    ([0.31], "insufficient", 0.0, 0.0),  # one weak sentence is not enough evidence, not "favourable +0.2"
    ([0.3, 0.3], "favourable", 0.3750, 0.375),  # 0.6 / 1.6; all of it agrees
    ([-0.6, -0.4, 0.2], "unfavourable", -0.3636, 0.4545),  # N / (P + N + 1) = 1.0 / 2.2
    ([0.4, -0.4], "neutral", 0.0, 0.4444),  # balanced: 0.8 / 1.8
])
def test_aggregate_stances_says_when_there_is_not_enough_evidence(scores: list[float], label: str, score: float,
                                                                  confidence: float) -> None:
    evidence = [_item("d1", 100 * i, value) for i, value in enumerate(scores)]
    entity_of = {e.mention_id: "e1" for e in evidence} or {"d1:0-5": "e1"}
    [stance] = aggregate_stances(evidence, entity_of=entity_of)
    assert (stance.label, stance.score, stance.confidence) == (label, score, pytest.approx(confidence, abs=1e-4))
    assert len(stance.evidence) == len(scores)  # what little there is stays shown, without a number


@pytest.mark.parametrize(("score", "label"), [(0.2, "favourable"), (0.19, "neutral"), (-0.19, "neutral"),
                                              (-0.2, "unfavourable")])
def test_stance_label_uses_threshold(score: float, label: str) -> None:
    assert stance_label(score, threshold=0.2) == label


@pytest.mark.slow
def test_extract_stance_evidence_does_not_tie_a_demonstrative_thing_to_a_person(nlp) -> None:
    text = "General Tomas Varga returned to the capital in May. This reckless decision angered the farmers."
    _, evidence = _evidence(nlp, text, "Varga")
    assert [e for e in evidence if e.target == "decision"] == []


# Issue 13: the four misreadings seen on the reference corpus, each in a construction of the same kind with
# other, fictional names (sentences written for these tests). None of them is the author's judgement of the
# target: a title, a hypothetical act, a conceded effort, a reversed violent act.
@pytest.mark.slow
@pytest.mark.issue(13)
@pytest.mark.parametrize(("text", "surname"), [
    # a modal frame: what the target would do is no account of what it did
    ("Certainly, Petrov would welcome a change at the top of the Zandian government, but he would never want "
     "to see the regime questioned by a popular revolt.", "Petrov"),
    ("Governor Lena Marsh could benefit from the new rules.", "Marsh"),
    ("If Tom Hale wins the vote, he will be a hero to his party.", "Hale"),
    ("Emil Brandt wants to help the farmers of the north.", "Brandt"),
    # a title is no praise
    ("The protesters swear loyalty to the Zandian supreme leader Sayyed Omar Haddad.", "Haddad"),
    ("Grand Ayatollah Omar Haddad called for calm in the south.", "Haddad"),
    ("Prime Minister Lena Marsh met the finance committee.", "Marsh"),
    ("The case went to Chief Justice Helen Vance on Monday.", "Vance"),
    # a concession: the effort failed, and its praise is no praise
    ("Despite Petrov's best efforts (and threats of sanctions), the Zandian parliament is dedicated to the "
     "resolution.", "Petrov"),
    ("In spite of Marsh's best efforts, the council passed the bill.", "Marsh"),
    # a reversal: calling off an assault, or failing to stop a vote, is no judgement of the one who did it
    ("Earlier in June, Petrov had cancelled a military assault on Zandia.", "Petrov"),
    ("Governor Lena Marsh tried and failed to prevent the vote.", "Marsh"),
    ("Tom Hale refused to step down.", "Hale"),
    # a claim's clause is the claim's, not the author's
    ("Ivan Petrov rejected claims that he betrayed the farmers.", "Petrov"),
])
def test_extract_stance_evidence_reads_frames_by_their_role(nlp, text: str, surname: str) -> None:
    _, evidence = _evidence(nlp, text, surname)
    assert [e for e in evidence if e.reported_by is None] == [], [(e.cue_words, e.score) for e in evidence]


@pytest.mark.slow
@pytest.mark.issue(13)
@pytest.mark.parametrize(("text", "surname", "label"), [
    # evaluative words beside a title still count
    ("The corrupt minister Lena Marsh signed the budget.", "Marsh", "unfavourable"),
    ("The brutal leader Tomas Varga ordered the arrests.", "Varga", "unfavourable"),
    # a reversal takes the opposite of what it undoes
    ("Lena Marsh abandoned the generous pension plan.", "Marsh", "unfavourable"),
    ("Tom Hale stopped the corruption in the port authority.", "Hale", "favourable"),
    ("Tom Hale refused to help the flood victims.", "Hale", "unfavourable"),
    # a modal does not hide a judgement made of the target in its own noun phrase
    ("The corrupt governor Lena Marsh could benefit from the new rules.", "Marsh", "unfavourable"),
])
def test_extract_stance_evidence_keeps_judgements_beside_frames(nlp, text: str, surname: str, label: str) -> None:
    _, evidence = _evidence(nlp, text, surname)
    assert _label(evidence) == label, [(e.cue_words, e.score) for e in evidence]


# Issue 13, second round: the author's own word for how a target speaks or acts is a judgement of it; a verb or
# noun that only tells what happened is a weak one; others' reaction the target meets is theirs. The sentences
# are written for these tests, the names fictional.
@pytest.mark.slow
@pytest.mark.issue(13)
@pytest.mark.parametrize(("text", "surname", "label"), [
    ("Senator Paul Ruiz complained that the new roads were too slow.", "Ruiz", "unfavourable"),
    ("Tom Hale railed against the new harbour tax on Monday.", "Hale", "unfavourable"),
    ("Lena Marsh scoffed at the report of the audit office.", "Marsh", "unfavourable"),
    ("Tom Hale falsely claimed that the bridge was finished.", "Hale", "unfavourable"),
    ("Lena Marsh did not complain about the delay.", "Marsh", "neutral"),
    ("Representative Tom Hale, the No. 3 Zandian Democrat, met the committee.", "Hale", "neutral"),
    ("Lena Marsh showed her irritation when the mayor spoke.", "Marsh", "neutral"),
    # an adjective before a plural group picks some of them out: no judgement of the group
    ("The port was raided by extremist Zandians in the night.", "Zandians", "neutral"),
    ("The militias are made up of poor Zandians from the south.", "Zandians", "neutral"),
])
def test_extract_stance_evidence_reads_the_authors_word_for_the_manner(nlp, text: str, surname: str,
                                                                       label: str) -> None:
    _, evidence = _evidence(nlp, text, surname)
    own = [e for e in evidence if e.reported_by is None]
    assert _label(own) == label, [(e.cue_words, e.cue_roles, e.score) for e in evidence]
    if label == "unfavourable":
        assert "manner" in {role for e in own for role in e.cue_roles}


@pytest.mark.slow
@pytest.mark.issue(13)
def test_extract_stance_evidence_reads_a_manner_verb_once(nlp) -> None:
    _, evidence = _evidence(nlp, "Tom Hale whined about the new harbour tax.", "Hale")  # VADER rates "whine" too
    assert [(e.cue_words, e.cue_roles, e.reported_by) for e in evidence] == [(("whined",), ("manner",), None)]


@pytest.mark.slow
@pytest.mark.issue(13)
def test_extract_stance_evidence_gives_a_reaction_met_to_others_and_weighs_events_less(nlp) -> None:
    _, drew = _evidence(nlp, "Lena Marsh drew fierce criticism for the budget.", "Marsh")
    assert [e for e in drew if e.reported_by is None] == []
    assert [e.reported_by for e in drew] == [UNNAMED]
    full = dataclasses.replace(default_settings().stance, event_weight=1.0)
    doc = Document.create(path="s.txt", text="Tom Hale won the election in the north.", format="txt")
    parsed = nlp(doc.text)
    mentions = _mentions(doc, parsed)
    weighed = extract_stance_evidence(doc, parsed, mentions, [])
    unweighed = extract_stance_evidence(doc, parsed, mentions, [], settings=full)
    assert [e.cue_roles for e in weighed] == [("act",)]
    ratio = default_settings().stance.event_weight
    raw = lambda score: score / (1 - score * score) ** 0.5  # noqa: E731 (the normaliser undone: s / sqrt(15))
    assert raw(weighed[0].score) == pytest.approx(ratio * raw(unweighed[0].score), rel=1e-3)


def test_corpus_stances_adds_other_actors_only_with_enough_evidence() -> None:
    from rashomon.model import Entity
    from rashomon.perspective import corpus_stances

    def entity(entity_id: str, kind: EntityType, mention_ids: list[str]) -> Entity:
        return Entity(id=entity_id, name=entity_id, type=kind, aliases=(entity_id,), mention_ids=tuple(mention_ids))

    main = entity("main", "PERSON", ["d1:0-5", "d2:0-5"])  # in both sources: a main actor
    judged = entity("judged", "GROUP", ["d1:100-105"])  # in one source, judged there
    silent = entity("silent", "ORG", ["d1:200-205"])  # in one source, no evidence
    place = entity("place", "PLACE", ["d1:300-305"])
    evidence = [_item("d1", 100, -0.6), _item("d1", 300, -0.9)]
    stances = corpus_stances(evidence, [main, judged, silent, place])
    assert [(s.source, s.entity_id, s.label) for s in stances] == [
        ("d1", "main", "insufficient"), ("d1", "judged", "unfavourable"), ("d2", "main", "insufficient")]


@pytest.mark.slow
@pytest.mark.issue(13)
@pytest.mark.parametrize(("text", "surname", "holder"), [
    ("Tom Hale is popular in his state, where he has won every vote.", "Hale", "his state"),
    ("Lena Marsh, the hero of the farmers' party, spoke last.", "Marsh", "the farmers' party"),
    ("Governor Lena Marsh is very popular.", "Marsh", UNNAMED),
    ("Nadia Haddad was the hero of the strike.", "Haddad", None),  # a strike holds no view: the author's
    ("Tom Hale is a hero to the farmers of the north.", "Hale", "the farmers of the north"),
])
def test_extract_stance_evidence_gives_a_word_of_regard_to_those_who_regard(nlp, text: str, surname: str,
                                                                            holder: str) -> None:
    _, evidence = _evidence(nlp, text, surname)
    regard = [e for e in evidence if {"popular", "hero"} & set(e.cue_words)]
    assert len(regard) == 1, [(e.cue_words, e.reported_by) for e in evidence]
    assert [e.reported_by for e in regard] == [holder], [(e.cue_words, e.reported_by) for e in evidence]

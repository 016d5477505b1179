"""The shared pronoun resolver: he/she/his/her to the person named before, and nothing else."""

from __future__ import annotations

import re

import pytest

from rashomon.entities import ner_mentions
from rashomon.entities.pronouns import MentionIndex, index_mentions, reference, resolve_pronoun
from rashomon.model import Document

pytestmark = pytest.mark.slow


def _index(nlp, text: str) -> MentionIndex:
    doc = Document.create(path="p.txt", text=text, format="txt")
    parsed = nlp(text)
    return index_mentions(parsed, ner_mentions(doc, parsed))


def _token(index: MentionIndex, word: str, nth: int = 0):
    starts = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", index.parsed.text)]
    return next(t for t in index.parsed if t.idx == starts[nth])


@pytest.mark.parametrize(("text", "pronoun", "nth", "person"), [
    # the nearest person named earlier in the same sentence
    ("Police arrested Omar Diallo after he attacked a guard.", "he", 0, "Omar Diallo"),
    # the subject of the sentence before
    ("Minister Anna Berg spoke on Friday. She accused the union of sabotage.", "She", 0, "Anna Berg"),
    # the sentence's own subject, named after the pronoun
    ("In his speech, Governor Lena Marsh promised new roads.", "his", 0, "Lena Marsh"),
    # through a subject pronoun of the sentence before
    ("Judge Omar Siddiqui opened the hearing. He read the charges. Then he adjourned the court.", "he", 0,
     "Omar Siddiqui"),
    # possessive and object forms
    ("Anna Berg left the party. The leaders criticised her decision.", "her", 0, "Anna Berg"),
    # no person within two sentences
    ("Paul Ruiz arrived on Monday. The roads were closed. The rain fell all week. He left.", "He", 0, None),
    # no person at all
    ("The rain fell all week. He left on Monday.", "He", 0, None),
    # plural and neuter pronouns are never tied
    ("Senator Paul Ruiz met the farmers on Monday. They protested.", "They", 0, None),
    ("Senator Paul Ruiz opened the bridge. It collapsed a week later.", "It", 0, None),
])
def test_resolve_pronoun_ties_he_and_she_to_the_person_named_before(nlp, text: str, pronoun: str, nth: int,
                                                                     person: str | None) -> None:
    index = _index(nlp, text)
    found = resolve_pronoun(index, _token(index, pronoun, nth))
    assert (found.text if found is not None else None) == person
    if found is not None:
        assert found in index.mentions  # the document's own mention, not a copy


def test_resolve_pronoun_caches_its_answer_on_the_index(nlp) -> None:
    index = _index(nlp, "Minister Anna Berg spoke on Friday. She accused the union of sabotage.")
    she = _token(index, "She")
    first = resolve_pronoun(index, she)
    assert index.antecedents == {she.i: first}
    assert resolve_pronoun(index, she) is first


def test_reference_is_the_mention_under_the_token_or_the_pronoun_person(nlp) -> None:
    index = _index(nlp, "Minister Anna Berg spoke on Friday. She accused the union of sabotage.")
    berg = reference(index, _token(index, "Berg"))
    assert berg is not None and berg.text == "Anna Berg"
    assert reference(index, _token(index, "She")) is berg
    assert reference(index, _token(index, "union")) is None


def test_index_mentions_places_each_mention_on_its_tokens(nlp) -> None:
    index = _index(nlp, "Minister Anna Berg visited Nairobi on Friday.")
    berg, nairobi = sorted(index.mentions, key=lambda m: m.span.start)
    assert [index.at(t) for t in index.parsed if t.text in ("Anna", "Berg", "Nairobi", "visited")] == [
        berg, berg, None, nairobi]
    root = index.root_of(berg)
    assert root is not None and root.text == "Berg"

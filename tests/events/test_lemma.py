"""A title-case word spaCy leaves as written (a headline's "Dies", "Checks") is read as the lemma it inflects when
the lexicon or the event-word model knows that lemma; names and ordinary words keep theirs. Fictional headlines."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from rashomon.events.detect import load_detector, word_lemma
from rashomon.events.plover import load_lexicon


def _doc(words: list[str], lemmas: list[str], ents: list[str] | None = None) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas, pos=["PROPN"] * len(words), ents=ents)


@pytest.mark.parametrize(("words", "position", "expected"), [
    (["Actor", "Dies", "At", "92"], 1, "die"),
    (["Singer", "Checks", "Into", "Rehab"], 1, "check"),
    (["Gunmen", "Stormed", "Korvi", "Bank"], 1, "storm"),
    (["Police", "Arrest", "Three"], 1, "arrest"),  # already a lemma: stays
])
def test_word_lemma_reads_headline_inflections(words: list[str], position: int, expected: str) -> None:
    doc = _doc(words, lemmas=list(words))
    assert word_lemma(doc[position], lexicon=load_lexicon(), detector=load_detector()) == expected


def test_word_lemma_leaves_names_and_parsed_lemmas() -> None:
    named = _doc(["Marcus", "Hollings", "Wins"], lemmas=["Marcus", "Hollings", "Wins"],
                 ents=["B-PERSON", "I-PERSON", "O"])
    assert word_lemma(named[1], lexicon=load_lexicon(), detector=load_detector()) == "hollings"
    parsed = _doc(["Talks", "Resumed"], lemmas=["talk", "resume"])
    assert word_lemma(parsed[1], lexicon=load_lexicon(), detector=load_detector()) == "resume"

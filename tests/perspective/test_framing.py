"""Framing: the words sources use for one event and their connotation."""

from __future__ import annotations

import pytest

from rashomon.model import Document
from rashomon.perspective import frame_terms

pytestmark = pytest.mark.slow

TEXTS = {
    "a": "The assassination of the governor shocked the province.",
    "b": "A drone strike killed the governor near the airport on Friday.",
    "c": "Rebels announced the \"execution\" of the governor in a statement.",
    "d": "The governor was neutralised by special forces.",
}
TRIGGERS = {"a": "assassination", "b": "killed", "c": "execution", "d": "neutralised"}


def test_frame_terms_gives_each_source_its_words_with_connotation(nlp) -> None:
    docs = {k: Document.create(path=f"{k}.txt", text=t, format="txt") for k, t in TEXTS.items()}
    parsed = {docs[k].id: nlp(t) for k, t in TEXTS.items()}
    occurrences = []
    for key, doc in docs.items():
        start = doc.text.index(TRIGGERS[key])
        occurrences.append((doc.id, doc.span(0, len(doc.text)), doc.span(start, start + len(TRIGGERS[key]))))
    framings = frame_terms(occurrences, docs={d.id: d for d in docs.values()}, parsed=parsed, event_id="e1")
    by_source = {f.source: {(t.lemma, t.frame, t.quoted) for t in f.terms} for f in framings}
    assert by_source[docs["a"].id] == {("assassination", "condemning", False)}
    assert by_source[docs["b"].id] == {("drone strike", "military", False), ("kill", "descriptive", False)}
    assert by_source[docs["c"].id] == {("execution", "judicial", True)}
    assert by_source[docs["d"].id] == {("neutralise", "euphemistic", False)}
    for framing in framings:
        assert framing.event_id == "e1"
        for term in framing.terms:
            assert docs_text(docs, framing.source)[term.span.start:term.span.end] == term.text
            assert term.valence < 0


def docs_text(docs: dict[str, Document], doc_id: str) -> str:
    return next(d.text for d in docs.values() if d.id == doc_id)


def test_frame_terms_keeps_a_trigger_the_lexicon_lacks(nlp) -> None:
    text = "Masked men abducted the mayor on Sunday."
    doc = Document.create(path="x.txt", text=text, format="txt")
    start = text.index("abducted")
    [framing] = frame_terms([(doc.id, doc.span(0, len(text)), doc.span(start, start + 8))],
                            docs={doc.id: doc}, parsed={doc.id: nlp(text)})
    assert [(t.lemma, t.category) for t in framing.terms] == [("abduct", "other")]

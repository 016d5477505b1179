"""Quotes: direct quotes in marks with their speaker, reported speech, and what is not a quote."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.model import Document, EntityType, Mention
from rashomon.perspective import extract_quotes
from rashomon.perspective.quotes import quoted_regions

_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "NORP": "GROUP"}


def _mentions(doc: Document, parsed) -> list[Mention]:
    return [Mention(id=Mention.make_id(doc.id, doc.span(e.start_char, e.end_char)), doc_id=doc.id,
                    span=doc.span(e.start_char, e.end_char), text=e.text, type=_TYPES[e.label_],
                    sentence=doc.span(e.sent.start_char, e.sent.end_char), label=e.label_)
            for e in parsed.ents if e.label_ in _TYPES]


def _quotes(nlp, text: str):
    doc = Document.create(path="q.txt", text=text, format="txt")
    parsed = nlp(text)
    return doc, extract_quotes(doc, parsed, _mentions(doc, parsed))


@pytest.mark.parametrize(("text", "expected"), [
    ('He said “yes we can” and left.', [(8, 20)]),
    ('A "straight" quote and "another one".', [(2, 12), (23, 36)]),
    ("It’s ‘a single quote’ here, isn’t it?", [(5, 21)]),
    ("Unclosed “quote\n\nnext paragraph”.", []),
    ("«Guillemets» too.", [(0, 12)]),
])
def test_quoted_regions_pairs_marks(text: str, expected: list[tuple[int, int]]) -> None:
    assert quoted_regions(text) == expected


@given(st.text(alphabet=st.sampled_from(list('ab “”"‘’«»\n.')), max_size=80))
def test_quoted_regions_bounds_are_valid(text: str) -> None:
    previous_end = 0
    for start, end in quoted_regions(text):
        assert previous_end <= start < end <= len(text)
        previous_end = end


@pytest.mark.slow
@pytest.mark.parametrize(("text", "speaker", "words", "kind"), [
    ("“The budget is a disgrace,” said Senator Paul Ruiz on Monday.", "Paul Ruiz",
     "The budget is a disgrace,", "direct"),
    ("Governor Lena Marsh told reporters: “We will rebuild every bridge in the province.”", "Lena Marsh",
     "We will rebuild every bridge in the province.", "direct"),
    ("Minister Ada Okafor said that the reform had failed.", "Ada Okafor", "the reform had failed", "reported"),
    ("According to the central bank, inflation will fall next year.", "the central bank",
     "inflation will fall next year.", "reported"),
    ("Many farmers believe that the new dam will ruin the valley.", "Many farmers",
     "the new dam will ruin the valley", "reported"),
])
def test_extract_quotes_finds_speaker_and_words(nlp, text: str, speaker: str, words: str, kind: str) -> None:
    doc, quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    quote = quotes[0]
    assert (quote.speaker, quote.text, quote.kind) == (speaker, words, kind)
    assert doc.slice(quote.span) == quote.text
    assert quote.sentence.contains(quote.span)


@pytest.mark.slow
def test_extract_quotes_gives_pronoun_speaker_its_person(nlp) -> None:
    text = ("Judge Omar Siddiqui opened the hearing at nine. He told the court: “This case is about trust, "
            "and nothing else.”")
    _, quotes = _quotes(nlp, text)
    assert [(q.speaker, q.kind) for q in quotes] == [("Omar Siddiqui", "direct")]
    assert quotes[0].speaker_mention_id is not None


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "I think that the plan will fail.",  # the author's own view
    "The so-called “reform” changed nothing.",  # scare quotes
    "Nobody thinks that the plan will work.",
])
def test_extract_quotes_leaves_out_non_quotes(nlp, text: str) -> None:
    _, quotes = _quotes(nlp, text)
    assert quotes == []


@pytest.mark.slow
def test_extract_quotes_passive_report_has_no_named_speaker(nlp) -> None:
    _, quotes = _quotes(nlp, "Investors were told that the fund had lost half its value.")
    assert [(q.speaker, q.kind, q.text) for q in quotes] == [("", "reported", "the fund had lost half its value")]


@pytest.mark.slow
@pytest.mark.issue(13)
@pytest.mark.parametrize(("text", "speaker", "words"), [
    ("Ivan Petrov rejected claims that he betrayed the farmers.", "", "he betrayed the farmers"),
    ("The allegation that Lena Marsh misled the council surfaced on Monday.", "", "Lena Marsh misled the council"),
    ("Tom Hale repeated his claim that the mayor was corrupt.", "Tom Hale", "the mayor was corrupt"),
])
def test_extract_quotes_reports_the_clause_of_a_claim(nlp, text: str, speaker: str, words: str) -> None:
    _, quotes = _quotes(nlp, text)
    assert [(q.speaker, q.text, q.kind) for q in quotes if q.text == words] == [(speaker, words, "reported")]

"""The bounded parse (issue 17): long texts in sentence-bounded chunks joined into one parse of the whole text,
stretches without a sentence end cut, ordinary texts parsed exactly as spaCy parses them alone."""

from __future__ import annotations

import itertools

import pytest

from rashomon.model import Document
from rashomon.nlp import chunk_spans, parse, text_of

pytestmark = pytest.mark.issue(17)

PROSE = ("Fictional. Police in Fenwick arrested twelve protesters on Sunday, the mayor, Tomas Orrin, said. "
         "The council met on Monday to discuss the march.")


@pytest.mark.parametrize("text", [
    "\n\n".join(f"{PROSE} Paragraph {n}." for n in range(60)),
    " ".join(f"{PROSE} Number {n}." for n in range(60)),
    "word " * 3000,
    "x" * 7000,
], ids=["paragraphs", "sentences", "words", "one-run"])
def test_parse_limits_chunks_cover_the_text_within_the_size(text: str) -> None:
    spans = chunk_spans(text, 1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(end == following for (_, end), (following, _) in itertools.pairwise(spans))
    assert all(end - start <= 1000 for start, end in spans)
    assert all(end - start >= 500 for start, end in spans[:-1])


def test_parse_limits_chunks_end_after_a_blank_line_when_there_is_one() -> None:
    text = "\n\n".join(f"{PROSE} Paragraph {n}." for n in range(60))
    assert all(text[end - 2:end] == "\n\n" for _, end in chunk_spans(text, 1000)[:-1])


def _parsed(nlp, text: str, **limits: int):
    doc = Document.create(path="t.txt", text=text, format="txt")
    [(_, parsed)] = list(parse(nlp, [doc], batch_size=8, **limits))
    return parsed


@pytest.mark.slow
def test_parse_limits_chunked_parse_is_one_parse_of_the_whole_text(nlp) -> None:
    text = "\n\n".join(f"{PROSE} Paragraph {n} ended." for n in range(40))
    parsed = _parsed(nlp, text, chunk_chars=1500)
    assert text_of(parsed) == text
    assert all(text[token.idx:token.idx + len(token.text)] == token.text for token in parsed)
    starts = {sentence.start_char for sentence in parsed.sents}
    assert all(start in starts for start, _ in chunk_spans(text, 1500))
    assert parsed.has_annotation("DEP") and parsed.has_annotation("ENT_IOB")
    assert any(ent.text == "Tomas Orrin" for ent in parsed.ents)


@pytest.mark.slow
def test_parse_limits_ordinary_text_is_parsed_as_spacy_parses_it(nlp) -> None:
    text = f"{PROSE}\n\n{PROSE}"
    ours, theirs = _parsed(nlp, text, chunk_chars=20_000), nlp(text)
    assert [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in ours] == [
        (t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in theirs]


@pytest.mark.slow
def test_parse_limits_a_stretch_without_a_sentence_end_is_cut(nlp) -> None:
    text = PROSE + " " + " ".join(["and the march went on"] * 300) + ". " + PROSE
    parsed = _parsed(nlp, text, chunk_chars=20_000, sentence_tokens=100)
    assert max(len(sentence) for sentence in parsed.sents) <= 100
    assert text_of(parsed) == text
    assert next(parsed.sents).text == next(nlp(PROSE).sents).text

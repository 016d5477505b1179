"""The perspective stage on the real reference corpus (../shared/corpus/soleimani-2020).

Mentions come from spaCy's entities; entity identity is the surname string (resolution is another
stage's work). The package knows nothing of this corpus: names appear only here, in the test.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from rashomon.model import Document, EntityType, Mention, Quote, StanceEvidence
from rashomon.perspective import (
    aggregate_stances,
    count_terms,
    distinctive_vocabulary,
    extract_quotes,
    extract_stance_evidence,
    frame_terms,
    load_lexicon,
)

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

SURNAME = "Soleimani"
KILLING_CATEGORIES = {"killing", "assassination", "execution", "murder", "elimination", "strike", "attack"}
_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "NORP": "GROUP"}


def _key(text: str) -> str:
    words = text.replace("’s", "").replace("'s", "").split()
    return words[-1] if words else text


def _mentions(doc: Document, parsed: Any) -> list[Mention]:
    """Mentions from the entity recogniser; a name's type is the majority label of its surname in the document."""
    ents = [e for e in parsed.ents if e.label_ in _TYPES]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in ents:
        votes[_key(ent.text)][_TYPES[ent.label_]] += 1
    mentions = []
    for ent in ents:
        span = doc.span(ent.start_char, ent.end_char)
        kind: EntityType = votes[_key(ent.text)].most_common(1)[0][0]  # type: ignore[assignment]
        mentions.append(Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=ent.text, type=kind,
                                sentence=doc.span(ent.sent.start_char, ent.sent.end_char), label=ent.label_))
    return mentions


@dataclass
class Analysed:
    docs: dict[str, Document]
    parsed: dict[str, Any]
    mentions: dict[str, list[Mention]]
    quotes: dict[str, list[Quote]]
    evidence: list[StanceEvidence]


@cache
def _analyse(folder: str, nlp: Any) -> Analysed:
    result = Analysed({}, {}, {}, {}, [])
    for path in sorted(Path(folder).glob("*.txt")):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        doc = Document.create(path=str(path), text=text, format="txt")
        parsed = nlp(text)
        mentions = _mentions(doc, parsed)
        quotes = extract_quotes(doc, parsed, mentions)
        result.docs[doc.id], result.parsed[doc.id], result.mentions[doc.id] = doc, parsed, mentions
        result.quotes[doc.id] = quotes
        result.evidence.extend(extract_stance_evidence(doc, parsed, mentions, quotes))
    return result


@pytest.fixture()
def corpus(shared_corpus: Path, nlp: Any) -> Analysed:
    return _analyse(str(shared_corpus), nlp)


def test_corpus_most_sources_write_unfavourably_of_the_general(corpus: Analysed) -> None:
    entity_of = {m.id: _key(m.text) for ms in corpus.mentions.values() for m in ms}
    stances = aggregate_stances(corpus.evidence, entity_of=entity_of, focus={SURNAME})
    assert len(stances) == len(corpus.docs) == 5
    unfavourable = [s for s in stances if s.label == "unfavourable"]
    assert len(unfavourable) >= 3, [(s.source, s.label, s.score) for s in stances]
    assert not [s for s in stances if s.label == "favourable"]
    for stance in unfavourable:
        doc = corpus.docs[stance.source]
        assert stance.evidence and stance.evidence[0].score < 0
        for item in stance.evidence:
            assert item.reported_by is None
            sentence = doc.slice(item.sentence)
            assert all(word in sentence for word in item.cue_words)
    # the sources' own judgements are told apart from the views they report
    reported = [e for s in stances for e in s.reported]
    assert reported and all(e.reported_by for e in reported)


def test_corpus_sources_name_the_killing_differently(corpus: Analysed) -> None:
    lexicon = load_lexicon()
    occurrences = []
    for doc_id, parsed in corpus.parsed.items():
        doc = corpus.docs[doc_id]
        for sent in parsed.sents:
            if SURNAME not in sent.text:
                continue
            for token in sent:
                word = lexicon.violence.get(token.lemma_.lower())
                if word is not None and word.category in KILLING_CATEGORIES:
                    occurrences.append((doc_id, doc.span(sent.start_char, sent.end_char),
                                        doc.span(token.idx, token.idx + len(token.text))))
    framings = frame_terms(occurrences, docs=corpus.docs, parsed=corpus.parsed)
    assert len(framings) >= 4
    words = {f.source: {t.lemma for t in f.terms} for f in framings}
    categories = {f.source: {t.category for t in f.terms} for f in framings}
    assert len({frozenset(w) for w in words.values()}) == len(words)  # no two sources use the same set
    assert any("assassination" in c for c in categories.values())
    assert any(c & {"execution", "attack", "strike"} and "assassination" not in c for c in categories.values())
    assert any("killing" in c and "assassination" not in c for c in categories.values())
    for framing in framings:
        for term in framing.terms:
            assert corpus.docs[framing.source].slice(term.span) == term.text
            assert term.sentence.contains(term.span)


def test_corpus_distinctive_vocabulary_is_each_sources_own(corpus: Analysed) -> None:
    counts = {doc_id: count_terms(corpus.docs[doc_id], parsed) for doc_id, parsed in corpus.parsed.items()}
    terms = distinctive_vocabulary(counts, top=10)
    by_source: dict[str, list[str]] = defaultdict(list)
    for term in terms:
        by_source[term.source].append(term.term)
        own_rate = counts[term.source][term.term] / sum(counts[term.source].values())
        rest = [c for s, c in counts.items() if s != term.source]
        rest_rate = sum(c[term.term] for c in rest) / sum(sum(c.values()) for c in rest)
        assert term.z > 0 and own_rate > rest_rate, term
    assert set(by_source) == set(corpus.docs)
    tops = [set(words[:5]) for words in by_source.values()]
    assert all(len(words) == 10 for words in by_source.values())
    assert all(not (a & b) for i, a in enumerate(tops) for b in tops[i + 1:])  # each top five is its own


def test_corpus_quotes_have_valid_spans_and_speakers(corpus: Analysed) -> None:
    quotes = [q for qs in corpus.quotes.values() for q in qs]
    assert len(quotes) >= 10
    for quote in quotes:
        doc = corpus.docs[quote.doc_id]
        assert doc.slice(quote.span) == quote.text and quote.sentence.contains(quote.span)
    assert {q.kind for q in quotes} == {"direct", "reported"}
    assert sum(1 for q in quotes if q.speaker_mention_id) >= 5

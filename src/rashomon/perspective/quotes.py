"""Quotes: who a document quotes, directly (in quotation marks) or in reported speech ("said that ...").

Reads the document's text, its parse and its mentions; returns `Quote` records whose span is the quoted
words. A direct quote's speaker is the subject of the nearest speech verb outside the marks ("said",
"claimed"; "according to X"), or the owner of a speech noun ("his words: ..."); a pronoun speaker is
replaced by the person it stands for. A reported quote is the clause of a speech or cognition verb
("X believes that ..."), or of a claim noun ("rejected claims that ...", "the charge that ..."); the
author's own "I think that" is not a quote.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Document, Mention, Quote, Span
from ..nlp import text_of
from ._parse import (
    FIRST_PERSON,
    MentionIndex,
    agent_of,
    index_mentions,
    is_negated,
    named,
    phrase_bounds,
    subject_of,
)
from .lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc
    from spacy.tokens import Token

logger = logging.getLogger(__name__)

MAX_QUOTE_CHARS = 3000  # a "quotation" longer than this is a stray mark, not a quote
MIN_UNATTRIBUTED_WORDS = 4  # shorter quoted words with no speech cue are scare quotes or titles
_CURLY = {"“": "”", "«": "»", "„": "“"}
_STRAIGHT = '"'
_NO_SPEAKER = frozenset({"it", "there", "this", "that", "nobody", "none", "no one", "everyone", "anyone"})


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of text between matching quotation marks, marks included.

    Curly double quotes, guillemets and straight double quotes; single curly quotes only when the
    opening mark follows a space or punctuation and the closing one precedes no letter (so apostrophes
    are not taken for quotes). A quote never crosses a paragraph break.
    """
    regions: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        close = ""
        if ch in _CURLY:
            close = _CURLY[ch]
        elif ch == _STRAIGHT:
            close = _STRAIGHT
        elif ch == "‘" and (i == 0 or not text[i - 1].isalnum()):
            close = "’"
        if not close:
            i += 1
            continue
        j = i + 1
        while True:
            j = text.find(close, j)
            if close != "’" or j == -1 or j + 1 >= n or not text[j + 1].isalpha():
                break
            j += 1
        paragraph = text.find("\n\n", i + 1)
        if j == -1 or (paragraph != -1 and paragraph < j) or j - i > MAX_QUOTE_CHARS:
            i += 1
            continue
        regions.append((i, j + 1))
        i = j + 1
    return regions


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _speaker(index: MentionIndex, token: Token | None) -> tuple[str, str | None]:
    """The speaker as written (a pronoun replaced by its antecedent's name) and its mention id."""
    if token is None:
        return "", None
    mention = named(index, token)
    if mention is not None:
        return mention.text, mention.id
    start, end = phrase_bounds(token)
    return text_of(index.parsed)[start:end], None


def _cue_speaker(cue: Token, lexicon: Lexicon) -> Token | None:
    """Who speaks through `cue`: a speech verb's subject, a speech noun's owner, the object of "according to"."""
    if cue.lower_ == "according":
        for child in cue.children:
            if child.lower_ == "to":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None
    if cue.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in cue.children):
        return agent_of(cue)  # "X was told that ...": X is no speaker
    if cue.pos_ == "NOUN":
        for child in cue.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None
    return subject_of(cue)


def _is_cue(token: Token, lexicon: Lexicon) -> bool:
    if token.lower_ == "according" and any(child.lower_ == "to" for child in token.children):
        return True
    if token.pos_ == "VERB":
        return lexicon.is_cue("speech", token.lemma_)
    if token.pos_ == "NOUN":
        return lexicon.is_cue("speech_noun", token.lemma_)
    return False


def _direct_quotes(doc: Document, parsed: ParsedDoc, index: MentionIndex, lexicon: Lexicon) -> list[Quote]:
    quotes = []
    for start, end in quoted_regions(doc.text):
        inner = _strip(doc.text, start + 1, end - 1)
        if inner[0] >= inner[1]:
            continue
        tokens = parsed.char_span(start, end, alignment_mode="expand")
        if tokens is None:
            continue
        sents = list({tok.sent.start: tok.sent for tok in tokens}.values())
        best: tuple[int, Token] | None = None
        for sent in sents:
            for token in sent:
                if start <= token.idx < end or not _is_cue(token, lexicon):
                    continue
                distance = start - token.idx if token.idx < start else token.idx - end
                if best is None or distance < best[0]:
                    best = (distance, token)
        words = len(doc.text[inner[0]:inner[1]].split())
        if best is None and words < MIN_UNATTRIBUTED_WORDS:
            continue
        cue = best[1] if best else None
        speaker, speaker_id = _speaker(index, _cue_speaker(cue, lexicon)) if cue is not None else ("", None)
        span = doc.span(*inner)
        quotes.append(Quote(
            id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=doc.slice(span),
            sentence=doc.span(sents[0].start_char, sents[-1].end_char), speaker=speaker,
            speaker_mention_id=speaker_id, kind="direct",
            cue=("according to" if cue is not None and cue.lower_ == "according" else cue.text if cue else ""),
        ))
    return quotes


def _reported_content(cue: Token) -> tuple[int, int] | None:
    """Character bounds of what a reporting cue attributes: its that-clause, or for "according to X" the rest."""
    sent = cue.sent
    if cue.lower_ == "according":
        first, last = cue.left_edge.i, cue.right_edge.i
        if first <= sent.start + 1:
            begin = last + 1
            while begin < sent.end and sent.doc[begin].is_punct:
                begin += 1
            return (sent.doc[begin].idx, sent.end_char) if begin < sent.end else None
        return sent.start_char, sent.doc[first].idx
    for child in cue.children:
        if child.dep_ == "ccomp":
            start = child.left_edge
            if start.dep_ == "mark" and start.i < child.i:
                start = start.doc[start.i + 1]
            end = child.right_edge
            return start.idx, end.idx + len(end.text)
    return _parenthetical_content(cue)


def _parenthetical_content(cue: Token) -> tuple[int, int] | None:
    """What an inserted attribution covers: "X, the report claimed, was careless" -> "was careless"."""
    if cue.dep_ not in ("parataxis", "relcl", "advcl") or any(c.dep_ in ("dobj", "xcomp") for c in cue.children):
        return None
    sent, doc = cue.sent, cue.doc
    left, right = cue.left_edge.i, cue.right_edge.i
    while right > cue.i and doc[right].is_punct:
        right -= 1
    if left <= sent.start or doc[left - 1].text != ",":
        return None
    rest = [t for t in doc[right + 1:sent.end] if not t.is_space]
    if not rest or all(t.is_punct for t in rest):
        return sent.start_char, doc[left - 1].idx
    if rest[0].text == "," and len(rest) > 1:
        return rest[1].idx, sent.end_char
    return None


def _reported_quotes(doc: Document, parsed: ParsedDoc, index: MentionIndex, lexicon: Lexicon,
                     direct: Sequence[Quote]) -> list[Quote]:
    quotes = []
    for token in parsed:
        is_according = token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)
        if not is_according and not (token.pos_ == "VERB" and (
                lexicon.is_cue("speech", token.lemma_) or lexicon.is_cue("cognition", token.lemma_))):
            continue
        if is_negated(token):
            continue
        bounds = _reported_content(token)
        if bounds is None:
            continue
        start, end = _strip(doc.text, *bounds)
        if start >= end or any(Span(start, end).overlaps(q.span) for q in direct):
            continue
        passive = any(c.dep_ == "auxpass" for c in token.children)
        subject = agent_of(token) if passive else _cue_speaker(token, lexicon)
        if subject is None and not passive:
            continue
        if subject is not None and (subject.lower_ in FIRST_PERSON or subject.lower_ in _NO_SPEAKER):
            continue
        speaker, speaker_id = _speaker(index, subject)
        span = doc.span(start, end)
        sent = token.sent
        quotes.append(Quote(
            id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=doc.slice(span),
            sentence=doc.span(sent.start_char, sent.end_char), speaker=speaker,
            speaker_mention_id=speaker_id, kind="reported",
            cue="according to" if is_according else token.text,
        ))
    return quotes


def _claim_quotes(doc: Document, parsed: ParsedDoc, index: MentionIndex, lexicon: Lexicon,
                  taken: Sequence[Quote]) -> list[Quote]:
    """The that-clause of a claim noun ("rejected claims that he lied", "the charge that she ..."): reported,
    held by the noun's owner ("his claim that"), its "by" or "from" phrase, or no one named ("")."""
    quotes = []
    for token in parsed:
        if token.pos_ != "NOUN" or not lexicon.is_cue("claim_noun", token.lemma_) or is_negated(token):
            continue
        clause = next((c for c in token.children if c.pos_ in ("VERB", "AUX") and (
            c.dep_ in ("acl", "ccomp") or (c.dep_ == "relcl" and any(g.dep_ == "mark" for g in c.children)))
            and any(g.dep_ in ("nsubj", "nsubjpass") and g.tag_ not in ("WDT", "WP") for g in c.children)), None)
        if clause is None:
            continue
        first = clause.left_edge
        if first.dep_ == "mark" and first.i < clause.i:
            first = parsed[first.i + 1]
        start, end = _strip(doc.text, first.idx, clause.right_edge.idx + len(clause.right_edge.text))
        if start >= end or any(Span(start, end).overlaps(q.span) for q in taken):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            owner = next((g for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                          for g in c.children if g.dep_ == "pobj"), None)
        if owner is not None and owner.lower_ in FIRST_PERSON:
            continue
        speaker, speaker_id = _speaker(index, owner)
        span = doc.span(start, end)
        sent = token.sent
        quotes.append(Quote(
            id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=doc.slice(span),
            sentence=doc.span(sent.start_char, sent.end_char), speaker=speaker, speaker_mention_id=speaker_id,
            kind="reported", cue=token.text,
        ))
    return quotes


def extract_quotes(doc: Document, parsed: ParsedDoc, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct and reported quotes in `doc`, in text order.

    Args:
        doc: the document; `parsed` must be the parse of `doc.text`.
        parsed: spaCy's parse of `doc.text` (tagger, parser, lemmatizer).
        mentions: the document's named mentions; speakers are tied to them (pronouns through their
            antecedent), and a speaker that is no mention is kept as the words of its noun phrase.

    Returns:
        One `Quote` per quoted passage: direct quotes without an identified speaker keep speaker "";
        quoted words shorter than four words with no speech cue (scare quotes, titles) are left out.
    """
    lexicon = load_lexicon()
    index = index_mentions(parsed, [m for m in mentions if m.doc_id == doc.id])
    direct = _direct_quotes(doc, parsed, index, lexicon)
    reported = _reported_quotes(doc, parsed, index, lexicon, direct)
    reported += _claim_quotes(doc, parsed, index, lexicon, direct + reported)
    quotes = sorted(direct + reported, key=lambda q: (q.span.start, q.span.end))
    logger.debug("document %s: %s direct and %s reported quotes", doc.id, len(direct), len(reported))
    return quotes

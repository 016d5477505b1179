"""Framing of events: the words each source uses to name one event, and what each word connotes.

Given the sentences in which several sources report the same event (with the event's trigger word), it
collects the words that name a violent act near the trigger in the parse ("killing", "assassination",
"execution", "drone attack", "airstrike", "elimination"), each with the act it names, its connotation
(descriptive, agentless, condemning, judicial, euphemistic, military, hostile, sanctifying; see
`data/perspective_violence.tsv`) and its valence (VADER's, or the list's own for words VADER lacks). A
word in quotation marks is flagged: the source keeps its distance from it ("the 'execution'").
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..model import Document, Event, EventMention, FrameTerm, Framing, Span
from .lexicon import Lexicon, ViolenceWord, load_lexicon
from .quotes import quoted_regions

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc
    from spacy.tokens import Token

logger = logging.getLogger(__name__)

REACH = 2  # dependency arcs between the trigger and a word that names the same event
_PHRASE_DEPS = frozenset({"compound", "amod", "nmod"})


def _path_length(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up_a = [a, *a.ancestors]
    index_a = {tok.i: depth for depth, tok in enumerate(up_a)}
    for depth_b, tok in enumerate([b, *b.ancestors]):
        if tok.i in index_a:
            return index_a[tok.i] + depth_b
    return 10_000


def _match(token: Token, lexicon: Lexicon) -> tuple[str, ViolenceWord, int, int] | None:
    """The violence-lexicon entry a token heads, preferring a two-word phrase ("drone attack", "take out")."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in _PHRASE_DEPS and child.i == token.i - 1:
            phrase = f"{child.lemma_.lower()} {lemma}"
            if phrase in lexicon.violence:
                return phrase, lexicon.violence[phrase], child.idx, token.idx + len(token.text)
        if child.dep_ == "prt":
            phrase = f"{lemma} {child.lower_}"
            if phrase in lexicon.violence:
                return phrase, lexicon.violence[phrase], token.idx, token.idx + len(token.text)
    for form in (lemma, token.lower_):
        if form in lexicon.violence:
            return form, lexicon.violence[form], token.idx, token.idx + len(token.text)
    return None


def _is_quoted(regions: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(q_start < start and end < q_end for q_start, q_end in regions)


def frame_terms(occurrences: Sequence[tuple[str, Span, Span]], *, docs: Mapping[str, Document],
                parsed: Mapping[str, ParsedDoc], event_id: str = "", reach: int = REACH) -> list[Framing]:
    """The words each source uses for one event, with their connotation.

    Args:
        occurrences: (document id, sentence span, trigger span) for each sentence that reports the event.
        docs: document id -> Document; parsed: document id -> spaCy parse of its text.
        event_id: the fused event's id, copied into each Framing.
        reach: how many dependency arcs from the trigger a naming word may stand.

    Returns:
        One Framing per source (document id order) with every naming word in text order: the lexicon's
        words within `reach` of the trigger, and the trigger itself (category "other") when the lexicon
        lacks it. A word counted once per position even when two occurrences share a sentence.
    """
    lexicon = load_lexicon()
    found: dict[str, dict[tuple[int, int], FrameTerm]] = defaultdict(dict)
    regions_of: dict[str, list[tuple[int, int]]] = {}
    for doc_id, sentence, trigger in occurrences:
        doc, tree = docs.get(doc_id), parsed.get(doc_id)
        if doc is None or tree is None:
            logger.warning("framing: document %s has no text or parse; its sentences are skipped", doc_id)
            continue
        if doc_id not in regions_of:
            regions_of[doc_id] = quoted_regions(doc.text)
        trig = tree.char_span(trigger.start, trigger.end, alignment_mode="expand")
        sent = tree.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if trig is None or sent is None or len(trig) == 0:
            continue
        root = trig.root
        hits = []
        for token in sent:
            if token.sent.start != root.sent.start or _path_length(root, token) > reach:
                continue
            match = _match(token, lexicon)
            if match is not None:
                hits.append(match)
        if not any(start <= root.idx < end for _, _, start, end in hits):
            lemma = root.lemma_.lower()
            other = ViolenceWord(lemma, "other", "other", lexicon.polarity(root.lower_, lemma))
            hits.append((lemma, other, root.idx, root.idx + len(root.text)))
        for lemma, word, start, end in hits:
            span = doc.span(start, end)
            found[doc_id][(start, end)] = FrameTerm(
                doc_id=doc_id, span=span, text=doc.slice(span), lemma=lemma, sentence=sentence,
                category=word.category, frame=word.frame, valence=word.valence,
                quoted=_is_quoted(regions_of[doc_id], start, end))
    return [Framing(source=doc_id, event_id=event_id,
                    terms=tuple(sorted(found[doc_id].values(), key=lambda t: t.span.start)))
            for doc_id in sorted(found)]


def frame_events(events: Sequence[Event], event_mentions: Sequence[EventMention], *,
                 docs: Mapping[str, Document]) -> list[Framing]:
    """The words each source uses for each fused event reported by two or more sources, no parse needed.

    The words are the event mentions' triggers, widened to a two-word phrase of the violence lexicon
    when the word before the trigger makes one ("drone attack"); each carries the lexicon's act,
    connotation and valence, or category "other" and VADER's valence when the lexicon lacks it.
    """
    lexicon = load_lexicon()
    by_id = {mention.id: mention for mention in event_mentions}
    regions_of: dict[str, list[tuple[int, int]]] = {}
    framings: list[Framing] = []
    for event in events:
        if len(event.doc_ids) < 2:
            continue
        terms: dict[str, list[FrameTerm]] = defaultdict(list)
        for mention_id in event.mention_ids:
            mention = by_id.get(mention_id)
            doc = docs.get(mention.doc_id) if mention is not None else None
            if mention is None or doc is None:
                continue
            if doc.id not in regions_of:
                regions_of[doc.id] = quoted_regions(doc.text)
            terms[doc.id].append(_trigger_term(mention, doc, lexicon, regions_of[doc.id]))
        framings.extend(Framing(source=doc_id, event_id=event.id,
                                terms=tuple(sorted(found, key=lambda t: t.span.start)))
                        for doc_id, found in sorted(terms.items()))
    return framings


def _trigger_term(mention: EventMention, doc: Document, lexicon: Lexicon,
                  regions: Sequence[tuple[int, int]]) -> FrameTerm:
    start, end = mention.trigger.start, mention.trigger.end
    lemma = mention.lemma.lower()
    word = lexicon.violence.get(lemma)
    base = max(0, start - 40)
    before = doc.text[base:start].rstrip()
    previous = before.rsplit(None, 1)[-1] if before else ""
    if previous and f"{previous.lower()} {lemma}" in lexicon.violence:
        lemma = f"{previous.lower()} {lemma}"
        word = lexicon.violence[lemma]
        start = base + len(before) - len(previous)
    if word is None:
        word = ViolenceWord(lemma, "other", "other", lexicon.polarity(mention.text.lower(), lemma))
    span = doc.span(start, end)
    return FrameTerm(doc_id=doc.id, span=span, text=doc.slice(span), lemma=lemma, sentence=mention.sentence,
                     category=word.category, frame=word.frame, valence=word.valence,
                     quoted=_is_quoted(regions, start, end))

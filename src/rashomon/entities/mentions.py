"""Find the mentions of people, organisations, places and groups in one parsed document.

Reads the spaCy entities of the document (PERSON, ORG, GPE, LOC, FAC, NORP; dates, numbers and the
rest are dropped), cleans each into the name it covers (spans.py), ties the names that refer to one
thing and adds the mentions the NER missed (chains.py), and settles each chain's type by vote
(vote.py). Returns rashomon.model.Mention records ordered by offset.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..errors import SpanError
from ..model import Document, Mention
from ..nlp import text_of
from .chains import Candidate, Key, tie_candidates
from .lexicon import load_titles, title_words
from .spans import DocContext, clean_entity
from .vote import LABEL_TYPES, Ballot, vote_type

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc

    from ..model import EntityType
    from ..settings import EntitySettings

logger = logging.getLogger(__name__)


def extract_mentions(doc: Document, parsed: ParsedDoc, *, settings: EntitySettings) -> list[Mention]:
    """The mentions of `doc`, from `parsed`, the spaCy Doc of doc.text.

    Each mention's span covers the name only (no title, leading "the" or possessive "'s"), and
    Mention.text == doc.text[span.start:span.end]. Mentions tied together within the document share
    a chain id ("c1", "c2", ... in order of first appearance; "" for a mention that stands alone).
    Types outside settings.types are dropped.
    """
    if text_of(parsed) != doc.text:
        raise SpanError(
            f"document {doc.id} ({doc.path}): the parsed text is not the document text (lengths "
            f"{len(parsed.text)} and {len(doc.text)}); parse doc.text itself so offsets match."
        )
    kept = set(settings.types)
    ctx = DocContext.build(parsed)
    candidates: list[Candidate] = []
    for ent in parsed.ents:
        fallback = LABEL_TYPES.get(ent.label_)
        if fallback is None:
            continue
        for name in clean_entity(ctx, ent.start, ent.end, ent.label_):
            first, last = name.start, name.end - 1
            start, end = parsed[first].idx, parsed[last].idx + len(parsed[last].text)
            candidates.append(Candidate(start, end, first, last, ent.label_, fallback, name.title, name.org_hint))
    ties = tie_candidates(ctx, candidates)
    chains = _chains(doc.text, ties.candidates, ties.pairs)
    mentions = []
    for key, chain_id, kind in chains:
        if kind not in kept:
            continue
        candidate = ties.candidates[key]
        span = doc.span(candidate.start, candidate.end)
        sentence = ctx.sentence_chars[ctx.sentence[candidate.first]]
        mentions.append(Mention(
            id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=doc.text[span.start:span.end],
            type=kind, sentence=doc.span(*sentence), title=candidate.title,
            chain=chain_id, expansion=ties.expansions.get(key), label=candidate.label,
        ))
    logger.debug("document %s: %s mentions from %s entities", doc.id, len(mentions), len(parsed.ents))
    return mentions


def _chains(text: str, candidates: dict[Key, Candidate],
            pairs: list[tuple[Key, Key]]) -> list[tuple[Key, str, EntityType]]:
    """(key, chain id, type) for every candidate, ordered by offset. Chain ids number the chains with
    two or more mentions in order of their first mention; the type is the chain's vote."""
    parent = {key: key for key in candidates}

    def find(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for left, right in pairs:
        a, b = find(left), find(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[Key, list[Key]] = {}
    for key in sorted(candidates):
        members.setdefault(find(key), []).append(key)
    ids: dict[Key, str] = {}
    types: dict[Key, EntityType] = {}
    for root, keys in members.items():
        if len(keys) > 1:
            ids[root] = f"c{len(ids) + 1}"
        types[root] = vote_type(
            Ballot(candidates[key].label, text[key[0]:key[1]], candidates[key].fallback, candidates[key].org_hint,
                   _titled(candidates[key], text[key[0]:key[1]]))
            for key in keys
        )
    return [(key, ids.get(find(key), ""), types[find(key)]) for key in sorted(candidates)]


def _titled(candidate: Candidate, text: str) -> bool:
    """True when a person's title stood before the name or begins it ("Imam Hussein")."""
    if candidate.title is not None:
        return True
    words = title_words(text)
    return bool(words) and words[:1] in load_titles().name_forming and len(words) > 1


def ner_mentions(doc: Document, parsed: ParsedDoc) -> list[Mention]:
    """One Mention per spaCy entity of a kept label, as the NER gave it: no cleaning, chains or vote.

    The baseline the evaluations and stage tests use where they want the parse's own entities
    (GPE/LOC/FAC -> PLACE, NORP -> GROUP; other labels dropped).
    """
    found = []
    for ent in parsed.ents:
        kind = LABEL_TYPES.get(ent.label_)
        if kind is None:
            continue
        span = doc.span(ent.start_char, ent.end_char)
        found.append(Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=ent.text, type=kind,
                             sentence=doc.span(ent.sent.start_char, ent.sent.end_char), label=ent.label_))
    return found

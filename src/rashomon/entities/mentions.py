"""Find the mentions of people, organisations, places and groups in one parsed document.

Reads the spaCy entities of the document (PERSON, ORG, GPE, LOC, FAC, NORP; dates, numbers and the
rest are dropped), cleans each into the name it covers (spans.py), joins the parts of one Arabic name
the NER split ("Abu Sami" + "al-Tikriti"), ties the names that refer to one thing and adds the
mentions the NER missed (chains.py), gathers each mention's type cues (evidence.py) and settles each
chain's type by vote (vote.py), coordinated names ("Karimi and Haddad") lending each other their
type. A chain the vote finds no name of ours (a common word, a term, a language) is dropped and kept
as `DroppedName` records with the reason, beside the parts of entities cleaning judged no names.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..errors import SpanError
from ..model import Document, DroppedName, Mention, TypeCue
from ..nlp import english_words, text_of
from .chains import Candidate, Key, tie_candidates
from .evidence import KUNYA, LABEL_TYPES, context_cues, form_cues, title_of
from .lexicon import country_code
from .names import name_tokens
from .spans import PARTICLES, DocContext, clean_entity
from .vote import Verdict, org_shape_cue, vote_chain

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc

    from ..settings import EntitySettings

logger = logging.getLogger(__name__)

_JOINING_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "ben"})
_JOINABLE = frozenset({"PERSON", "NORP", "ORG", ""})
_COORDINATION_WEIGHT = 1.0


@dataclass(frozen=True, slots=True)
class Names:
    """What the entities stage finds in one document: its mentions and the forms judged no names."""

    mentions: list[Mention]
    dropped: list[DroppedName]


def extract_mentions(doc: Document, parsed: ParsedDoc, *, settings: EntitySettings) -> list[Mention]:
    """The mentions of `doc`, from `parsed`, the spaCy Doc of doc.text (see `read_names`)."""
    return read_names(doc, parsed, settings=settings).mentions


def read_names(doc: Document, parsed: ParsedDoc, *, settings: EntitySettings) -> Names:
    """The mentions of `doc`, from `parsed`, the spaCy Doc of doc.text, and the forms judged no names.

    Each mention's span covers the name only (no title, leading "the" or possessive "'s"), and
    Mention.text == doc.text[span.start:span.end]. Mentions tied together within the document share
    a chain id ("c1", "c2", ... in order of first appearance; "" for a mention that stands alone).
    `Mention.evidence` holds the cues its type was voted on. Types outside settings.types are dropped
    (silently: they are names, only not wanted).
    """
    if text_of(parsed) != doc.text:
        raise SpanError(
            f"document {doc.id} ({doc.path}): the parsed text is not the document text (lengths "
            f"{len(parsed.text)} and {len(doc.text)}); parse doc.text itself so offsets match."
        )
    ctx = DocContext.build(parsed)
    candidates: list[Candidate] = []
    dropped: list[DroppedName] = []
    for ent in parsed.ents:
        fallback = LABEL_TYPES.get(ent.label_)
        if fallback is None:
            continue
        cleaned = clean_entity(ctx, ent.start, ent.end, ent.label_)
        for name in cleaned.names:
            first, last = name.start, name.end - 1
            start, end = parsed[first].idx, parsed[last].idx + len(parsed[last].text)
            candidates.append(Candidate(start, end, first, last, ent.label_, fallback, name.title, name.org_hint))
        for rejection in cleaned.rejected:
            dropped.append(_dropped(doc, ctx, rejection.start, rejection.end - 1, ent.label_, rejection.reason, ()))
    cues: dict[Key, list[TypeCue]] = {}

    def cues_of(candidate: Candidate) -> list[TypeCue]:
        if candidate.key not in cues:
            cues[candidate.key] = _cues(ctx, candidate)
        return cues[candidate.key]

    def is_person(candidate: Candidate) -> bool:
        return vote_chain([(ctx.text[candidate.start:candidate.end], cues_of(candidate))]).type == "PERSON"

    candidates, glued = split_glued_names(ctx, candidates)
    ties = tie_candidates(ctx, join_split_names(ctx, candidates), is_person=is_person)
    chains = _chains(ties.candidates, ties.pairs)
    cues = {key: list(cues_of(candidate)) for key, candidate in ties.candidates.items()}
    for key, whole in glued.items():
        if key in cues:
            cues[key].append(TypeCue(ties.candidates[key].fallback, 0.0, f"split from {whole!r}: two names written "
                                     "without a space between them", form=True))
    verdicts = _vote(ctx, ties.candidates, chains, cues)
    kept = set(settings.types)
    ids = _chain_ids(chains, verdicts)
    mentions = []
    for key in sorted(ties.candidates):
        candidate = ties.candidates[key]
        root = chains[key]
        verdict = verdicts[root]
        if verdict.type == "NONE":
            dropped.append(_dropped(doc, ctx, candidate.first, candidate.last, candidate.label, _reason(cues[key]),
                                    tuple(cues[key])))
            continue
        if verdict.type not in kept:
            continue
        span = doc.span(candidate.start, candidate.end)
        sentence = ctx.sentence_chars[ctx.sentence[candidate.first]]
        mentions.append(Mention(
            id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=doc.text[span.start:span.end],
            type=verdict.type, sentence=doc.span(*sentence), title=candidate.title, chain=ids.get(root, ""),
            expansion=ties.expansions.get(key), label=candidate.label, evidence=tuple(cues[key]),
        ))
    logger.debug("document %s: %s mentions, %s forms dropped, from %s entities", doc.id, len(mentions), len(dropped),
                 len(parsed.ents))
    return Names(mentions, sorted(dropped, key=lambda d: (d.span.start, d.span.end)))


def _dropped(doc: Document, ctx: DocContext, first: int, last: int, label: str, reason: str,
             evidence: tuple[TypeCue, ...]) -> DroppedName:
    parsed = ctx.parsed
    span = doc.span(parsed[first].idx, parsed[last].idx + len(parsed[last].text))
    return DroppedName(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=doc.slice(span),
                       sentence=doc.span(*ctx.sentence_chars[ctx.sentence[first]]), label=label, reason=reason,
                       evidence=evidence)


def _reason(cues: list[TypeCue]) -> str:
    """The sentence that says why a dropped form is no name: its weightiest NONE cue."""
    against = sorted((cue for cue in cues if cue.vote == "NONE"), key=lambda cue: -cue.weight)
    if not against:
        return "the evidence of its chain says it is no name of a person, organisation, place or group"
    return against[0].reason


_GLUED = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]{2,})$")


def split_glued_names(ctx: DocContext, candidates: list[Candidate]) -> tuple[list[Candidate], dict[Key, str]]:
    """Split a name that is two names written without a space ("BadrAmiri"), and say which were split.

    A one-token name of two capitalised parts of three letters or more, written so only once in the
    document, neither part an English word (so "YouTube", "BlackRock", "MacArthur" stay whole, and a
    brand the document repeats, "TikTok", too). The parts are names found by a rule: the NER's label
    was for the glued word.
    """
    found: list[Candidate] = []
    glued: dict[Key, str] = {}
    for candidate in candidates:
        text = ctx.text[candidate.start:candidate.end]
        match = _GLUED.match(text) if candidate.first == candidate.last else None
        if match is None or ctx.caps[text] != 1 or any(_english(ctx, part.lower()) for part in match.groups()):
            found.append(candidate)
            continue
        middle = candidate.start + len(match.group(1))
        left = replace(candidate, end=middle, label="", org_hint=False)
        right = replace(candidate, start=middle, label="", title=None)
        found += [left, right]
        glued[left.key] = glued[right.key] = text
    return found, glued


def _english(ctx: DocContext, word: str) -> bool:
    """Whether a lowercase word is an English word or a regular form of one (the pipeline's word index)."""
    forms = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith(("es", "ed")) else word}
    return any(form in english_words(ctx.parsed, pos) for form in forms for pos in ("noun", "verb", "adj", "adv"))


def join_split_names(ctx: DocContext, candidates: list[Candidate]) -> list[Candidate]:
    """Join adjacent parts of one Arabic name that the NER split: a kunya and what follows it ("Abu
    Sami" + "al-Tikriti"), or a name and a nisba or nasab that follows it ("Sami" + "bin Ziyad")."""
    ordered = sorted(candidates, key=lambda c: c.start)
    joined: list[Candidate] = []
    for candidate in ordered:
        if joined and _parts_of_one_name(ctx, joined[-1], candidate):
            left = joined.pop()
            label = "PERSON" if "PERSON" in (left.label, candidate.label) else left.label
            joined.append(replace(left, end=candidate.end, last=candidate.last, label=label, fallback="PERSON",
                                  title=left.title or candidate.title))
        else:
            joined.append(candidate)
    return joined


def _parts_of_one_name(ctx: DocContext, left: Candidate, right: Candidate) -> bool:
    parsed = ctx.parsed
    if right.first != left.last + 1 or ctx.sentence[left.first] != ctx.sentence[right.first]:
        return False
    between = ctx.text[left.end:right.start]
    if between.strip() or "\n" in between or left.label not in _JOINABLE or right.label not in _JOINABLE:
        return False
    left_text, right_text = ctx.text[left.start:left.end], ctx.text[right.start:right.end]
    if country_code(left_text) is not None or country_code(right_text) is not None or right.org_hint:
        return False
    left_words = name_tokens(left_text)
    kunya = len(left_words) >= 2 and left_words[0] in KUNYA
    particle = parsed[right.first].lower_ in _JOINING_PARTICLES and parsed[right.first].lower_ in PARTICLES
    return kunya or particle


def _chains(candidates: dict[Key, Candidate], pairs: list[tuple[Key, Key]]) -> dict[Key, Key]:
    """Each candidate's chain root (the chain's first candidate)."""
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
    return {key: find(key) for key in candidates}


def _chain_ids(chains: dict[Key, Key], verdicts: dict[Key, Verdict]) -> dict[Key, str]:
    """Chain ids "c1", "c2", ... for the kept chains of two or more mentions, in order of first mention."""
    sizes: dict[Key, int] = {}
    for root in chains.values():
        sizes[root] = sizes.get(root, 0) + 1
    ids: dict[Key, str] = {}
    for key in sorted(chains):
        root = chains[key]
        if sizes[root] > 1 and root not in ids and verdicts[root].type != "NONE":
            ids[root] = f"c{len(ids) + 1}"
    return ids


def _cues(ctx: DocContext, candidate: Candidate) -> list[TypeCue]:
    text = ctx.text[candidate.start:candidate.end]
    cues = form_cues(ctx, candidate, text, titled=title_of(candidate, text))
    shape = org_shape_cue(text, candidate.label, candidate.org_hint)
    if shape is not None:
        cues.append(shape)
    return cues + context_cues(ctx, candidate, text)


def _vote(ctx: DocContext, candidates: dict[Key, Candidate], chains: dict[Key, Key],
          cues: dict[Key, list[TypeCue]]) -> dict[Key, Verdict]:
    """Each chain's verdict: a first vote, then again with what coordinated names lend each other
    ("Putin and Erdogan": the person Putin makes Erdogan a person). `cues` gets the coordination cues."""
    members: dict[Key, list[Key]] = {}
    for key in sorted(candidates):
        members.setdefault(chains[key], []).append(key)

    def verdicts() -> dict[Key, Verdict]:
        return {root: vote_chain([(ctx.text[k[0]:k[1]], cues[k]) for k in keys]) for root, keys in members.items()}

    first = verdicts()
    by_token = {index: key for key, candidate in candidates.items()
                for index in range(candidate.first, candidate.last + 1)}
    lent = False
    for key, candidate in candidates.items():
        for partner in _coordinated(ctx, candidate, by_token):
            if chains[partner] == chains[key]:
                continue
            verdict = first[chains[partner]]
            if verdict.type != "NONE" and verdict.margin > 0:
                partner_text = ctx.text[partner[0]:partner[1]]
                cues[key].append(TypeCue(verdict.type, min(_COORDINATION_WEIGHT, verdict.margin),
                                         f"coordinated with {partner_text!r} ({verdict.type})"))
                lent = True
    return verdicts() if lent else first


def _coordinated(ctx: DocContext, candidate: Candidate, by_token: dict[int, Key]) -> list[Key]:
    """The candidates joined to this one by "and", "or" or a comma in a list."""
    root = ctx.parsed[candidate.first:candidate.last + 1].root
    tokens = [child for child in root.children if child.dep_ == "conj"]
    if root.dep_ == "conj" and root.head.i != root.i:
        tokens.append(root.head)
    found = []
    for token in tokens:
        key = by_token.get(token.i)
        if key is not None and key not in found:
            found.append(key)
    return found


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

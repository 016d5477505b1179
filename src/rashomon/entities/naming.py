"""What a resolved entity is called: its canonical name, its aliases, its type and its id."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Entity, Mention, content_id
from .lexicon import country_name
from .names import acronym_of, name_key, name_tokens, similarity
from .vote import vote_chain

if TYPE_CHECKING:
    from ..model import EntityType

_ORDER: tuple[EntityType, ...] = ("PERSON", "ORG", "PLACE", "GROUP")
_MEDOID_LIMIT = 40


def surface(text: str) -> str:
    """A mention's text with its whitespace made single spaces ("Adil\\nAbdul-Hadi" -> "Adil Abdul-Hadi")."""
    return " ".join(text.split())


def entity_totals(mentions: Sequence[Mention]) -> dict[EntityType, float]:
    """The type vote over an entity's mentions: each chain's totals (vote.vote_chain over its mentions'
    evidence), added up over the chains, NONE aside. Mentions with no evidence (made by hand or by an
    older version) vote their type, a full name tagged PERSON twice."""
    totals: dict[EntityType, float] = dict.fromkeys(_ORDER, 0.0)
    chains: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        if mention.evidence:
            chains.setdefault((mention.doc_id, mention.chain or mention.id), []).append(mention)
        else:
            weight = 2.0 if mention.label == "PERSON" and mention.type == "PERSON" and len(
                name_tokens(mention.text)) >= 2 else 1.0
            totals[mention.type] += weight
    for members in chains.values():
        verdict = vote_chain([(surface(m.text), m.evidence) for m in members])
        for kind in _ORDER:
            totals[kind] += verdict.totals.get(kind, 0.0)
    return totals


def entity_type(mentions: Sequence[Mention]) -> EntityType:
    """The type of the thing these mentions name: the best total of `entity_totals`. A unanimous
    chain type stands when the totals tie or are all zero or below. Ties go PERSON, ORG, PLACE, GROUP."""
    return best_type(entity_totals(mentions), Counter(mention.type for mention in mentions))


def best_type(totals: dict[EntityType, float], counts: Counter[str]) -> EntityType:
    """The type with the best total; ties to the type most mentions have, then PERSON, ORG, PLACE, GROUP."""
    return max(_ORDER, key=lambda kind: (round(totals[kind], 6), counts[kind], -_ORDER.index(kind)))


def canonical_name(mentions: Sequence[Mention], *, country: str | None = None) -> str:
    """The most complete common form of the mentions' names.

    Spellings are grouped by phonetic key (so "Qasem", "Qassem" and "Qasim Karimi" count
    together). Among the key groups seen at least twice, the one with the most words wins; when none
    is seen twice, the most frequent. Ties: more words, then more mentions, then the longer, then
    alphabetical. Within the group the most frequent spelling wins, ties going to the spelling
    closest to all the others, then the longer, then alphabetical. An acronym is never the name
    when the entity has a long form. A country is called by its common English name.
    """
    if country is not None:
        return country_name(country)
    texts = [surface(mention.text) for mention in mentions]
    words = [text for text in texts if acronym_of(text) is None] or texts
    classes: dict[tuple[str, ...], Counter[str]] = {}
    for text in words:
        key = name_key(name_tokens(text)) or (text.lower(),)
        classes.setdefault(key, Counter())[text] += 1
    if not classes:
        return ""

    def rank(key: tuple[str, ...]) -> tuple[int, int, int, int]:
        count = sum(classes[key].values())
        return (1 if count >= 2 else 0, len(key) if count >= 2 else 0, count, len(key))

    best = max(sorted(classes), key=rank)
    return _spelling(classes[best])


def _spelling(counts: Counter[str]) -> str:
    """The most frequent spelling; ties to the one closest to the others, then longer, then A-Z."""
    top = max(counts.values())
    tied = sorted(text for text, count in counts.items() if count == top)
    if len(tied) == 1:
        return tied[0]
    others = sorted(counts)[:_MEDOID_LIMIT]

    def closeness(text: str) -> float:
        tokens = name_tokens(text)
        return sum(similarity(tokens, name_tokens(other)) * counts[other] for other in others if other != text)

    return min(tied, key=lambda text: (-closeness(text), -len(text), text))


def aliases(mentions: Sequence[Mention], name: str) -> tuple[str, ...]:
    """Every distinct surface form, the canonical name first, then by frequency and A-Z."""
    counts = Counter(surface(mention.text) for mention in mentions)
    rest = sorted((text for text in counts if text != name), key=lambda text: (-counts[text], text))
    return (name, *rest)


def build_entity(mentions: Sequence[Mention], *, country: str | None, taken: set[str]) -> Entity:
    """An Entity for the mentions of one resolved group. The id hashes the type and the canonical
    name's light form; if another entity already has that id, the first mention's id is hashed in."""
    ordered = sorted(mentions, key=lambda mention: (mention.doc_id, mention.span.start, mention.span.end))
    kind: EntityType = "PLACE" if country is not None else entity_type(ordered)
    name = canonical_name(ordered, country=country)
    key = " ".join(name_tokens(name)) or name.lower()
    entity_id = content_id(f"{kind}:{key}", prefix="e")
    if entity_id in taken:
        entity_id = content_id(f"{kind}:{key}:{ordered[0].id}", prefix="e")
    taken.add(entity_id)
    return Entity(id=entity_id, name=name, type=kind, aliases=aliases(ordered, name),
                  mention_ids=tuple(mention.id for mention in ordered))

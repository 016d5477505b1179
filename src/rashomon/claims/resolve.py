"""Tie claims to the resolved entity table: the place, the proper modifiers of what is counted, and
the source, each found as a mention of the claim's document and mapped to its entity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ..model import Claim, Entity, Mention


def name_key(text: str) -> str:
    """A name compared loosely: casefolded, without dots and a leading "the" ("The U.S." -> "us")."""
    key = text.casefold().replace(".", "").strip()
    return key.removeprefix("the ").strip()


class Resolver:
    """Finds the mentions a claim rests on and the entities they belong to."""

    def __init__(self, entities: Sequence[Entity], mentions: Sequence[Mention]) -> None:
        self._entity_of: dict[str, Entity] = {mid: entity for entity in entities for mid in entity.mention_ids}
        self._by_doc: dict[str, list[Mention]] = defaultdict(list)
        for mention in sorted(mentions, key=lambda m: (m.doc_id, m.span.start)):
            self._by_doc[mention.doc_id].append(mention)
        self._place_keys: dict[str, frozenset[str]] = {}

    def refine(self, claim: Claim) -> Claim:
        """The claim with entity_ids (place, counted modifiers, source) and place's canonical name."""
        ids: list[str] = []
        place = claim.place
        keys = {name_key(claim.place)} if claim.place else set()
        if claim.place:
            entity = self._entity(self._nearest(claim, claim.place, types=("PLACE",)))
            if entity is not None:
                ids.append(entity.id)
                place = entity.name
                keys |= {entity.id, *(name_key(alias) for alias in entity.aliases)}
        self._place_keys[claim.id] = frozenset(keys)
        for word in claim.counted.split()[:-1]:
            if word[:1].isupper():
                entity = self._entity(self._modifier(claim, word))
                if entity is not None:
                    ids.append(entity.id)
        if claim.attributed_to:
            entity = self._entity(self._nearest(claim, claim.attributed_to))
            if entity is not None:
                ids.append(entity.id)
        return replace(claim, place=place, entity_ids=tuple(dict.fromkeys(ids)))

    def place_keys(self, claim: Claim) -> frozenset[str]:
        """Keys a claim's place is compared on: its loose name, and its entity's id and aliases when it
        resolves; empty when the claim has no place. Call after `refine`."""
        if claim.id in self._place_keys:
            return self._place_keys[claim.id]
        return frozenset({name_key(claim.place)}) if claim.place else frozenset()

    def modifier_keys(self, claim: Claim, word: str) -> set[str]:
        """Keys a proper modifier of the counted thing is compared on: its loose name, and its entity's
        id and aliases when it resolves (so "U.S." and "US" match when they are one entity)."""
        keys = {name_key(word)}
        entity = self._entity(self._modifier(claim, word))
        if entity is not None:
            keys |= {entity.id, *(name_key(alias) for alias in entity.aliases)}
        return keys

    def _entity(self, mention: Mention | None) -> Entity | None:
        return self._entity_of.get(mention.id) if mention is not None else None

    def _nearest(self, claim: Claim, text: str, *, types: tuple[str, ...] = ()) -> Mention | None:
        """The mention of `text` nearest before the end of the claim's sentence (else the first after).

        `text` may also be an entity's canonical name (a claim refined before), so refining twice
        gives the same claim.
        """
        mentions = [m for m in self._by_doc.get(claim.doc_id, ()) if not types or m.type in types]
        found = [m for m in mentions if m.text == text]
        if not found:
            found = [m for m in mentions if (entity := self._entity_of.get(m.id)) is not None and entity.name == text]
        before = [m for m in found if m.span.start < claim.sentence.end]
        if before:
            return before[-1]
        return found[0] if found else None

    def _modifier(self, claim: Claim, word: str) -> Mention | None:
        """A mention in the claim's sentence whose name holds `word` ("U.S." in "5300 U.S. troops")."""
        for mention in self._by_doc.get(claim.doc_id, ()):
            if claim.sentence.start <= mention.span.start < claim.sentence.end and word in mention.text.split():
                return mention
        return None

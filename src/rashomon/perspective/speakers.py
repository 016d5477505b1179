"""Speakers: who each quote is by, as a resolved entity, so one speaker is one row in every view.

Quotes are found per document, and their speakers as written differ from source to source ("Qasem Soleimani",
"Soleimani", "the general"). After entity resolution, `resolve_speakers` ties each quote to the entity its
speaker's mention belongs to; a speaker with no mention (a name the parse found outside the named entities)
is tied by its words to an entity of the same document that has them as an alias, or failing that to the one
entity of the corpus that does. `group_speakers` then gives one row per speaker: the entity (or, unresolved,
the words as written) with its quotes, source by source.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Entity, Mention, Quote


def _key(text: str) -> str:
    return " ".join(text.lower().removesuffix("'s").split())


def resolve_speakers(quotes: Sequence[Quote], entities: Sequence[Entity], mentions: Sequence[Mention]) -> list[Quote]:
    """Each quote with `speaker_entity_id` set to the entity who speaks, or None; the same quotes, same order.

    Args:
        quotes: every document's quotes (`extract_quotes`).
        entities: the resolved entities; their `mention_ids` say which entity a speaker's mention is.
        mentions: every mention (a quote's speaker mention, and which document an alias is used in).
    """
    entity_of = {mention_id: entity.id for entity in entities for mention_id in entity.mention_ids}
    doc_of = {mention.id: mention.doc_id for mention in mentions}
    by_alias: dict[str, set[str]] = {}
    in_doc: dict[tuple[str, str], set[str]] = {}
    for entity in entities:
        for alias in entity.aliases:
            by_alias.setdefault(_key(alias), set()).add(entity.id)
        for mention_id in entity.mention_ids:
            doc_id = doc_of.get(mention_id)
            if doc_id is not None:
                for alias in entity.aliases:
                    in_doc.setdefault((doc_id, _key(alias)), set()).add(entity.id)
    resolved = []
    for quote in quotes:
        entity_id = entity_of.get(quote.speaker_mention_id) if quote.speaker_mention_id else None
        if entity_id is None and quote.speaker:
            key = _key(quote.speaker)
            local = in_doc.get((quote.doc_id, key), set())
            anywhere = by_alias.get(key, set())
            chosen = local if len(local) == 1 else anywhere if not local and len(anywhere) == 1 else set()
            entity_id = next(iter(chosen), None)
        resolved.append(dataclasses.replace(quote, speaker_entity_id=entity_id))
    return resolved


@dataclass(frozen=True, slots=True)
class Speaker:
    """One speaker and what each source quotes of them."""

    entity_id: str | None  # None for a speaker no entity stands for ("a senior official")
    name: str  # the entity's name, or the words as written
    quotes: tuple[Quote, ...]  # in document and text order

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.doc_id for q in self.quotes))


def group_speakers(quotes: Sequence[Quote], entities: Sequence[Entity]) -> list[Speaker]:
    """One `Speaker` per resolved entity (and per distinct unresolved speaker, by its words), most quoted first.

    Quotes with no speaker at all are left out. Ties: most sources, then name.
    """
    names = {entity.id: entity.name for entity in entities}
    grouped: dict[tuple[str, str], list[Quote]] = {}
    for quote in quotes:
        if quote.speaker_entity_id is not None and quote.speaker_entity_id in names:
            key = ("entity", quote.speaker_entity_id)
        elif quote.speaker:
            key = ("text", _key(quote.speaker))
        else:
            continue
        grouped.setdefault(key, []).append(quote)
    speakers = [Speaker(entity_id=value if kind == "entity" else None,
                        name=names[value] if kind == "entity" else found[0].speaker, quotes=tuple(found))
                for (kind, value), found in grouped.items()]
    speakers.sort(key=lambda s: (-len(s.quotes), -len(s.sources), s.name))
    return speakers


__all__ = ["Speaker", "group_speakers", "resolve_speakers"]

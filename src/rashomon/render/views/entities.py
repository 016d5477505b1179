"""The entities page (every resolved entity, most mentioned first) and the page of one entity (`rashomon show`,
the web's /entities/{id}): its names, every mention in context, the events it takes part in, the claims about
it and each source's stance towards it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...model import Corpus, DroppedName, Entity, Mention, Span
from ..text import Passage, passage, source_label, type_name
from .claims import ClaimLine, claim_line, claims_about
from .lookup import CorpusLookup, lookup_of, variants
from .sides import StanceItem, stance_item
from .sources import DocumentRow, document_row
from .timeline import event_label


@dataclass(frozen=True, slots=True)
class MentionLine:
    """One mention of an entity, in its sentence."""

    id: str
    doc_id: str
    source: str
    text: str  # as written
    span: Span
    passage: Passage


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity with its names and how often each source mentions it."""

    id: str
    name: str
    type: str  # "PERSON", "ORG", "PLACE", "GROUP"
    type_name: str  # "person", "organisation", ...
    aliases: tuple[str, ...]  # every name it goes by, the canonical one first
    mentions: int  # mentions the corpus holds
    sources: int  # documents that mention it
    variants: tuple[tuple[str, int], ...]  # (alias, mentions) for every alias but the name
    by_source: tuple[tuple[str, int], ...]  # (source label, mentions), most first
    lines: tuple[MentionLine, ...]  # its mentions in the corpus's documents, in the entity's order


@dataclass(frozen=True, slots=True)
class EntitiesView:
    """The entities page: most mentioned first, then by name."""

    entities: tuple[EntityRow, ...]


def _line(lookup: CorpusLookup, mention: Mention) -> MentionLine | None:
    doc = lookup.documents.get(mention.doc_id)
    if doc is None:
        return None
    return MentionLine(mention.id, doc.id, source_label(doc), mention.text, mention.span,
                       passage(doc, mention.sentence, mention.span))


def entity_row(lookup: CorpusLookup, entity: Entity, mentions: list[Mention]) -> EntityRow:
    """The row of one entity, given its mentions (those the corpus holds)."""
    lines = (_line(lookup, mention) for mention in mentions)
    return EntityRow(entity.id, entity.name, entity.type, type_name(entity.type), tuple(entity.aliases), len(mentions),
                     len({m.doc_id for m in mentions}), tuple(variants(entity, mentions)),
                     tuple(lookup.mentions_by_source(mentions)), tuple(line for line in lines if line is not None))


def entities_view(corpus: Corpus | CorpusLookup) -> EntitiesView:
    """Every entity of a corpus, most mentioned first, then by name."""
    lookup = lookup_of(corpus)
    return EntitiesView(tuple(entity_row(lookup, entity, mentions) for entity, mentions in lookup.ranked))


@dataclass(frozen=True, slots=True)
class DroppedRow:
    """A form the entities stage read but judged no name, with the reasons, each with how often it was given."""

    text: str
    times: int  # occurrences dropped
    sources: int  # documents it was dropped in
    reasons: tuple[tuple[str, int], ...]  # (reason, occurrences), most frequent first


def dropped_view(corpus: Corpus) -> tuple[DroppedRow, ...]:
    """The dropped forms of a corpus, by form as written, most often dropped first, then by form."""
    by_text: dict[str, list[DroppedName]] = {}
    for dropped in corpus.dropped_names:
        by_text.setdefault(dropped.text, []).append(dropped)
    rows = [DroppedRow(text, len(found), len({d.doc_id for d in found}),
                       tuple(Counter(d.reason for d in found).most_common())) for text, found in by_text.items()]
    return tuple(sorted(rows, key=lambda row: (-row.times, row.text)))


@dataclass(frozen=True, slots=True)
class EntityEvent:
    """An event an entity takes part in."""

    id: str
    date: str | None
    label: str
    role: str  # "actor" or "target"
    sources: int  # articles reporting it


@dataclass(frozen=True, slots=True)
class EntityView:
    """The page of one entity."""

    entity: EntityRow
    by_document: tuple[tuple[DocumentRow, tuple[MentionLine, ...]], ...]  # its mentions by document, in its order
    events: tuple[EntityEvent, ...]  # by date
    claims: tuple[ClaimLine, ...]  # claims that name it, or whose sentence mentions it
    stances: tuple[StanceItem, ...]  # each source's stance towards it, by source name


def entity_view(corpus: Corpus | CorpusLookup, entity_id: str) -> EntityView | None:
    """The page of the entity `entity_id`; None when the corpus has no such entity."""
    lookup = lookup_of(corpus)
    entity = lookup.entities.get(entity_id)
    if entity is None:
        return None
    row = entity_row(lookup, entity, [lookup.mentions[m] for m in entity.mention_ids if m in lookup.mentions])
    by_document: dict[str, list[MentionLine]] = {}
    for line in row.lines:
        by_document.setdefault(line.doc_id, []).append(line)
    events = tuple(EntityEvent(event.id, event.date, event_label(event, lookup),
                               "actor" if entity.id in event.actor_ids else "target", len(event.doc_ids))
                   for event in lookup.events_of_entity.get(entity.id, []))
    claims = tuple(claim_line(c, lookup.documents[c.doc_id]) for c in claims_about(lookup, entity.id)
                   if c.doc_id in lookup.documents)
    stances = sorted((stance_item(lookup, s) for s in lookup.corpus.stances
                      if s.entity_id == entity.id and s.source in lookup.documents), key=lambda s: s.source.casefold())
    return EntityView(row, tuple((document_row(lookup.documents[doc_id]), tuple(lines))
                                 for doc_id, lines in by_document.items()), events, claims, tuple(stances))

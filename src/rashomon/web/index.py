"""Lookups over one loaded corpus, built once per load and shared by the API and the pages."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

from ..model import Claim, ClaimGroup, Corpus, Document, Entity, Event, EventMention, Mention
from ..render import corpus_to_dict
from ..render.common import ranked_entities, sorted_documents, sorted_groups
from ..render.figures import FigureView, figures_by_event
from ..render.timeline import sorted_events


class CorpusIndex:
    """A corpus with its records by id, and the JSON export built on first use."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.documents: dict[str, Document] = {d.id: d for d in corpus.documents}
        self.mentions: dict[str, Mention] = {m.id: m for m in corpus.mentions}
        self.entities: dict[str, Entity] = {e.id: e for e in corpus.entities}
        self.entity_of: dict[str, str] = {m: e.id for e in corpus.entities for m in e.mention_ids}
        self.events: dict[str, Event] = {e.id: e for e in corpus.events}
        self.event_mentions: dict[str, EventMention] = {m.id: m for m in corpus.event_mentions}
        self.event_of: dict[str, str] = {m: e.id for e in corpus.events for m in e.mention_ids}
        self.claims: dict[str, Claim] = {c.id: c for c in corpus.claims}
        self.groups: dict[str, ClaimGroup] = {g.id: g for g in corpus.claim_groups}
        self.group_of: dict[str, str] = {}
        for group in corpus.claim_groups:
            for claim_id in group.claim_ids:
                self.group_of.setdefault(claim_id, group.id)
        self.events_of_entity: dict[str, list[Event]] = defaultdict(list)
        for event in sorted_events(corpus.events):
            for entity_id in dict.fromkeys((*event.actor_ids, *event.target_ids)):
                self.events_of_entity[entity_id].append(event)
        self.ranked = ranked_entities(corpus)
        self.sorted_documents = sorted_documents(corpus)
        self.sorted_events = sorted_events(corpus.events)
        self.sorted_groups = sorted_groups(corpus.claim_groups)

    @functools.cached_property
    def export(self) -> dict[str, Any]:
        """`corpus_to_dict(corpus)`: the --json export, which the API serves piece by piece."""
        return corpus_to_dict(self.corpus)

    @functools.cached_property
    def figures(self) -> dict[str, list[FigureView]]:
        """`figures_by_event(corpus)`: each event's figures (tolls) by quantity, with a verdict."""
        return figures_by_event(self.corpus)

    @functools.cached_property
    def export_by_id(self) -> dict[str, dict[str, dict[str, Any]]]:
        """{collection: {id: exported object}} for every collection whose objects have ids."""
        return {name: {item["id"]: item for item in items} for name, items in self.export.items()
                if isinstance(items, list) and items and "id" in items[0]}

    def claims_about(self, entity_id: str) -> list[Claim]:
        """Claims that name the entity, or whose sentence holds one of its mentions."""
        entity = self.entities.get(entity_id)
        spots: dict[str, list[tuple[int, int]]] = defaultdict(list)
        if entity is not None:
            for mention_id in entity.mention_ids:
                mention = self.mentions.get(mention_id)
                if mention is not None:
                    spots[mention.doc_id].append((mention.sentence.start, mention.sentence.end))
        found = []
        for claim in self.corpus.claims:
            if entity_id in claim.entity_ids or (claim.sentence.start, claim.sentence.end) in spots.get(claim.doc_id, ()):
                found.append(claim)
        return found

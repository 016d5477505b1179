"""A corpus's records by id and in the orders every view lists them, built once per corpus.

Every view function takes a `Corpus`, or a `CorpusLookup` of one to share its lookups between views (the web
app keeps one per load of the store).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence

from ...model import Claim, ClaimGroup, Corpus, Document, Entity, Event, EventMention, Mention
from ..figures import FigureView, figures_by_event
from ..text import document_title, source_label

_VERDICT_ORDER = {"differ": 0, "agree": 1, "single": 2}


def sorted_documents(documents: Iterable[Document]) -> list[Document]:
    """Documents by publication date (undated last), then source and title."""
    return sorted(documents, key=lambda d: (d.published is None, d.published.value if d.published else "",
                                            source_label(d), document_title(d)))


def sorted_events(events: Collection[Event]) -> list[Event]:
    """Events by date (ISO strings sort in time order at any precision), undated last, then by id."""
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))


def sorted_groups(groups: Sequence[ClaimGroup]) -> list[ClaimGroup]:
    """Claim groups that differ first, then those that agree, then single claims; bigger groups first."""
    return sorted(groups, key=lambda g: (_VERDICT_ORDER.get(g.verdict, 3), -len(g.claim_ids), g.label.casefold()))


def variants(entity: Entity, mentions: Iterable[Mention]) -> list[tuple[str, int]]:
    """[(surface form, mentions)] for every alias but the canonical name, in alias order."""
    counts = Counter(m.text for m in mentions)
    seen = {entity.name}
    found = []
    for alias in entity.aliases:
        if alias not in seen:
            seen.add(alias)
            found.append((alias, counts[alias]))
    return found


class CorpusLookup:
    """A corpus with its records by id, who belongs to whom, and its records in the views' orders."""

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
        self.sorted_documents = sorted_documents(corpus.documents)
        self.sorted_events = sorted_events(corpus.events)
        self.sorted_groups = sorted_groups(corpus.claim_groups)
        self.events_of_entity: dict[str, list[Event]] = defaultdict(list)
        for event in self.sorted_events:
            for entity_id in dict.fromkeys((*event.actor_ids, *event.target_ids)):
                self.events_of_entity[entity_id].append(event)
        # entities with their mentions (those the corpus holds), most mentioned first, then by name
        ranked = [(entity, [self.mentions[m] for m in entity.mention_ids if m in self.mentions])
                  for entity in corpus.entities]
        self.ranked: list[tuple[Entity, list[Mention]]] = sorted(
            ranked, key=lambda pair: (-len(pair[1]), pair[0].name.casefold(), pair[0].id))

    @functools.cached_property
    def figures(self) -> dict[str, list[FigureView]]:
        """`figures_by_event(corpus)`: each event's figures (tolls) with their verdicts, by event id."""
        return figures_by_event(self.corpus)

    def entity_name(self, entity_id: str) -> str:
        """The entity's name; the id itself when no entity has it."""
        entity = self.entities.get(entity_id)
        return entity.name if entity is not None else entity_id

    def mentions_by_source(self, mentions: Iterable[Mention]) -> list[tuple[str, int]]:
        """[(source label, mentions)], most first: how often each source mentions something."""
        counts = Counter(source_label(self.documents[m.doc_id]) for m in mentions if m.doc_id in self.documents)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def lookup_of(corpus: Corpus | CorpusLookup) -> CorpusLookup:
    """The lookup of `corpus`: the one given, or one made now."""
    return corpus if isinstance(corpus, CorpusLookup) else CorpusLookup(corpus)


__all__ = ["CorpusLookup", "lookup_of", "sorted_documents", "sorted_events", "sorted_groups", "variants"]

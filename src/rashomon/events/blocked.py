"""Event fusion for corpora too big to cluster whole: in blocks of documents, combined deterministically, and
incrementally (new documents against events already fused).

`fuse.fuse_events` compares every pair of event mentions of one category, so its cost grows with the square
of the corpus. Here the documents are cut into blocks (`block_documents` each, in order of publication date,
then of the order given), each block is fused alone by `fuse_events` (the blocks are independent: they may
run as tasks anywhere), and then events of different blocks are joined where the key says they can be one
event: the same PLOVER type, the same date (a dated event), and at least one participant entity in common.
Each set of joined events is fused again from all its mentions by `fuse_events` (so what comes out is what
fusion makes of those mentions); every other event is kept as its block made it. The cost is linear in the
number of blocks, plus the joined sets.

`extend_events` adds documents to events fused before (stored): the new documents are fused in blocks, then
joined with the stored events by the same key; only the stored events a new one joins are fused again. Its
cost is that of the new documents plus the events they touch, whatever the size of the store.

What is exact and what is approximate (docs/scaling.md): within a block, everything `fuse_events` does.
Across blocks, only dated events sharing a type, a date and a participant entity can join, and they join
only as whole events; undated events and events tied only by sentence words, places or the documents'
tf-idf never join across blocks; the corpus statistics fusion reads (tf-idf weights, stories, ambiguous word
families, copies of one text) are those of each block (or of the joined set), not of the whole corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from scipy.cluster.hierarchy import DisjointSet

from ..model import Document, Event, EventMention
from ..settings import FusionSettings
from ..time import parse_value
from .fuse import fuse_events, is_factual
from .plover import Lexicon

__all__ = ["document_blocks", "extend_events", "fuse_events_blocked"]


def document_blocks(documents: Sequence[Document], *, size: int) -> list[list[Document]]:
    """`documents` in blocks of at most `size`, by publication date (undated last), then the order given."""
    def key(index: int) -> tuple[bool, str, int]:
        published = documents[index].published
        return (published is None, published.value if published else "", index)

    order = sorted(range(len(documents)), key=key)
    ranked = [documents[i] for i in order]
    return [ranked[first:first + size] for first in range(0, len(ranked), max(size, 1))]


def fuse_events_blocked(event_mentions: Sequence[EventMention], *, entity_of: Mapping[str, str],
                        documents: Sequence[Document], settings: FusionSettings, block_documents: int,
                        lexicon: Lexicon | None = None) -> list[Event]:
    """`fuse_events` in blocks of `block_documents` documents, the blocks' events joined by key (see the
    module's docstring); in the order `fuse_events` gives (date, then document order, then offset)."""
    by_doc: dict[str, list[EventMention]] = defaultdict(list)
    for mention in event_mentions:
        by_doc[mention.doc_id].append(mention)
    fused = [fuse_events([m for doc in block for m in by_doc.get(doc.id, ())], entity_of=entity_of,
                         documents=block, settings=settings, lexicon=lexicon)
             for block in document_blocks(documents, size=block_documents)]
    return _combine(fused, event_mentions, entity_of=entity_of, documents=documents, settings=settings,
                    lexicon=lexicon)


def extend_events(stored: Sequence[Event], event_mentions: Sequence[EventMention], new_documents: Sequence[str], *,
                  entity_of: Mapping[str, str], documents: Sequence[Document], settings: FusionSettings,
                  block_documents: int, lexicon: Lexicon | None = None) -> list[Event]:
    """The events of a corpus to which the documents `new_documents` (ids) were added since `stored` were fused.

    `event_mentions` and `documents` are those of the whole corpus (only the new ones and those of the stored
    events that a new event joins are read); `entity_of` maps every mention to its entity. The new documents
    are fused in blocks, and their events joined with the stored ones by key; a stored event no new one joins
    is kept as it is."""
    new = set(new_documents)
    by_doc: dict[str, list[EventMention]] = defaultdict(list)
    for mention in event_mentions:
        if mention.doc_id in new:
            by_doc[mention.doc_id].append(mention)
    added = [doc for doc in documents if doc.id in new]
    fused = [fuse_events([m for doc in block for m in by_doc.get(doc.id, ())], entity_of=entity_of,
                         documents=block, settings=settings, lexicon=lexicon)
             for block in document_blocks(added, size=block_documents)]
    return _combine([list(stored), *fused], event_mentions, entity_of=entity_of, documents=documents,
                    settings=settings, lexicon=lexicon)


def _keys(event: Event) -> list[tuple[str, str, str]]:
    """The join keys of an event: (type, date, participant entity) for each participant; none when undated."""
    if not event.date:
        return []
    return [(event.type, event.date, entity) for entity in (*event.actor_ids, *event.target_ids)]


def _combine(fused: Sequence[Sequence[Event]], event_mentions: Sequence[EventMention], *,
             entity_of: Mapping[str, str], documents: Sequence[Document], settings: FusionSettings,
             lexicon: Lexicon | None) -> list[Event]:
    """Join the events of different parts (`fused`, one list per block) that share a key; fuse each joined set
    again from its mentions; keep the rest; sort as `fuse_events` does."""
    events = [(part, event) for part, found in enumerate(fused) for event in found]
    joined = DisjointSet(range(len(events)))
    first_of: dict[tuple[str, str, str], int] = {}
    for index, (part, event) in enumerate(events):
        for key in _keys(event):
            other = first_of.setdefault(key, index)
            if other != index and events[other][0] != part:
                joined.merge(other, index)
    order = {doc.id: i for i, doc in enumerate(documents)}
    result: list[Event] = []
    sets = sorted(joined.subsets(), key=min)
    wanted = {mention_id for members in sets if len(members) > 1 for i in members
              for mention_id in events[i][1].mention_ids}
    by_id = {m.id: m for m in event_mentions if m.id in wanted}
    by_doc = {doc.id: doc for doc in documents}
    for members in sets:
        if len(members) == 1:
            result.append(events[next(iter(members))][1])
            continue
        mentions = [by_id[mention_id] for i in sorted(members) for mention_id in events[i][1].mention_ids
                    if mention_id in by_id]
        doc_ids = sorted({m.doc_id for m in mentions}, key=lambda d: order.get(d, len(order)))
        result += fuse_events([m for m in mentions if is_factual(m)], entity_of=entity_of,
                              documents=[by_doc[d] for d in doc_ids if d in by_doc], settings=settings,
                              lexicon=lexicon)
    leading = {event.mention_ids[0] for event in result}
    first = {m.id: m for m in event_mentions if m.id in leading}

    def when(event: Event) -> tuple[bool, str, int, int]:
        mention = first.get(event.mention_ids[0])
        found = parse_value(event.date)
        return (found is None, found.start.isoformat() if found else "",
                order.get(mention.doc_id, len(order)) if mention else len(order),
                mention.trigger.start if mention else 0)

    result.sort(key=when)
    return result

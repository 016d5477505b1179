"""The actor network: who acts on whom, by event type, from the fused events, laid out on a circle for inline SVG."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ..model import Event
from .index import CorpusIndex

_SIZE = 860  # the SVG's width and height
_TYPE_COLOURS = {  # cooperative types blue/green, verbal conflict amber, material conflict red
    "AGREE": "#2b7bb9", "CONSULT": "#2b7bb9", "SUPPORT": "#2b7bb9", "CONCEDE": "#4a9a5b", "COOPERATE": "#4a9a5b",
    "AID": "#4a9a5b", "RETREAT": "#4a9a5b", "REQUEST": "#8a6fb5", "ACCUSE": "#d08a00", "REJECT": "#d08a00",
    "THREATEN": "#d08a00", "PROTEST": "#d08a00", "SANCTION": "#c0392b", "MOBILIZE": "#c0392b",
    "COERCE": "#c0392b", "ASSAULT": "#c0392b", "OTHER": "#888888",
}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    type: str
    degree: int
    x: float
    y: float
    r: float
    label_x: float  # where the name goes: outside the circle, on the node's radius
    label_y: float
    anchor: str  # SVG text-anchor: "start" on the right half, "end" on the left


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    type: str
    count: int
    colour: str
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    size: int = _SIZE

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": [{"id": n.id, "name": n.name, "type": n.type, "degree": n.degree} for n in self.nodes],
                "edges": [{"source": e.source, "target": e.target, "type": e.type, "count": e.count}
                          for e in self.edges]}


def in_period(event: Event, start: str, end: str) -> bool:
    """True when the event's date lies between `start` and `end` (ISO, any precision); undated events only
    when no period is given."""
    if not start and not end:
        return True
    if event.date is None:
        return False
    return (not start or event.date[:len(start)] >= start) and (not end or event.date[:len(end)] <= end)


TEXT_PREFIX = "text:"
"""Node ids of actors no entity was resolved for, named as written ("text:protesters")."""


def _name(index: CorpusIndex, node_id: str) -> str:
    entity = index.entities.get(node_id)
    return entity.name if entity is not None else node_id.removeprefix(TEXT_PREFIX)


def _words(text: str) -> list[str]:
    return [TEXT_PREFIX + part.casefold().strip() for part in text.split(";") if part.strip()]


def _pairs(index: CorpusIndex, event: Event) -> set[tuple[str, str]]:
    """(actor, target) node ids the event's reports name together: entities, or else the words a report uses."""
    pairs: set[tuple[str, str]] = set()
    for mention_id in event.mention_ids:
        mention = index.event_mentions.get(mention_id)
        if mention is None:
            continue
        actors = [index.entity_of[m] for m in mention.actor_ids if m in index.entity_of] or _words(mention.actor_text)
        targets = ([index.entity_of[m] for m in mention.target_ids if m in index.entity_of]
                   or _words(mention.target_text))
        pairs.update((a, t) for a in actors for t in targets if a != t)
    return pairs


def actor_network(index: CorpusIndex, *, sources: Collection[str] = (), start: str = "", end: str = "",
                  max_nodes: int = 40) -> Network:
    """Entities linked actor -> target, one edge per event type, for events reported by any of `sources`
    (all when empty) dated within start..end; the `max_nodes` most connected actors are kept."""
    wanted = set(sources)
    counts: Counter[tuple[str, str, str]] = Counter()
    for event in index.sorted_events:
        if wanted and not wanted & set(event.doc_ids):
            continue
        if not in_period(event, start, end):
            continue
        for actor, target in _pairs(index, event):
            counts[(actor, target, event.type)] += 1
    degree: Counter[str] = Counter()
    for (actor, target, _), n in counts.items():
        degree[actor] += n
        degree[target] += n
    ordered = sorted(degree, key=lambda e: (-degree[e], _name(index, e)))[:max_nodes]
    kept = set(ordered)
    counts = Counter({key: n for key, n in counts.items() if key[0] in kept and key[1] in kept})
    centre, radius = _SIZE / 2, _SIZE / 2 - 170
    top = max(degree.values(), default=1)
    nodes = {}
    for i, entity_id in enumerate(ordered):
        angle = 2 * math.pi * i / max(1, len(ordered)) - math.pi / 2
        entity = index.entities.get(entity_id)
        r = round(6 + 10 * math.sqrt(degree[entity_id] / top), 1)
        cos, sin = math.cos(angle), math.sin(angle)
        label_radius = radius + r + 6
        nodes[entity_id] = Node(entity_id, _name(index, entity_id), entity.type if entity else "TEXT",
                                degree[entity_id], round(centre + radius * cos, 1), round(centre + radius * sin, 1), r,
                                round(centre + label_radius * cos, 1), round(centre + label_radius * sin + 4, 1),
                                "start" if cos >= -1e-9 else "end")
    edges = []
    for (actor, target, kind), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        a, b = nodes[actor], nodes[target]
        length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
        shorten = b.r + 4  # stop the arrow at the target's edge
        edges.append(Edge(actor, target, kind, n, _TYPE_COLOURS.get(kind, "#888888"), a.x, a.y,
                          round(b.x - (b.x - a.x) * shorten / length, 1),
                          round(b.y - (b.y - a.y) * shorten / length, 1)))
    return Network(tuple(nodes.values()), tuple(edges))


def type_colours() -> dict[str, str]:
    """The colour each event type's edges are drawn in."""
    return dict(_TYPE_COLOURS)

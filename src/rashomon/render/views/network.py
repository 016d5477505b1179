"""The actor network: who acts on whom in the fused events, one edge per PLOVER category, laid out by networkx's
force-directed layout, as plain data (positions, curves, label places) `render.svg` draws.

Nodes are the entities the events name as actor or target; an actor the texts name only by a common noun ("old
scheme", "protesters") is left out unless asked for (`unnamed=True`). Labels are placed where they overlap no other
label and no node (right, left, above, below, then the diagonals); a name with no free place is left to the
node's tooltip. Parallel edges (two categories between one pair, or both directions) are drawn as separate curves.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ...model import Corpus, Event
from .lookup import CorpusLookup, lookup_of

WIDTH = 1000
HEIGHT = 680
MARGIN = 40
FONT = 12.0
_CHAR = 0.58 * FONT  # the width of an average character, for placing labels
TEXT_PREFIX = "text:"
"""Node ids of actors no entity was resolved for, named as written ("text:protesters")."""
SEED = 7  # the layout's random seed: the same graph is always drawn the same way
LAYOUT_ITERATIONS = 400
LAYOUT_SCALING = 4.0  # ForceAtlas2's repulsion: higher spreads the nodes
LAYOUT_GRAVITY = 0.5  # its pull towards the centre, which keeps unconnected groups near the rest


@dataclass(frozen=True, slots=True)
class NetworkNode:
    id: str
    name: str
    type: str  # the entity's type; "TEXT" for an actor named by a common noun
    degree: int
    x: float
    y: float
    r: float
    label_x: float | None  # None: no free place for the name (it is the tooltip)
    label_y: float | None
    anchor: str  # SVG text-anchor

    @property
    def unnamed(self) -> bool:
        return self.id.startswith(TEXT_PREFIX)


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    source: str
    target: str
    type: str  # PLOVER category
    count: int  # events
    path: str  # SVG path data: a line or a quadratic curve, ending at the target's rim


@dataclass(frozen=True, slots=True)
class NetworkChart:
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]
    categories: tuple[str, ...]  # the categories drawn, most edges first
    available: tuple[str, ...]  # every category some event of the chosen sources and period has
    unnamed_hidden: int  # actors named only by a common noun, left out
    width: int = WIDTH
    height: int = HEIGHT

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


def _name(lookup: CorpusLookup, node_id: str) -> str:
    entity = lookup.entities.get(node_id)
    return entity.name if entity is not None else node_id.removeprefix(TEXT_PREFIX)


def _words(text: str) -> list[str]:
    return [TEXT_PREFIX + part.casefold().strip() for part in text.split(";") if part.strip()]


def _pairs(lookup: CorpusLookup, event: Event) -> set[tuple[str, str]]:
    """(actor, target) node ids the event's reports name together: entities, or else the words a report uses."""
    pairs: set[tuple[str, str]] = set()
    for mention_id in event.mention_ids:
        mention = lookup.event_mentions.get(mention_id)
        if mention is None or mention.doc_id not in lookup.documents:
            continue
        actors = [lookup.entity_of[m] for m in mention.actor_ids if m in lookup.entity_of] or _words(mention.actor_text)
        targets = ([lookup.entity_of[m] for m in mention.target_ids if m in lookup.entity_of]
                   or _words(mention.target_text))
        pairs.update((a, t) for a in actors for t in targets if a != t)
    return pairs


def _layout(nodes: list[str], counts: Counter[tuple[str, str, str]]) -> dict[str, tuple[float, float]]:
    """Positions in the chart's units: networkx's spring layout (Fruchterman-Reingold), seeded, fitted to the box."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(nodes)
    for (actor, target, _), n in counts.items():
        weight = graph.get_edge_data(actor, target, {"weight": 0})["weight"]
        graph.add_edge(actor, target, weight=weight + n)
    if len(nodes) == 1:
        return {nodes[0]: (WIDTH / 2, HEIGHT / 2)}
    raw = nx.forceatlas2_layout(graph, max_iter=LAYOUT_ITERATIONS, scaling_ratio=LAYOUT_SCALING, gravity=LAYOUT_GRAVITY,
                                strong_gravity=True, seed=SEED, weight="weight",
                                node_size={n: 1.0 for n in nodes})
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    left, top = MARGIN + 90, MARGIN
    box_w, box_h = WIDTH - 2 * left, HEIGHT - 2 * top
    return {node: (round(left + (float(p[0]) - min(xs)) / span_x * box_w, 1),
                   round(top + (float(p[1]) - min(ys)) / span_y * box_h, 1)) for node, p in raw.items()}


def _overlaps(box: tuple[float, float, float, float], others: list[tuple[float, float, float, float]]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in others)


def _label_places(order: list[str], names: dict[str, str], where: dict[str, tuple[float, float]],
                  radius: dict[str, float]) -> dict[str, tuple[float, float, str]]:
    """A free place for each name, most connected nodes first: (x, baseline y, text-anchor)."""
    taken = [(x - radius[n], y - radius[n], x + radius[n], y + radius[n]) for n, (x, y) in where.items()]
    places: dict[str, tuple[float, float, str]] = {}
    for node in order:
        x, y = where[node]
        r, width = radius[node], len(names[node]) * _CHAR
        gap = r + 4
        candidates = [(x + gap, y + 4, "start"), (x - gap, y + 4, "end"), (x, y - gap - 2, "middle"),
                      (x, y + gap + FONT, "middle"), (x + gap * 0.8, y - gap, "start"), (x - gap * 0.8, y - gap, "end"),
                      (x + gap * 0.8, y + gap + FONT - 2, "start"), (x - gap * 0.8, y + gap + FONT - 2, "end")]
        for lx, ly, anchor in candidates:
            start = lx if anchor == "start" else lx - width if anchor == "end" else lx - width / 2
            box = (start - 1, ly - FONT, start + width + 1, ly + 3)
            inside = box[0] >= 2 and box[2] <= WIDTH - 2 and box[1] >= 2 and box[3] <= HEIGHT - 2
            if inside and not _overlaps(box, taken):
                taken.append(box)
                places[node] = (round(lx, 1), round(ly, 1), anchor)
                break
    return places


def _edge_path(a: tuple[float, float], b: tuple[float, float], bend: float, end_gap: float) -> str:
    """A line from a to b (curved by `bend` units to the left of a->b), stopped `end_gap` short of b."""
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    nx_, ny_ = -(y2 - y1) / length, (x2 - x1) / length
    cx, cy = (x1 + x2) / 2 + nx_ * bend, (y1 + y2) / 2 + ny_ * bend
    tail = math.hypot(x2 - cx, y2 - cy) or 1.0
    ex, ey = x2 - (x2 - cx) / tail * end_gap, y2 - (y2 - cy) / tail * end_gap
    if not bend:
        return f"M{x1:.1f},{y1:.1f} L{ex:.1f},{ey:.1f}"
    return f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"


def network_chart(corpus: Corpus | CorpusLookup, *, sources: Collection[str] = (), start: str = "", end: str = "",
                  categories: Collection[str] = (), unnamed: bool = False, max_nodes: int = 40) -> NetworkChart:
    """Entities linked actor -> target, one edge per PLOVER category, for events reported by any of `sources` (all
    when empty), dated within start..end and of one of `categories` (all when empty); actors named only by a common
    noun only when `unnamed`. The `max_nodes` most connected actors are kept."""
    lookup = lookup_of(corpus)
    wanted, kinds = set(sources), set(categories)
    counts: Counter[tuple[str, str, str]] = Counter()
    available: Counter[str] = Counter()
    hidden: set[str] = set()
    for event in lookup.sorted_events:
        if (wanted and not wanted & set(event.doc_ids)) or not in_period(event, start, end):
            continue
        pairs = _pairs(lookup, event)
        if pairs:
            available[event.type] += 1
        if kinds and event.type not in kinds:
            continue
        for actor, target in pairs:
            if not unnamed and (actor.startswith(TEXT_PREFIX) or target.startswith(TEXT_PREFIX)):
                hidden.update(n for n in (actor, target) if n.startswith(TEXT_PREFIX))
                continue
            counts[(actor, target, event.type)] += 1
    degree: Counter[str] = Counter()
    for (actor, target, _), n in counts.items():
        degree[actor] += n
        degree[target] += n
    order = sorted(degree, key=lambda e: (-degree[e], _name(lookup, e)))[:max_nodes]
    kept = set(order)
    counts = Counter({key: n for key, n in counts.items() if key[0] in kept and key[1] in kept})
    if not counts:
        return NetworkChart((), (), (), tuple(t for t, _ in available.most_common()), len(hidden))
    order = [n for n in order if any(n in key[:2] for key in counts)]
    where = _layout(order, counts)
    top = max(degree[n] for n in order)
    radius = {n: round(5 + 11 * math.sqrt(degree[n] / top), 1) for n in order}
    names = {n: _name(lookup, n) for n in order}
    places = _label_places(order, names, where, radius)
    nodes = []
    for node in order:
        entity = lookup.entities.get(node)
        label = places.get(node)
        nodes.append(NetworkNode(node, names[node], entity.type if entity else "TEXT", degree[node], *where[node],
                                 radius[node], label[0] if label else None, label[1] if label else None,
                                 label[2] if label else "start"))
    siblings: defaultdict[frozenset[str], list[tuple[str, str, str]]] = defaultdict(list)
    for key in sorted(counts, key=lambda k: (-counts[k], k)):
        siblings[frozenset(key[:2])].append(key)
    edges = []
    for group in siblings.values():
        for index, (actor, target, kind) in enumerate(group):
            bend = 0.0 if len(group) == 1 else (index - (len(group) - 1) / 2) * 22
            if actor > target:  # one side of the pair for both directions: the bend turns with the direction
                bend = -bend
            path = _edge_path(where[actor], where[target], bend, radius[target] + 3)
            edges.append(NetworkEdge(actor, target, kind, counts[(actor, target, kind)], path))
    drawn = Counter(e.type for e in edges)
    return NetworkChart(tuple(nodes), tuple(edges), tuple(t for t, _ in drawn.most_common()),
                        tuple(t for t, _ in available.most_common()), len(hidden))


__all__ = ["TEXT_PREFIX", "NetworkChart", "NetworkEdge", "NetworkNode", "in_period", "network_chart"]

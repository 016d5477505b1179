"""The timeline chart: time on one axis, one lane per source, each event a mark in the lane of every source that
reports it, as plain data (positions in the chart's units) that `render.svg` draws.

A mark's size says how many independent sources report the event, its colour the PLOVER category; a date known
to the day is a dot, a coarser one (a month, a year) a bar over the whole period it names. When the sources give
different dates, each source's mark stands at the date that source gives, outlined, and a dashed line joins them.
The axis is broken where nothing happens for a while (background from 2003 beside a week in 2020), each piece
scaled on its own, wider the more marks it holds. The chart shows the items of the timeline view it is given, so
a filter applied to the timeline applies to the chart.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ...time.values import RANK, TimeValue, parse_value
from .sources import DocumentRow
from .timeline import TimelineItem, TimelineView

WIDTH = 1100  # the chart's width, in its units
LABEL_WIDTH = 200  # the lanes' names, on the left
UNDATED_WIDTH = 96  # "+N undated" per lane, on the right
ROW = 24  # a row of marks in a lane
LANE_PAD = 6
AXIS_HEIGHT = 46  # tick labels and each piece's years under the lanes
BREAK = 18  # the gap drawn between two pieces of a broken axis
GAP_DAYS = 21  # three weeks without a mark break the axis
MIN_PIECE = 64  # the narrowest piece of axis
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class AxisPiece:
    """One piece of the (possibly broken) time axis: the days `start`..`end` drawn from x0 to x1."""

    x0: float
    x1: float
    start: str  # ISO day
    end: str
    caption: str  # the years it covers: "2003", "2019–2020"
    ticks: tuple[Tick, ...]


@dataclass(frozen=True, slots=True)
class Lane:
    """One source's lane."""

    doc_id: str
    label: str  # the source's name
    title: str  # the document's title, for the lane's tooltip
    y: float  # top
    height: float
    marks: int  # dated events drawn in it
    undated: int  # events it reports without a date (counted, not drawn)


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """One event in one source's lane."""

    event_id: str
    doc_id: str
    category: str  # PLOVER type
    x: float  # left edge of a bar, centre of a dot
    width: float  # 0 for a dot (a date known to the day)
    y: float  # centre
    r: float  # radius of a dot, half the height of a bar
    date: str  # the date this source gives (or the event's)
    precision: str  # "day", "month", "year", ...
    what: str  # "assault (aerial) by A on B"
    articles: int
    independent: int
    conflict: str  # "" or what the sources disagree on: "dates differ: 2020-01-03, 2020-01-02"

    @property
    def bar(self) -> bool:
        return self.width > 0


@dataclass(frozen=True, slots=True)
class Connector:
    """A dashed line joining one event's marks when its sources give different dates."""

    event_id: str
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class TimelineChart:
    width: float
    height: float
    plot_x0: float  # where the axis starts and ends
    plot_x1: float
    axis_y: float
    lanes: tuple[Lane, ...]
    pieces: tuple[AxisPiece, ...]
    marks: tuple[TimelineMark, ...]
    connectors: tuple[Connector, ...]
    categories: tuple[str, ...]  # the PLOVER types drawn, most marks first
    events: int  # events with a mark
    undated: int  # events with no date (none of their sources dates them)

    @property
    def empty(self) -> bool:
        return not self.marks


@dataclass(frozen=True, slots=True)
class _Placed:
    item: TimelineItem
    doc_id: str
    value: TimeValue

    @property
    def first(self) -> int:
        return self.value.start.toordinal()

    @property
    def last(self) -> int:  # the day after the last day covered
        return self.value.end.toordinal() + 1


def _source_value(item: TimelineItem, doc_id: str, event_value: TimeValue | None) -> TimeValue | None:
    """The date a source gives for an event: its own report's date when the sources disagree, else the event's."""
    if item.date_conflict:
        for report in item.reports:
            own = parse_value(report.date) if report.doc_id == doc_id else None
            if own is not None:
                return own
    return event_value


def _conflict(item: TimelineItem) -> str:
    parts = []
    if item.date_conflict and item.dates:
        parts.append("dates differ: " + ", ".join(item.dates))
    if item.place_conflict:
        parts.append("places differ: " + "; ".join(f"{', '.join(p.places)} ({p.source})" for p in item.place_conflict))
    differ = [f.label for f in item.figures if f.verdict == "differ"]
    if differ:
        parts.append("figures differ: " + "; ".join(differ))
    return " · ".join(parts)


def _clusters(placed: Sequence[_Placed]) -> list[list[_Placed]]:
    """Marks grouped into runs with no gap longer than GAP_DAYS between them."""
    clusters: list[list[_Placed]] = []
    end = None
    for mark in sorted(placed, key=lambda p: (p.first, p.last)):
        if end is None or mark.first - end > GAP_DAYS:
            clusters.append([])
            end = mark.last
        clusters[-1].append(mark)
        end = max(end, mark.last)
    return clusters


def _coarse(mark: _Placed) -> bool:
    return RANK.get(mark.value.grain, 0) >= RANK["year"]


def _arrange(placed: Sequence[_Placed]) -> list[tuple[list[_Placed], int, int]]:
    """The pieces of axis: (marks, first day, day after the last) in time order.

    Dates finer than a year make the runs (`_clusters`); a year or a decade that overlaps a run is drawn in it (cut to
    it), so that "2024" does not stretch a week of January over twelve months; the other years make runs of their own.
    """
    runs = [(cluster, min(m.first for m in cluster), max(m.last for m in cluster))
            for cluster in _clusters([m for m in placed if not _coarse(m)])]
    alone = []
    for mark in (m for m in placed if _coarse(m)):
        home = next((run for run in runs if mark.first < run[2] and run[1] < mark.last), None)
        if home is None:
            alone.append(mark)
        else:
            home[0].append(mark)
    runs += [(c, min(m.first for m in c), max(m.last for m in c)) for c in _clusters(alone)]
    return sorted(runs, key=lambda run: run[1])


def _day(ordinal: float) -> date:
    return date.fromordinal(int(ordinal))


def _caption(first: date, last: date) -> str:
    return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"


def _ticks(first: float, last: float, x0: float, x1: float) -> tuple[Tick, ...]:
    """Ticks at days, months or years, as the piece's scale allows (about 48 units apart at least); none when only
    one fits (the piece's caption says its year)."""
    per_day = (x1 - x0) / max(1.0, last - first)

    def x_of(day: date) -> float:
        return round(x0 + (day.toordinal() - first) * per_day, 1)

    start, end = _day(first), _day(last)
    ticks: list[Tick] = []
    if last - first <= 62:
        step = next((s for s in (1, 2, 7, 14) if s * per_day >= 48), 28)
        day = start + timedelta(days=1) if first % 1 else start
        while day <= end:
            ticks.append(Tick(x_of(day), f"{day.day} {MONTHS[day.month - 1]}"))
            day += timedelta(days=step)
        return tuple(ticks) if len(ticks) > 1 else ()
    if last - first <= 3 * 366:
        step = next((s for s in (1, 2, 3, 6) if s * 30.4 * per_day >= 48), 12)
        month, count = date(start.year, start.month, 1), 0
        while month <= end:
            if month >= start:
                if count % step == 0:
                    ticks.append(Tick(x_of(month), MONTHS[month.month - 1]))
                count += 1
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return tuple(ticks) if len(ticks) > 1 else ()
    step = next((s for s in (1, 2, 5, 10, 20, 50) if s * 365.25 * per_day >= 48), 100)
    for year in range(start.year + 1 if start > date(start.year, 1, 1) else start.year, end.year + 1):
        if year % step == 0:
            ticks.append(Tick(x_of(date(year, 1, 1)), str(year)))
    return tuple(ticks) if len(ticks) > 1 else ()


def _pieces(runs: Sequence[tuple[list[_Placed], int, int]], x0: float,
            x1: float) -> list[tuple[float, float, float, float, str, bool]]:
    """(first day, last day, x0, x1, caption, whether it holds only years) of each piece of axis (the days padded a
    little): at least MIN_PIECE wide, the rest shared out by the marks each piece holds."""
    available = x1 - x0 - BREAK * (len(runs) - 1)
    least = min(MIN_PIECE, available / len(runs))
    spare = available - least * len(runs)
    total = sum(len(marks) for marks, _, _ in runs)
    pieces = []
    x = x0
    for marks, first, last in runs:
        pad = max(1.0, 0.05 * (last - first))
        width = least + spare * len(marks) / total
        coarse = all(_coarse(m) for m in marks)  # its ticks would say no more than its caption
        pieces.append((first - pad, last + pad, x, x + width, _caption(_day(first), _day(last - 1)), coarse))
        x += width + BREAK
    return pieces


def _lane_rows(marks: Sequence[tuple[float, float, float, _Placed]]) -> list[int]:
    """A row for each (x, width, r, placed) mark so that marks in one row do not overlap (first fit, in x order)."""
    ends: list[float] = []
    rows = [0] * len(marks)
    for index in sorted(range(len(marks)), key=lambda i: marks[i][0] - (marks[i][2] if not marks[i][1] else 0)):
        x, width, r, _ = marks[index]
        left, right = (x, x + width) if width else (x - r, x + r)
        row = next((n for n, end in enumerate(ends) if end + 3 <= left), len(ends))
        if row == len(ends):
            ends.append(right)
        ends[row] = right
        rows[index] = row
    return rows


def timeline_chart(timeline: TimelineView, sources: Sequence[DocumentRow]) -> TimelineChart:
    """The chart of `timeline`'s items, one lane per source of `sources` (in that order)."""
    lane_of = {doc.id: doc for doc in sources}
    placed: list[_Placed] = []
    undated: Counter[str] = Counter()
    undated_events = 0
    for item in timeline.items:
        value = parse_value(item.date)
        dated = False
        for doc_id in dict.fromkeys(item.doc_ids):
            if doc_id not in lane_of:
                continue
            own = _source_value(item, doc_id, value)
            if own is None:
                undated[doc_id] += 1
            else:
                placed.append(_Placed(item, doc_id, own))
                dated = True
        undated_events += 0 if dated else 1
    x0, x1 = LABEL_WIDTH, WIDTH - UNDATED_WIDTH
    runs = _arrange(placed)
    pieces = _pieces(runs, x0, x1) if placed else []
    geometry: dict[str, list[tuple[float, float, float, _Placed]]] = {doc.id: [] for doc in sources}
    for (cluster, _, _), (first, last, px0, px1, _, _) in zip(runs, pieces, strict=True):
        per_day = (px1 - px0) / (last - first)
        for mark in cluster:
            r = min(11.0, 3.5 + 2.5 * max(1, mark.item.independent))
            start, stop = max(mark.first, first), min(mark.last, last)  # a year cut to the piece it is drawn in
            left = px0 + (start - first) * per_day
            width = 0.0 if mark.value.grain == "day" else max(6.0, (stop - start) * per_day)
            geometry[mark.doc_id].append((round(left if width else left + per_day / 2, 1), round(width, 1), r, mark))
    lanes: list[Lane] = []
    marks: list[TimelineMark] = []
    y = 0.0
    for doc in sources:
        found = geometry[doc.id]
        rows = _lane_rows(found)
        height = max(1, max(rows, default=0) + 1) * ROW + 2 * LANE_PAD
        lanes.append(Lane(doc.id, doc.source, doc.title, y, height, len(found), undated[doc.id]))
        for (x, width, r, mark), row in zip(found, rows, strict=True):
            item = mark.item
            marks.append(TimelineMark(item.id, doc.id, item.type, x, width, y + LANE_PAD + row * ROW + ROW / 2,
                                      r if not width else min(r, 8.0), mark.value.format(), mark.value.precision,
                                      item.what, item.articles, item.independent, _conflict(item)))
        y += height
    connectors: list[Connector] = []
    by_event: dict[str, list[TimelineMark]] = {}
    for drawn in marks:
        by_event.setdefault(drawn.event_id, []).append(drawn)
    for event_marks in by_event.values():
        if len({m.date for m in event_marks}) > 1:
            ordered = sorted(event_marks, key=lambda m: m.y)
            connectors.extend(Connector(a.event_id, _centre(a), a.y, _centre(b), b.y)
                              for a, b in itertools.pairwise(ordered))
    y += 8  # a gap between the last lane and the axis
    axis_pieces = _spaced(tuple(AxisPiece(round(px0, 1), round(px1, 1), _day(first).isoformat(), _day(last).isoformat(),
                                  caption, () if coarse else _ticks(first, last, px0, px1))
                        for first, last, px0, px1, caption, coarse in pieces))
    categories = tuple(kind for kind, _ in Counter(m.category for m in marks).most_common())
    return TimelineChart(WIDTH, y + AXIS_HEIGHT, x0, x1, y, tuple(lanes), axis_pieces, tuple(marks),
                         tuple(connectors), categories, len(by_event), undated_events)


def _spaced(pieces: tuple[AxisPiece, ...]) -> tuple[AxisPiece, ...]:
    """The pieces with every tick whose label would run into the one before it (in another piece) left out."""
    kept, right = [], -1e9
    for piece in pieces:
        ticks = []
        for tick in piece.ticks:
            half = len(tick.label) * 3.3
            if tick.x - half >= right + 6:
                ticks.append(tick)
                right = tick.x + half
        kept.append(AxisPiece(piece.x0, piece.x1, piece.start, piece.end, piece.caption, tuple(ticks)))
    return tuple(kept)


def _centre(mark: TimelineMark) -> float:
    return mark.x + mark.width / 2


__all__ = ["AxisPiece", "Connector", "Lane", "Tick", "TimelineChart", "TimelineMark", "timeline_chart"]

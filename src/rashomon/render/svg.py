"""Inline SVG of the chart views, for the HTML report and the web pages alike.

Every chart is drawn from its view (positions and labels already computed, `render.views`); this only writes the
markup. A mark's tooltip is an SVG <title> and a click follows a link, so the charts work without a script and in
a single saved file. Each output says where a record's link goes with a `Linker` (the report: an anchor in the
page; the web: the record's page). Document text (names, labels, titles) is escaped like every other piece of
text: it is only ever an argument of `Markup.format`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

from markupsafe import Markup

from .palette import CATEGORY_COLOURS, STANCE_COLOURS, category_colour, category_name
from .views.map_chart import MapChart
from .views.network import NetworkChart
from .views.number_chart import NumberChart
from .views.stance_chart import StanceChart
from .views.timeline_chart import TimelineChart

Linker = Callable[[str, str], str | None]
"""(kind, record id) -> the link's target, or None when it has none; kinds: "event", "entity", "doc", "claim"."""

_FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'


def _linked(href: str | None, inner: Markup) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, inner) if href else inner


def _join(parts: Iterable[Markup]) -> Markup:
    return Markup("").join(parts)


def legend(categories: Sequence[str]) -> Markup:
    """An HTML legend of PLOVER categories: a swatch of each category's colour and its name."""
    items = (Markup('<span class="key"><i style="background:{}"></i>{}</span>').format(category_colour(c),
                                                                                          category_name(c))
             for c in categories)
    return Markup('<span class="chart-legend">{}</span>').format(_join(items))


_NODE_NAMES = {"PERSON": "person", "ORG": "organisation", "PLACE": "place", "GROUP": "group",
               "TEXT": "named by a common noun"}


def node_legend(types: Iterable[str]) -> Markup:
    """An HTML legend of the network's node colours (entity types)."""
    items = (Markup('<span class="key"><i style="background:{};border-radius:50%"></i>{}</span>').format(
        _NODE_FILL.get(t, "#d6dde5"), _NODE_NAMES.get(t, t.lower())) for t in dict.fromkeys(types))
    return Markup('<span class="chart-legend">{}</span>').format(_join(items))


def all_categories() -> tuple[str, ...]:
    """Every PLOVER category, in PLOVER's order."""
    return tuple(CATEGORY_COLOURS)


# --- timeline --------------------------------------------------------------------------------------------------

def timeline_svg(chart: TimelineChart, link: Linker) -> Markup:
    """The timeline chart: lanes, the broken time axis, a mark per event and source, dashed lines for date
    conflicts. Each mark's tooltip names the event; a click opens it."""
    parts: list[Markup] = []
    bottom = chart.axis_y
    for index, lane in enumerate(chart.lanes):
        shade = "#f6f7f9" if index % 2 else "#ffffff"
        parts.append(Markup('<rect class="lane" x="0" y="{}" width="{}" height="{}" fill="{}"/>').format(
            lane.y, chart.width, lane.height, shade))
        label = lane.label if len(lane.label) <= 28 else lane.label[:27] + "…"
        parts.append(_linked(link("doc", lane.doc_id), Markup(
            '<text class="lane-label" x="8" y="{}" font-size="12.5" fill="#1d2430">{}<title>{}</title></text>').format(
            lane.y + lane.height / 2 + 4, label, f"{lane.label}: {lane.title}")))
        if lane.undated:
            parts.append(Markup('<text class="undated" x="{}" y="{}" font-size="11" fill="#6b7280">+{} undated'
                                '<title>{} of this source\'s events have no date</title></text>').format(
                chart.plot_x1 + 10, lane.y + lane.height / 2 + 4, lane.undated, lane.undated))
    for piece in chart.pieces:
        parts.append(Markup('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#1d2430"/>').format(
            piece.x0, piece.x1, bottom, bottom))
        for tick in piece.ticks:
            parts.append(Markup('<line x1="{0}" x2="{0}" y1="0" y2="{1}" stroke="#e3e6ea"/>'
                                '<line x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="#1d2430"/>'
                                '<text x="{0}" y="{3}" font-size="11" text-anchor="middle" fill="#374151">{4}</text>'
                                ).format(tick.x, bottom, bottom + 4, bottom + 16, tick.label))
        parts.append(Markup('<text x="{}" y="{}" font-size="11.5" font-weight="600" text-anchor="middle" '
                            'fill="#1d2430">{}</text>').format((piece.x0 + piece.x1) / 2, bottom + 34, piece.caption))
    for left, right in itertools.pairwise(chart.pieces):
        middle = (left.x1 + right.x0) / 2
        parts.append(Markup('<path class="axis-break" d="M{} {} l4 -8 l4 16 l4 -8" fill="none" stroke="#1d2430"/>'
                            ).format(middle - 6, bottom))
    for line in chart.connectors:
        parts.append(Markup('<line class="conflict-link" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#b91c1c" '
                            'stroke-width="1.5" stroke-dasharray="4 3"/>').format(line.x1, line.y1, line.x2, line.y2))
    for mark in chart.marks:
        colour = category_colour(mark.category)
        stroke = ('stroke="#b91c1c" stroke-width="2.5"' if mark.conflict else 'stroke="#ffffff" stroke-width="1"')
        title = (f"{mark.date} ({mark.precision}) · {mark.what} · reported by {mark.articles} article"
                 f"{'' if mark.articles == 1 else 's'} ({mark.independent} independent)"
                 + (f" · ⚠ {mark.conflict}" if mark.conflict else ""))
        if mark.bar:
            shape = Markup('<rect class="mark bar" data-event="{}" x="{}" y="{}" width="{}" height="{}" rx="3" '
                           'fill="{}" fill-opacity="0.75" ' + stroke + '><title>{}</title></rect>').format(
                mark.event_id, mark.x, mark.y - mark.r, mark.width, 2 * mark.r, colour, title)
        else:
            shape = Markup('<circle class="mark dot" data-event="{}" cx="{}" cy="{}" r="{}" fill="{}" '
                           + stroke + '><title>{}</title></circle>').format(
                mark.event_id, mark.x, mark.y, mark.r, colour, title)
        parts.append(_linked(link("event", mark.event_id), shape))
    return Markup('<svg class="chart timeline-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
                  'aria-label="timeline chart: {} events by source and date" ' + _FONT + '>{}</svg>').format(
        chart.width, chart.height, chart.width, chart.height, chart.events, _join(parts))


# --- numbers ---------------------------------------------------------------------------------------------------

def number_svg(chart: NumberChart, link: Linker) -> Markup:
    """One quantity's figures on a number line: dots, bars between bounds, open intervals with an arrow. Each mark's
    tooltip says who gives the figure and whom it cites; a click opens the figure in its text."""
    colour = {"differ": "#b91c1c", "agree": "#15803d"}.get(chart.verdict, "#374151")
    arrow = f"open-end-{chart.verdict or 'none'}"
    parts: list[Markup] = [Markup(
        '<defs><marker id="{}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="10" markerHeight="10" '
        'markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/>'
        '</marker></defs>').format(arrow, colour)]
    for index, mark in enumerate(chart.marks):
        if index % 2:
            parts.append(Markup('<rect x="0" y="{}" width="{}" height="24" fill="#f6f7f9"/>').format(
                mark.y - 12, chart.width))
        label = mark.source if len(mark.source) <= 30 else mark.source[:29] + "…"
        parts.append(Markup('<text x="8" y="{}" font-size="12" fill="#1d2430">{}</text>').format(mark.y + 4, label))
    bottom = chart.axis_y
    parts.append(Markup('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#1d2430"/>').format(
        chart.x0, chart.x1, bottom, bottom))
    for tick in chart.ticks:
        parts.append(Markup('<line x1="{0}" x2="{0}" y1="4" y2="{1}" stroke="#e3e6ea"/>'
                            '<text x="{0}" y="{2}" font-size="11" text-anchor="middle" fill="#374151">{3}</text>'
                            ).format(tick.x, bottom + 4, bottom + 17, tick.label))
    if chart.log:
        parts.append(Markup('<text x="{}" y="{}" font-size="10.5" text-anchor="end" fill="#6b7280">log scale</text>'
                            ).format(chart.x1, bottom + 28))
    for mark in chart.marks:
        says = f"{mark.source}: “{mark.text}”" + (f" (read as {mark.amount})" if mark.amount else "")
        says += f", according to {mark.attributed_to}" if mark.attributed_to else ", stated by the source itself"
        title = Markup("<title>{}</title>").format(says)
        if mark.kind == "point":
            shape = Markup('<circle class="figure-mark" cx="{}" cy="{}" r="6" fill="{}">{}</circle>').format(
                mark.x1, mark.y, colour, title)
        else:
            open_left, open_right = mark.kind == "at-most", mark.kind == "at-least"
            line = Markup('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="{}"{}{}/>').format(
                mark.x1, mark.x2, mark.y, mark.y, colour, 3 if mark.kind == "range" else 2.5,
                Markup(' marker-end="url(#{})" stroke-dasharray="6 3"').format(arrow) if open_right else "",
                Markup(' marker-start="url(#{})" stroke-dasharray="6 3"').format(arrow) if open_left else "")
            ends = []
            for x, is_bound in ((mark.x1, not open_left), (mark.x2, not open_right)):
                if is_bound:
                    hollow = mark.exclusive and mark.kind != "range"
                    ends.append(Markup('<circle cx="{}" cy="{}" r="5" fill="{}" stroke="{}" stroke-width="2"/>'
                                       ).format(x, mark.y, "#ffffff" if hollow else colour, colour))
            shape = Markup('<g class="figure-mark">{}{}{}</g>').format(line, _join(ends), title)
        parts.append(_linked(link("claim", mark.claim_id), shape))
    return Markup('<svg class="chart number-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
                  'aria-label="figures for {}" ' + _FONT + '>{}</svg>').format(
        chart.width, chart.height, chart.width, chart.height, chart.label, _join(parts))


# --- stance ----------------------------------------------------------------------------------------------------

def stance_svg(chart: StanceChart, link: Linker) -> Markup:
    """Actors by source, each cell coloured by the stance, its opacity the confidence; "not enough evidence" is
    hatched with a question mark, no stance an empty cell."""
    parts: list[Markup] = [Markup(
        '<defs><pattern id="not-enough" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#c4c8ce" stroke-width="2"/></pattern></defs>')]
    for column in chart.columns:
        chars = max(6, int(column.width / 6.6))
        name = column.source if len(column.source) <= chars else column.source[:chars - 1] + "…"
        parts.append(_linked(link("doc", column.doc_id), Markup(
            '<text x="{}" y="26" font-size="12" font-weight="600" text-anchor="middle" fill="#1d2430">{}'
            '<title>{}</title></text>').format(column.x + column.width / 2, name, column.source)))
    for row in chart.rows:
        name = row.name if len(row.name) <= 28 else row.name[:27] + "…"
        text = Markup('<text x="8" y="{}" font-size="12.5" fill="#1d2430">{}<title>{}</title></text>').format(
            row.y + 21, name, row.name)
        parts.append(_linked(link("entity", row.entity_id) if row.known else None, text))
    for cell in chart.cells:
        x, y, w, h = cell.x + 2, cell.y + 2, cell.width - 4, cell.height - 4
        if cell.state == "none":
            title = f"{cell.source} takes no stance towards {cell.entity} (it mentions it too little)"
            parts.append(Markup('<rect class="stance-cell none" x="{}" y="{}" width="{}" height="{}" rx="4" '
                                'fill="none" stroke="#e3e6ea"><title>{}</title></rect>').format(x, y, w, h, title))
            continue
        if cell.state == "unknown":
            title = (f"{cell.source} on {cell.entity}: not enough evidence to say "
                     f"({cell.mentions} mention{'' if cell.mentions == 1 else 's'}, no judgement of its own)")
            shape = Markup('<g class="stance-cell unknown"><rect x="{}" y="{}" width="{}" height="{}" rx="4" '
                           'fill="url(#not-enough)" stroke="#c4c8ce"/><text x="{}" y="{}" font-size="12" '
                           'text-anchor="middle" fill="#6b7280">? not enough evidence</text><title>{}</title></g>'
                           ).format(x, y, w, h, x + w / 2, y + h / 2 + 4, title)
        else:
            title = (f"{cell.source} on {cell.entity}: {cell.state} ({cell.score:+.2f}) from {cell.judgements} "
                     f"judgement{'' if cell.judgements == 1 else 's'}, {cell.mentions} mentions; "
                     f"confidence {cell.confidence:.2f}")
            opacity = round(cell.strength * (0.35 + 0.65 * cell.confidence), 2)
            ink = "#ffffff" if opacity > 0.55 and cell.state != "neutral" else "#1d2430"
            shape = Markup('<g class="stance-cell {}"><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" '
                           'fill-opacity="{}"/><text x="{}" y="{}" font-size="12" font-weight="600" '
                           'text-anchor="middle" fill="{}">{:+.2f}</text><rect x="{}" y="{}" width="{}" height="3" '
                           'fill="#1d2430" fill-opacity="0.45"/><title>{}</title></g>').format(
                cell.state, x, y, w, h, STANCE_COLOURS.get(cell.state, "#8a8f98"), opacity, x + w / 2, y + h / 2 + 4,
                ink, cell.score, x + 4, y + h - 5, round((w - 8) * cell.confidence, 1), title)
        parts.append(_linked(link("entity", cell.entity_id) if cell.entity_known else None, shape))
    return Markup('<svg class="chart stance-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
                  'aria-label="stance of each source towards the main actors" ' + _FONT + '>{}</svg>').format(
        chart.width, chart.height, chart.width, chart.height, _join(parts))


# --- network ---------------------------------------------------------------------------------------------------

_NODE_FILL = {"PERSON": "#9cc4f5", "ORG": "#f7bd80", "PLACE": "#9ad3a3", "GROUP": "#dcaee8", "TEXT": "#d6dde5"}


def network_svg(chart: NetworkChart, link: Linker) -> Markup:
    """The actor network: curved edges coloured by PLOVER category with arrows, nodes sized by their links,
    names where they overlap nothing (every name is also the node's tooltip)."""
    markers = _join(Markup('<marker id="arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
                           'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
                           '<path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>').format(kind, category_colour(kind))
                    for kind in chart.categories)
    names = {node.id: node.name for node in chart.nodes}
    parts: list[Markup] = [Markup("<defs>{}</defs>").format(markers)]
    for edge in chart.edges:
        title = f"{names[edge.source]} → {names[edge.target]}: {category_name(edge.type)} ×{edge.count}"
        parts.append(Markup('<path class="edge" d="{}" fill="none" stroke="{}" stroke-width="{}" stroke-opacity="0.8" '
                            'marker-end="url(#arrow-{})"><title>{}</title></path>').format(
            edge.path, category_colour(edge.type), min(1.5 + edge.count, 6), edge.type, title))
    for node in chart.nodes:
        title = f"{node.name} ({node.degree} link{'' if node.degree == 1 else 's'})"
        circle = Markup('<circle class="node t-{}" cx="{}" cy="{}" r="{}" fill="{}" stroke="#5b6b7c">'
                        '<title>{}</title></circle>').format(node.type, node.x, node.y, node.r,
                                                             _NODE_FILL.get(node.type, "#d6dde5"), title)
        label = Markup("")
        if node.label_x is not None:
            label = Markup('<text class="node-label{}" x="{}" y="{}" text-anchor="{}" font-size="12" fill="#1d2430" '
                           'paint-order="stroke" stroke="#ffffff" stroke-width="3">{}</text>').format(
                " unnamed" if node.unnamed else "", node.label_x, node.label_y, node.anchor, node.name)
        parts.append(_linked(None if node.unnamed else link("entity", node.id),
                             Markup('<g class="node-group">{}{}</g>').format(circle, label)))
    return Markup('<svg class="chart network" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
                  'aria-label="actor network" ' + _FONT + '>{}</svg>').format(
        chart.width, chart.height, chart.width, chart.height, _join(parts))


# --- map -------------------------------------------------------------------------------------------------------

def map_svg(chart: MapChart, link: Linker) -> Markup:
    """Event places over coastlines and borders: a circle per place, sized by its events, coloured by their most
    frequent category; the tooltip lists the events, a click opens the most reported one."""
    parts: list[Markup] = [Markup('<defs><clipPath id="map-box"><rect width="{}" height="{}"/></clipPath></defs>'
                                  '<rect width="{}" height="{}" fill="#dbe9f4"/>').format(
        chart.width, chart.height, chart.width, chart.height)]
    shapes = _join(Markup('<path d="{}" fill="#f4f1e8" stroke="#9aa3ad" stroke-width="0.7"/>').format(d)
                   for d in chart.land)
    lines = _join(Markup('<path d="{}" fill="none" stroke="#b3a89a" stroke-width="0.8" stroke-dasharray="3 2"/>'
                         ).format(d) for d in chart.borders)
    parts.append(Markup('<g clip-path="url(#map-box)">{}{}</g>').format(shapes, lines))
    for place in chart.places:
        shown = "; ".join(place.labels[:8]) + (f"; and {len(place.labels) - 8} more" if len(place.labels) > 8 else "")
        title = f"{place.name}: {place.events} event{'' if place.events == 1 else 's'} — {shown}"
        circle = Markup('<circle class="place" cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="0.85" stroke="#ffffff" '
                        'stroke-width="1.5"><title>{}</title></circle>').format(
            place.x, place.y, place.r, category_colour(place.category), title)
        label = Markup("")
        if place.label_x is not None:
            label = Markup('<text x="{}" y="{}" font-size="12" fill="#1d2430" paint-order="stroke" stroke="#ffffff" '
                           'stroke-width="3">{}</text>').format(place.label_x, place.label_y, place.name)
        parts.append(_linked(link("event", place.event_ids[0]), Markup("<g>{}{}</g>").format(circle, label)))
    return Markup('<svg class="chart map-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
                  'aria-label="map of event places" ' + _FONT + '>{}</svg>').format(
        chart.width, chart.height, chart.width, chart.height, _join(parts))

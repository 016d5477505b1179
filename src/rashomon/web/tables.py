"""The web pages' tables as CSV (`/csv/{table}`): the rows of the same views the pages show, one CSV per table,
and the app's icon."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..render.views.network import network_chart
from .index import CorpusIndex

Rows = list[Sequence[object]]


def _sources(index: CorpusIndex) -> Rows:
    rows: Rows = [("id", "title", "outlet", "author", "published", "words", "path", "url")]
    rows += [(d.id, d.title, d.source, d.author or "", d.published or "", d.words, d.path, d.url or "")
             for d in index.sources.documents]
    return rows


def _entities(index: CorpusIndex) -> Rows:
    rows: Rows = [("id", "name", "type", "mentions", "sources", "also written")]
    rows += [(e.id, e.name, e.type, e.mentions, e.sources, "; ".join(e.aliases[1:]))
             for e in index.entities_page.entities]
    return rows


def _events(index: CorpusIndex) -> Rows:
    rows: Rows = [("id", "date", "precision", "dates differ", "type", "mode", "what", "places", "articles",
                   "independent", "sources")]
    rows += [(e.id, e.date or "", e.precision, "; ".join(e.dates) if e.date_conflict else "", e.type, e.mode, e.what,
              "; ".join(e.places), e.articles, e.independent,
              "; ".join(dict.fromkeys(r.source for r in e.reports))) for e in index.timeline.items]
    return rows


def _claims(index: CorpusIndex) -> Rows:
    rows: Rows = [("group", "verdict", "source", "number", "read as", "what", "attributed to", "sentence", "id")]
    view = index.claims_page
    tables = [(g.label, g.verdict, g.claims) for g in view.groups] + [("", "", view.ungrouped)]
    rows += [(label, verdict, c.source, c.text, c.amount, c.what, c.attributed_to, c.passage.sentence_text.strip(),
              c.id) for label, verdict, claims in tables for c in claims]
    return rows


def _stances(index: CorpusIndex) -> Rows:
    rows: Rows = [("source", "entity", "label", "score", "confidence", "enough evidence", "mentions", "judgements")]
    rows += [(s.source, s.entity_name or s.entity_id, s.label, s.score, s.confidence, "yes" if s.enough else "no",
              s.mentions, len(s.evidence)) for s in index.sides.stances]
    return rows


def _vocabulary(index: CorpusIndex) -> Rows:
    rows: Rows = [("source", "term", "z", "count")]
    rows += [(doc.source, term, z, count) for doc, terms in index.sides.vocabulary for term, z, count in terms]
    return rows


def _network(index: CorpusIndex) -> Rows:
    graph = network_chart(index, unnamed=True)
    names = {n.id: n.name for n in graph.nodes}
    rows: Rows = [("actor", "category", "target", "events")]
    rows += [(names[e.source], e.type, names[e.target], e.count) for e in graph.edges]
    return rows


TABLES: dict[str, Callable[[CorpusIndex], Rows]] = {
    "sources": _sources, "entities": _entities, "events": _events, "claims": _claims, "stances": _stances,
    "vocabulary": _vocabulary, "network": _network}
"""Each downloadable table and how its rows are made."""


def table_rows(index: CorpusIndex, table: str) -> Rows | None:
    """The header and rows of one table; None when there is no such table."""
    make = TABLES.get(table)
    return make(index) if make is not None else None


def to_csv(rows: Rows) -> str:
    """Rows as CSV text. A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading quote mark."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(["'" + cell if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@") else cell
                         for cell in row])
    return out.getvalue()


def csv_link(table: str) -> Markup:
    """The "CSV" download link of a table."""
    return Markup('<a class="csv" href="/csv/{}" download>Download CSV</a>').format(table)


FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" '
           'fill="#1f2d3d"/><circle cx="11" cy="13" r="5" fill="#7fb2e5"/><circle cx="21" cy="13" r="5" '
           'fill="#f38400" fill-opacity="0.9"/><circle cx="16" cy="21" r="5" fill="#e8b500" fill-opacity="0.85"/>'
           '</svg>')
"""The app's icon: three overlapping views of one event."""

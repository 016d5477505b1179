"""How each kind of record is stored: one `RecordTable` per field of `DocumentRecords` and `Corpus`.

The writer and the readers loop over `RECORD_TABLES`; nothing else in the store names a record type. A new
record type is a field in `model`, a stage that assigns it (`pipeline.STAGES`), a migration that makes its
table (`migrations`), and one entry here.

Two scopes:
- "document": rows made from one document alone, keyed by `doc_id`, written with the document in one
  transaction and removed with it; a corpus-level stage may refine them (same ids, `refinable`).
- "corpus": rows the corpus-level stages make over everything stored, replaced as a whole each run.
  `forget` removes what a document contributed, when that document changes or goes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..model import (
    Claim,
    ClaimGroup,
    Entity,
    Event,
    EventFigure,
    Mention,
    Quote,
    Span,
    Stance,
    TimeExpression,
    VocabularyTerm,
)
from . import rows as convert

Rows = list[tuple[Any, ...]]
Select = Callable[[str], Rows]  # runs one SELECT, returns its rows
Written = dict[str, tuple[tuple[str, ...], list[Sequence[Any]]]]  # table -> (columns, rows)


@dataclass(frozen=True, slots=True)
class RecordTable:
    """One field of the record bundles, and the tables that hold it."""

    field: str  # the field of DocumentRecords / Corpus
    scope: Literal["document", "corpus"]
    tables: tuple[str, ...]  # every table it writes, the main one first
    # rows per table: write(doc_id, its records) for "document", write(records) for "corpus"
    write: Callable[..., Written]
    read: Callable[[Select], Any]  # every stored row -> the Corpus field's value
    forget: tuple[str, ...] = ()  # statements removing what one document contributed ({doc}: its id, quoted)
    refinable: bool = False  # a corpus-level stage may rewrite these rows (same ids; "document" scope only)
    empty: Callable[[], Any] = tuple


def _document_order(table: str, columns: Sequence[str]) -> str:
    """A per-document table's rows in document (path) order, then in the order they were given in."""
    selected = ", ".join(f"t.{c}" for c in columns)
    return (f"SELECT {selected} FROM {table} t JOIN documents d ON d.id = t.doc_id "
            "ORDER BY d.path, t.doc_id, t.position")


def _span_order(table: str, columns: Sequence[str]) -> str:
    """A per-document table's rows in document (path) and offset order."""
    selected = ", ".join(f"t.{c}" for c in columns)
    return (f"SELECT {selected} FROM {table} t JOIN documents d ON d.id = t.doc_id "
            "ORDER BY d.path, t.doc_id, t.span_start, t.span_end, t.id")


def _links(select: Select, table: str, key: str, member: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for owner, item in select(f"SELECT {key}, {member} FROM {table} ORDER BY {key}, position"):
        found.setdefault(owner, []).append(item)
    return found


# -- per-document records --------------------------------------------------------------------------------

MENTION_COLUMNS = ("id", "doc_id", "span_start", "span_end", "text", "type", "sentence_start", "sentence_end",
                   "title", "chain", "expansion", "label", "evidence")
DROPPED_NAME_COLUMNS = ("id", "doc_id", "span_start", "span_end", "text", "sentence_start", "sentence_end", "label",
                        "reason", "evidence")
CLAIM_COLUMNS = ("id", "doc_id", "span_start", "span_end", "text", "sentence_start", "sentence_end", "value", "low",
                 "high", "unit", "measure", "counted", "place", "period", "attributed_to", "qualifier", "entity_ids",
                 "event_id")
TIME_COLUMNS = ("doc_id", "position", "span_start", "span_end", "text", "value", "granularity", "kind",
                "range_start", "range_end", "anchored")
EVENT_MENTION_COLUMNS = ("id", "doc_id", "position", "trigger_start", "trigger_end", "text", "lemma",
                         "sentence_start", "sentence_end", "type", "mode", "aux_modes", "negated", "actor_ids",
                         "target_ids", "place_ids", "actor_text", "target_text", "places", "time_start", "time_end",
                         "date", "date_precision", "reported_by", "modifier_ids", "confidence",
                         "theme_text")
QUOTE_COLUMNS = ("id", "doc_id", "position", "span_start", "span_end", "text", "sentence_start", "sentence_end",
                 "speaker", "speaker_mention_id", "kind", "cue", "speaker_entity_id")


def _mentions(select: Select) -> tuple[Mention, ...]:
    return tuple(Mention(id=r[0], doc_id=r[1], span=Span(r[2], r[3]), text=r[4], type=r[5], sentence=Span(r[6], r[7]),
                         title=r[8], chain=r[9], expansion=r[10], label=r[11], evidence=convert.cues_from(r[12]))
                 for r in select(_span_order("mentions", MENTION_COLUMNS)))


def _claims(select: Select) -> tuple[Claim, ...]:
    return tuple(Claim(id=r[0], doc_id=r[1], span=Span(r[2], r[3]), text=r[4], sentence=Span(r[5], r[6]), value=r[7],
                       low=r[8], high=r[9], unit=r[10], measure=r[11], counted=r[12], place=r[13], period=r[14],
                       attributed_to=r[15], qualifier=r[16], entity_ids=tuple(r[17]), event_id=r[18])
                 for r in select(_span_order("claims", CLAIM_COLUMNS)))


def _times(select: Select) -> tuple[TimeExpression, ...]:
    return tuple(TimeExpression(doc_id=r[0], span=Span(r[2], r[3]), text=r[4], value=r[5], granularity=r[6], kind=r[7],
                                range_start=r[8], range_end=r[9], anchored=r[10])
                 for r in select(_document_order("times", TIME_COLUMNS)))


def _quotes(select: Select) -> tuple[Quote, ...]:
    return tuple(Quote(id=r[0], doc_id=r[1], span=Span(r[3], r[4]), text=r[5], sentence=Span(r[6], r[7]), speaker=r[8],
                       speaker_mention_id=r[9], kind=r[10], cue=r[11], speaker_entity_id=r[12])
                 for r in select(_document_order("quotes", QUOTE_COLUMNS)))


def _term_counts_rows(doc_id: str, counts: Mapping[str, int]) -> Written:
    """One JSON row a document: 0.4 ms to store, not 7 ms for 300 rows."""
    found: list[Sequence[Any]] = [(doc_id, json.dumps({t: int(n) for t, n in counts.items()}, ensure_ascii=False))]
    return {"term_counts": (("doc_id", "counts"), found if counts else [])}


_DOCUMENT_TABLES: tuple[RecordTable, ...] = (
    RecordTable("mentions", "document", ("mentions",), read=_mentions,
                write=lambda _, ms: {"mentions": (MENTION_COLUMNS, [convert.mention_row(m) for m in ms])}),
    RecordTable("claims", "document", ("claims",), read=_claims, refinable=True,
                write=lambda _, cs: {"claims": (CLAIM_COLUMNS, [convert.claim_row(c) for c in cs])}),
    RecordTable("times", "document", ("times",), read=_times,
                write=lambda _, ts: {"times": (TIME_COLUMNS, [convert.time_row(t, i) for i, t in enumerate(ts)])}),
    RecordTable("event_mentions", "document", ("event_mentions",),
                read=lambda select: tuple(convert.event_mention_from(r) for r in select(
                    _document_order("event_mentions", EVENT_MENTION_COLUMNS))),
                write=lambda _, ms: {"event_mentions": (EVENT_MENTION_COLUMNS, [convert.event_mention_row(m, i)
                                                                            for i, m in enumerate(ms)])}),
    RecordTable("quotes", "document", ("quotes",), read=_quotes, refinable=True,
                write=lambda _, qs: {"quotes": (QUOTE_COLUMNS, [convert.quote_row(q, i) for i, q in enumerate(qs)])}),
    RecordTable("stance_evidence", "document", ("stance_evidence",),
                read=lambda select: tuple(convert.evidence_from(json.loads(r[0])) for r in select(
                    _document_order("stance_evidence", ("record",)))),
                write=lambda _, es: {"stance_evidence": (("doc_id", "position", "record"), [
                    (e.doc_id, i, json.dumps(convert.evidence_json(e), ensure_ascii=False))
                    for i, e in enumerate(es)])}),
)
_DROPPED_NAMES = RecordTable(
    "dropped_names", "document", ("dropped_names",),
    read=lambda select: tuple(convert.dropped_name_from(r) for r in select(_span_order("dropped_names",
                                                                                        DROPPED_NAME_COLUMNS))),
    write=lambda _, ds: {"dropped_names": (DROPPED_NAME_COLUMNS, [convert.dropped_name_row(d) for d in ds])})
_TERM_COUNTS = RecordTable(
    "term_counts", "document", ("term_counts",), write=_term_counts_rows, empty=dict,
    read=lambda select: {doc_id: Counter(json.loads(text))
                         for doc_id, text in select("SELECT doc_id, counts FROM term_counts")})


# -- corpus-level records --------------------------------------------------------------------------------

EVENT_COLUMNS = ("id", "position", "type", "mode", "date", "date_precision", "date_conflict", "dates", "actor_ids",
                 "target_ids", "places", "doc_ids", "independent_sources", "aux_modes", "place_conflict", "reports",
                 "confidence")
FIGURE_COLUMNS = ("event_id", "position", "label", "verdict", "group_id", "claim_ids")


def _entities(select: Select) -> tuple[Entity, ...]:
    links = _links(select, "entity_mentions", "entity_id", "mention_id")
    return tuple(Entity(id=r[0], name=r[1], type=r[2], aliases=tuple(r[3]), mention_ids=tuple(links.get(r[0], ())))
                 for r in select("SELECT id, name, type, aliases FROM entities ORDER BY position"))


def _claim_groups(select: Select) -> tuple[ClaimGroup, ...]:
    links = _links(select, "claim_group_claims", "group_id", "claim_id")
    return tuple(ClaimGroup(id=r[0], label=r[1], verdict=r[2], claim_ids=tuple(links.get(r[0], ())))
                 for r in select("SELECT id, label, verdict FROM claim_groups ORDER BY position"))


def _events(select: Select) -> tuple[Event, ...]:
    links = _links(select, "event_members", "event_id", "mention_id")
    return tuple(Event(id=r[0], type=r[2], mode=r[3], date=r[4], date_precision=r[5], date_conflict=r[6],
                       dates=tuple(r[7]), actor_ids=tuple(r[8]), target_ids=tuple(r[9]),
                       places=convert.places_from(r[10]), mention_ids=tuple(links.get(r[0], ())), doc_ids=tuple(r[11]),
                       independent_sources=r[12], aux_modes=tuple(r[13]),
                       place_conflict=tuple((doc, tuple(names)) for doc, names in json.loads(r[14])),
                       reports=tuple(tuple(group) for group in json.loads(r[15])), confidence=r[16])
                 for r in select(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY position"))


def _stances(select: Select) -> tuple[Stance, ...]:
    rows = select("SELECT source, entity_id, label, score, mentions, evidence, reported, confidence FROM stances "
                  "ORDER BY position")
    return tuple(Stance(source=r[0], entity_id=r[1], label=r[2], score=r[3], mentions=r[4],
                        evidence=tuple(convert.evidence_from(e) for e in json.loads(r[5])),
                        reported=tuple(convert.evidence_from(e) for e in json.loads(r[6])), confidence=r[7])
                 for r in rows)


def _framings_rows(framings: Sequence[Any]) -> Written:
    return {"framings": (("source", "position", "event_id", "terms"), [
        (f.source, i, f.event_id, json.dumps([convert.frame_term_json(t) for t in f.terms], ensure_ascii=False))
        for i, f in enumerate(framings)])}


_CORPUS_TABLES: tuple[RecordTable, ...] = (
    RecordTable(
        "entities", "corpus", ("entities", "entity_mentions"), read=_entities,
        write=lambda es: {"entities": (("id", "position", "name", "type", "aliases"),
                                       [(e.id, i, e.name, e.type, list(e.aliases)) for i, e in enumerate(es)]),
                          "entity_mentions": (("entity_id", "position", "mention_id"),
                                              [(e.id, i, m) for e in es for i, m in enumerate(e.mention_ids)])},
        forget=("DELETE FROM entity_mentions WHERE mention_id IN (SELECT id FROM mentions WHERE doc_id = {doc})",)),
    RecordTable(
        "claim_groups", "corpus", ("claim_groups", "claim_group_claims"), read=_claim_groups,
        write=lambda gs: {"claim_groups": (("id", "position", "label", "verdict"),
                                           [(g.id, i, g.label, g.verdict) for i, g in enumerate(gs)]),
                          "claim_group_claims": (("group_id", "position", "claim_id"),
                                                 [(g.id, i, c) for g in gs for i, c in enumerate(g.claim_ids)])},
        forget=("DELETE FROM claim_group_claims WHERE claim_id IN (SELECT id FROM claims WHERE doc_id = {doc})",)),
    RecordTable(
        "events", "corpus", ("events", "event_members"), read=_events,
        write=lambda es: {"events": (EVENT_COLUMNS, [convert.event_row(e, i) for i, e in enumerate(es)]),
                          "event_members": (("event_id", "position", "mention_id"),
                                            [(e.id, i, m) for e in es for i, m in enumerate(e.mention_ids)])},
        forget=("DELETE FROM event_members WHERE mention_id IN (SELECT id FROM event_mentions WHERE doc_id = {doc})",
                "DELETE FROM events WHERE id NOT IN (SELECT event_id FROM event_members)",
                "UPDATE events SET doc_ids = list_filter(doc_ids, x -> x != {doc})")),
    RecordTable(
        "event_figures", "corpus", ("event_figures",),
        read=lambda select: tuple(EventFigure(event_id=r[0], label=r[2], verdict=r[3], group_id=r[4],
                                              claim_ids=tuple(r[5])) for r in select(
            f"SELECT {', '.join(FIGURE_COLUMNS)} FROM event_figures ORDER BY position")),
        write=lambda fs: {"event_figures": (FIGURE_COLUMNS, [(f.event_id, i, f.label, f.verdict, f.group_id,
                                                               list(f.claim_ids)) for i, f in enumerate(fs)])},
        forget=("DELETE FROM event_figures WHERE event_id NOT IN (SELECT id FROM events) OR list_has_any(claim_ids, "
                "(SELECT coalesce(list(id), []) FROM claims WHERE doc_id = {doc}))",)),
    RecordTable(
        "stances", "corpus", ("stances",), read=_stances, forget=("DELETE FROM stances WHERE source = {doc}",),
        write=lambda ss: {"stances": (("source", "position", "entity_id", "label", "score", "mentions", "evidence",
                                       "reported", "confidence"),
                                      [(s.source, i, s.entity_id, s.label, float(s.score), s.mentions,
                                        convert.evidence_text(s.evidence), convert.evidence_text(s.reported),
                                        float(s.confidence))
                                       for i, s in enumerate(ss)])}),
    RecordTable(
        "vocabulary", "corpus", ("vocabulary",), forget=("DELETE FROM vocabulary WHERE source = {doc}",),
        read=lambda select: tuple(
            VocabularyTerm(source=r[0], term=r[1], z=r[2], count=r[3], delta=r[4])
            for r in select("SELECT source, term, z, count, delta FROM vocabulary ORDER BY position")),
        write=lambda vs: {"vocabulary": (("source", "position", "term", "z", "count", "delta"),
                                         [(v.source, i, v.term, float(v.z), v.count, float(v.delta))
                                          for i, v in enumerate(vs)])}),
    RecordTable(
        "framings", "corpus", ("framings",), write=_framings_rows,
        forget=("DELETE FROM framings WHERE source = {doc}",),
        read=lambda select: tuple(convert.framing_from(r) for r in select(
            "SELECT source, event_id, terms FROM framings ORDER BY position"))),
)

_SCHEMA_ORDER = ("mentions", "entities", "claims", "claim_groups", "times", "event_mentions", "events", "quotes",
                 "stance_evidence", "term_counts", "stances", "vocabulary", "framings", "event_figures",
                 "dropped_names")
_BY_FIELD = {table.field: table for table in (*_DOCUMENT_TABLES, _TERM_COUNTS, _DROPPED_NAMES, *_CORPUS_TABLES)}

RECORD_TABLES: dict[str, RecordTable] = {field: _BY_FIELD[field] for field in _SCHEMA_ORDER}
"""Every stored record field, by name, in the order the migrations made their tables."""

BOOKKEEPING_TABLES = ("documents", "document_paths", "document_stages", "document_rows", "corpus_state")

TABLES = (*BOOKKEEPING_TABLES, *(name for table in RECORD_TABLES.values() for name in table.tables))
"""Every table of the schema, in the order `Store.stats` counts them."""

DOCUMENT_TABLES = tuple(table for table in RECORD_TABLES.values() if table.scope == "document")
CORPUS_TABLES = tuple(table for table in RECORD_TABLES.values() if table.scope == "corpus")

"""The DuckDB store: every record a run makes, kept between runs. The only module that imports duckdb.

One `Store` holds one database file. Each `add_document` is one transaction, so a run killed halfway
leaves a store that opens and holds every document that finished. The schema is versioned by numbered
migrations recorded in the `migrations` table; opening an older store applies the missing ones.
Tables and columns are described in docs/schema.md.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from . import store_rows
from .errors import StoreError
from .model import (
    Claim,
    ClaimGroup,
    Corpus,
    Document,
    Entity,
    Event,
    EventMention,
    Framing,
    Mention,
    Quote,
    Span,
    Stance,
    StanceEvidence,
    TimeExpression,
    VocabularyTerm,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered step of the schema. Applied once, in a transaction, and recorded in `migrations`."""

    number: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, mentions, entities, claims", (
        "CREATE TABLE documents (id VARCHAR PRIMARY KEY, path VARCHAR NOT NULL, format VARCHAR NOT NULL, "
        "text VARCHAR NOT NULL, url VARCHAR, "
        "title VARCHAR, title_source VARCHAR, title_start INTEGER, title_end INTEGER, "
        "author VARCHAR, author_source VARCHAR, author_start INTEGER, author_end INTEGER, "
        "outlet VARCHAR, outlet_source VARCHAR, outlet_start INTEGER, outlet_end INTEGER, "
        "published VARCHAR, published_source VARCHAR, published_start INTEGER, published_end INTEGER, "
        "added_at TIMESTAMP DEFAULT current_timestamp)",
        "CREATE TABLE document_paths (path VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL)",
        "CREATE TABLE document_stages (doc_id VARCHAR NOT NULL, stage VARCHAR NOT NULL, "
        "version VARCHAR NOT NULL)",
        "CREATE TABLE mentions (id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, span_start INTEGER NOT NULL, "
        "span_end INTEGER NOT NULL, text VARCHAR NOT NULL, type VARCHAR NOT NULL, "
        "sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, title VARCHAR, chain VARCHAR NOT NULL, "
        "expansion VARCHAR, label VARCHAR NOT NULL)",
        "CREATE TABLE entities (id VARCHAR PRIMARY KEY, position INTEGER NOT NULL, name VARCHAR NOT NULL, "
        "type VARCHAR NOT NULL, aliases VARCHAR[] NOT NULL)",
        "CREATE TABLE entity_mentions (entity_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "mention_id VARCHAR NOT NULL)",
        "CREATE TABLE claims (id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, span_start INTEGER NOT NULL, "
        "span_end INTEGER NOT NULL, text VARCHAR NOT NULL, sentence_start INTEGER NOT NULL, "
        "sentence_end INTEGER NOT NULL, value DOUBLE, low DOUBLE, high DOUBLE, unit VARCHAR NOT NULL, "
        "measure VARCHAR NOT NULL, counted VARCHAR NOT NULL, place VARCHAR NOT NULL, period VARCHAR NOT NULL, "
        "attributed_to VARCHAR NOT NULL, qualifier VARCHAR NOT NULL, entity_ids VARCHAR[] NOT NULL, "
        "event_id VARCHAR)",
        "CREATE TABLE claim_groups (id VARCHAR PRIMARY KEY, position INTEGER NOT NULL, label VARCHAR NOT NULL, "
        "verdict VARCHAR NOT NULL)",
        "CREATE TABLE claim_group_claims (group_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "claim_id VARCHAR NOT NULL)",
    )),
    Migration(2, "times, event mentions, events, quotes, stance evidence, term counts, perspectives", (
        "CREATE TABLE times (doc_id VARCHAR NOT NULL, position INTEGER NOT NULL, span_start INTEGER NOT NULL, "
        "span_end INTEGER NOT NULL, text VARCHAR NOT NULL, value VARCHAR, granularity VARCHAR NOT NULL, "
        "kind VARCHAR NOT NULL, range_start VARCHAR, range_end VARCHAR, anchored BOOLEAN NOT NULL)",
        "CREATE TABLE event_mentions (id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, text VARCHAR NOT NULL, lemma VARCHAR NOT NULL, "
        "sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, type VARCHAR NOT NULL, mode VARCHAR NOT NULL, "
        "aux_modes VARCHAR[] NOT NULL, negated BOOLEAN NOT NULL, actor_ids VARCHAR[] NOT NULL, "
        "target_ids VARCHAR[] NOT NULL, place_ids VARCHAR[] NOT NULL, actor_text VARCHAR NOT NULL, "
        "target_text VARCHAR NOT NULL, places VARCHAR NOT NULL, time_start INTEGER, time_end INTEGER, date VARCHAR, "
        "date_precision VARCHAR NOT NULL, reported_by VARCHAR NOT NULL)",
        "CREATE TABLE events (id VARCHAR PRIMARY KEY, position INTEGER NOT NULL, type VARCHAR NOT NULL, "
        "mode VARCHAR NOT NULL, date VARCHAR, date_precision VARCHAR NOT NULL, date_conflict BOOLEAN NOT NULL, "
        "dates VARCHAR[] NOT NULL, actor_ids VARCHAR[] NOT NULL, target_ids VARCHAR[] NOT NULL, "
        "places VARCHAR NOT NULL, doc_ids VARCHAR[] NOT NULL, independent_sources INTEGER NOT NULL)",
        "CREATE TABLE event_members (event_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "mention_id VARCHAR NOT NULL)",
        "CREATE TABLE quotes (id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text VARCHAR NOT NULL, "
        "sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, speaker VARCHAR NOT NULL, "
        "speaker_mention_id VARCHAR, kind VARCHAR NOT NULL, cue VARCHAR NOT NULL)",
        "CREATE TABLE stance_evidence (doc_id VARCHAR NOT NULL, position INTEGER NOT NULL, record VARCHAR NOT NULL)",
        "CREATE TABLE term_counts (doc_id VARCHAR NOT NULL, counts VARCHAR NOT NULL)",
        "CREATE TABLE stances (source VARCHAR NOT NULL, position INTEGER NOT NULL, entity_id VARCHAR NOT NULL, "
        "label VARCHAR NOT NULL, score DOUBLE NOT NULL, mentions INTEGER NOT NULL, evidence VARCHAR NOT NULL, "
        "reported VARCHAR NOT NULL)",
        "CREATE TABLE vocabulary (source VARCHAR NOT NULL, position INTEGER NOT NULL, term VARCHAR NOT NULL, "
        "z DOUBLE NOT NULL, count INTEGER NOT NULL, delta DOUBLE NOT NULL)",
        "CREATE TABLE framings (source VARCHAR NOT NULL, position INTEGER NOT NULL, event_id VARCHAR NOT NULL, "
        "terms VARCHAR NOT NULL)",
    )),
    Migration(3, "event participants that only modify a head noun; auxiliary modes of events", (
        "ALTER TABLE event_mentions ADD COLUMN modifier_ids VARCHAR[] DEFAULT []",
        "ALTER TABLE events ADD COLUMN aux_modes VARCHAR[] DEFAULT []",
    )),
)
"""Every schema step, in order. Never edit a released one: add a new number."""

SCHEMA_VERSION = max(m.number for m in MIGRATIONS)

TABLES = ("documents", "document_paths", "document_stages", "mentions", "entities", "entity_mentions",
          "claims", "claim_groups", "claim_group_claims", "times", "event_mentions", "events", "event_members",
          "quotes", "stance_evidence", "term_counts", "stances", "vocabulary", "framings")
_RECORD_TABLES = ("mentions", "claims", "document_stages", "times", "event_mentions", "quotes", "stance_evidence",
                  "term_counts")  # rows keyed by doc_id, made from that document alone; replaced on re-analysis
_SOURCE_TABLES = ("stances", "vocabulary", "framings")  # corpus-level rows keyed by their source document

_MENTION_COLUMNS = ("id", "doc_id", "span_start", "span_end", "text", "type", "sentence_start",
                    "sentence_end", "title", "chain", "expansion", "label")
_CLAIM_COLUMNS = ("id", "doc_id", "span_start", "span_end", "text", "sentence_start", "sentence_end",
                  "value", "low", "high", "unit", "measure", "counted", "place", "period", "attributed_to",
                  "qualifier", "entity_ids", "event_id")
_TIME_COLUMNS = ("doc_id", "position", "span_start", "span_end", "text", "value", "granularity", "kind",
                 "range_start", "range_end", "anchored")
_EVENT_MENTION_COLUMNS = ("id", "doc_id", "position", "trigger_start", "trigger_end", "text", "lemma",
                          "sentence_start", "sentence_end", "type", "mode", "aux_modes", "negated", "actor_ids",
                          "target_ids", "place_ids", "actor_text", "target_text", "places", "time_start", "time_end",
                          "date", "date_precision", "reported_by", "modifier_ids")
_EVENT_COLUMNS = ("id", "position", "type", "mode", "date", "date_precision", "date_conflict", "dates", "actor_ids",
                  "target_ids", "places", "doc_ids", "independent_sources", "aux_modes")
_QUOTE_COLUMNS = ("id", "doc_id", "position", "span_start", "span_end", "text", "sentence_start", "sentence_end",
                  "speaker", "speaker_mention_id", "kind", "cue")
_DOCUMENT_COLUMNS = ("id", "path", "format", "text", "url") + tuple(
    f"{m}{suffix}" for m in store_rows.META_FIELDS for suffix in ("", "_source", "_start", "_end"))

_VALUES_ROWS = 8  # up to this many rows go in as VALUES, more as one JSON text
_ROWS_PER_STATEMENT = 20_000

_BUG = "this is a bug in rashomon; please report it with this message"
_IN_USE = "in use by another rashomon process; wait for it to finish or use --db with another file"


class Store:
    """A rashomon store in one DuckDB file. Open it with `with Store(path) as store:`.

    Args:
        path: the database file (created on first write), or ":memory:" for a store that lives in memory.
        read_only: open for reading only; several readers may share a file no writer holds.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None
        self._types: dict[str, dict[str, str]] = {}  # table -> column -> DuckDB type, read once per open

    # -- opening and closing -------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def open(self) -> Store:
        """Connect to the file and bring its schema up to date. Opening an open store does nothing."""
        if self._con is not None:
            return self
        memory = str(self.path) == ":memory:"
        if self.read_only and not memory and not self.path.is_file():
            raise StoreError(self.path, "no store here",
                             advice=f"run 'rashomon analyze ARTICLES... --db {self.path}' first, or pass another --db path")
        if not memory and not self.path.parent.is_dir():
            raise StoreError(self.path, f"folder {self.path.parent} does not exist",
                             advice="create it or pass another --db path")
        self._types = {}
        try:
            self._con = duckdb.connect(str(self.path), read_only=self.read_only)
        except duckdb.IOException as err:
            raise self._open_error(err) from err
        except duckdb.ConnectionException as err:
            raise StoreError(self.path, "already open in this process in another mode (read-only or not)",
                             advice="close the other Store first") from err
        except duckdb.Error as err:
            raise StoreError(self.path, f"cannot open the store ({err})", advice="pass another --db path") from err
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Close the connection; a closed store can be opened again."""
        if self._con is not None:
            con, self._con = self._con, None
            try:
                con.close()
            except duckdb.Error as err:
                raise StoreError(self.path, f"could not close the store cleanly ({err})",
                                 advice="check free disk space; the finished documents are kept") from err

    def _open_error(self, err: duckdb.Error) -> StoreError:
        text = str(err)
        if "not a valid DuckDB database" in text:
            return StoreError(self.path, "not a rashomon store (not a DuckDB database)",
                              advice="pass another --db path")
        if "lock" in text.lower():
            return StoreError(self.path, _IN_USE)
        if "version" in text.lower():
            return StoreError(self.path, f"written by a newer DuckDB ({text})", advice="upgrade rashomon")
        return StoreError(self.path, f"cannot open the store ({text})", advice="pass another --db path")

    def _migrate(self) -> None:
        con = self._connection()
        with self._errors("reading the schema"):
            tables = {row[0] for row in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_catalog = current_database() AND table_schema = 'main'").fetchall()}
            applied = ({row[0] for row in con.execute("SELECT id FROM migrations").fetchall()}
                       if "migrations" in tables else set())
        if "migrations" not in tables and (tables or self.read_only):
            found = ", ".join(sorted(tables)) or "no tables"
            raise StoreError(self.path, f"not a rashomon store (a DuckDB database with {found})",
                             advice="pass another --db path")
        if applied and max(applied) > SCHEMA_VERSION:
            raise StoreError(self.path, f"made by a newer rashomon (schema {max(applied)}; this one knows up to "
                             f"{SCHEMA_VERSION})", advice="upgrade rashomon to use this store")
        missing = [m for m in MIGRATIONS if m.number not in applied]
        if not missing:
            return
        if self.read_only:
            raise StoreError(self.path, f"made by an older rashomon (schema {max(applied)}, now {SCHEMA_VERSION})",
                             advice="open it once for writing to upgrade it")
        with self._transaction("upgrading the schema"):
            con.execute("CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                        "applied_at TIMESTAMP DEFAULT current_timestamp)")
            for migration in missing:
                logger.info("%s: applying migration %s (%s)", self.path, migration.number, migration.name)
                for statement in migration.statements:
                    con.execute(statement)
                con.execute("INSERT INTO migrations (id, name) VALUES (?, ?)", [migration.number, migration.name])
        # Write the new schema into the database file: DuckDB 1.4 cannot replay an ALTER TABLE from the
        # write-ahead log of a process that was killed before its next checkpoint.
        con.execute("CHECKPOINT")

    # -- plumbing ------------------------------------------------------------------------------------

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(self.path, "the store is not open", advice="use it as `with Store(path) as store:`")
        return self._con

    def _writable(self) -> duckdb.DuckDBPyConnection:
        if self.read_only:
            raise StoreError(self.path, "opened read-only, cannot write", advice="open it without read_only")
        return self._connection()

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn DuckDB's exceptions raised in the block into StoreErrors that say what to do."""
        try:
            yield
        except duckdb.IOException as err:
            if "lock" in str(err).lower():
                raise StoreError(self.path, _IN_USE) from err
            raise StoreError(self.path, f"{action} failed: {err}",
                             advice="check free disk space and file permissions") from err
        except duckdb.InvalidInputException as err:
            if "read-only" in str(err):
                raise StoreError(self.path, "opened read-only, cannot write",
                                 advice="open it without read_only") from err
            raise StoreError(self.path, f"{action} failed: {err}", advice=_BUG) from err
        except duckdb.Error as err:
            raise StoreError(self.path, f"{action} failed: {err}", advice=_BUG) from err

    @contextmanager
    def _transaction(self, action: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run the block in one transaction: all of it is stored, or (on any error) none of it."""
        con = self._writable()
        with self._errors(action):
            con.begin()
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            con.commit()

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows into a table, up to _ROWS_PER_STATEMENT rows a statement."""
        con = self._connection()
        for first in range(0, len(rows), _ROWS_PER_STATEMENT):
            con.execute(self._insert_sql(table, columns, rows[first:first + _ROWS_PER_STATEMENT]))

    def _insert_sql(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
        """An INSERT statement with the rows as literals: VALUES for a few rows, else one JSON text.

        DuckDB's Python client binds parameters slowly (about 0.1 ms each; executemany is slower still).
        A VALUES list of literals costs about 50 us a row, one JSON text that DuckDB unpacks a third of
        that, plus 0.4 ms to plan: so VALUES for a few rows, JSON for more.
        """
        if len(rows) <= _VALUES_ROWS:
            values = ", ".join("(" + ", ".join(_literal(value) for value in row) + ")" for row in rows)
            return f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values}"
        con = self._connection()
        if table not in self._types:
            self._types[table] = dict(con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                f"WHERE table_catalog = current_database() AND table_name = {_literal(table)}").fetchall())
        types = self._types[table]
        structure = json.dumps([{name: types[name] for name in columns}])
        payload = json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False)
        return (f"INSERT INTO {table} ({', '.join(columns)}) "
                f"SELECT unnest(json_transform({_literal(payload)}, {_literal(structure)}), recursive := true)")

    # -- writing -------------------------------------------------------------------------------------

    def add_document(self, doc: Document, mentions: Sequence[Mention], claims: Sequence[Claim] = (), *,
                     times: Sequence[TimeExpression] = (), event_mentions: Sequence[EventMention] = (),
                     quotes: Sequence[Quote] = (), stance_evidence: Sequence[StanceEvidence] = (),
                     term_counts: Mapping[str, int] | None = None, stages: Mapping[str, str]) -> None:
        """Store a document, every record made from it alone, and the stage versions that made them, in one transaction.

        The records are its mentions, claims, time expressions, event mentions, quotes, stance evidence
        and term counts (lemma or bigram -> uses, for distinctive vocabulary). If another document was
        stored for the same path before (the file changed), that document and its rows are removed in the
        same transaction, unless another path still holds it. Re-adding a stored id stores nothing new (it
        only records the path as one more path of that document); `replace_document` replaces its records.
        """
        self._check_records(doc, mentions, claims, times, event_mentions, quotes, stance_evidence)
        with self._transaction(f"storing document {doc.id} ({doc.path})") as con:
            row = con.execute(f"SELECT doc_id FROM document_paths WHERE path = {_literal(doc.path)}").fetchone()
            previous = None if row is None else row[0]
            if previous == doc.id:
                return
            statements = []
            if con.execute(f"SELECT 1 FROM documents WHERE id = {_literal(doc.id)}").fetchone() is None:
                statements.append(self._insert_sql("documents", _DOCUMENT_COLUMNS, [store_rows.document_row(doc)]))
                statements += self._record_statements(doc, mentions, claims, times, event_mentions, quotes,
                                                      stance_evidence, term_counts, stages)
            if previous is None:
                statements.append(self._insert_sql("document_paths", ("path", "doc_id"), [(doc.path, doc.id)]))
            else:
                statements.append(f"UPDATE document_paths SET doc_id = {_literal(doc.id)} "
                                  f"WHERE path = {_literal(doc.path)}")
            con.execute(";\n".join(statements))  # one call: a round trip per statement costs more than the rows
            if previous is not None:
                self._release(previous, doc.path)

    def replace_document(self, doc: Document, mentions: Sequence[Mention], claims: Sequence[Claim] = (), *,
                         times: Sequence[TimeExpression] = (), event_mentions: Sequence[EventMention] = (),
                         quotes: Sequence[Quote] = (), stance_evidence: Sequence[StanceEvidence] = (),
                         term_counts: Mapping[str, int] | None = None, stages: Mapping[str, str]) -> None:
        """Replace every record made from a stored document alone, and its stage versions, in one transaction.

        For re-analysis after a stage changed: the document's old mentions, claims, time expressions, event
        mentions, quotes, stance evidence, term counts and stage versions are removed with their links from
        entities, claim groups and events and its stances, vocabulary and framings (as when its file
        changes), and the given records are stored. The document itself (text, metadata, paths, added_at)
        is kept. On any error nothing changes. Takes the same records as `add_document`.

        Raises:
            StoreError: `doc` is not stored, or records of another document are given with it.
        """
        self._check_records(doc, mentions, claims, times, event_mentions, quotes, stance_evidence)
        with self._transaction(f"re-storing document {doc.id} ({doc.path})") as con:
            if con.execute(f"SELECT 1 FROM documents WHERE id = {_literal(doc.id)}").fetchone() is None:
                raise StoreError(self.path, f"document {doc.id} ({doc.path}) is not stored, so it cannot be replaced",
                                 advice="store it with add_document first")
            self._delete_records(doc.id)
            statements = self._record_statements(doc, mentions, claims, times, event_mentions, quotes,
                                                 stance_evidence, term_counts, stages)
            if statements:
                con.execute(";\n".join(statements))

    def _check_records(self, doc: Document, mentions: Sequence[Mention], claims: Sequence[Claim],
                       times: Sequence[TimeExpression], event_mentions: Sequence[EventMention],
                       quotes: Sequence[Quote], stance_evidence: Sequence[StanceEvidence]) -> None:
        """Refuse records of another document given with `doc` (a bug in the caller)."""
        strays = [r.id for r in (*mentions, *claims, *event_mentions, *quotes) if r.doc_id != doc.id]
        strays += [f"{r.doc_id}:{r.span.start}-{r.span.end}" for r in times if r.doc_id != doc.id]
        strays += [r.mention_id for r in stance_evidence if r.doc_id != doc.id]
        if strays:
            raise StoreError(self.path, f"document {doc.id} ({doc.path}): records of another document given "
                             f"with it ({', '.join(strays[:3])})", advice=_BUG)

    def _record_statements(self, doc: Document, mentions: Sequence[Mention], claims: Sequence[Claim],
                           times: Sequence[TimeExpression], event_mentions: Sequence[EventMention],
                           quotes: Sequence[Quote], stance_evidence: Sequence[StanceEvidence],
                           term_counts: Mapping[str, int] | None, stages: Mapping[str, str]) -> list[str]:
        """The INSERT statements for the records made from `doc` alone and the stage versions that made them."""
        statements = []
        for table, columns, rows in (
                ("mentions", _MENTION_COLUMNS, [store_rows.mention_row(m) for m in mentions]),
                ("claims", _CLAIM_COLUMNS, [store_rows.claim_row(c) for c in claims]),
                ("times", _TIME_COLUMNS, [store_rows.time_row(t, i) for i, t in enumerate(times)]),
                ("event_mentions", _EVENT_MENTION_COLUMNS,
                 [store_rows.event_mention_row(m, i) for i, m in enumerate(event_mentions)]),
                ("quotes", _QUOTE_COLUMNS, [store_rows.quote_row(q, i) for i, q in enumerate(quotes)]),
                ("stance_evidence", ("doc_id", "position", "record"),
                 [(doc.id, i, json.dumps(store_rows.evidence_json(e), ensure_ascii=False))
                  for i, e in enumerate(stance_evidence)]),
                ("term_counts", ("doc_id", "counts"),  # one JSON row: 0.4 ms, not 7 ms for 300 rows
                 [(doc.id, json.dumps({t: int(n) for t, n in term_counts.items()}, ensure_ascii=False))]
                 if term_counts else []),
                ("document_stages", ("doc_id", "stage", "version"),
                 [(doc.id, stage, version) for stage, version in sorted(stages.items())])):
            if rows:
                statements.append(self._insert_sql(table, columns, rows))
        return statements

    def _release(self, doc_id: str, path: str) -> None:
        """`path` no longer holds document `doc_id`: remove the document if no other path does."""
        con = self._connection()
        row = con.execute("SELECT min(path) FROM document_paths WHERE doc_id = ?", [doc_id]).fetchone()
        other = None if row is None else row[0]
        if other is not None:
            con.execute("UPDATE documents SET path = ? WHERE id = ? AND path = ?", [other, doc_id, path])
            return
        logger.info("%s: %s changed; removing its old document %s", self.path, path, doc_id)
        self._delete_records(doc_id)
        con.execute("DELETE FROM document_paths WHERE doc_id = ?", [doc_id])
        con.execute("DELETE FROM documents WHERE id = ?", [doc_id])

    def _delete_records(self, doc_id: str) -> None:
        """Delete the records made from document `doc_id`, its links from entities, claim groups and events
        (an event left with no mention goes), its stances, vocabulary and framings; keep the document."""
        con = self._connection()
        con.execute("DELETE FROM entity_mentions WHERE mention_id IN "
                    "(SELECT id FROM mentions WHERE doc_id = ?)", [doc_id])
        con.execute("DELETE FROM claim_group_claims WHERE claim_id IN "
                    "(SELECT id FROM claims WHERE doc_id = ?)", [doc_id])
        con.execute("DELETE FROM event_members WHERE mention_id IN "
                    "(SELECT id FROM event_mentions WHERE doc_id = ?)", [doc_id])
        con.execute("DELETE FROM events WHERE id NOT IN (SELECT event_id FROM event_members)")
        con.execute(f"UPDATE events SET doc_ids = list_filter(doc_ids, x -> x != {_literal(doc_id)})")
        for table in _RECORD_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        for table in _SOURCE_TABLES:
            con.execute(f"DELETE FROM {table} WHERE source = ?", [doc_id])

    def replace_entities(self, entities: Sequence[Entity]) -> None:
        """Replace every stored entity (and its links to mentions) with `entities`, in one transaction."""
        with self._transaction("storing entities") as con:
            con.execute("DELETE FROM entity_mentions")
            con.execute("DELETE FROM entities")
            self._insert("entities", ("id", "position", "name", "type", "aliases"),
                         [(e.id, i, e.name, e.type, list(e.aliases)) for i, e in enumerate(entities)])
            self._insert("entity_mentions", ("entity_id", "position", "mention_id"),
                         [(e.id, i, m) for e in entities for i, m in enumerate(e.mention_ids)])

    def replace_claim_groups(self, groups: Sequence[ClaimGroup], claims: Sequence[Claim] = ()) -> None:
        """Replace every claim group, and overwrite stored claims with refined `claims` (same ids).

        One transaction: if a refined claim is not stored, nothing changes.
        """
        with self._transaction("storing claim groups") as con:
            con.execute("DELETE FROM claim_group_claims")
            con.execute("DELETE FROM claim_groups")
            self._insert("claim_groups", ("id", "position", "label", "verdict"),
                         [(g.id, i, g.label, g.verdict) for i, g in enumerate(groups)])
            self._insert("claim_group_claims", ("group_id", "position", "claim_id"),
                         [(g.id, i, c) for g in groups for i, c in enumerate(g.claim_ids)])
            if claims:
                ids = [c.id for c in claims]
                selected = f"(SELECT unnest(json_transform({_literal(json.dumps(ids))}, '[\"VARCHAR\"]')))"
                row = con.execute(f"SELECT count(*) FROM claims WHERE id IN {selected}").fetchone()
                if len(set(ids)) != len(ids) or row is None or row[0] != len(ids):
                    raise StoreError(self.path, "refined claims must be stored claims, each given once",
                                     advice="store claims with add_document before refining them")
                con.execute(f"DELETE FROM claims WHERE id IN {selected}")
                self._insert("claims", _CLAIM_COLUMNS, [store_rows.claim_row(c) for c in claims])

    def replace_events(self, events: Sequence[Event]) -> None:
        """Replace every stored event (and its links to event mentions) with `events`, in one transaction."""
        with self._transaction("storing events") as con:
            con.execute("DELETE FROM event_members")
            con.execute("DELETE FROM events")
            self._insert("events", _EVENT_COLUMNS, [store_rows.event_row(e, i) for i, e in enumerate(events)])
            self._insert("event_members", ("event_id", "position", "mention_id"),
                         [(e.id, i, m) for e in events for i, m in enumerate(e.mention_ids)])

    def replace_perspective(self, stances: Sequence[Stance], vocabulary: Sequence[VocabularyTerm],
                            framings: Sequence[Framing]) -> None:
        """Replace every stored stance, distinctive term and framing, in one transaction."""
        with self._transaction("storing stances, vocabulary and framings") as con:
            for table in _SOURCE_TABLES:
                con.execute(f"DELETE FROM {table}")
            self._insert("stances", ("source", "position", "entity_id", "label", "score", "mentions", "evidence",
                                     "reported"),
                         [(s.source, i, s.entity_id, s.label, float(s.score), s.mentions, store_rows.evidence_text(s.evidence),
                           store_rows.evidence_text(s.reported)) for i, s in enumerate(stances)])
            self._insert("vocabulary", ("source", "position", "term", "z", "count", "delta"),
                         [(v.source, i, v.term, float(v.z), v.count, float(v.delta)) for i, v in enumerate(vocabulary)])
            self._insert("framings", ("source", "position", "event_id", "terms"),
                         [(f.source, i, f.event_id, json.dumps([store_rows.frame_term_json(t) for t in f.terms],
                                                               ensure_ascii=False)) for i, f in enumerate(framings)])

    # -- reading -------------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._errors("reading"):
            return self._connection().execute(sql, list(params)).fetchall()

    def has_document(self, doc_id: str) -> bool:
        """True when a document with this id is stored."""
        return bool(self._rows(f"SELECT 1 FROM documents WHERE id = {_literal(doc_id)}"))

    def document_id_for_path(self, path: str) -> str | None:
        """The id of the document last stored from `path`, or None."""
        rows = self._rows(f"SELECT doc_id FROM document_paths WHERE path = {_literal(path)}")
        return str(rows[0][0]) if rows else None

    def stage_versions(self, doc_id: str) -> dict[str, str]:
        """The stage versions that produced a stored document's rows: {"entities.mentions": "v1", ...}."""
        return dict(self._rows(f"SELECT stage, version FROM document_stages WHERE doc_id = {_literal(doc_id)} "
                               "ORDER BY stage"))

    def all_stage_versions(self) -> dict[str, dict[str, str]]:
        """Document id -> the stage versions that produced its rows, for every stored document ({} if none)."""
        versions: dict[str, dict[str, str]] = {}
        for doc_id, stage, version in self._rows("SELECT d.id, s.stage, s.version FROM documents d "
                                                 "LEFT JOIN document_stages s ON s.doc_id = d.id "
                                                 "ORDER BY d.path, d.id, s.stage"):
            found = versions.setdefault(doc_id, {})
            if stage is not None:
                found[stage] = version
        return versions

    def document(self, doc_id: str) -> Document | None:
        """The stored document with this id, or None."""
        rows = self._rows(f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents WHERE id = {_literal(doc_id)}")
        return store_rows.document_from(rows[0]) if rows else None

    def documents(self) -> list[Document]:
        """Every stored document, by path."""
        rows = self._rows(f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents ORDER BY path, id")
        return [store_rows.document_from(row) for row in rows]

    def mentions(self) -> list[Mention]:
        """Every stored mention, in document (path) and offset order."""
        columns = ", ".join(f"m.{c}" for c in _MENTION_COLUMNS)
        rows = self._rows(f"SELECT {columns} FROM mentions m JOIN documents d ON d.id = m.doc_id "
                          "ORDER BY d.path, m.doc_id, m.span_start, m.span_end, m.id")
        return [Mention(id=r[0], doc_id=r[1], span=Span(r[2], r[3]), text=r[4], type=r[5],
                        sentence=Span(r[6], r[7]), title=r[8], chain=r[9], expansion=r[10], label=r[11])
                for r in rows]

    def entities(self) -> list[Entity]:
        """Every stored entity, in the order it was stored."""
        links: dict[str, list[str]] = {}
        for entity_id, mention_id in self._rows("SELECT entity_id, mention_id FROM entity_mentions "
                                                "ORDER BY entity_id, position"):
            links.setdefault(entity_id, []).append(mention_id)
        rows = self._rows("SELECT id, name, type, aliases FROM entities ORDER BY position")
        return [Entity(id=r[0], name=r[1], type=r[2], aliases=tuple(r[3]),
                       mention_ids=tuple(links.get(r[0], ()))) for r in rows]

    def claims(self) -> list[Claim]:
        """Every stored claim, in document (path) and offset order."""
        columns = ", ".join(f"c.{c}" for c in _CLAIM_COLUMNS)
        rows = self._rows(f"SELECT {columns} FROM claims c JOIN documents d ON d.id = c.doc_id "
                          "ORDER BY d.path, c.doc_id, c.span_start, c.span_end, c.id")
        return [Claim(id=r[0], doc_id=r[1], span=Span(r[2], r[3]), text=r[4], sentence=Span(r[5], r[6]),
                      value=r[7], low=r[8], high=r[9], unit=r[10], measure=r[11], counted=r[12], place=r[13],
                      period=r[14], attributed_to=r[15], qualifier=r[16], entity_ids=tuple(r[17]),
                      event_id=r[18]) for r in rows]

    def claim_groups(self) -> list[ClaimGroup]:
        """Every stored claim group, in the order it was stored."""
        links: dict[str, list[str]] = {}
        for group_id, claim_id in self._rows("SELECT group_id, claim_id FROM claim_group_claims "
                                             "ORDER BY group_id, position"):
            links.setdefault(group_id, []).append(claim_id)
        rows = self._rows("SELECT id, label, verdict FROM claim_groups ORDER BY position")
        return [ClaimGroup(id=r[0], label=r[1], verdict=r[2], claim_ids=tuple(links.get(r[0], ()))) for r in rows]

    def _document_rows(self, table: str, columns: Sequence[str]) -> list[tuple[Any, ...]]:
        """A per-document table's rows in document (path) order, then the order they were given in."""
        selected = ", ".join(f"t.{c}" for c in columns)
        return self._rows(f"SELECT {selected} FROM {table} t JOIN documents d ON d.id = t.doc_id "
                          "ORDER BY d.path, t.doc_id, t.position")

    def times(self) -> list[TimeExpression]:
        """Every stored time expression, in document (path) order, then as given."""
        return [TimeExpression(doc_id=r[0], span=Span(r[2], r[3]), text=r[4], value=r[5], granularity=r[6],
                               kind=r[7], range_start=r[8], range_end=r[9], anchored=r[10])
                for r in self._document_rows("times", _TIME_COLUMNS)]

    def event_mentions(self) -> list[EventMention]:
        """Every stored event mention, in document (path) order, then as given."""
        return [store_rows.event_mention_from(r) for r in self._document_rows("event_mentions", _EVENT_MENTION_COLUMNS)]

    def events(self) -> list[Event]:
        """Every stored event, in the order it was stored."""
        links: dict[str, list[str]] = {}
        for event_id, mention_id in self._rows("SELECT event_id, mention_id FROM event_members "
                                               "ORDER BY event_id, position"):
            links.setdefault(event_id, []).append(mention_id)
        rows = self._rows(f"SELECT {', '.join(_EVENT_COLUMNS)} FROM events ORDER BY position")
        return [Event(id=r[0], type=r[2], mode=r[3], date=r[4], date_precision=r[5], date_conflict=r[6],
                      dates=tuple(r[7]), actor_ids=tuple(r[8]), target_ids=tuple(r[9]), places=store_rows.places_from(r[10]),
                      mention_ids=tuple(links.get(r[0], ())), doc_ids=tuple(r[11]), independent_sources=r[12],
                      aux_modes=tuple(r[13]))
                for r in rows]

    def quotes(self) -> list[Quote]:
        """Every stored quote, in document (path) order, then as given."""
        return [Quote(id=r[0], doc_id=r[1], span=Span(r[3], r[4]), text=r[5], sentence=Span(r[6], r[7]),
                      speaker=r[8], speaker_mention_id=r[9], kind=r[10], cue=r[11])
                for r in self._document_rows("quotes", _QUOTE_COLUMNS)]

    def stance_evidence(self) -> list[StanceEvidence]:
        """Every stored sentence-level judgement, in document (path) order, then as given."""
        return [store_rows.evidence_from(json.loads(r[0])) for r in self._document_rows("stance_evidence", ("record",))]

    def term_counts(self) -> dict[str, Counter[str]]:
        """Document id -> how often it uses each term (only documents stored with term counts)."""
        return {doc_id: Counter(json.loads(text)) for doc_id, text in self._rows("SELECT doc_id, counts FROM term_counts")}

    def stances(self) -> list[Stance]:
        """Every stored stance, in the order it was stored."""
        rows = self._rows("SELECT source, entity_id, label, score, mentions, evidence, reported FROM stances "
                          "ORDER BY position")
        return [Stance(source=r[0], entity_id=r[1], label=r[2], score=r[3], mentions=r[4],
                       evidence=tuple(store_rows.evidence_from(e) for e in json.loads(r[5])),
                       reported=tuple(store_rows.evidence_from(e) for e in json.loads(r[6]))) for r in rows]

    def vocabulary(self) -> list[VocabularyTerm]:
        """Every stored distinctive term, in the order it was stored."""
        rows = self._rows("SELECT source, term, z, count, delta FROM vocabulary ORDER BY position")
        return [VocabularyTerm(source=r[0], term=r[1], z=r[2], count=r[3], delta=r[4]) for r in rows]

    def framings(self) -> list[Framing]:
        """Every stored framing, in the order it was stored."""
        rows = self._rows("SELECT source, event_id, terms FROM framings ORDER BY position")
        return [Framing(source=r[0], event_id=r[1], terms=tuple(store_rows.frame_term_from(t) for t in json.loads(r[2])))
                for r in rows]

    def load(self) -> Corpus:
        """Everything stored, for export and reports."""
        return Corpus(documents=tuple(self.documents()), mentions=tuple(self.mentions()),
                      entities=tuple(self.entities()), claims=tuple(self.claims()),
                      claim_groups=tuple(self.claim_groups()), times=tuple(self.times()),
                      event_mentions=tuple(self.event_mentions()), events=tuple(self.events()),
                      quotes=tuple(self.quotes()), stances=tuple(self.stances()), vocabulary=tuple(self.vocabulary()),
                      framings=tuple(self.framings()))

    def stats(self) -> dict[str, int]:
        """Rows per table: {"documents": 5, "mentions": 412, ...}."""
        return {table: int(self._rows(f"SELECT count(*) FROM {table}")[0][0]) for table in TABLES}


# -- rows and records --------------------------------------------------------------------------------


def _literal(value: Any) -> str:
    """`value` as a DuckDB SQL literal: strings quoted ('' for '), NUL characters joined in with chr(0),
    floats through text (exact, and covers inf), lists as VARCHAR[]."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"'{value!r}'::DOUBLE"
    if isinstance(value, str):
        return " || chr(0) || ".join("'" + part.replace("'", "''") + "'" for part in value.split("\x00"))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(item) for item in value) + "]::VARCHAR[]"
    raise TypeError(f"cannot store {type(value).__name__} value {value!r}")

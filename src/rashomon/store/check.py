"""Checking a store: its schema, its rows against each other, and every stored offset against the stored texts.

`Store.check()` (`rashomon check --db FILE`) reads every row of every table, so a damaged block of the file
shows (DuckDB verifies each block's checksum as it reads it), and reports each problem found as a
`Finding`; it changes nothing. What it verifies:

- the schema: every table and column the migrations make, with its type, and every migration recorded;
- the documents: each id is the digest of its text (`model.content_id`), each has a path and stage versions,
  every path leads to a stored document;
- the counts: the rows of each per-document table, per document, are those written with it (`document_rows`;
  documents stored before that table existed are not counted), and no row belongs to a missing document;
- the offsets: every span lies inside its document's text and, for the records that keep the text they point
  at (mentions, claims, quotes, time expressions, event triggers), that text is the text at the span;
  metadata spans lie inside the text;
- the links: what the corpus-level records point at (mentions, claims, events, documents) is stored, and the
  JSON columns parse.

Opening a store (`Connection.open`) checks the schema only, which is quick; `check` does the rest.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ..model import content_id
from . import migrations
from .tables import DOCUMENT_TABLES

Select = Callable[[str], list[tuple[Any, ...]]]

_SHOWN = 5  # examples of a problem named in its finding
DAMAGED = ("The file is damaged: restore it from a backup, or analyse the articles again into a new store "
           "(--db NEW_FILE); 'rashomon export' may still save what can be read")

# (table, start column, end column, text column or None, what it is): every span a per-document table keeps.
SPANS: tuple[tuple[str, str, str, str | None, str], ...] = (
    ("mentions", "span_start", "span_end", "text", "mention"),
    ("mentions", "sentence_start", "sentence_end", None, "mention's sentence"),
    ("claims", "span_start", "span_end", "text", "claim"),
    ("claims", "sentence_start", "sentence_end", None, "claim's sentence"),
    ("times", "span_start", "span_end", "text", "time expression"),
    ("quotes", "span_start", "span_end", "text", "quote"),
    ("quotes", "sentence_start", "sentence_end", None, "quote's sentence"),
    ("event_mentions", "trigger_start", "trigger_end", "text", "event trigger"),
    ("event_mentions", "sentence_start", "sentence_end", None, "event mention's sentence"),
    ("event_mentions", "time_start", "time_end", None, "event mention's time"),
)
_META = ("title", "author", "outlet", "published")
# (table, column, the table and column it must be found in): links of the corpus-level records.
LINKS: tuple[tuple[str, str, str, str], ...] = (
    ("entity_mentions", "entity_id", "entities", "id"),
    ("entity_mentions", "mention_id", "mentions", "id"),
    ("claim_group_claims", "group_id", "claim_groups", "id"),
    ("claim_group_claims", "claim_id", "claims", "id"),
    ("event_members", "event_id", "events", "id"),
    ("event_members", "mention_id", "event_mentions", "id"),
    ("event_figures", "event_id", "events", "id"),
    ("stances", "source", "documents", "id"),
    ("vocabulary", "source", "documents", "id"),
    ("framings", "source", "documents", "id"),
    ("framings", "event_id", "events", "id"),
    ("document_paths", "doc_id", "documents", "id"),
)
JSON_COLUMNS: tuple[tuple[str, str], ...] = (
    ("stance_evidence", "record"), ("term_counts", "counts"), ("events", "place_conflict"), ("events", "reports"),
    ("stances", "evidence"), ("stances", "reported"), ("framings", "terms"),
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a store: where (a table, or "file"), and what, with examples."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclass(slots=True)
class CheckReport:
    """What `Store.check` found: the problems, and the rows it read per table."""

    findings: list[Finding] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "findings": [{"where": f.where, "problem": f.problem} for f in self.findings],
                "rows": dict(self.rows)}


def expected_schema() -> dict[str, dict[str, str]]:
    """Table -> column -> DuckDB type, as the migrations this rashomon knows make them (built once, in memory)."""
    return _schema_of_migrations(tuple(m.number for m in migrations.MIGRATIONS))


@functools.cache
def _schema_of_migrations(numbers: tuple[int, ...]) -> dict[str, dict[str, str]]:
    con = duckdb.connect(":memory:")
    try:
        con.execute("CREATE TABLE migrations (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                    "applied_at TIMESTAMP DEFAULT current_timestamp)")
        for migration in migrations.MIGRATIONS:
            if migration.number in numbers:
                for statement in migration.statements:
                    con.execute(statement)
        return schema_of(lambda sql: con.execute(sql).fetchall())
    finally:
        con.close()


def schema_of(select: Select) -> dict[str, dict[str, str]]:
    """Table -> column -> DuckDB type of the main schema of the database `select` reads."""
    found: dict[str, dict[str, str]] = {}
    for table, column, kind in select("SELECT table_name, column_name, data_type FROM information_schema.columns "
                                      "WHERE table_catalog = current_database() AND table_schema = 'main' "
                                      "ORDER BY table_name, ordinal_position"):
        found.setdefault(str(table), {})[str(column)] = str(kind)
    return found


def schema_findings(actual: dict[str, dict[str, str]]) -> list[Finding]:
    """How a store's schema differs from the one the migrations make (tables of its own are allowed)."""
    findings = []
    for table, columns in expected_schema().items():
        if table not in actual:
            findings.append(Finding(table, "the table is missing"))
            continue
        missing = [name for name in columns if name not in actual[table]]
        changed = [f"{name} is {actual[table][name]}, not {kind}" for name, kind in columns.items()
                   if name in actual[table] and actual[table][name] != kind]
        if missing:
            findings.append(Finding(table, f"column(s) missing: {', '.join(missing)}"))
        if changed:
            findings.append(Finding(table, f"column(s) of another type: {'; '.join(changed)}"))
    return findings


def check_rows(select: Select) -> CheckReport:
    """Everything but the schema (which opening the store checked): see the module's docstring."""
    report = CheckReport()
    schema = schema_of(select)
    report.findings += schema_findings(schema)
    applied = {row[0] for row in select("SELECT id FROM migrations")}
    missing = [m.number for m in migrations.MIGRATIONS if m.number not in applied]
    if missing:
        report.findings.append(Finding("migrations", f"not recorded: {', '.join(map(str, missing))}"))
    for table in sorted(expected_schema()):
        if table not in schema:
            continue
        try:
            report.rows[table] = int(select(f"SELECT count(*) FROM {table}")[0][0])
            select(f"SELECT sum(hash(COLUMNS(*))) FROM {table}")  # reads every block: DuckDB checks its checksum
        except duckdb.Error as err:
            report.findings.append(Finding(table, f"cannot be read ({err}). {DAMAGED}"))
    if report.findings:  # a schema unlike ours, or tables that cannot be read: the queries below would fail
        return report
    for part in (_documents, _counts, _offsets, _links, _json):
        try:
            report.findings += list(part(select))
        except duckdb.Error as err:
            what = part.__name__.strip("_")
            report.findings.append(Finding("file", f"checking the {what} failed ({err}). {DAMAGED}"))
    return report


def _examples(rows: list[tuple[Any, ...]]) -> str:
    shown = ", ".join(" ".join(str(value) for value in row) for row in rows[:_SHOWN])
    return shown + (f" and {len(rows) - _SHOWN:,} more" if len(rows) > _SHOWN else "")


def _documents(select: Select) -> Iterator[Finding]:
    wrong = [(doc_id, path) for doc_id, path, text in select("SELECT id, path, text FROM documents ORDER BY path")
             if content_id(text, prefix="d") != doc_id]
    if wrong:
        yield Finding("documents", f"{len(wrong):,} document(s) whose text is not the text their id was made from "
                                   f"(changed after it was stored): {_examples(wrong)}")
    for sql, problem in [
        ("SELECT id, path FROM documents WHERE id NOT IN (SELECT doc_id FROM document_paths) ORDER BY path",
         "document(s) no path leads to"),
        ("SELECT id, path FROM documents WHERE id NOT IN (SELECT doc_id FROM document_stages) ORDER BY path",
         "document(s) with no stage versions recorded"),
    ]:
        rows = select(sql)
        if rows:
            yield Finding("documents", f"{len(rows):,} {problem}: {_examples(rows)}")


def _counts(select: Select) -> Iterator[Finding]:
    for table in ("document_stages", "document_rows", *(name for t in DOCUMENT_TABLES for name in t.tables)):
        rows = select(f"SELECT doc_id, count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents) "
                      "GROUP BY doc_id ORDER BY doc_id")
        if rows:
            yield Finding(table, f"rows of {len(rows):,} document(s) that are not stored (document id, rows): "
                                 f"{_examples(rows)}")
    for table in sorted({name for t in DOCUMENT_TABLES for name in t.tables}):
        rows = select(f"SELECT r.doc_id, r.row_count, coalesce(n.found, 0) FROM document_rows r LEFT JOIN "
                      f"(SELECT doc_id, count(*) AS found FROM {table} GROUP BY doc_id) n ON n.doc_id = r.doc_id "
                      f"WHERE r.table_name = {_quoted(table)} AND r.row_count != coalesce(n.found, 0) "
                      "ORDER BY r.doc_id")
        if rows:
            yield Finding(table, f"{len(rows):,} document(s) whose rows are not those written with them "
                                 f"(document id, written, found): {_examples(rows)}")


def _offsets(select: Select) -> Iterator[Finding]:
    for table, start, end, text, what in SPANS:
        rows = select(f"SELECT t.doc_id, t.{start}, t.{end} FROM {table} t JOIN documents d ON d.id = t.doc_id "
                      f"WHERE t.{start} IS NOT NULL AND NOT (0 <= t.{start} AND t.{start} <= t.{end} AND "
                      f"t.{end} <= length(d.text)) ORDER BY t.doc_id, t.{start}")
        if rows:
            yield Finding(table, f"{len(rows):,} {what} span(s) outside their document's text (document id, "
                                 f"start, end): {_examples(rows)}")
        if text is None:
            continue
        rows = select(f"SELECT t.doc_id, t.{start}, t.{end} FROM {table} t JOIN documents d ON d.id = t.doc_id "
                      f"WHERE 0 <= t.{start} AND t.{start} <= t.{end} AND t.{end} <= length(d.text) AND "
                      f"substring(d.text, t.{start} + 1, t.{end} - t.{start}) != t.{text} "
                      f"ORDER BY t.doc_id, t.{start}")
        if rows:
            yield Finding(table, f"{len(rows):,} {what}(s) whose text is not the text at their span (document id, "
                                 f"start, end): {_examples(rows)}")
    for meta in _META:
        rows = select(f"SELECT id, {meta}_start, {meta}_end FROM documents WHERE {meta}_start IS NOT NULL AND NOT "
                      f"(0 <= {meta}_start AND {meta}_start <= {meta}_end AND {meta}_end <= length(text)) "
                      "ORDER BY id")
        if rows:
            yield Finding("documents", f"{len(rows):,} {meta} span(s) outside the text (document id, start, end): "
                                       f"{_examples(rows)}")


def _links(select: Select) -> Iterator[Finding]:
    for table, column, target, key in LINKS:
        rows = select(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} NOT IN "
                      f"(SELECT {key} FROM {target}) ORDER BY {column}")
        if rows:
            yield Finding(table, f"{len(rows):,} {column} value(s) not found in {target}: {_examples(rows)}")


def _json(select: Select) -> Iterator[Finding]:
    for table, column in JSON_COLUMNS:
        rows = select(f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND NOT json_valid({column})")
        if rows and rows[0][0]:
            yield Finding(table, f"{rows[0][0]:,} value(s) of {column} that are not valid JSON")


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"

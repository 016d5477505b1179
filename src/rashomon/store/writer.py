"""Writing a store: a document with its records in one transaction, and the corpus-level records as a whole.

Writes take the record bundles the pipeline makes (`DocumentRecords`; the fields of `Corpus` a corpus-level
stage assigned) and loop over `tables.RECORD_TABLES`, so no method here names a record type.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import StoreError
from ..model import DocumentRecords
from . import rows as convert
from .connection import Connection, literal
from .readers import DOCUMENT_COLUMNS
from .tables import CORPUS_TABLES, DOCUMENT_TABLES, RECORD_TABLES, Written

logger = logging.getLogger(__name__)

_BUG = "this is a bug in rashomon; please report it with this message"


class Writer(Connection):
    """The writing half of a Store (the readers are in `readers`)."""

    def add_document(self, records: DocumentRecords, *, stages: Mapping[str, str]) -> None:
        """Store a document, every record made from it alone, and the stage versions that made them, in one
        transaction.

        If another document was stored for the same path before (the file changed), that document and its
        rows are removed in the same transaction, unless another path still holds it. Re-adding a stored id
        stores nothing new (it only records the path as one more path of that document); `replace_document`
        replaces its records.
        """
        doc = records.doc
        self._check_records(records)
        with self._transaction(f"storing document {doc.id} ({doc.path})") as con:
            row = con.execute(f"SELECT doc_id FROM document_paths WHERE path = {literal(doc.path)}").fetchone()
            previous = None if row is None else row[0]
            if previous == doc.id:
                return
            statements = []
            if con.execute(f"SELECT 1 FROM documents WHERE id = {literal(doc.id)}").fetchone() is None:
                statements.append(self._insert_sql("documents", DOCUMENT_COLUMNS, [convert.document_row(doc)]))
                statements += self._record_statements(records, stages)
            if previous is None:
                statements.append(self._insert_sql("document_paths", ("path", "doc_id"), [(doc.path, doc.id)]))
            else:
                statements.append(f"UPDATE document_paths SET doc_id = {literal(doc.id)} "
                                  f"WHERE path = {literal(doc.path)}")
            con.execute(";\n".join(statements))  # one call: a round trip per statement costs more than the rows
            if previous is not None:
                self._release(previous, doc.path)

    def replace_document(self, records: DocumentRecords, *, stages: Mapping[str, str]) -> None:
        """Replace every record made from a stored document alone, and its stage versions, in one transaction.

        For re-analysis after a stage changed: the document's old records and stage versions are removed with
        what it contributed to the corpus-level records (as when its file changes), and the given records are
        stored. The document itself (text, metadata, paths, added_at) is kept. On any error nothing changes.

        Raises:
            StoreError: the document is not stored, or records of another document are given with it.
        """
        doc = records.doc
        self._check_records(records)
        with self._transaction(f"re-storing document {doc.id} ({doc.path})") as con:
            if con.execute(f"SELECT 1 FROM documents WHERE id = {literal(doc.id)}").fetchone() is None:
                raise StoreError(self.path, f"document {doc.id} ({doc.path}) is not stored, so it cannot be replaced",
                                 advice="store it with add_document first")
            self._delete_records(doc.id)
            statements = self._record_statements(records, stages)
            if statements:
                con.execute(";\n".join(statements))

    def replace_corpus_records(self, records: Mapping[str, Sequence[Any]], *, digest: str | None = None) -> None:
        """Store what the corpus-level stages assigned, by field name, in one transaction.

        A corpus-level field ("entities", "events", ...) replaces every stored record of its kind. A
        per-document field a corpus-level stage refines ("claims") overwrites the stored records with the
        same ids, which must all be stored, each given once. `digest` (what the stages read, see
        `pipeline.corpus_digest`) is stored with them, None when unknown. On any error nothing changes.
        """
        unknown = [name for name in records if name not in RECORD_TABLES]
        if unknown:
            raise StoreError(self.path, f"no table holds {', '.join(unknown)}", advice=_BUG)
        with self._transaction(f"storing {', '.join(records)}") as con:
            for name, values in records.items():
                table = RECORD_TABLES[name]
                if table.scope == "corpus":
                    for sql_table in table.tables:
                        con.execute(f"DELETE FROM {sql_table}")
                    self._write(table.write(values))
                elif table.refinable:
                    self._refine(name, values)
                else:
                    raise StoreError(self.path, f"{name} are made per document; a corpus-level stage cannot "
                                     "rewrite them", advice=_BUG)
            con.execute("DELETE FROM corpus_state")
            if digest is not None:
                con.execute(f"INSERT INTO corpus_state (digest) VALUES ({literal(digest)})")

    def _refine(self, name: str, values: Sequence[Any]) -> None:
        """Overwrite stored records of a per-document field with refined ones of the same ids."""
        table = RECORD_TABLES[name]
        con = self._connection()
        ids = [record.id for record in values]
        if not ids:
            return
        selected = f"(SELECT unnest(json_transform({literal(json.dumps(ids))}, '[\"VARCHAR\"]')))"
        row = con.execute(f"SELECT count(*) FROM {table.tables[0]} WHERE id IN {selected}").fetchone()
        if len(set(ids)) != len(ids) or row is None or row[0] != len(ids):
            raise StoreError(self.path, f"refined {name} must be stored {name}, each given once",
                             advice=f"store {name} with add_document before refining them")
        con.execute(f"DELETE FROM {table.tables[0]} WHERE id IN {selected}")
        by_doc: dict[str, list[Any]] = {}
        for record in values:
            by_doc.setdefault(record.doc_id, []).append(record)
        for doc_id, found in by_doc.items():
            self._write(table.write(doc_id, found))

    def _write(self, written: Written) -> None:
        for sql_table, (columns, rows) in written.items():
            self._insert(sql_table, columns, rows)

    def _check_records(self, records: DocumentRecords) -> None:
        """Refuse records of another document given with `records.doc` (a bug in the caller)."""
        doc = records.doc
        strays = [_ident(record) for table in DOCUMENT_TABLES for record in getattr(records, table.field)
                  if hasattr(record, "doc_id") and record.doc_id != doc.id]
        if strays:
            raise StoreError(self.path, f"document {doc.id} ({doc.path}): records of another document given "
                             f"with it ({', '.join(strays[:3])})", advice=_BUG)

    def _record_statements(self, records: DocumentRecords, stages: Mapping[str, str]) -> list[str]:
        """The INSERT statements for the records made from one document alone and the stage versions that
        made them."""
        doc_id = records.doc.id
        written: Written = {}
        for table in DOCUMENT_TABLES:
            written.update(table.write(doc_id, getattr(records, table.field)))
        written["document_stages"] = (("doc_id", "stage", "version"),
                                      [(doc_id, stage, version) for stage, version in sorted(stages.items())])
        written["document_rows"] = (("doc_id", "table_name", "row_count"),
                                    [(doc_id, name, len(rows)) for name, (_, rows) in sorted(written.items())
                                     if name != "document_stages"])
        return [self._insert_sql(name, columns, rows) for name, (columns, rows) in written.items() if rows]

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
        """Delete the records made from document `doc_id` and what it contributed to the corpus-level records
        (an event left with no mention goes); keep the document."""
        con = self._connection()
        for table in CORPUS_TABLES:  # first: they find the document's part through its per-document rows
            for statement in table.forget:
                con.execute(statement.format(doc=literal(doc_id)))
        for table in DOCUMENT_TABLES:
            for sql_table in table.tables:
                con.execute(f"DELETE FROM {sql_table} WHERE doc_id = ?", [doc_id])
        con.execute("DELETE FROM document_stages WHERE doc_id = ?", [doc_id])
        con.execute("DELETE FROM document_rows WHERE doc_id = ?", [doc_id])
        con.execute("DELETE FROM corpus_state")


def _ident(record: Any) -> str:
    """A record's id for a message: its id, the mention it judges, or its document and span."""
    for name in ("id", "mention_id"):
        if hasattr(record, name):
            return str(getattr(record, name))
    return f"{record.doc_id}:{record.span.start}-{record.span.end}"

"""Reading a store: documents, any record field by name (`read`), everything at once (`load`), row counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

from ..model import (
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
    Stance,
    StanceEvidence,
    TimeExpression,
    VocabularyTerm,
)
from . import rows as convert
from .connection import Connection, literal
from .tables import RECORD_TABLES, TABLES

DOCUMENT_COLUMNS = ("id", "path", "format", "text", "url",
                    *(f"{m}{suffix}" for m in convert.META_FIELDS for suffix in ("", "_source", "_start", "_end")))

LOADED_BY_DEFAULT = tuple(name for name in RECORD_TABLES if name not in ("stance_evidence", "term_counts"))
"""The record fields `load` fills unless asked for others: all but the per-document inputs of the corpus-level
stages, which no view shows."""


class Reader(Connection):
    """The reading half of a Store (the writer is in `writer`)."""

    def has_document(self, doc_id: str) -> bool:
        """True when a document with this id is stored."""
        return bool(self._rows(f"SELECT 1 FROM documents WHERE id = {literal(doc_id)}"))

    def document_id_for_path(self, path: str) -> str | None:
        """The id of the document last stored from `path`, or None."""
        rows = self._rows(f"SELECT doc_id FROM document_paths WHERE path = {literal(path)}")
        return str(rows[0][0]) if rows else None

    def has_path_prefix(self, prefix: str) -> bool:
        """True when a document is stored from a path starting with `prefix` ("file.jsonl#" for its lines)."""
        return bool(self._rows(f"SELECT 1 FROM document_paths WHERE starts_with(path, {literal(prefix)}) LIMIT 1"))

    def stage_versions(self, doc_id: str) -> dict[str, str]:
        """The stage versions that produced a stored document's rows: {"entities.mentions": "v1", ...}."""
        return dict(self._rows(f"SELECT stage, version FROM document_stages WHERE doc_id = {literal(doc_id)} "
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
        rows = self._rows(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE id = {literal(doc_id)}")
        return convert.document_from(rows[0]) if rows else None

    def documents(self) -> list[Document]:
        """Every stored document, by path."""
        rows = self._rows(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents ORDER BY path, id")
        return [convert.document_from(row) for row in rows]

    def read(self, field: str) -> Any:
        """Every stored record of one field of `Corpus` ("mentions", "events", ...), in stored order: per-document
        records in document (path) order, then in text or given order; corpus-level records as stored."""
        return RECORD_TABLES[field].read(self._rows)

    def load(self, fields: Collection[str] | None = None) -> Corpus:
        """Everything stored, for export and reports: the documents and the record `fields` (default
        `LOADED_BY_DEFAULT`); fields not asked for are left empty."""
        wanted = LOADED_BY_DEFAULT if fields is None else tuple(fields)
        unknown = [name for name in wanted if name not in RECORD_TABLES]
        if unknown:
            raise ValueError(f"no stored record field {', '.join(unknown)}; known: {', '.join(RECORD_TABLES)}")
        return Corpus(documents=tuple(self.documents()),
                      **{name: table.read(self._rows) if name in wanted else table.empty()
                         for name, table in RECORD_TABLES.items()})

    def corpus_digest(self) -> str | None:
        """The digest of what the corpus-level stages read when they made the stored corpus-level records
        (`pipeline.corpus_digest`), or None when unknown (never made, or a document changed since)."""
        rows = self._rows("SELECT digest FROM corpus_state")
        return str(rows[0][0]) if rows else None

    def stats(self) -> dict[str, int]:
        """Rows per table: {"documents": 5, "mentions": 412, ...}."""
        return {table: int(self._rows(f"SELECT count(*) FROM {table}")[0][0]) for table in TABLES}

    # -- one field each, as lists (the same as `read`) ---------------------------------------------------

    def mentions(self) -> list[Mention]:
        return list(self.read("mentions"))

    def entities(self) -> list[Entity]:
        return list(self.read("entities"))

    def claims(self) -> list[Claim]:
        return list(self.read("claims"))

    def claim_groups(self) -> list[ClaimGroup]:
        return list(self.read("claim_groups"))

    def times(self) -> list[TimeExpression]:
        return list(self.read("times"))

    def event_mentions(self) -> list[EventMention]:
        return list(self.read("event_mentions"))

    def events(self) -> list[Event]:
        return list(self.read("events"))

    def quotes(self) -> list[Quote]:
        return list(self.read("quotes"))

    def stance_evidence(self) -> list[StanceEvidence]:
        return list(self.read("stance_evidence"))

    def term_counts(self) -> dict[str, Counter[str]]:
        return dict(self.read("term_counts"))

    def stances(self) -> list[Stance]:
        return list(self.read("stances"))

    def vocabulary(self) -> list[VocabularyTerm]:
        return list(self.read("vocabulary"))

    def framings(self) -> list[Framing]:
        return list(self.read("framings"))

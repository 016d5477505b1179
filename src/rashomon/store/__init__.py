"""The DuckDB store: every record a run makes, kept between runs. The store package is the only code that
imports duckdb.

One `Store` holds one database file. Each `add_document` is one transaction, so a run killed halfway
leaves a store that opens and holds every document that finished. The schema is versioned by numbered
migrations recorded in the `migrations` table; opening an older store applies the missing ones.
Tables and columns are described in docs/schema.md.

    connection.py  opening a file, migrating it, transactions, DuckDB's errors as StoreErrors
    migrations.py  the numbered schema steps
    tables.py      how each record field is stored (one RecordTable each)
    rows.py        records <-> rows
    writer.py      add_document, replace_document, replace_corpus_records
    readers.py     documents, read(field), load, stats
    parquet.py     write_parquet: one Parquet file per table
"""

from __future__ import annotations

from .migrations import MIGRATIONS, SCHEMA_VERSION, Migration
from .parquet import ParquetExport
from .readers import Reader
from .tables import RECORD_TABLES, TABLES
from .writer import Writer

__all__ = ["MIGRATIONS", "RECORD_TABLES", "SCHEMA_VERSION", "TABLES", "Migration", "Store"]


class Store(Writer, Reader, ParquetExport):
    """A rashomon store in one DuckDB file. Open it with `with Store(path) as store:`.

    Args:
        path: the database file (created on first write), or ":memory:" for a store that lives in memory.
        read_only: open for reading only; several readers may share a file no writer holds.
    """

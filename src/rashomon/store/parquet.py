"""The store as Parquet files, one per table, for corpora too big for one JSON file (`export --parquet DIR`).

Each table of the schema (`TABLES`: the bookkeeping tables and every record table) becomes DIR/TABLE.parquet,
written by DuckDB's own COPY, with the columns and types of docs/schema.md; DuckDB, pandas (with pyarrow),
Polars and Spark read them as they are. Rows are sorted by every column, so one store makes the same files.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .connection import Connection, literal
from .tables import TABLES

__all__ = ["ParquetExport"]


class ParquetExport(Connection):
    """`Store.write_parquet`."""

    def write_parquet(self, folder: str | Path) -> dict[str, int]:
        """Write each table to `folder`/TABLE.parquet (the folder is made if need be; files there of the
        same names are replaced); return the rows written per table, in `TABLES` order."""
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(self.path, f"cannot make the folder {folder} for the Parquet files ({error.strerror})",
                             advice="pass a folder that may be written to") from error
        written: dict[str, int] = {}
        for table in TABLES:
            target = folder / f"{table}.parquet"
            with self._errors(f"writing {target}"):
                self._connection().execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO {literal(str(target))} "
                                           "(FORMAT PARQUET, COMPRESSION ZSTD)")
            written[table] = int(self._rows(f"SELECT count(*) FROM {table}")[0][0])
        return written

"""The one place that holds a DuckDB connection: opening a store file, bringing its schema up to date, and
running statements, in transactions, with DuckDB's errors turned into StoreErrors that say what to do.

The store package is the only code that imports duckdb.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from ..errors import StoreCorruptError, StoreError, StoreInUseError, StoreMissingError
from . import migrations
from .check import DAMAGED, CheckReport, check_rows, schema_findings, schema_of

logger = logging.getLogger(__name__)

_VALUES_ROWS = 8  # up to this many rows go in as VALUES, more as one JSON text
_ROWS_PER_STATEMENT = 20_000

_BUG = "this is a bug in rashomon; please report it with this message"
_IN_USE = "in use by another rashomon process; wait for it to finish or use --db with another file"
_LOCK = re.compile(r"\block\b", re.IGNORECASE)  # "Could not set lock on file": not "... in block at ..."
_CORRUPT = ("corrupt", "checksum", "invalid block", "failed to read", "unexpected end", "could not read enough bytes")
_HEADERS = 3 * 4096  # a DuckDB file's main header and its two database headers, before the first block


class Connection:
    """A connection to one store file, opened on `open()` (or `with`) and closed on `close()`.

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

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def open(self) -> Self:
        """Connect to the file and bring its schema up to date. Opening an open store does nothing."""
        if self._con is not None:
            return self
        memory = str(self.path) == ":memory:"
        if self.read_only and not memory and not self.path.is_file():
            raise StoreMissingError(self.path, "no store here",
                                    advice=f"run 'rashomon analyze ARTICLES... --db {self.path}' first, "
                                           "or pass another --db path")
        if not memory and not self.path.parent.is_dir():
            raise StoreError(self.path, f"folder {self.path.parent} does not exist",
                             advice="create it or pass another --db path")
        self._types = {}
        wal = None if memory else self.wal_path()
        if wal is not None and not self.read_only and _size(wal):
            # A read-write connection deletes a log it could not replay when it closes: look read-only first.
            self._connect(read_only=True)
            try:
                self._check_wal(wal)
            finally:
                self._disconnect()
        self._connect(read_only=self.read_only)
        try:
            if wal is not None and self.read_only:
                self._check_wal(wal)
            if wal is not None and not _size(wal):
                self._check_size()
            self._migrate()
            with self._errors("reading the schema"):
                problems = schema_findings(schema_of(self._rows))
            if problems:
                raise StoreCorruptError(self.path, "its tables are not those rashomon makes ("
                                        + "; ".join(map(str, problems[:5])) + ")",
                                        advice="pass another --db path, or run 'rashomon check' on it")
        except BaseException:
            self._disconnect()
            raise
        return self

    def wal_path(self) -> Path:
        """The write-ahead log DuckDB keeps beside the store file between checkpoints."""
        return self.path.with_name(self.path.name + ".wal")

    def _connect(self, *, read_only: bool) -> None:
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as err:
            raise self._open_error(err) from err
        except duckdb.ConnectionException as err:
            raise StoreError(self.path, "already open in this process in another mode (read-only or not)",
                             advice="close the other Store first") from err
        except duckdb.Error as err:
            if _is_corrupt(str(err)):
                raise StoreCorruptError(self.path, f"the file is damaged ({err})", advice=DAMAGED) from err
            raise StoreError(self.path, f"cannot open the store ({err})", advice="pass another --db path") from err

    def _disconnect(self) -> None:
        con, self._con = self._con, None
        if con is not None:
            try:
                con.close()
            except duckdb.Error:
                logger.debug("closing %s after a failed open failed too", self.path, exc_info=True)

    def _check_wal(self, wal: Path) -> None:
        """Refuse a store whose write-ahead log DuckDB did not replay (it ignores a log it cannot read): the
        changes in it would be lost silently, and the next write would overwrite it."""
        size = _size(wal)
        if not size:
            return
        with self._errors("reading the store's size"):
            rows = self._connection().execute("PRAGMA database_size").fetchall()
        if rows and str(rows[0][6]).strip() in ("0 bytes", "0"):
            raise StoreCorruptError(
                self.path, f"the write-ahead log beside it ({wal.name}, {size:,} bytes) is damaged or not DuckDB's, "
                "so DuckDB could not replay it: the changes written to it since the last checkpoint are not in "
                "the store", advice=f"move {wal} aside to use the store as it was at its last checkpoint (then run "
                "'rashomon check'), or restore both files from a backup")

    def _check_size(self) -> None:
        """Refuse a file that was cut off (a full disk, a copy stopped halfway): DuckDB writes whole blocks after
        its headers, so a sound file is the headers and a whole number of blocks, at least as many as it uses.
        (It may hold fewer than it counts: free blocks at its end are cut off by DuckDB itself.)"""
        with self._errors("reading the store's size"):
            rows = self._connection().execute("PRAGMA database_size").fetchall()
        size = _size(self.path)
        if not rows or size <= _HEADERS:
            return
        block, used = int(rows[0][2]), int(rows[0][4])
        if (size - _HEADERS) % block or size < _HEADERS + used * block:
            raise StoreCorruptError(self.path, f"the file is {size:,} bytes, not the {used:,} whole blocks of "
                                    f"{block:,} bytes after its headers that it holds: it was cut off (a full disk? a "
                                    "copy stopped halfway?), and the rows in the missing part are lost", advice=DAMAGED)

    def check(self) -> CheckReport:
        """Verify the whole store (see `store.check`): schema, counts, offsets, links; every block is read.
        Changes nothing."""
        con = self._connection()
        with self._errors("checking the store"):
            return check_rows(lambda sql: con.execute(sql).fetchall())

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
        if _is_corrupt(text):
            return StoreCorruptError(self.path, f"the file is damaged ({text})", advice=DAMAGED)
        if _LOCK.search(text):
            return StoreInUseError(self.path, _IN_USE)
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
        if applied and max(applied) > migrations.SCHEMA_VERSION:
            raise StoreError(self.path, f"made by a newer rashomon (schema {max(applied)}; this one knows up to "
                             f"{migrations.SCHEMA_VERSION})", advice="upgrade rashomon to use this store")
        missing = [m for m in migrations.MIGRATIONS if m.number not in applied]
        if not missing:
            return
        if self.read_only:
            raise StoreError(self.path,
                             f"made by an older rashomon (schema {max(applied)}, now {migrations.SCHEMA_VERSION})",
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
            if _is_corrupt(str(err)):
                raise StoreCorruptError(self.path, f"{action} failed, the file is damaged ({err})",
                                        advice=DAMAGED) from err
            if _LOCK.search(str(err)):
                raise StoreInUseError(self.path, _IN_USE) from err
            raise StoreError(self.path, f"{action} failed: {err}",
                             advice="check free disk space and file permissions") from err
        except duckdb.InvalidInputException as err:
            if "read-only" in str(err):
                raise StoreError(self.path, "opened read-only, cannot write",
                                 advice="open it without read_only") from err
            raise StoreError(self.path, f"{action} failed: {err}", advice=_BUG) from err
        except duckdb.Error as err:
            if _is_corrupt(str(err)):
                raise StoreCorruptError(self.path, f"{action} failed, the file is damaged ({err})",
                                        advice=DAMAGED) from err
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

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one query and fetch its rows."""
        with self._errors("reading"):
            return self._connection().execute(sql, list(params)).fetchall()

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
            values = ", ".join("(" + ", ".join(literal(value) for value in row) + ")" for row in rows)
            return f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values}"
        con = self._connection()
        if table not in self._types:
            self._types[table] = dict(con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                f"WHERE table_catalog = current_database() AND table_name = {literal(table)}").fetchall())
        types = self._types[table]
        structure = json.dumps([{name: types[name] for name in columns}])
        payload = json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False)
        return (f"INSERT INTO {table} ({', '.join(columns)}) "
                f"SELECT unnest(json_transform({literal(payload)}, {literal(structure)}), recursive := true)")


def _is_corrupt(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _CORRUPT)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def literal(value: Any) -> str:
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
        return "[" + ", ".join(literal(item) for item in value) + "]::VARCHAR[]"
    raise TypeError(f"cannot store {type(value).__name__} value {value!r}")

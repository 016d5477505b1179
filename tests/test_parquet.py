"""`Store.write_parquet` and `rashomon export --parquet`: one Parquet file per table, read back by DuckDB with
the rows and columns of the store. The articles are fictional."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from bundles import bundle
from rashomon.cli import app
from rashomon.model import Document, Mention
from rashomon.store import TABLES, Store

TEXTS = ("Orla Venn said the Kessmoor dam held through the storm.", "In Kessmoor, Orla Venn counted the sandbags.")


def _mention(doc: Document, word: str, type_: str) -> Mention:
    start = doc.text.index(word)
    span = doc.span(start, start + len(word))
    return Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=word, type=type_,  # type: ignore[arg-type]
                   sentence=doc.span(0, len(doc.text)), label=type_)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        for n, text in enumerate(TEXTS):
            doc = Document.create(path=f"{n}.txt", text=text, format="txt")
            store.add_document(bundle(doc, [_mention(doc, "Orla Venn", "PERSON"), _mention(doc, "Kessmoor", "PLACE")]),
                               stages={"entities.mentions": "v1"})
    return path


def _table(path: Path) -> list[tuple[object, ...]]:
    return duckdb.sql(f"SELECT * FROM read_parquet('{path}') ORDER BY ALL").fetchall()


def test_parquet_write_parquet_reads_back_every_table(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        written = store.write_parquet(tmp_path / "out")
        stats = store.stats()
        con = store._connection()
        stored = {table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in TABLES}
    assert list(written) == list(TABLES) and written == stats
    assert written["documents"] == 2 and written["mentions"] == 4
    for table in TABLES:
        assert _table(tmp_path / "out" / f"{table}.parquet") == stored[table], table


def test_parquet_export_command_writes_the_files(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--parquet", str(tmp_path / "pq")])
    assert result.exit_code == 0, result.output
    assert f"wrote {len(TABLES)} Parquet files" in result.output
    assert sorted(path.stem for path in (tmp_path / "pq").iterdir()) == sorted(TABLES)
    assert len(_table(tmp_path / "pq" / "mentions.parquet")) == 4

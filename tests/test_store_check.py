"""The store check (issue 17): `Store.check` and `rashomon check` find what was damaged, and opening a damaged
store, or one beside a write-ahead log DuckDB could not replay, is refused with a message instead of exit 0."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from bundles import bundle
from rashomon.cli import app
from rashomon.errors import StoreCorruptError
from rashomon.model import Document, Entity, Mention, Span
from rashomon.store import Store

pytestmark = pytest.mark.issue(17)

TEXTS = ("Fictional. Mara Quill, the mayor of Fenwick, said on Sunday that the river had flooded the market.",
         "Fictional. In Dunmore, Tomas Orrin counted 40 families who had left their homes after the storm.")


def _mention(doc: Document, words: str) -> Mention:
    start = doc.text.index(words)
    span = Span(start, start + len(words))
    return Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=words, type="PERSON",
                   sentence=Span(0, len(doc.text)))


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        mentions = []
        for number, text in enumerate(TEXTS):
            doc = Document.create(path=f"{number}.txt", text=text, format="txt")
            found = [_mention(doc, words) for words in (("Mara Quill", "Fenwick"), ("Tomas Orrin", "Dunmore"))[number]]
            store.add_document(bundle(doc, found), stages={"entities.mentions": "v1"})
            mentions += found
        store.replace_corpus_records({"entities": [Entity(id=f"e{n}", name=m.text, type="PERSON", aliases=(m.text,),
                                                          mention_ids=(m.id,)) for n, m in enumerate(mentions)]})
    return path


def _findings(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return [str(finding) for finding in store.check().findings]


def _sql(db: Path, *statements: str) -> None:
    with duckdb.connect(str(db)) as con:
        for statement in statements:
            con.execute(statement)


def test_check_finds_nothing_in_a_sound_store(db: Path) -> None:
    with Store(db, read_only=True) as store:
        report = store.check()
    assert report.ok and report.rows["documents"] == 2 and report.rows["mentions"] == 4


@pytest.mark.parametrize(("statements", "words"), [
    (["DELETE FROM mentions WHERE text = 'Fenwick'"], "not those written with them"),
    (["UPDATE mentions SET span_end = 9999 WHERE text = 'Fenwick'"], "outside their document's text"),
    (["UPDATE mentions SET span_start = span_start + 1 WHERE text = 'Dunmore'"], "not the text at their span"),
    (["UPDATE documents SET text = replace(text, 'river', 'rover')"], "not the text their id was made from"),
    (["DELETE FROM document_paths WHERE path = '0.txt'"], "no path leads to"),
    (["DELETE FROM documents WHERE path = '1.txt'"], "not stored"),
    (["INSERT INTO entity_mentions VALUES ('e0', 9, 'no-such-mention')"], "not found in mentions"),
    (["UPDATE documents SET title_start = 0, title_end = 5000, title = 'x', title_source = 'text'"],
     "title span(s) outside the text"),
    (["INSERT INTO term_counts VALUES ((SELECT min(id) FROM documents), '{not json')"], "not valid JSON"),
], ids=["lost-rows", "span-out", "span-text", "text-changed", "no-path", "orphans", "dangling-link", "meta-span",
        "json"])
def test_check_finds_what_was_damaged(db: Path, statements: list[str], words: str) -> None:
    _sql(db, *statements)
    findings = _findings(db)
    assert any(words in finding for finding in findings), findings


def test_check_opening_a_store_whose_tables_changed_is_refused(db: Path) -> None:
    _sql(db, "ALTER TABLE mentions DROP COLUMN chain")
    with pytest.raises(StoreCorruptError, match=r"column.*missing: chain"):
        Store(db, read_only=True).open()


@pytest.mark.parametrize("read_only", [True, False])
def test_check_garbage_write_ahead_log_is_refused_and_kept(db: Path, read_only: bool) -> None:
    wal = db.with_name(db.name + ".wal")
    wal.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(StoreCorruptError, match="write-ahead log"):
        Store(db, read_only=read_only).open()
    assert wal.stat().st_size == 5120  # left for the user to look at, not deleted by DuckDB's checkpoint


def test_check_damaged_block_is_found(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:  # a store big enough to have data blocks beyond the first
        docs = [Document.create(path=f"x{n}.txt", text=f"{TEXTS[0]} Number {n}. " * 40, format="txt")
                for n in range(200)]
        for doc in docs:
            store.add_document(bundle(doc), stages={"entities.mentions": "v1"})
    damaged = []
    for offset in range(300_000, db.stat().st_size - 8192, 131_072):
        copy = tmp_path / f"damaged-{offset}.duckdb"
        shutil.copy(db, copy)
        with open(copy, "r+b") as handle:
            handle.seek(offset)
            handle.write(b"\xa5" * 4096)
        result = CliRunner().invoke(app, ["check", "--db", str(copy), "--json"])
        report = json.loads(result.stdout)
        assert result.exit_code in (0, 2) and (result.exit_code == 0) == report["ok"]
        damaged.append(result.exit_code == 2)
    assert any(damaged), "no garbage was noticed anywhere"


def test_check_cli_exit_codes(db: Path) -> None:
    runner = CliRunner()
    sound = runner.invoke(app, ["check", "--db", str(db)])
    assert sound.exit_code == 0 and "no problems found" in sound.stdout
    _sql(db, "DELETE FROM mentions WHERE text = 'Fenwick'")
    damaged = runner.invoke(app, ["check", "--db", str(db), "--json"])
    assert damaged.exit_code == 2 and not json.loads(damaged.stdout)["ok"]
    missing = runner.invoke(app, ["check", "--db", str(db.with_name("none.duckdb"))])
    assert missing.exit_code == 2


def test_check_corrupt_file_is_a_clear_error_for_every_command(db: Path) -> None:
    db.write_bytes(b"not a database at all" * 1000)
    for command in (["documents"], ["entities"], ["check"], ["export", "--json", str(db) + ".json"]):
        result = CliRunner().invoke(app, [*command, "--db", str(db)])
        assert result.exit_code == 2, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_check_a_file_cut_off_is_refused(db: Path) -> None:
    with Store(db) as store:
        for n in range(100):
            store.add_document(bundle(Document.create(path=f"x{n}.txt", text=f"{TEXTS[1]} Number {n}. " * 40,
                                                      format="txt")), stages={"entities.mentions": "v1"})
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        handle.truncate(size - 100_000)
    with pytest.raises(StoreCorruptError, match=r"cut off|damaged"):
        Store(db, read_only=True).open()

"""The DuckDB store: round trips, replacement of changed files, migrations, errors, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon import store as store_module
from rashomon.errors import StoreError
from rashomon.model import Claim, ClaimGroup, Document, Entity, Mention, Meta, Span
from rashomon.store import MIGRATIONS, SCHEMA_VERSION, TABLES, Migration, Store

STAGES = {"entities.mentions": "v1", "claims.extract": "v1"}


def _mention(doc: Document, word: str, type_: str = "PERSON", *, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    span = doc.span(start, start + len(word))
    return Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=word, type=type_,  # type: ignore[arg-type]
                   sentence=doc.span(0, len(doc.text)), label=type_)


def _claim(doc: Document, number: str, value: float) -> Claim:
    start = doc.text.index(number)
    span = doc.span(start, start + len(number))
    return Claim(id=f"{doc.id}:{span.start}-{span.end}", doc_id=doc.id, span=span, text=number,
                 sentence=doc.span(0, len(doc.text)), value=value, low=value, high=value, measure="injured",
                 counted="walker")


def _article(path: str, text: str, outlet: str | None = None) -> tuple[Document, list[Mention], list[Claim]]:
    doc = Document.create(path=path, text=text, format="txt", title=Meta(text[:10], "text", Span(0, 10)),
                          outlet=Meta(outlet, "html") if outlet else None)
    mentions = [_mention(doc, "Mara Quill"), _mention(doc, "Fenwick", "PLACE")]
    claims = [_claim(doc, "12", 12.0)] if "12" in text else []
    return doc, mentions, claims


@pytest.fixture()
def articles() -> list[tuple[Document, list[Mention], list[Claim]]]:
    return [
        _article("a.txt", "Mara Quill said 12 walkers were hurt near Fenwick on Sunday.", "The Ledger"),
        _article("b.txt", "In Fenwick, Mara Quill counted 12 injured walkers after the storm."),
        _article("c.txt", "Mara Quill left Fenwick quietly before the storm arrived."),
    ]


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "rashomon.duckdb"


# -- round trips ---------------------------------------------------------------------------------------

_text = st.text(max_size=60)  # hypothesis leaves out lone surrogates, which no decoded file can hold
_sources = st.sampled_from(["text", "html", "jsonl", "pdf"])
_floats = st.none() | st.floats(allow_nan=False)


@st.composite
def _records(draw: st.DrawFn) -> tuple[Document, list[Mention], list[Claim]]:
    text = draw(st.text(min_size=1, max_size=200))
    n = len(text)

    def span() -> Span:
        start = draw(st.integers(0, n))
        return Span(start, draw(st.integers(start, n)))

    def meta() -> Meta | None:
        if not draw(st.booleans()):
            return None
        return Meta(draw(_text), draw(_sources), span() if draw(st.booleans()) else None)

    doc = Document.create(path=draw(_text), text=text, format=draw(st.sampled_from(["txt", "md", "html", "pdf", "jsonl"])),
                          title=meta(), author=meta(), outlet=meta(), published=meta(), url=draw(st.none() | _text))
    mentions = []
    for _ in range(draw(st.integers(0, 12))):  # up to 8 rows are stored as VALUES, more as JSON
        where = span()
        mentions.append(Mention(id=Mention.make_id(doc.id, where), doc_id=doc.id, span=where, text=doc.slice(where),
                                type=draw(st.sampled_from(["PERSON", "ORG", "PLACE", "GROUP"])), sentence=span(),
                                title=draw(st.none() | _text), chain=draw(_text), expansion=draw(st.none() | _text),
                                label=draw(_text)))
    claims = []
    for _ in range(draw(st.integers(0, 10))):
        where = span()
        claims.append(Claim(id=f"{doc.id}:{where.start}-{where.end}:{len(claims)}", doc_id=doc.id, span=where,
                            text=doc.slice(where), sentence=span(), value=draw(_floats), low=draw(_floats),
                            high=draw(_floats), unit=draw(_text), measure=draw(_text), counted=draw(_text),
                            place=draw(_text), period=draw(_text), attributed_to=draw(_text), qualifier=draw(_text),
                            entity_ids=tuple(draw(st.lists(_text, max_size=3))), event_id=draw(st.none() | _text)))
    return doc, mentions, claims


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store file for every hypothesis example (a new file each would spend the time creating tables)."""
    with Store(tmp_path_factory.mktemp("hypothesis") / "s.duckdb") as store:
        yield store


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=_records())
def test_store_round_trip_is_identity(shared_store: Store, records: tuple[Document, list[Mention], list[Claim]]) -> None:
    doc, mentions, claims = records
    with shared_store._transaction("emptying the store") as con:
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")
    shared_store.add_document(doc, mentions, claims, stages=STAGES)
    assert shared_store.documents() == [doc]
    key = lambda r: (r.span.start, r.span.end, r.id)  # noqa: E731
    assert shared_store.mentions() == sorted(mentions, key=key)
    assert shared_store.claims() == sorted(claims, key=key)
    assert shared_store.stage_versions(doc.id) == STAGES


def test_store_round_trip_through_the_file(db: Path) -> None:
    text = "Zoë\x00 said \u2028'quoted' \"12\" 👋 🇳🇿\n\nend"
    doc = Document.create(path="odd/päth's.txt", text=text, format="md", title=Meta("", "text", Span(0, 0)),
                          author=Meta("Zoë", "pdf"), url="")
    mentions = [Mention(id=Mention.make_id(doc.id, Span(0, 4)), doc_id=doc.id, span=Span(0, 4), text=text[:4],
                        type="PERSON", sentence=Span(0, len(text)), title="", chain="", expansion=None, label="")]
    claims = [Claim(id=f"{doc.id}:x", doc_id=doc.id, span=Span(1, 2), text=text[1:2], sentence=Span(0, 0),
                    value=float("inf"), low=-0.0, high=1e-300, entity_ids=("", "e'1"), event_id="")]
    with Store(db) as store:
        store.add_document(doc, mentions, claims, stages={})
    with Store(db, read_only=True) as store:
        assert store.load().documents == (doc,)
        assert store.mentions() == mentions
        assert store.claims() == claims
        assert store.stage_versions(doc.id) == {}


@pytest.mark.parametrize("count", [1, 30])  # 30 rows go through the JSON path, 1 through VALUES
def test_store_round_trip_entities_and_groups(db: Path, count: int) -> None:
    doc, _, _ = _article("a.txt", "Mara Quill met Fenwick. " * count + "It's 12 o'clock.")
    mentions = [_mention(doc, "Mara Quill", nth=i) for i in range(count)]
    claims = [_claim(doc, "12", 12.0)]
    entities = [Entity(id=f"e{i}", name=f"Quill {i} ‘☃’", type="PERSON", aliases=(f"Quill {i}", "", "Q\x00"),
                       mention_ids=(mentions[i].id,)) for i in range(count)]
    entities.append(Entity(id="e-empty", name="", type="GROUP", aliases=(), mention_ids=()))
    groups = [ClaimGroup(id="g1", label="walkers injured", verdict="single", claim_ids=(claims[0].id,))]
    with Store(db) as store:
        store.add_document(doc, mentions, claims, stages=STAGES)
        store.replace_entities(entities)
        store.replace_claim_groups(groups)
    with Store(db, read_only=True) as store:
        corpus = store.load()
    assert corpus.entities == tuple(entities)
    assert corpus.claim_groups == tuple(groups)
    assert corpus.mentions == tuple(mentions)


# -- writing -------------------------------------------------------------------------------------------


def test_store_add_document_stores_everything(db: Path, articles) -> None:  # type: ignore[no-untyped-def]
    with Store(db) as store:
        for doc, mentions, claims in articles:
            store.add_document(doc, mentions, claims, stages=STAGES)
        stats = store.stats()
        assert [d.path for d in store.documents()] == ["a.txt", "b.txt", "c.txt"]
        assert store.has_document(articles[1][0].id)
        assert not store.has_document("d0000000000000000")
        assert store.document_id_for_path("b.txt") == articles[1][0].id
        assert store.document_id_for_path("nowhere.txt") is None
    assert stats["documents"] == 3
    assert stats["mentions"] == 6
    assert stats["claims"] == 2
    assert stats["document_stages"] == 6
    assert stats["entities"] == 0


def test_store_add_document_again_is_a_noop(db: Path, articles) -> None:  # type: ignore[no-untyped-def]
    doc, mentions, claims = articles[0]
    with Store(db) as store:
        store.add_document(doc, mentions, claims, stages=STAGES)
        before = store.stats()
        store.add_document(doc, mentions, claims, stages={"entities.mentions": "v2"})
        assert store.stats() == before
        assert store.stage_versions(doc.id) == STAGES


def test_store_add_document_replaces_changed_file(db: Path, articles) -> None:  # type: ignore[no-untyped-def]
    old, old_mentions, old_claims = articles[0]
    new, new_mentions, new_claims = _article("a.txt", "Mara Quill now says 12 walkers, not 11, were hurt in Fenwick.")
    with Store(db) as store:
        store.add_document(old, old_mentions, old_claims, stages=STAGES)
        store.add_document(*articles[1], stages=STAGES)
        store.replace_entities([Entity("e1", "Mara Quill", "PERSON", ("Mara Quill",),
                                       (old_mentions[0].id, articles[1][1][0].id))])
        store.replace_claim_groups([ClaimGroup("g1", "walkers injured", "agree",
                                               (old_claims[0].id, articles[1][2][0].id))])
        store.add_document(new, new_mentions, new_claims, stages=STAGES)
        assert not store.has_document(old.id)
        assert store.document_id_for_path("a.txt") == new.id
        assert {m.doc_id for m in store.mentions()} == {new.id, articles[1][0].id}
        assert {c.doc_id for c in store.claims()} == {new.id, articles[1][0].id}
        assert store.entities()[0].mention_ids == (articles[1][1][0].id,)
        assert store.claim_groups()[0].claim_ids == (articles[1][2][0].id,)
        assert store.stats()["document_stages"] == 2 * len(STAGES)


def test_store_copy_of_a_file_keeps_document_until_every_path_changes(db: Path, articles) -> None:  # type: ignore[no-untyped-def]
    doc, mentions, claims = articles[0]
    copy = Document.create(path="copy.txt", text=doc.text, format="txt")
    changed = Document.create(path="a.txt", text="Something else entirely about Mara Quill.", format="txt")
    with Store(db) as store:
        store.add_document(doc, mentions, claims, stages=STAGES)
        store.add_document(copy, mentions, claims, stages=STAGES)
        assert store.document_id_for_path("copy.txt") == doc.id
        assert store.stats()["documents"] == 1
        store.add_document(changed, [], stages=STAGES)
        assert store.has_document(doc.id)
        assert {d.path: d.id for d in store.documents()} == {"copy.txt": doc.id, "a.txt": changed.id}
        assert len(store.mentions()) == 2


def test_store_add_document_refuses_records_of_another_document(db: Path, articles) -> None:  # type: ignore[no-untyped-def]
    with Store(db) as store, pytest.raises(StoreError, match="records of another document"):
        store.add_document(articles[0][0], articles[1][1], stages=STAGES)


def test_store_failed_add_document_leaves_nothing(db: Path, articles, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    original = Store._insert_sql

    def broken(self: Store, table: str, columns, rows) -> str:  # type: ignore[no-untyped-def]
        return "INSERT INTO no_such_table VALUES (1)" if table == "claims" else original(self, table, columns, rows)

    with Store(db) as store:
        store.add_document(*articles[1], stages=STAGES)
        monkeypatch.setattr(Store, "_insert_sql", broken)
        with pytest.raises(StoreError, match="storing document"):
            store.add_document(*articles[0], stages=STAGES)
        monkeypatch.undo()
        assert not store.has_document(articles[0][0].id)
        assert store.stats()["mentions"] == 2
        store.add_document(*articles[0], stages=STAGES)  # the store still works
        assert store.stats()["documents"] == 2


def test_store_replace_entities_replaces_all(db: Path, articles) -> None:  # type: ignore[no-untyped-def]
    doc, mentions, claims = articles[0]
    first = [Entity("e1", "Mara Quill", "PERSON", ("Mara Quill",), (mentions[0].id,)),
             Entity("e2", "Fenwick", "PLACE", ("Fenwick",), (mentions[1].id,))]
    second = [Entity("e2", "Fenwick Town", "PLACE", ("Fenwick Town", "Fenwick"), (mentions[1].id,))]
    with Store(db) as store:
        store.add_document(doc, mentions, claims, stages=STAGES)
        store.replace_entities(first)
        store.replace_entities(second)
        assert store.entities() == second
        assert store.stats()["entity_mentions"] == 1


def test_store_replace_claim_groups_refines_claims(db: Path, articles) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    doc, mentions, claims = articles[0]
    refined = replace(claims[0], event_id="ev1", entity_ids=("e1",), place="Fenwick")
    group = ClaimGroup("g1", "walkers injured", "single", (claims[0].id,))
    with Store(db) as store:
        store.add_document(doc, mentions, claims, stages=STAGES)
        store.replace_claim_groups([group], [refined])
        assert store.claims() == [refined]
        assert store.claim_groups() == [group]
        stray = replace(refined, id=f"{doc.id}:0-1")
        with pytest.raises(StoreError, match="refined claims"):
            store.replace_claim_groups([], [stray])
        assert store.claim_groups() == [group]  # rolled back


# -- migrations ----------------------------------------------------------------------------------------


def test_store_new_file_records_migrations(db: Path) -> None:
    with Store(db):
        pass
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert [row[0] for row in con.execute("SELECT id FROM migrations ORDER BY id").fetchall()] == \
            [m.number for m in MIGRATIONS]
    finally:
        con.close()


def test_store_older_schema_gets_missing_migrations(db: Path, articles, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    with Store(db) as store:
        store.add_document(*articles[0], stages=STAGES)
    extra = Migration(SCHEMA_VERSION + 1, "notes", ("CREATE TABLE notes (doc_id VARCHAR, note VARCHAR)",))
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, extra))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", extra.number)
    with pytest.raises(StoreError, match="older rashomon"):
        Store(db, read_only=True).open()
    with Store(db) as store:
        assert store.documents()[0].id == articles[0][0].id
        assert store._rows("SELECT count(*) FROM notes") == [(0,)]
        assert store._rows("SELECT max(id) FROM migrations") == [(extra.number,)]


@pytest.mark.parametrize("read_only", [False, True])
def test_store_newer_schema_asks_to_upgrade(db: Path, read_only: bool) -> None:
    with Store(db):
        pass
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO migrations (id, name) VALUES (?, 'from the future')", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match="upgrade rashomon"):
        Store(db, read_only=read_only).open()


# -- errors --------------------------------------------------------------------------------------------


def test_store_not_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="not a rashomon store") as caught:
        Store(path).open()
    assert str(path) in str(caught.value)
    assert "--db" in str(caught.value)


def test_store_other_duckdb_database(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE sales (amount INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a rashomon store.*sales"):
        Store(db).open()


def test_store_read_only_missing_file(db: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        Store(db, read_only=True).open()
    assert not db.exists()


def test_store_read_only_refuses_writes(db: Path, articles) -> None:  # type: ignore[no-untyped-def]
    with Store(db):
        pass
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.add_document(*articles[0], stages=STAGES)


def test_store_not_open(db: Path) -> None:
    with pytest.raises(StoreError, match="not open"):
        Store(db).documents()


def test_store_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "s.duckdb").open()


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code)]


def test_store_locked_by_another_process(db: Path) -> None:
    with Store(db):
        pass
    holder = subprocess.Popen(_python(f"""
        import sys
        from rashomon.store import Store
        with Store({str(db)!r}):
            print("open", flush=True)
            sys.stdin.read()
        """), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another rashomon process"):
            Store(db).open()
    finally:
        holder.communicate("", timeout=30)


# -- crash safety --------------------------------------------------------------------------------------

_WRITER = """
    import os, signal
    from rashomon.model import Document, Mention, Span
    from rashomon.store import Store

    def die():
        os.kill(os.getpid(), signal.SIGKILL) if hasattr(signal, "SIGKILL") else os._exit(9)

    class DyingConnection:  # lets every statement of the last document run, then dies before COMMIT
        def __init__(self, con):
            self.con = con
        def __getattr__(self, name):
            return getattr(self.con, name)
        def commit(self):
            die()

    store = Store({db!r}).open()
    for i in range({count} + 1):
        text = f"Article {{i}} names Mara Quill and Fenwick twice: Mara Quill, Fenwick."
        doc = Document.create(path=f"{{i}}.txt", text=text, format="txt")
        mentions = [Mention(id=Mention.make_id(doc.id, Span(s, s + 4)), doc_id=doc.id, span=Span(s, s + 4),
                            text=text[s:s + 4], type="PERSON", sentence=Span(0, len(text))) for s in (0, 20, 30)]
        if i == {count}:
            store._con = DyingConnection(store._con)
        store.add_document(doc, mentions, stages={{"test": "v1"}})
    """


@pytest.mark.parametrize("count", [0, 7])
def test_store_survives_a_kill_mid_run(db: Path, count: int) -> None:
    result = subprocess.run(_python(_WRITER.format(db=str(db), count=count)), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode in (-signal.SIGKILL if hasattr(signal, "SIGKILL") else 9, 9), result.stderr
    with Store(db, read_only=True) as store:
        stats = store.stats()
        paths = sorted(d.path for d in store.documents())
    assert stats["documents"] == count
    assert stats["mentions"] == 3 * count
    assert stats["document_paths"] == count
    assert stats["document_stages"] == count
    assert paths == sorted(f"{i}.txt" for i in range(count))
    assert os.path.exists(db)

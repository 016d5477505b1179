"""The pipeline: stages registered once, and `analyze` bringing every stored document up to date."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bundles import bundle as _bundle
from rashomon import pipeline, stages
from rashomon.claims import extract_claims
from rashomon.cli import app
from rashomon.errors import ConfigError
from rashomon.model import Corpus, Document
from rashomon.pipeline import STAGES, analyze, check_stages, describe_stages, find_stale_documents, stage_versions
from rashomon.settings import Settings
from rashomon.stages import Stage
from rashomon.store import Store

TEXTS = {
    "a.txt": "Fictional report. Police arrested 12 protesters in Fenwick on Sunday, the mayor, Tomas Orrin, said.\n"
             "\"We will not allow violence,\" Orrin told the Fenwick Ledger. Protesters attacked the town hall "
             "on Saturday.\n",
    "b.txt": "Fictional report. In Fenwick, officers detained about 30 demonstrators after a march on Sunday.\n"
             "Mara Quill, a council member, accused the police of beating peaceful marchers near the town hall.\n",
}
PER_DOCUMENT_TABLES = ("mentions", "claims", "times", "event_mentions", "quotes", "stance_evidence", "term_counts",
                       "document_stages")

Versions = Callable[[dict[str, str]], dict[str, str]]


def _older(stage: str) -> Versions:
    return lambda current: {**current, stage: "v0"}


def _without(stage: str) -> Versions:
    return lambda current: {name: version for name, version in current.items() if name != stage}


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {name: folder / name for name in TEXTS}


def _analyze_old(db: Path, paths: list[Path], settings: Settings, monkeypatch: pytest.MonkeyPatch,
                 versions: Versions, *, no_events: bool = False) -> dict[str, int]:
    """Analyse `paths` into `db` as an older rashomon would have (other stage versions; with `no_events`,
    an event extractor that finds nothing); return the row counts."""
    with monkeypatch.context() as patch:
        old = versions(stage_versions())
        patch.setattr(pipeline, "stage_versions", lambda: old)
        if no_events:
            patch.setattr(stages, "extract_event_mentions", lambda *args, **kwargs: [])
        with Store(db) as store:
            result = analyze(paths, store=store, settings=settings)
            assert len(result.added) == len(paths) and not result.skipped
            return store.stats()


def _fresh_counts(tmp_path: Path, paths: list[Path], settings: Settings) -> dict[str, int]:
    with Store(tmp_path / "fresh.duckdb") as store:
        analyze(paths, store=store, settings=settings)
        return store.stats()


# -- which documents are stale ---------------------------------------------------------------------------


@pytest.mark.parametrize(("versions", "stale"), [
    pytest.param(_older("events.mentions"), True, id="older-events"),
    pytest.param(_older("nlp.parse"), True, id="older-parse"),
    pytest.param(_without("claims.extract"), True, id="missing-claims"),
    pytest.param(lambda current: {}, True, id="none-recorded"),
    pytest.param(lambda current: current, False, id="current"),
    pytest.param(_older("entities.resolve"), False, id="older-corpus-stage"),  # recomputed every run anyway
    pytest.param(_older("ingest.read"), False, id="older-ingest"),  # the stored text went through it already
    pytest.param(lambda current: {**current, "retired.stage": "v3"}, False, id="retired-stage"),
])
def test_find_stale_documents_compares_per_document_stages(tmp_path: Path, make_doc, versions: Versions,
                                                           stale: bool) -> None:
    current, old = make_doc("Mara Quill spoke.", path="old.txt"), make_doc("Tomas Orrin left.", path="new.txt")
    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(_bundle(current, []), stages=stage_versions())
        store.add_document(_bundle(old, []), stages=versions(stage_versions()))
        found = find_stale_documents(store)
        seen_from_old = find_stale_documents(store, versions=versions(stage_versions()))
    assert found == ([old.id] if stale else [])
    assert seen_from_old == ([current.id] if stale else [])


def test_find_stale_documents_every_per_document_stage_counts() -> None:
    per_document = {stage.key for stage in STAGES if stage.scope in ("batch", "document")}
    assert set(pipeline._redoable_stages()) == per_document


# -- re-analysis -----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("versions", [pytest.param(_older("events.mentions"), id="older-events"),
                                      pytest.param(_without("perspective.terms"), id="missing-terms")])
def test_analyze_reanalyses_every_stale_document_once(tmp_path: Path, files: dict[str, Path], settings: Settings,
                                                      nlp, monkeypatch: pytest.MonkeyPatch,
                                                      versions: Versions) -> None:
    paths = list(files.values())
    db = tmp_path / "s.duckdb"
    before = _analyze_old(db, paths, settings, monkeypatch, versions, no_events=True)
    fresh = _fresh_counts(tmp_path, paths, settings)
    assert before["event_mentions"] == 0 < fresh["event_mentions"]
    with Store(db) as store:
        ids = {doc.path: doc.id for doc in store.documents()}
        added_at = store._rows("SELECT id, added_at FROM documents ORDER BY id")
        result = analyze([files["a.txt"]], store=store, settings=settings)  # b.txt is stale too: not named
        assert sorted(result.reanalysed) == sorted(ids.values())
        assert result.added == [] and result.unchanged == [] and result.skipped == []
        for doc_id in ids.values():
            assert store.stage_versions(doc_id) == stage_versions()
        after = store.stats()
        assert store._rows("SELECT id, added_at FROM documents ORDER BY id") == added_at
        assert sorted(d.path for d in store.documents()) == sorted(str(p) for p in paths)
        again = analyze(paths, store=store, settings=settings)
        assert again.reanalysed == [] and again.unchanged == [str(p) for p in paths]
        assert store.stats() == after
    for table in PER_DOCUMENT_TABLES:
        assert after[table] == fresh[table], table
    assert after["documents"] == after["document_paths"] == 2
    assert after["events"] == fresh["events"]  # the corpus-level stages ran over the new rows


@pytest.mark.slow
def test_analyze_reanalysis_keeps_the_recorded_ingest_version(tmp_path: Path, files: dict[str, Path],
                                                              settings: Settings, nlp,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.duckdb"
    _analyze_old(db, [files["b.txt"]], settings, monkeypatch,
                 lambda current: {**current, "ingest.read": "v0", "perspective.quotes": "v0"})
    with Store(db) as store:
        (doc,) = store.documents()
        assert analyze([], store=store, settings=settings).reanalysed == [doc.id]
        assert store.stage_versions(doc.id) == {**stage_versions(), "ingest.read": "v0"}


@pytest.mark.slow
def test_analyze_up_to_date_store_reanalyses_nothing(tmp_path: Path, files: dict[str, Path], settings: Settings,
                                                     nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        analyze(list(files.values()), store=store, settings=settings)
        before = store.stats()

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("nothing to parse, yet the model was loaded")

        monkeypatch.setattr(pipeline, "load_nlp", refuse)
        for inputs in ([], list(files.values())):
            result = analyze(inputs, store=store, settings=settings)
            assert result.reanalysed == [] and result.added == [] and result.skipped == []
            assert result.unchanged == [str(p) for p in inputs]
            assert store.stats() == before


@pytest.mark.slow
def test_analyze_failed_reanalysis_keeps_old_rows(tmp_path: Path, files: dict[str, Path], settings: Settings,
                                                  nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.duckdb"
    _analyze_old(db, list(files.values()), settings, monkeypatch, _older("claims.extract"))

    def broken(doc: Document, *args: Any, **kwargs: Any) -> object:
        if doc.path == str(files["a.txt"]):
            raise ValueError("cannot read this number")
        return extract_claims(doc, *args, **kwargs)

    with Store(db) as store:
        ids = {doc.path: doc.id for doc in store.documents()}
        bad, good = ids[str(files["a.txt"])], ids[str(files["b.txt"])]
        old_claims = [c for c in store.claims() if c.doc_id == bad]
        old_versions = store.stage_versions(bad)
        with monkeypatch.context() as patch:
            patch.setattr(stages, "extract_claims", broken)
            result = analyze([], store=store, settings=settings)
        assert result.reanalysed == [good]
        assert [skip.path for skip in result.skipped] == [str(files["a.txt"])]
        assert "cannot read this number" in result.skipped[0].reason and "kept" in result.skipped[0].reason
        assert not result.ok
        assert store.stage_versions(bad) == old_versions != stage_versions()
        assert store.stage_versions(good) == stage_versions()
        assert [c for c in store.claims() if c.doc_id == bad] == old_claims
        assert old_claims and {m.doc_id for m in store.mentions()} == {bad, good}
        retried = analyze([], store=store, settings=settings)  # the next run tries again
        assert retried.reanalysed == [bad] and retried.ok
        assert store.stage_versions(bad) == stage_versions()


@pytest.mark.slow
def test_analyze_failed_new_document_is_skipped(tmp_path: Path, files: dict[str, Path], settings: Settings,
                                                nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc: Document, *args: object, **kwargs: object) -> object:
        raise ValueError("no quotes today")

    monkeypatch.setattr(stages, "extract_quotes", broken)
    with Store(tmp_path / "s.duckdb") as store:
        result = analyze(list(files.values()), store=store, settings=settings)
        assert result.added == [] and store.stats()["documents"] == 0
    assert [skip.path for skip in result.skipped] == [str(p) for p in files.values()]
    assert all("nothing of it was stored" in skip.reason for skip in result.skipped)


# -- the command -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_analyze_cli_without_articles_brings_the_store_up_to_date(tmp_path: Path, files: dict[str, Path],
                                                                  settings: Settings, nlp,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.duckdb"
    _analyze_old(db, list(files.values()), settings, monkeypatch, _older("entities.mentions"))
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Re-analysed 2 stored document(s)" in result.stdout
    result = runner.invoke(app, ["analyze", "--db", str(db)])
    assert result.exit_code == 0 and "Re-analysed" not in result.stdout
    result = runner.invoke(app, ["analyze", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no articles given" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


# -- the registry ----------------------------------------------------------------------------------------


def _records(doc: object, parsed: object, *, settings: object) -> dict[str, object]:
    return {"mentions": ()}


def _sneaky(doc: object, parsed: object, times: object, *, settings: object) -> dict[str, object]:
    return {"mentions": ()}


@pytest.mark.parametrize(("stage", "problem"), [
    pytest.param(Stage("x.sneaky.v1", _sneaky, ("doc", "parsed"), ("mentions",)), "reads times without declaring it",
                 id="undeclared-read"),
    pytest.param(Stage("x.early.v1", _sneaky, ("doc", "parsed", "times"), ("mentions",)),
                 "requires times, which no earlier stage assigns", id="not-yet-assigned"),
    pytest.param(Stage("x.wide.v1", _records, ("doc", "parsed", "quotes"), ("mentions",)), "does not take quotes",
                 id="declared-but-not-taken"),
    pytest.param(Stage("x.nowhere.v1", lambda mentions, *, settings: {"notes": ()}, ("mentions",), ("notes",),
                       "corpus"), "assigns notes, which the store has no table for", id="no-table"),
    pytest.param(Stage("entities.mentions.v2", _records, ("doc", "parsed"), ("mentions",)), "registered twice",
                 id="twice"),
    pytest.param(Stage("x.late.v1", _records, ("doc", "parsed"), ("mentions",), "input"), "comes after",
                 id="scope-order"),
])
def test_check_stages_rejects_inconsistent_declarations(stage: Stage, problem: str) -> None:
    document_stages = [s for s in STAGES if s.scope != "corpus"]
    position = 2 if stage.name.startswith(("x.early", "x.sneaky")) else len(document_stages)
    registry = (*document_stages[:position], stage, *document_stages[position:],
                *(s for s in STAGES if s.scope == "corpus"))
    with pytest.raises(ConfigError, match=problem):
        check_stages(registry)


def test_check_stages_accepts_the_registry() -> None:
    check_stages()
    assert [row["name"] for row in describe_stages()] == [stage.name for stage in STAGES]


def test_check_stages_every_record_field_has_a_stage() -> None:
    without_quotes = tuple(s for s in STAGES if s.key not in ("perspective.quotes", "perspective.evidence"))
    with pytest.raises(ConfigError, match=r"no stage assigns DocumentRecords\.quotes"):
        check_stages(without_quotes)


def test_run_corpus_refuses_a_stage_that_assigns_other_than_it_declares(monkeypatch: pytest.MonkeyPatch,
                                                                       settings: Settings) -> None:
    wrong = Stage("entities.resolve.v1", lambda mentions, *, settings: {"events": ()}, ("mentions",), ("entities",),
                  "corpus")
    monkeypatch.setattr(pipeline, "STAGES", (wrong,))
    with pytest.raises(ConfigError, match="returned events but declares it assigns entities"):
        pipeline.run_corpus(Corpus(documents=(), mentions=(), entities=()), settings=settings)


def test_config_stages_prints_the_graph() -> None:
    result = CliRunner().invoke(app, ["config", "--stages", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    fuse = next(row for row in rows if row["name"].startswith("events.fuse."))
    assert fuse["scope"] == "corpus" and "events" in fuse["assigns"]
    assert any(name.startswith("entities.resolve.") for name in fuse["after"])

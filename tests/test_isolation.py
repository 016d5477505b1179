"""Isolation and durable progress in `analyze` (issue 17): skips reported as they happen, duplicates named with
the file they duplicate, a failing stage, parse or store write costing one document, corpus stages that fail
without losing documents and that do not run again when nothing they read changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from rashomon import pipeline, stages
from rashomon.errors import StoreError
from rashomon.model import Skipped
from rashomon.pipeline import analyze
from rashomon.settings import Settings
from rashomon.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.issue(17)]

TEXTS = {  # fictional
    "a.txt": "Fictional. Police in Fenwick arrested 12 protesters on Sunday, the mayor, Tomas Orrin, said.\n\n"
             "\"We will not allow violence,\" Orrin told the Fenwick Ledger on 3 March 2021.\n",
    "b.txt": "Fictional. In Fenwick, officers detained about 40 demonstrators after a march through the old town "
             "last week, the council said on Monday.\n",
    "c.txt": "Fictional. The Fenwick Ledger reported that 15 people were hurt when police dispersed the march "
             "near the station on Sunday afternoon.\n",
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture()
def serial(settings: Settings) -> Settings:
    return dataclasses.replace(settings, nlp=dataclasses.replace(settings.nlp, workers=0))


def test_isolation_skips_are_reported_as_they_happen(folder: Path, tmp_path: Path, serial: Settings,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    heard: list[Skipped] = []
    seen_by_corpus: list[int] = []
    run_corpus = pipeline.run_corpus

    def _corpus(*args, **kwargs):
        seen_by_corpus.append(len(heard))
        return run_corpus(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run_corpus", _corpus)
    with Store(tmp_path / "s.duckdb") as store:
        result = analyze([folder], store=store, settings=serial, on_skip=heard.append)
    assert [Path(s.path).name for s in heard] == ["binary.txt", "empty.txt"] == [Path(s.path).name
                                                                                  for s in result.skipped]
    assert seen_by_corpus == [2]  # told before the run's end, not only in the result
    assert len(result.added) == 3


def test_isolation_duplicates_name_the_file_they_duplicate(folder: Path, tmp_path: Path, serial: Settings) -> None:
    (folder / "copy-utf16.txt").write_bytes(TEXTS["b.txt"].encode("utf-16"))
    with Store(tmp_path / "s.duckdb") as store:
        first = analyze([folder], store=store, settings=serial)
        (folder / "later-copy.txt").write_text(TEXTS["c.txt"], encoding="utf-8")
        second = analyze([folder], store=store, settings=serial)
    assert [(Path(d.path).name, Path(d.of).name) for d in first.duplicates] == [("copy-utf16.txt", "b.txt")]
    assert sorted((Path(d.path).name, Path(d.of).name) for d in second.duplicates) == [
        ("copy-utf16.txt", "b.txt"), ("later-copy.txt", "c.txt")]
    assert second.added == [] and len(second.unchanged) == 5


def test_isolation_corpus_stages_do_not_run_again_when_nothing_changed(folder: Path, tmp_path: Path,
                                                                       serial: Settings,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    run_corpus = pipeline.run_corpus

    def _counted(*args, **kwargs):
        calls.append(1)
        return run_corpus(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run_corpus", _counted)
    with Store(tmp_path / "s.duckdb") as store:
        first = analyze([folder], store=store, settings=serial)
        again = analyze([folder], store=store, settings=serial)
        changed = dataclasses.replace(serial, fusion=dataclasses.replace(serial.fusion, threshold=0.5))
        third = analyze([folder], store=store, settings=changed)
    assert first.corpus_updated and not again.corpus_updated and third.corpus_updated
    assert len(calls) == 2
    assert (again.entities, again.events, again.claims) == (first.entities, first.events, first.claims)


def test_isolation_a_killed_corpus_stage_is_done_by_the_next_run(folder: Path, tmp_path: Path, serial: Settings,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def _killed(*args, **kwargs):
        raise KeyboardInterrupt  # the run dies after storing its documents, before the corpus stages

    with Store(tmp_path / "s.duckdb") as store:
        monkeypatch.setattr(pipeline, "run_corpus", _killed)
        with pytest.raises(KeyboardInterrupt):
            analyze([folder], store=store, settings=serial)
        monkeypatch.undo()
        assert store.stats()["documents"] == 3 and store.stats()["entities"] == 0
        result = analyze([folder], store=store, settings=serial)
        assert result.added == [] and result.corpus_updated and store.stats()["entities"] > 0


def test_isolation_corpus_stage_failure_keeps_the_documents(folder: Path, tmp_path: Path, serial: Settings,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def _broken(**kwargs):
        raise ValueError("a bug in fusion")

    stage = next(s for s in stages.STAGES if s.name.startswith("events.fuse"))
    broken = dataclasses.replace(stage, function=_broken)
    monkeypatch.setattr(pipeline, "STAGES", tuple(broken if s is stage else s for s in stages.STAGES))
    monkeypatch.setattr(pipeline, "check_stages", lambda: None)
    with Store(tmp_path / "s.duckdb") as store:
        result = analyze([folder], store=store, settings=serial)
        assert len(result.added) == 3 and store.stats()["documents"] == 3
    assert "ValueError: a bug in fusion" in result.corpus_failure and not result.ok


def test_isolation_parse_failure_costs_one_document(folder: Path, tmp_path: Path, serial: Settings,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    parse = stages.parse  # type: ignore[attr-defined]

    def _parse(nlp, docs, **kwargs):
        docs = list(docs)
        if any("demonstrators" in doc.text for doc in docs):
            raise RecursionError("the parser recursed")
        return parse(nlp, docs, **kwargs)

    monkeypatch.setattr(stages, "parse", _parse)
    with Store(tmp_path / "s.duckdb") as store:
        result = analyze([folder], store=store, settings=serial)
    assert sorted(Path(d.path).name for d in result.added) == ["a.txt", "c.txt"]
    [skip] = result.skipped
    assert Path(skip.path).name == "b.txt" and "stage nlp.parse.v1 failed on it (RecursionError" in skip.reason


def test_isolation_a_document_the_store_refuses_is_skipped(folder: Path, tmp_path: Path, serial: Settings,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        add = store.add_document

        def _refuse(records, **kwargs):
            if records.doc.path.endswith("b.txt"):
                raise StoreError(store.path, "storing document failed: a value DuckDB refused")
            add(records, **kwargs)

        monkeypatch.setattr(store, "add_document", _refuse)
        result = analyze([folder], store=store, settings=serial)
    assert sorted(Path(d.path).name for d in result.added) == ["a.txt", "c.txt"]
    assert [Path(s.path).name for s in result.skipped] == ["b.txt"] and "storing it failed" in result.skipped[0].reason


def test_isolation_a_store_that_refuses_everything_ends_the_run(folder: Path, tmp_path: Path, serial: Settings,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        def _refuse(records, **kwargs):
            raise StoreError(store.path, "the disk is full")

        monkeypatch.setattr(store, "add_document", _refuse)
        for name in ("d.txt", "e.txt"):
            (folder / name).write_text(TEXTS["a.txt"].replace("12", name[0] * 2), encoding="utf-8")
        with pytest.raises(StoreError, match="the disk is full"):
            analyze([folder], store=store, settings=serial)

"""The executors (`executors.choose_executor`): serial, forked processes and Dask give the same records; on Dask,
batches come back in order, a lost batch is tried one document at a time, and a worker killed mid-run loses
no document. The texts are fictional."""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from rashomon import cluster, executors
from rashomon.errors import ConfigError
from rashomon.model import Document
from rashomon.pipeline import analyze
from rashomon.render import write_json
from rashomon.settings import DaskSettings, Settings
from rashomon.store import Store
from rashomon.workers import Lost, can_fork

REPO = Path(__file__).resolve().parent.parent

TEXT = ("Fictional bulletin {n}. In Varrow, the harbour police detained about {n}0 dock workers after a strike "
        "on Tuesday.\n\nLena Ostrik, a union organiser, said the arrests were unlawful and that the strike "
        "would go on until the port authority met the workers.\n")


def _with(settings: Settings, *, workers: int = 0, scheduler: str = "", local_workers: int = 1,
          processes: bool = False, batch_size: int = 2, batch_seconds: int | None = None) -> Settings:
    limits = settings.limits if batch_seconds is None else dataclasses.replace(settings.limits,
                                                                               batch_seconds=batch_seconds)
    return dataclasses.replace(settings, nlp=dataclasses.replace(settings.nlp, workers=workers, batch_size=batch_size),
                               dask=DaskSettings(scheduler, local_workers, processes), limits=limits)


@pytest.mark.parametrize(("workers", "scheduler", "expected"), [
    (0, "", "serial"), (2, "", "processes" if can_fork() else "serial"), (0, "local", "dask"),
    (2, "tcp://127.0.0.1:8786", "dask")])
def test_executors_choose_executor(settings: Settings, workers: int, scheduler: str, expected: str) -> None:
    assert executors.choose_executor(_with(settings, workers=workers, scheduler=scheduler)) == expected


@pytest.mark.parametrize("scheduler", ["127.0.0.1:8786", "dask"])
def test_executors_dask_scheduler_must_be_local_or_an_address(scheduler: str) -> None:
    with pytest.raises(ConfigError, match=r"dask\.scheduler"):
        DaskSettings(scheduler)


# -- Dask with fake work (no model): threads of this process, quick --------------------------------------


def _ids(nlp: object, settings: Settings, batch: list[Document]) -> list[str]:
    return [f"{len(batch)}:{doc.text}" for doc in batch]


def _sleeps_on_slow(nlp: object, settings: Settings, batch: list[Document]) -> list[str]:
    if any(doc.text == "slow" for doc in batch):
        time.sleep(3)
    return [doc.text for doc in batch]


@pytest.fixture()
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "load_nlp", lambda model: None)


@pytest.mark.usefixtures("no_model")
def test_executors_dask_yields_every_document_in_order(settings: Settings, make_doc) -> None:
    docs = [make_doc(f"text {n}", path=f"{n}.txt") for n in range(7)]
    got = list(executors.map_documents(docs, _ids, settings=_with(settings, scheduler="local", batch_size=3),  # type: ignore[arg-type]
                                       load=lambda: None))  # type: ignore[arg-type, return-value]
    assert [doc for doc, _ in got] == docs
    assert [outcome for _, outcome in got] == [f"{3 if n < 6 else 1}:text {n}" for n in range(7)]


@pytest.mark.usefixtures("no_model")
def test_executors_dask_lost_batch_is_tried_one_document_at_a_time(settings: Settings, make_doc) -> None:
    docs = [make_doc(text, path=f"{text}.txt") for text in ("first", "slow")]
    got = list(executors.map_documents(docs, _sleeps_on_slow, load=lambda: None,  # type: ignore[arg-type, return-value]
                                       settings=_with(settings, scheduler="local", local_workers=2,
                                                      batch_size=2, batch_seconds=1)))
    assert got[0] == (docs[0], "first")
    assert got[1][0] == docs[1] and isinstance(got[1][1], Lost) and "limits.batch_seconds" in got[1][1].reason


# -- the whole pipeline: every executor stores the same --------------------------------------------------


def _export(inputs: str, tmp: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.chdir(REPO)  # documents keep the relative path they were read from, as in the golden tests
    with Store(tmp / "store.duckdb") as store:
        result = analyze([inputs], store=store, settings=settings)
        assert not result.skipped, result.skipped
        corpus = store.load()
    write_json(corpus, tmp / "export.json")
    return (tmp / "export.json").read_bytes()


_EXECUTORS = {
    "processes": {"workers": 2},
    "dask-threads": {"scheduler": "local", "local_workers": 1, "processes": False},
    "dask-processes": {"scheduler": "local", "local_workers": 2, "processes": True},
}


@pytest.fixture(scope="module")
def serial_examples(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> bytes:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _export("examples/zahrestan", tmp_path_factory.mktemp("serial"), _with(settings), monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("executor", list(_EXECUTORS))
def test_executors_examples_export_is_the_serial_one(tmp_path: Path, settings: Settings, serial_examples: bytes,
                                                     executor: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if executor == "processes" and not can_fork():
        pytest.skip("worker processes need fork")
    chosen = _with(settings, **_EXECUTORS[executor])  # type: ignore[arg-type]
    assert _export("examples/zahrestan", tmp_path, chosen, monkeypatch) == serial_examples


@pytest.mark.slow
@pytest.mark.corpus
def test_executors_reference_corpus_export_is_the_same_on_every_executor(
        tmp_path: Path, settings: Settings, shared_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exports = {}
    for name, chosen in {"serial": {}, "processes": {"workers": 2},
                         "dask-processes": _EXECUTORS["dask-processes"]}.items():
        (tmp_path / name).mkdir()
        exports[name] = _export("../shared/corpus/soleimani-2020", tmp_path / name,
                                _with(settings, **chosen), monkeypatch)  # type: ignore[arg-type]
    assert exports["processes"] == exports["serial"]
    assert exports["dask-processes"] == exports["serial"]


@pytest.mark.slow
def test_executors_dask_worker_killed_mid_run_loses_no_document(tmp_path: Path, settings: Settings) -> None:
    from distributed import Client, LocalCluster

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(8):
        (folder / f"{n}.txt").write_text(TEXT.format(n=n + 2) * 6, encoding="utf-8")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local, \
            Client(local) as client:
        killed: list[int] = []

        def _kill_one_busy_worker() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                busy = [worker for worker, keys in client.processing().items() if keys]
                if busy:
                    pids = client.run(os.getpid, workers=busy[:1])
                    pid = next(iter(pids.values()))
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    return
                time.sleep(0.05)

        killer = threading.Thread(target=_kill_one_busy_worker, daemon=True)
        killer.start()
        chosen = _with(settings, scheduler=local.scheduler_address, batch_size=1)
        with Store(tmp_path / "s.duckdb") as store:
            result = analyze([folder], store=store, settings=chosen)
            stored = store.stats()["documents"]
        killer.join()
    assert killed, "no worker was busy to be killed"
    assert not result.skipped and len(result.added) == 8 and stored == 8

"""Worker processes: `map_in_workers` keeps the order and raises what `work` raised, and `analyze` with
workers stores exactly what it stores in one process."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rashomon import stages
from rashomon.errors import ConfigError
from rashomon.model import Document
from rashomon.pipeline import analyze
from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.workers import can_fork, map_in_workers

needs_fork = pytest.mark.skipif(not can_fork(), reason="worker processes need fork")


@needs_fork
@pytest.mark.parametrize("workers", [0, 1, 2, 3])
def test_map_in_workers_yields_every_batch_in_order(workers: int) -> None:
    offset = 1000  # a closure: forked workers need no picklable function
    batches = [[i, i + 1] for i in range(0, 14, 2)]
    got = list(map_in_workers(lambda batch: [n + offset for n in batch], batches, workers=workers))
    assert got == [(batch, [n + offset for n in batch]) for batch in batches]


@needs_fork
def test_map_in_workers_raises_what_work_raised() -> None:
    def work(batch: list[int]) -> list[int]:
        if 5 in batch:
            raise ValueError("five is not allowed")
        return batch

    done = []
    with pytest.raises(ValueError, match="five is not allowed"):
        for batch, _ in map_in_workers(work, [[1], [2], [5], [6]], workers=2):
            done.append(batch)
    assert done == [[1], [2]]


@needs_fork
def test_map_in_workers_stops_its_workers_when_closed_early() -> None:
    results = map_in_workers(lambda batch: batch, [[n] for n in range(20)], workers=2)
    assert next(results) == ([0], [0])
    results.close()  # must not hang: the workers are told to stop and joined


TEXTS = [
    "Fictional report {n}. Police arrested {n} protesters in Fenwick on Sunday, the mayor, Tomas Orrin, said.\n\n"
    "\"We will not allow violence,\" Orrin told the Fenwick Ledger on 3 March 2021.\n",
    "Fictional report {n}. In Fenwick, officers detained about {n}0 demonstrators after a march last week.\n\n"
    "Mara Quill, a council member, accused the police of beating peaceful marchers near the town hall.\n",
]


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    tables = ("mentions", "claims", "times", "event_mentions", "quotes", "stance_evidence", "term_counts",
              "entities", "events")
    with Store(db, read_only=True) as store:
        con = store._connection()
        return {table: sorted(map(tuple, con.execute(f"SELECT * FROM {table}").fetchall()), key=repr)
                for table in tables}


@needs_fork
@pytest.mark.slow
def test_analyze_with_workers_stores_what_one_process_stores(tmp_path: Path, settings: Settings,
                                                              nlp) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(7):  # four batches of two: the workers are used
        (folder / f"{n}.txt").write_text(TEXTS[n % 2].format(n=n + 2), encoding="utf-8")
    counts = {}
    for workers in (0, 2):
        nlp_settings = dataclasses.replace(settings.nlp, workers=workers, batch_size=2)
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            result = analyze([folder], store=store, settings=dataclasses.replace(settings, nlp=nlp_settings))
        assert len(result.added) == 7 and not result.skipped
        counts[workers] = _rows(tmp_path / f"w{workers}.duckdb")
    assert counts[0]["mentions"] and counts[0]["claims"] and counts[0]["times"]
    assert counts[2] == counts[0]


@needs_fork
@pytest.mark.slow
def test_analyze_with_workers_skips_a_document_a_stage_fails_on(tmp_path: Path, settings: Settings, nlp,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc: Document, *args: object, **kwargs: object) -> object:
        if "report 4." in doc.text:
            raise ValueError("no quotes in report 4")
        return []

    monkeypatch.setattr(stages, "extract_quotes", broken)  # the forked workers inherit the patch
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(TEXTS[n % 2].format(n=n + 2), encoding="utf-8")
    nlp_settings = dataclasses.replace(settings.nlp, workers=2, batch_size=2)
    with Store(tmp_path / "s.duckdb") as store:
        result = analyze([folder], store=store, settings=dataclasses.replace(settings, nlp=nlp_settings))
        assert store.stats()["documents"] == 4
    assert [Path(skip.path).name for skip in result.skipped] == ["2.txt"]
    assert "ValueError: no quotes in report 4" in result.skipped[0].reason


@pytest.mark.parametrize("workers", [-1, -4])
def test_analyze_refuses_a_negative_worker_count(tmp_path: Path, settings: Settings, workers: int) -> None:
    (tmp_path / "a.txt").write_text(TEXTS[0].format(n=3), encoding="utf-8")
    nlp_settings = dataclasses.replace(settings.nlp, workers=workers)
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(ConfigError, match=r"nlp\.workers"):
        analyze([tmp_path / "a.txt"], store=store, settings=dataclasses.replace(settings, nlp=nlp_settings))


_ORPHAN = """
import os, signal, sys, time
from rashomon.workers import map_in_workers

def work(batch):
    time.sleep(0.2)
    return [os.getpid()] * len(batch)

for batch, pids in map_in_workers(work, [[n] * 20_000 for n in range(100)], workers=2):
    print(pids[0], flush=True)  # results far larger than a pipe's buffer
    if batch[0] == 3:
        os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to see the workers")
def test_map_in_workers_workers_exit_when_the_parent_is_killed() -> None:
    done = subprocess.run([sys.executable, "-c", _ORPHAN], capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    workers = {int(line) for line in done.stdout.split()}
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)

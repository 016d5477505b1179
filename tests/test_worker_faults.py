"""Faults in worker processes (issue 17): a worker that dies, hangs, runs out of memory or makes a result that
cannot be sent back costs only its batch, reported as Lost; the others come back, in order."""

from __future__ import annotations

import dataclasses
import os
import time

import pytest

from rashomon.executors import Lost, batches_of, map_documents
from rashomon.model import Document
from rashomon.settings import Settings
from rashomon.workers import can_fork, map_in_workers

pytestmark = [pytest.mark.issue(17), pytest.mark.skipif(not can_fork(), reason="worker processes need fork")]


def _dies_on(bad: int):
    def work(batch: list[int]) -> list[int]:
        if bad in batch:
            os._exit(3)
        return [n * 10 for n in batch]

    return work


@pytest.mark.parametrize("workers", [1, 2])
def test_faults_dead_worker_costs_only_its_batch(workers: int) -> None:
    batches = [[n] for n in range(8)]
    got = list(map_in_workers(_dies_on(3), batches, workers=workers))
    assert [batch for batch, _ in got] == batches
    lost = [(batch, outcome) for batch, outcome in got if isinstance(outcome, Lost)]
    assert [batch for batch, _ in lost] == [[3]] and "exited with code 3" in lost[0][1].reason
    assert [outcome for batch, outcome in got if batch != [3]] == [[n * 10] for n in range(8) if n != 3]


def test_faults_hung_worker_is_stopped_after_the_timeout() -> None:
    def work(batch: list[int]) -> list[int]:
        if 2 in batch:
            time.sleep(600)
        return batch

    started = time.monotonic()
    got = list(map_in_workers(work, [[1], [2], [3]], workers=1, timeout=2))
    assert time.monotonic() - started < 30
    assert isinstance(got[1][1], Lost) and "took longer than 2 seconds" in got[1][1].reason
    assert got[0][1] == [1] and got[2][1] == [3]


def test_faults_memory_cap_turns_a_blow_up_into_a_lost_batch() -> None:
    def work(batch: list[int]) -> list[int]:
        if 2 in batch:
            hoard = bytearray(3_000 * 1024 * 1024)  # 3 GB, past the cap
            return [len(hoard)]
        return batch

    got = list(map_in_workers(work, [[1], [2], [3]], workers=1, memory_mb=500))
    assert isinstance(got[1][1], Lost) and "out of memory" in got[1][1].reason
    assert got[0][1] == [1] and got[2][1] == [3]


def test_faults_unpicklable_result_is_a_lost_batch() -> None:
    def work(batch: list[int]) -> list[object]:
        return [lambda: None for _ in batch] if 2 in batch else list(batch)

    got = list(map_in_workers(work, [[1], [2], [3]], workers=1))
    assert isinstance(got[1][1], Lost) and "could not be sent back" in got[1][1].reason
    assert got[2][1] == [3]


def test_faults_batches_are_bounded_by_characters_too(make_doc) -> None:
    docs = [make_doc("word " * size, path=f"{n}.txt") for n, size in enumerate((10, 10, 500, 10, 10))]
    assert [len(b) for b in batches_of(docs, size=3, chars=2000)] == [2, 1, 2]
    assert [len(b) for b in batches_of(docs, size=2, chars=100_000)] == [2, 2, 1]


def test_faults_lost_batch_is_analysed_again_one_document_at_a_time(make_doc, settings: Settings) -> None:
    """A worker killed by one document of a batch: the batch is run again alone per document, each in a fresh
    worker, so the other documents come back and only the culprit is Lost."""
    docs = [make_doc(f"Fictional report {n}.", path=f"{n}.txt") for n in range(6)]
    fast = dataclasses.replace(settings, nlp=dataclasses.replace(settings.nlp, workers=2, batch_size=3))

    def work(nlp: object, settings: Settings, batch: list[Document]) -> list[str]:
        if any(doc.path == "4.txt" for doc in batch):
            os._exit(9)
        return [doc.path.upper() for doc in batch]

    got = list(map_documents(docs, work, settings=fast, load=lambda: None))  # type: ignore[arg-type, return-value]
    assert [doc.path for doc, _ in got] == [doc.path for doc in docs]
    outcomes = {doc.path: outcome for doc, outcome in got}
    assert isinstance(outcomes["4.txt"], Lost)
    assert {path: outcome for path, outcome in outcomes.items() if path != "4.txt"} == {
        f"{n}.txt": f"{n}.TXT" for n in (0, 1, 2, 3, 5)}

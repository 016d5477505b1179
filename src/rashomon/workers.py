"""Run a function over batches in worker processes, and hand back the results in order.

`map_in_workers(work, batches, workers=N)` forks N processes (on a fork-capable system; elsewhere the
batches run in this process), gives them the batches in turn, and yields each batch with `work(batch)`
in the order of the batches. The caller keeps doing its own part (storing what came back) while the
workers compute the next batches: that is how `analyze` uses a second CPU.

The workers are forked, so they share what this process loaded before (the spaCy model) without
loading it again, and `work` need not be picklable; batches and results travel through pipes and must
be. A worker whose parent dies (a run killed with SIGKILL) notices within a second and exits. Only
this process writes to the store, so a killed run keeps every document stored before it died.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from .errors import RashomonError

logger = logging.getLogger(__name__)

B = TypeVar("B")  # a batch
R = TypeVar("R")  # what `work` makes of a batch

_POLL_SECONDS = 1.0  # how often an idle worker checks that its parent is alive
_JOIN_SECONDS = 10.0  # how long a finished run waits for a worker to exit before ending it
_AHEAD = 2  # batches given to each worker at a time: it starts the next while this process stores one


class WorkerError(RashomonError):
    """A worker process died or failed outside the per-document stages (which report their own failures)."""


def can_fork() -> bool:
    """Whether worker processes can be forked here (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def map_in_workers(work: Callable[[B], R], batches: Iterable[B], *,
                   workers: int) -> Generator[tuple[B, R], None, None]:
    """Yield `(batch, work(batch))` for each batch, in order, `work` running in `workers` processes.

    Each worker is given two batches at a time, so it starts the second while this process takes in
    the first; a worker's next batch is sent as soon as it returns one. An exception `work` raises is
    raised here (a `WorkerError` when it cannot be sent across). Closing the iterator early stops the
    workers.
    """
    if workers < 1 or not can_fork():
        for batch in batches:
            yield batch, work(batch)
        return
    context = multiprocessing.get_context("fork")
    tasks: list[Connection] = []
    results: list[Connection] = []
    processes: list[BaseProcess] = []
    feed = iter(batches)
    sent: deque[tuple[int, B]] = deque()  # (worker, batch) in the order the batches were read
    try:
        for number in range(workers):
            task_reader, task_writer = context.Pipe(duplex=False)
            result_reader, result_writer = context.Pipe(duplex=False)
            parent_ends = [*tasks, *results, task_writer, result_reader]  # the child closes its copies
            process = context.Process(target=_serve, name=f"rashomon-worker-{number + 1}", daemon=True,
                                      args=(work, task_reader, result_writer, os.getpid(), parent_ends))
            tasks.append(task_writer)
            results.append(result_reader)
            process.start()
            processes.append(process)
            task_reader.close()
            result_writer.close()
        logger.info("started %s worker processes", workers)
        for _ in range(_AHEAD):
            for number in range(workers):
                ahead = next(feed, None)
                if ahead is None:
                    break
                tasks[number].send(ahead)
                sent.append((number, ahead))
        while sent:
            number, batch = sent.popleft()
            outcome = _receive(results[number], processes[number].name)
            upcoming = next(feed, None)
            if upcoming is not None:
                tasks[number].send(upcoming)
                sent.append((number, upcoming))
            yield batch, outcome
    finally:
        _stop(tasks, results, processes)


def _receive(connection: Connection, name: str) -> Any:
    """The result a worker sent for its oldest batch; raises what `work` raised there."""
    try:
        status, payload = connection.recv()
    except (EOFError, OSError) as error:
        raise WorkerError(f"worker process {name} died before it returned its batch ({error!r}); "
                          "if the machine ran out of memory, set a smaller nlp.batch_size or fewer "
                          "nlp.workers") from error
    if status == "error":
        raise payload
    return payload


def _stop(tasks: list[Connection], results: list[Connection], processes: list[BaseProcess]) -> None:
    """Tell every worker to finish, wait for it, and end those that do not.

    The result pipes are closed first, so a worker still sending a batch nobody will read (the run
    stopped on an error) fails at once instead of waiting to be read.
    """
    for task in tasks:
        try:
            task.send(None)
        except OSError:
            pass  # that worker is gone already
        task.close()
    for result in results:
        result.close()
    for process in processes:
        process.join(_JOIN_SECONDS)
        if process.is_alive():
            logger.warning("worker process %s did not exit; ending it", process.name)
            process.terminate()
            process.join()


def _read_tasks(tasks: Connection, inbox: queue.SimpleQueue[B | None]) -> None:
    """Move batches from the pipe to `inbox` as they come, so the parent's sends never wait on `work`
    (a parent blocked sending while this worker is blocked returning a result would be a deadlock)."""
    while True:
        try:
            batch = tasks.recv()
        except (EOFError, OSError):
            batch = None
        inbox.put(batch)
        if batch is None:
            return


def _serve(work: Callable[[B], R], tasks: Connection, results: Connection, parent: int,
           parent_ends: list[Connection]) -> None:
    """A worker's loop: run `work` on each batch received until told to stop or the parent is gone.

    The copies of the parent's pipe ends that fork gave this process are closed first: then, once the
    parent is gone, reading a batch ends (EOF) and sending a result fails (broken pipe), and the
    worker exits instead of waiting on a pipe it holds open itself.
    """
    for end in parent_ends:
        end.close()
    inbox: queue.SimpleQueue[B | None] = queue.SimpleQueue()
    threading.Thread(target=_read_tasks, args=(tasks, inbox), daemon=True).start()
    while True:
        try:
            batch = inbox.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != parent:
                return  # the parent was killed: nobody will read what this worker makes
            continue
        if batch is None:
            return
        try:
            reply: tuple[str, object] = ("ok", work(batch))
        except Exception as error:  # sent to the parent, which raises it
            logger.debug("worker failed on a batch", exc_info=True)
            reply = ("error", error)
        try:
            results.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            results.send(("error", WorkerError(f"a worker's result could not be sent back ({error}); "
                                               f"{reply[1]!r}")))
        except (BrokenPipeError, OSError):
            return  # the parent stopped listening

"""Run a function over batches in worker processes, and hand back the results in order.

`map_in_workers(work, batches, workers=N)` forks N processes (on a fork-capable system; elsewhere the
batches run in this process), gives them the batches in turn, and yields each batch with `work(batch)`
in the order of the batches. The caller keeps doing its own part (storing what came back) while the
workers compute the next batches: that is how `analyze` uses a second CPU.

The workers are forked, so they share what this process loaded before (the spaCy model) without
loading it again, and `work` need not be picklable; batches and results travel through pipes and must
be. A worker whose parent dies (a run killed with SIGKILL) notices within a second and exits. Only
this process writes to the store, so a killed run keeps every document stored before it died.

A worker that dies (killed, out of memory), takes longer than `timeout` seconds over one batch (it is
then killed), or makes a result that cannot be sent back, costs only the batch it was working on: that
batch is yielded with a `Lost` saying what happened, a new worker takes the dead one's place, and the
batches that were waiting for the dead one go to the new one. `memory_mb` caps the address space each
worker may add to what it had when it was forked: past it, allocations fail with MemoryError inside
`work`, which the pipeline turns into that document's failure.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from .errors import RashomonError

logger = logging.getLogger(__name__)

B = TypeVar("B")  # a batch
R = TypeVar("R")  # what `work` makes of a batch

_POLL_SECONDS = 1.0  # how often an idle worker checks that its parent is alive
_JOIN_SECONDS = 10.0  # how long a finished run waits for a worker to exit before ending it
_AHEAD = 2  # batches given to each worker at a time: it starts the next while this process stores one
_OPEN_ENDS: set[Connection] = set()  # this process's ends of every live pool's pipes; a forked child closes them


class WorkerError(RashomonError):
    """A worker process failed outside the per-document stages (which report their own failures)."""


@dataclass(frozen=True, slots=True)
class Lost:
    """A batch whose worker died, ran out of time or could not send its result back: `reason` says which,
    as a phrase ("was killed by signal 9 (SIGKILL), perhaps for lack of memory")."""

    reason: str


def can_fork() -> bool:
    """Whether worker processes can be forked here (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def map_in_workers(work: Callable[[B], R], batches: Iterable[B], *, workers: int, timeout: float = 0,
                   memory_mb: int = 0) -> Generator[tuple[B, R | Lost], None, None]:
    """Yield `(batch, work(batch))` for each batch, in order, `work` running in `workers` processes.

    Each worker is given two batches at a time, so it starts the second while this process takes in the
    first; a worker's next batch is sent as soon as it returns one. An exception `work` raises is raised
    here. A batch whose worker died, took longer than `timeout` seconds (0: no limit) or made a result that
    cannot be pickled is yielded with a `Lost` instead, and the run goes on with a new worker. Closing the
    iterator early stops the workers.
    """
    if workers < 1 or not can_fork():
        for batch in batches:
            yield batch, work(batch)
        return
    pool: _Pool[B, R] = _Pool(work, workers, memory_mb)
    feed = iter(batches)
    sent: deque[tuple[int, B]] = deque()  # (worker slot, batch) in the order the batches were read
    try:
        for _ in range(_AHEAD):
            for slot in range(workers):
                ahead = next(feed, None)
                if ahead is None:
                    break
                pool.send(slot, ahead)
                sent.append((slot, ahead))
        while sent:
            slot, batch = sent.popleft()
            outcome = pool.receive(slot, timeout)
            if isinstance(outcome, Lost):
                pool.replace(slot)
                for waiting in (b for s, b in sent if s == slot):  # in order: the new worker takes them
                    pool.send(slot, waiting)
            upcoming = next(feed, None)
            if upcoming is not None:
                pool.send(slot, upcoming)
                sent.append((slot, upcoming))
            yield batch, outcome
    finally:
        pool.stop()


class _Worker:
    """One worker process, its pipes, and what it was sent. Batches go out through a thread of this process,
    so sending never blocks on a worker too busy to read (nor keeps this process from noticing it hangs)."""

    def __init__(self, pool: _Pool[Any, Any], slot: int) -> None:
        context = pool.context
        task_reader, self.task = context.Pipe(duplex=False)
        self.result, result_writer = context.Pipe(duplex=False)
        keep = (task_reader, result_writer)
        _OPEN_ENDS.update((self.task, self.result, *keep))
        self.process = context.Process(target=_serve, name=f"rashomon-worker-{slot + 1}", daemon=True,
                                       args=(pool.work, task_reader, result_writer, os.getpid(), keep,
                                             pool.memory_mb))
        self.process.start()
        for end in keep:
            _OPEN_ENDS.discard(end)
            end.close()
        self.outstanding = 0  # batches sent and not yet answered
        self.busy_since = 0.0  # when it started its oldest outstanding batch
        self.outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        threading.Thread(target=_send_tasks, args=(self.task, self.outbox), daemon=True,
                         name=f"rashomon-sender-{slot + 1}").start()

    def send(self, batch: Any) -> None:
        if self.outstanding == 0:
            self.busy_since = time.monotonic()
        self.outstanding += 1
        self.outbox.put(batch)

    def close(self) -> None:
        """Stop sending (the sender thread sends the worker its stop signal) and close this side's pipes."""
        self.outbox.put(None)
        _OPEN_ENDS.discard(self.result)
        self.result.close()


class _Pool(Generic[B, R]):
    """The worker processes of one `map_in_workers`, by slot."""

    def __init__(self, work: Callable[[B], R], workers: int, memory_mb: int) -> None:
        self.work = work
        self.memory_mb = memory_mb
        self.context = multiprocessing.get_context("fork")
        self.workers: list[_Worker] = []
        try:
            for slot in range(workers):
                self.workers.append(_Worker(self, slot))
        except BaseException:
            self.stop()
            raise
        logger.info("started %s worker processes", workers)

    def send(self, slot: int, batch: B) -> None:
        self.workers[slot].send(batch)

    def receive(self, slot: int, timeout: float) -> R | Lost:
        """The result of the oldest batch sent to `slot`'s worker, or a Lost. Raises what `work` raised."""
        worker = self.workers[slot]
        if timeout > 0:
            left = timeout - (time.monotonic() - worker.busy_since)
            if not worker.result.poll(max(left, 0.0)):
                _kill(worker.process)
                return Lost(f"took longer than {timeout:g} seconds (limits.batch_seconds), and its worker process "
                            "was stopped")
        try:
            status, payload = worker.result.recv()
        except (EOFError, OSError):
            return Lost(_death(worker.process))
        worker.outstanding -= 1
        worker.busy_since = time.monotonic()
        if status == "lost":
            return Lost(str(payload))
        if status == "error":
            raise payload
        return payload

    def replace(self, slot: int) -> None:
        """A new worker in `slot`, the old one ended (it died or was stopped)."""
        old = self.workers[slot]
        _kill(old.process)
        old.close()
        logger.info("worker process %s (%s) is gone; starting another in its place", old.process.name,
                    old.process.pid)
        self.workers[slot] = _Worker(self, slot)

    def stop(self) -> None:
        """Tell every worker to finish, wait for it, and end those that do not.

        The result pipes are closed first, so a worker still sending a batch nobody will read (the run
        stopped on an error) fails at once instead of waiting to be read.
        """
        for worker in self.workers:
            worker.close()
        for worker in self.workers:
            worker.process.join(_JOIN_SECONDS)
            if worker.process.is_alive():
                logger.warning("worker process %s did not exit; ending it", worker.process.name)
                _kill(worker.process)


def _send_tasks(task: Connection, outbox: queue.SimpleQueue[Any]) -> None:
    """Send what is put in `outbox` to a worker, until None (sent too, as the stop signal); then close."""
    while True:
        batch = outbox.get()
        try:
            task.send(batch)
        except OSError:
            pass  # the worker is gone: the pool finds out when it waits for its result
        if batch is None:
            _OPEN_ENDS.discard(task)
            task.close()
            return


def _kill(process: BaseProcess) -> None:
    if process.is_alive():
        process.kill()
    process.join()


def _death(process: BaseProcess) -> str:
    """How a worker that stopped answering ended, as a phrase."""
    process.join(_JOIN_SECONDS)
    code = process.exitcode
    if code is None:
        _kill(process)
        return "lost its worker process (it stopped answering)"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = ", perhaps for lack of memory" if -code == signal.SIGKILL else ""
        return f"lost its worker process, killed by {name}{hint}"
    return f"lost its worker process, which exited with code {code}"


def _read_tasks(tasks: Connection, inbox: queue.SimpleQueue[Any]) -> None:
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


def _limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at what it has now plus `memory_mb` (Linux; elsewhere nothing)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = size + memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError) as error:
        logger.debug("cannot cap a worker's memory here (%s)", error)


def _serve(work: Callable[[B], R], tasks: Connection, results: Connection, parent: int,
           keep: tuple[Connection, ...], memory_mb: int) -> None:
    """A worker's loop: run `work` on each batch received until told to stop or the parent is gone.

    The copies of the parent's pipe ends that fork gave this process (of this pool and of any other
    live one) are closed first: then, once the parent is gone, reading a batch ends (EOF) and sending a
    result fails (broken pipe), and the worker exits instead of waiting on a pipe it holds open itself.
    """
    for end in list(_OPEN_ENDS):
        if end not in keep:
            end.close()
    _OPEN_ENDS.clear()
    if memory_mb > 0:
        _limit_memory(memory_mb)
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
        except MemoryError:
            reply = ("lost", "ran out of memory in its worker process (limits.worker_memory_mb)")
        except Exception as error:  # sent to the parent, which raises it
            logger.debug("worker failed on a batch", exc_info=True)
            reply = ("error", error)
        try:
            results.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            results.send(("lost", f"made a result that could not be sent back ({type(error).__name__}: {error})"))
        except (BrokenPipeError, OSError):
            return  # the parent stopped listening

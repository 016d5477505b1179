"""The per-document stages as Dask tasks: on a running cluster (`dask.scheduler = "tcp://HOST:PORT"`) or on
a LocalCluster started for the run (`dask.scheduler = "local"`).

Only `executors` imports this module, and only when a run asks for Dask, so the rest of rashomon never needs
the dask and distributed packages. Each batch of documents (the same batches the other executors make) is one
task: `work(nlp, settings, batch)`, where `nlp` is the worker's own spaCy pipeline, loaded once per worker
process when the worker starts (`LoadModel`, a worker plugin) and kept for every later task. The results
come back to this process in the order of the batches, and only this process writes to the store.

Faults: a worker that dies while it holds a batch (killed, out of memory) makes the scheduler run the batch
again on another worker, up to `distributed.scheduler.allowed-failures` times (1 on a LocalCluster this
module starts; a running cluster keeps its own); past that the batch is given back as a `Lost`, and
`executors` tries its documents again one at a time, so a document that kills every worker it meets costs
only itself. A batch still unfinished after `limits.batch_seconds` is given up (the worker cannot be stopped
from here; it finishes the task and its result is dropped) and its documents tried alone in the same way.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import dask
from distributed import Client, Future, KilledWorker, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from .errors import ConfigError
from .model import Document
from .nlp import load_nlp
from .settings import Settings
from .workers import Lost

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

__all__ = ["LoadModel", "map_batches", "open_client"]

Outcome = TypeVar("Outcome")
BatchWork = Callable[["Language", Settings, list[Document]], list[Outcome]]

_LOCAL_ALLOWED_FAILURES = 1  # a batch whose worker died is run once more elsewhere before it is Lost
_CONNECT_SECONDS = 30


class LoadModel(WorkerPlugin):
    """Load the spaCy pipeline once in each worker, as it starts (and in each worker that replaces one)."""

    name = "rashomon-load-model"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        load_nlp(self.model)


def _analyse(work: BatchWork[Outcome], model: str, settings: Settings, batch: list[Document]) -> list[Outcome]:
    """One task: `work` over `batch` with this worker's pipeline (loaded by `LoadModel`, cached by load_nlp)."""
    return work(load_nlp(model), settings, batch)


@contextlib.contextmanager
def open_client(settings: Settings) -> Iterator[Client]:
    """A client of the cluster `dask.scheduler` names (a LocalCluster started here for "local"), with every
    worker loading the spaCy pipeline; the LocalCluster is closed on exit, a running cluster left running."""
    config = settings.dask
    with contextlib.ExitStack() as stack:
        if config.scheduler == "local":
            stack.enter_context(dask.config.set({"distributed.scheduler.allowed-failures": _LOCAL_ALLOWED_FAILURES}))
            memory = f"{settings.limits.worker_memory_mb + 1_000}MB" if settings.limits.worker_memory_mb else 0
            cluster = stack.enter_context(LocalCluster(
                n_workers=config.local_workers, threads_per_worker=1, processes=config.local_processes,
                dashboard_address=None, memory_limit=memory, silence_logs=logging.WARNING))
            client = stack.enter_context(Client(cluster))
            logger.info("started a Dask LocalCluster of %s worker %s", config.local_workers,
                        "processes" if config.local_processes else "threads")
        else:
            try:
                client = stack.enter_context(Client(config.scheduler, timeout=_CONNECT_SECONDS))
            except OSError as error:
                raise ConfigError(f"dask.scheduler {config.scheduler}: cannot reach the scheduler ({error}). Check "
                                  "that it runs and the address is right, or use --scheduler local.") from error
        client.register_plugin(LoadModel(settings.nlp.model))
        yield client


def map_batches(batches: Iterable[list[Document]], work: BatchWork[Outcome], *,
                settings: Settings) -> Generator[tuple[list[Document], list[Outcome] | Lost], None, None]:
    """Each batch with `work`'s outcomes for it, in order, or a `Lost`; run as tasks on the cluster of
    `dask.scheduler`.

    A batch of several documents that is lost is run again one document at a time (each yielded alone), so
    a `Lost` is only ever of one document. Twice as many batches as the cluster has threads are in flight at
    a time (the earlier ones first), so a corpus of any size takes the memory of a few batches here.
    """
    timeout = settings.limits.batch_seconds or None
    with open_client(settings) as client:
        ahead = max(2, 2 * sum(client.nthreads().values()))
        feed = enumerate(batches)
        flying: deque[tuple[list[Document], Future]] = deque()

        def _submit() -> None:
            for index, batch in feed:
                future = client.submit(_analyse, work, settings.nlp.model, settings, batch, pure=False,
                                       priority=-index)
                flying.append((batch, future))
                if len(flying) >= ahead:
                    return

        def _alone(batch: list[Document]) -> list[tuple[list[Document], Future]]:
            return [([doc], client.submit(_analyse, work, settings.nlp.model, settings, [doc], pure=False,
                                          priority=1)) for doc in batch]

        _submit()
        try:
            while flying:
                batch, future = flying.popleft()
                outcome = _result(client, future, timeout)
                if isinstance(outcome, Lost) and len(batch) > 1:
                    logger.info("a batch of %s documents %s; analysing them one at a time", len(batch),
                                outcome.reason)
                    for alone, retry in _alone(batch):
                        yield alone, _result(client, retry, timeout)
                else:
                    yield batch, outcome
                _submit()
        finally:
            for _, future in flying:
                future.cancel()


def _result(client: Client, future: Future, timeout: float | None) -> Any:
    """What the task returned, or a Lost when its workers died or it ran out of time; raises what it raised.

    The time counts from when this process starts waiting for it (the batches before it are done by then).
    A task given up is cancelled, and the worker running it restarted when it has a nanny (a worker process
    of its own), so that the hung task stops holding it."""
    try:
        return future.result(timeout=timeout)
    except KilledWorker as error:
        return Lost(f"lost its Dask worker, which died while analysing it ({error})")
    except TimeoutError:
        holding = [worker for worker, keys in client.processing().items() if future.key in keys]
        future.cancel()
        if holding and _has_nannies(client):
            logger.info("restarting Dask worker %s, which ran out of time on a batch", holding[0])
            client.restart_workers(holding, raise_for_error=False)
        return Lost(f"took longer than {timeout:g} seconds (limits.batch_seconds) on its Dask worker, and was "
                    "given up")


def _has_nannies(client: Client) -> bool:
    """Whether the cluster's workers run under nannies (worker processes that can be restarted)."""
    return all(info.get("nanny") for info in client.scheduler_info()["workers"].values())

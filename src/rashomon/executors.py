"""Where the work runs: in this process, in forked worker processes, or on a Dask cluster. Chosen here, in
one place (`choose_executor`, after Dask's `get_scheduler`).

The work itself is the pipeline's (`pipeline.run_batch`: the batch and per-document stages over a list of
documents; the input stage over one path); this module only decides where it runs and hands back the
outcomes in order, so the serial path is the reference every other path must equal. Three executors:

- "serial": everything in this process (`nlp.workers = 0`, no `dask.scheduler`), under the per-document
  guards only;
- "processes": `nlp.workers` forked worker processes (`workers.map_in_workers`), which share the spaCy
  pipeline this process loaded;
- "dask": tasks on a Dask cluster (`dask.scheduler`: "local" starts a LocalCluster, or "tcp://HOST:PORT"),
  each worker loading the pipeline once (`cluster`, imported only then).

Whichever runs it, every document is parsed in the same batch (`batches_of`), so its records are the same.
One input never costs the others: a batch whose worker dies or runs out of time (`limits.batch_seconds`)
is tried again one document at a time, so only the document at fault is lost (as a `Lost` outcome the
pipeline reports); with worker processes or Dask, files are read in a reader process under
`limits.read_seconds`, and every forked worker's memory is capped (`limits.worker_memory_mb`).
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from .errors import ConfigError
from .model import Document
from .settings import Settings
from .workers import Lost, can_fork, map_in_workers

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

__all__ = ["Executor", "Lost", "batches_of", "choose_executor", "map_documents", "map_paths"]

Executor = Literal["serial", "processes", "dask"]

Outcome = TypeVar("Outcome")
Read = TypeVar("Read")
BatchWork = Callable[["Language", Settings, list[Document]], list[Outcome]]


def _check(settings: Settings) -> None:
    if settings.nlp.workers < 0:
        raise ConfigError(f"nlp.workers is {settings.nlp.workers}; it counts worker processes: 0 (parse in "
                          "this process) or more.")


def choose_executor(settings: Settings) -> Executor:
    """Which executor runs the per-document work: "dask" when `dask.scheduler` is set, else "processes" when
    `nlp.workers` > 0 and this system can fork worker processes, else "serial"."""
    _check(settings)
    if settings.dask.scheduler:
        return "dask"
    return "processes" if settings.nlp.workers > 0 and can_fork() else "serial"


def batches_of(docs: Iterable[Document], *, size: int, chars: int) -> Iterator[list[Document]]:
    """`docs` in batches of at most `size` documents and, unless one document is longer alone, at most `chars`
    characters of text."""
    batch: list[Document] = []
    total = 0
    for doc in docs:
        if batch and (len(batch) >= size or total + len(doc.text) > chars):
            yield batch
            batch, total = [], 0
        batch.append(doc)
        total += len(doc.text)
    if batch:
        yield batch


def map_documents(docs: Iterable[Document], work: BatchWork[Outcome], *, settings: Settings,
                  load: Callable[[], Language]) -> Generator[tuple[Document, Outcome | Lost], None, None]:
    """Each document with `work`'s outcome for it, in order, or a `Lost` when the process analysing it died
    or ran out of time.

    Batches are at most `nlp.batch_size` documents and `limits.batch_chars` characters, as nlp.pipe parses
    them in one process, so every document is parsed in the same company whichever path runs it and its
    records are the same. The executor is `choose_executor`'s. The model is loaded here (`load`) only when
    there is a document and the work runs here or in forked workers (a Dask worker loads its own). With
    worker processes, the batches run in as many as there are batches, up to `nlp.workers`, while this
    process takes in what they return; on Dask, as tasks. A lost batch of several documents is run again one
    document at a time (each in a fresh worker process, or as tasks of its own).
    """
    executor = choose_executor(settings)
    batches = batches_of(docs, size=settings.nlp.batch_size, chars=settings.limits.batch_chars)
    first = next(batches, None)
    if first is None:
        return
    if executor == "dask":
        from .cluster import map_batches

        for batch, outcomes in map_batches(itertools.chain([first], batches), work, settings=settings):
            yield from zip(batch, [outcomes] if isinstance(outcomes, Lost) else outcomes, strict=True)
        return
    run = functools.partial(work, load(), settings)
    if executor == "serial":
        for batch in itertools.chain([first], batches):
            yield from zip(batch, run(batch), strict=True)
        return
    second = next(batches, None)
    ahead = [first] if second is None else [first, second]
    workers = min(settings.nlp.workers, len(ahead))
    limits = settings.limits
    for batch, outcomes in map_in_workers(run, itertools.chain(ahead, batches), workers=workers,
                                          timeout=limits.batch_seconds, memory_mb=limits.worker_memory_mb):
        if not isinstance(outcomes, Lost):
            yield from zip(batch, outcomes, strict=True)
        elif len(batch) == 1:
            yield batch[0], outcomes
        else:
            logger.info("a batch of %s documents %s; analysing them one at a time", len(batch), outcomes.reason)
            for alone, outcome in map_in_workers(run, ([doc] for doc in batch), workers=1,
                                                 timeout=limits.batch_seconds, memory_mb=limits.worker_memory_mb):
                yield alone[0], outcome if isinstance(outcome, Lost) else outcome[0]


def map_paths(paths: Sequence[Path], read: Callable[[Path], Read], *,
              settings: Settings) -> Generator[tuple[Path, Read | Lost], None, None]:
    """Each path with `read(path)`, in order, or a `Lost` when the reader process died or ran out of time
    (`limits.read_seconds`). Unless the executor is serial, files are read in one reader process a few files
    ahead of this one; otherwise here."""
    if choose_executor(settings) == "serial" or not paths:
        for path in paths:
            yield path, read(path)
        return
    limits = settings.limits
    for batch, outcome in map_in_workers(lambda batch: [read(path) for path in batch], ([path] for path in paths),
                                         workers=1, timeout=limits.read_seconds, memory_mb=limits.worker_memory_mb):
        yield batch[0], outcome if isinstance(outcome, Lost) else outcome[0]

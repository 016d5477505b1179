"""Fusion: event mentions from many documents clustered into events, and sources counted honestly.

Two mentions are compared on six kinds of evidence (`similarity.similarity`; the numbers here are the
defaults of settings.toml [fusion], `FusionSettings`):

- trigger: the same lemma (1), the same synonym family of the lexicon ("strike" ~ "airstrike" ~
  "attack") or one derivation ("explosion" ~ "explode") (0.75), or only the same category (0.25);
- participants: shared resolved entities (any one shared counts at least 0.8), else shared words of
  the participant phrases ("a U.S. contractor" ~ "an American contractor"); the target weighs more
  than the agent; a target both name with nothing in common costs a penalty. A place or group name
  that only modifies the participant's head noun ("Iraqi" in "Iraqi children") is not a participant:
  it counts only beside shared head words ("the US embassy" ~ "the U.S. embassy");
- date: the same value or one containing the other; dates more than a day apart forbid the merge,
  closer ones cost a penalty (and the event then shows both); an undated mention against a date
  outside the year before its article costs a penalty (news speaks of recent events);
- place: the same place or the same country; different countries cost a penalty;
- sentence: word overlap of the two sentences; two words of one sentence, one category, with nothing
  in conflict (or one the other's agent: "an attack which killed") name one incident ("an airstrike
  killed X") and score at least `same_sentence`; with "after", "in response to", "including" between
  them they name two and never merge;
- document: tf-idf cosine of the two articles.

Evidence a mention lacks counts at a low prior. A word family that one article uses for different acts
(two "support"s with different participants) is ambiguous in the collection: two undated mentions of it
tied by nothing but the word (no shared participant, place or much of the sentence) score below the
threshold, so background mentions do not pile up into one undated event. Mentions of different PLOVER
categories never merge (OTHER, a word the lexicon lacks, may join any). Clustering runs twice: within
each document, then across documents (`agglomerate.agglomerate`, "attach" linkage), each category apart;
clusters of OTHER words then join the coded cluster they link to best. With ten documents or more,
documents are first grouped into stories by tf-idf and events stay within a story.

Only factual mentions become events: negated, hypothetical and future ones stay mentions.
Independent sources: documents whose texts are copies (more than 0.8 of the smaller text's word
5-shingles in the other) count as one source, so five copies of a wire story are one source.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from ..model import DatePrecision, Document, Event, EventMention, Place, PloverType, content_id, is_factual
from ..settings import FusionSettings, default_settings
from ..time import parse_value, precision_rank
from .agglomerate import WORDS, agglomerate, document_similarity, source_groups, stories
from .plover import Lexicon, load_lexicon
from .similarity import Features, agent_of, ambiguous_families, features, joinable, similarity

__all__ = ["FusionSettings", "cluster_mentions", "fuse_events", "is_factual", "similarity"]

logger = logging.getLogger(__name__)

# Words between two event words of one sentence that put them in sequence, reaction or part-whole:
# they name two incidents ("stormed after the airstrikes", "aggressions, which included airstrikes").
# Not "when", "while", "caused", "led to": "killed when militias attacked" is one incident.
_SEQUENCE = re.compile(
    r"\b(?:after|before|following|since|until|amid|then|later|earlier|prompt\w*|respon\w*|retaliat\w*|"
    r"trigger\w*|spark\w*|provok\w*)\b", re.IGNORECASE)
# Words that make one a part or a sibling of the other ("aggressions, which included airstrikes ...
# as well as the assassinations"): two incidents, or a whole and its part, but not ordered in time.
_INCLUSION = re.compile(r"\b(?:includ\w*|as well as|along with|such as|other|another)\b", re.IGNORECASE)


def _pair(a: Features, b: Features, texts: Mapping[str, str], closeness: Mapping[tuple[str, str], float],
          story: Mapping[str, int], settings: FusionSettings) -> float:
    """The similarity of two mentions with the document terms: one story, and the articles' cosine."""
    first, second = a.mention, b.mention
    if first.doc_id != second.doc_id and story[first.doc_id] != story[second.doc_id]:
        return float("-inf")
    sequenced = included = linked = False
    if first.doc_id == second.doc_id and first.sentence == second.sentence:
        left, right = sorted((first.trigger, second.trigger), key=lambda t: t.start)
        between = texts.get(first.doc_id, "")[left.end:right.start]
        sequenced = bool(_SEQUENCE.search(between))
        included = bool(_INCLUSION.search(between))
        linked = any(agent_of(one, other) and other.text.lower() not in WORDS.findall(between.lower())
                     for one, other in ((first, second), (second, first)))
    value = similarity(a, b, settings, sequenced=sequenced, included=included, linked=linked)
    if first.doc_id != second.doc_id:
        value += settings.document_weight * closeness.get((first.doc_id, second.doc_id), 0.0)
    return value


def _matrix(read: Sequence[Features], texts: Mapping[str, str], closeness: Mapping[tuple[str, str], float],
            story: Mapping[str, int], settings: FusionSettings) -> np.ndarray:
    size = len(read)
    matrix = np.full((size, size), -np.inf)
    for i in range(size):
        for j in range(i + 1, size):
            matrix[i, j] = matrix[j, i] = _pair(read[i], read[j], texts, closeness, story, settings)
    return matrix


def cluster_mentions(event_mentions: Sequence[EventMention], *, entity_of: Mapping[str, str],
                     documents: Sequence[Document], settings: FusionSettings | None = None,
                     lexicon: Lexicon | None = None) -> list[list[EventMention]]:
    """Cluster event mentions (all those given) into groups that name one event.

    First within each document, then the documents' clusters across documents of one story.
    `settings`: the packaged [fusion] defaults when not given.
    """
    settings = settings or default_settings().fusion
    lexicon = lexicon or load_lexicon()
    texts = {doc.id: doc.text for doc in documents}
    published = {doc.id: doc.published.value if doc.published else None for doc in documents}
    read = [features(m, entity_of=entity_of, text=texts.get(m.doc_id, ""), published=published.get(m.doc_id),
                     lexicon=lexicon, settings=settings) for m in event_mentions]
    if settings.corroborate:
        families = ambiguous_families(read, settings)
        read = [replace(f, ambiguous=True) if f.family in families else f for f in read]
    wanted = sorted({m.doc_id for m in event_mentions})
    closeness = document_similarity([doc for doc in documents if doc.id in set(wanted)])
    floor = settings.story_floor if len(wanted) >= settings.story_documents else 0.0
    story = stories(wanted, closeness, floor)
    coded, uncoded = _cluster(range(len(read)), read, texts, closeness, story, settings)
    if settings.by_category:
        coded, uncoded = _attach_uncoded(coded, uncoded, read, texts, closeness, story, settings)
    return [[event_mentions[i] for i in cluster] for cluster in (*coded, *uncoded)]


def _cluster(indices: Sequence[int], read: Sequence[Features], texts: Mapping[str, str],
             closeness: Mapping[tuple[str, str], float], story: Mapping[str, int],
             settings: FusionSettings) -> tuple[list[list[int]], list[list[int]]]:
    """Cluster the mentions `indices` within each document, then across documents, each category
    apart: (clusters of coded mentions, clusters of OTHER mentions). Mentions of different stories never
    meet (`_pair`), so each story of a category is a block of its own: the same clusters, without the
    similarities of every pair across stories (most of the pairs in a large collection)."""
    blocks: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index in indices:
        mention = read[index].mention
        blocks[mention.type if settings.by_category else ""][story[mention.doc_id]].append(index)
    coded: list[list[int]] = []
    uncoded: list[list[int]] = []
    for category, block in ((c, b) for c, by_story in blocks.items() for b in by_story.values()):
        local = [read[i] for i in block]
        matrix = _matrix(local, texts, closeness, story, settings)
        docs = [f.mention.doc_id for f in local]
        same_doc = np.array([[a == b for b in docs] for a in docs], dtype=bool).reshape(len(docs), len(docs))

        def may_join(first: Sequence[int], second: Sequence[int], local: list[Features] = local) -> bool:
            return joinable([local[i] for i in first], [local[i] for i in second])

        gate = may_join if settings.anchor_undated else None
        within = agglomerate(matrix, [[i] for i in range(len(docs))], threshold=settings.document_threshold,
                             allowed=same_doc, linkage=settings.linkage, joinable=gate)
        across = agglomerate(matrix, within, threshold=settings.threshold, linkage=settings.linkage,
                             joinable=gate)
        (uncoded if category == "OTHER" else coded).extend([block[i] for i in cluster] for cluster in across)
    return coded, uncoded


def _attach_uncoded(coded: list[list[int]], uncoded: list[list[int]], read: Sequence[Features],
                    texts: Mapping[str, str], closeness: Mapping[tuple[str, str], float], story: Mapping[str, int],
                    settings: FusionSettings) -> tuple[list[list[int]], list[list[int]]]:
    """Let each cluster of OTHER mentions (words the lexicon lacks) join the coded cluster it links to
    best, when that reaches the threshold ("the vote" joins "voted to expel"). Only the coded clusters of
    its own story are compared (those of others never meet it, `_pair`)."""
    members: dict[int, list[int]] = defaultdict(list)  # story -> the coded mentions, as they stand now
    owners: dict[int, list[int]] = defaultdict(list)  # story -> the number of each one's coded cluster
    for number, found in enumerate(coded):
        for i in found:
            members[story[read[i].mention.doc_id]].append(i)
            owners[story[read[i].mention.doc_id]].append(number)
    kept: list[list[int]] = []
    for cluster in uncoded:
        told = story[read[cluster[0]].mention.doc_id]
        if not members[told]:
            kept.append(cluster)
            continue
        owner = np.array(owners[told])
        block = np.array([[_pair(read[i], read[j], texts, closeness, story, settings) for j in members[told]]
                          for i in cluster])
        best, chosen = float("-inf"), -1
        for number in np.unique(owner[np.isfinite(block).any(axis=0)]):
            part = block[:, owner == number]
            if np.isneginf(part).any():
                continue
            if settings.anchor_undated and not joinable([read[i] for i in cluster],
                                                        [read[i] for i in coded[int(number)]]):
                continue
            value = max(float(part.max(axis=1).mean()), float(part.max(axis=0).mean()))
            if value > best:
                best, chosen = value, int(number)
        if chosen >= 0 and best >= settings.threshold:
            coded[chosen] = sorted([*coded[chosen], *cluster])
        else:
            kept.append(cluster)
    return coded, kept


def _choose_date(mentions: Sequence[EventMention], group_of: Mapping[str, str], settings: FusionSettings
                 ) -> tuple[str | None, DatePrecision, bool, tuple[str, ...]]:
    """(best date, its precision, whether the sources conflict, every date most supported first).

    A date's support is the number of independent sources giving it, plus `coarser_date_support`
    (half) of those giving a coarser date that contains it ("2019-12" backs "2019-12-27"). Ties go to
    the more precise date.
    """
    ranges = {m.date: found for m in mentions if m.date and (found := parse_value(m.date)) is not None}
    if not ranges:
        return None, "unknown", False, ()
    sources: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.date in ranges:
            sources[mention.date].add(group_of.get(mention.doc_id, mention.doc_id))

    def key(value: str) -> tuple[float, int, str]:
        backing = set(sources[value])
        for other, found in ranges.items():
            if other != value and found.contains(ranges[value]):
                backing |= sources[other]
        support = len(sources[value]) + settings.coarser_date_support * len(backing - sources[value])
        return (-support, precision_rank(ranges[value].precision), value)

    ordered = sorted(ranges, key=key)
    conflict = any(not ranges[a].compatible(ranges[b]) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    return ordered[0], ranges[ordered[0]].precision, conflict, tuple(ordered)


def _ranked(values: Sequence[str]) -> tuple[str, ...]:
    counts = Counter(values)
    first_seen = {value: i for i, value in reversed(list(enumerate(values)))}
    return tuple(sorted(counts, key=lambda v: (-counts[v], first_seen[v])))


def _event(cluster: Sequence[EventMention], *, entity_of: Mapping[str, str], order: Mapping[str, int],
           group_of: Mapping[str, str], settings: FusionSettings) -> Event:
    cluster = sorted(cluster, key=lambda m: (order.get(m.doc_id, len(order)), m.trigger.start))
    types: Counter[PloverType] = (Counter(m.type for m in cluster if m.type != "OTHER")
                                  or Counter(m.type for m in cluster))
    event_type = min(types, key=lambda t: (-types[t], t))
    modes = Counter(m.mode for m in cluster if m.mode and m.type == event_type)
    mode = min(modes, key=lambda t: (-modes[t], t)) if modes else ""
    date, precision, conflict, dates = _choose_date(cluster, group_of, settings)
    actors = _ranked([entity_of.get(i, i) for m in cluster for i in m.actor_ids])
    targets = tuple(t for t in _ranked([entity_of.get(i, i) for m in cluster for i in m.target_ids])
                    if t not in actors)
    place_counts: Counter[Place] = Counter(p for m in cluster for p in m.places)
    places = tuple(sorted(place_counts, key=lambda p: (-place_counts[p], p.geonameid is None, p.name)))
    doc_ids = tuple(dict.fromkeys(m.doc_id for m in cluster))
    mention_ids = tuple(m.id for m in cluster)
    return Event(
        id=content_id("|".join(sorted(mention_ids)), prefix="e"), type=event_type, mode=mode, date=date,
        date_precision=precision, date_conflict=conflict, dates=dates, actor_ids=actors, target_ids=targets,
        places=places, mention_ids=mention_ids, doc_ids=doc_ids,
        independent_sources=len({group_of.get(d, d) for d in doc_ids}),
        aux_modes=tuple(mode for mode in cluster[0].aux_modes if all(mode in m.aux_modes for m in cluster)),
    )


def _capped(mentions: list[EventMention], documents: Sequence[Document], cap: int) -> list[EventMention]:
    """`mentions` with at most `cap` of each document (its most confident, then the first), in their order."""
    by_doc: dict[str, list[EventMention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    over = {doc_id: found for doc_id, found in by_doc.items() if cap and len(found) > cap}
    if not over:
        return mentions
    paths = {doc.id: doc.path for doc in documents}
    kept: set[str] = set()
    for doc_id, found in over.items():
        ranked = sorted(range(len(found)), key=lambda i: (-found[i].confidence, i))[:cap]
        kept.update(found[i].id for i in ranked)
        logger.warning("%s: %s factual event mentions; the %s most confident are fused into events "
                       "(fusion.max_document_mentions)", paths.get(doc_id, doc_id), len(found), cap)
    return [m for m in mentions if m.doc_id not in over or m.id in kept]


def fuse_events(event_mentions: Sequence[EventMention], *, entity_of: Mapping[str, str],
                documents: Sequence[Document], settings: FusionSettings | None = None,
                lexicon: Lexicon | None = None) -> list[Event]:
    """Fuse event mentions across documents into events, in date order (undated events last).

    Args:
        event_mentions: the mentions of every document; negated, hypothetical and future ones are
            left out of events (they stay mentions).
        entity_of: mention id -> resolved entity id; participants compare through it, and events
            list entity ids (a mention id stands in for a mention without an entity).
        documents: the documents, for sentence text, publication dates, document order and
            near-duplicate detection.
        settings: weights and limits (settings.toml [fusion]); the packaged defaults when not given.
        lexicon: the PLOVER lexicon; the packaged one when not given.
    Returns:
        Events whose `mention_ids` are in document and offset order, `doc_ids` the articles and
        `independent_sources` the articles after collapsing near-duplicate texts.
    """
    settings = settings or default_settings().fusion
    factual = _capped([m for m in event_mentions if is_factual(m)], documents, settings.max_document_mentions)
    group_of = source_groups(documents, settings=settings)
    order = {doc.id: i for i, doc in enumerate(documents)}
    clusters = cluster_mentions(factual, entity_of=entity_of, documents=documents, settings=settings,
                                lexicon=lexicon)
    events = [_event(c, entity_of=entity_of, order=order, group_of=group_of, settings=settings) for c in clusters]
    by_id = {m.id: m for m in factual}

    def when(event: Event) -> tuple[bool, str, int, int]:
        first = by_id[event.mention_ids[0]]
        found = parse_value(event.date)
        return (found is None, found.start.isoformat() if found else "", order.get(first.doc_id, 0),
                first.trigger.start)

    events.sort(key=when)
    logger.info("fused %s event mentions (%s factual) into %s events", len(event_mentions), len(factual), len(events))
    return events

"""Aggregate stance evidence into one stance per (source, entity): label, score, confidence, deciding sentences.

A stance the source gives too little evidence for is "insufficient" (views: "not enough evidence"), never a
weak number: the author's own evidence must weigh at least `settings.min_evidence` (the summed strengths of its
favourable and unfavourable sentences) before a label and a score are given.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence

from ..model import Entity, Stance, StanceEvidence, StanceLabel
from ..settings import StanceSettings, default_settings

MAIN_ACTORS = 8
"""How many people and organisations every source's stance is measured toward, side by side."""
ACTOR_TYPES = ("PERSON", "ORG", "GROUP")
"""The entity types a stance is measured toward beyond the main actors (places are no actors)."""


def stance_label(score: float, *, threshold: float) -> StanceLabel:
    if score >= threshold:
        return "favourable"
    if score <= -threshold:
        return "unfavourable"
    return "neutral"


def stance_confidence(positive: float, negative: float, label: StanceLabel, *, shrinkage: float) -> float:
    """How sure a label is, 0 .. 1: how much evidence there is, m / (m + shrinkage) with m = P + N, times how
    much of it agrees with the label (for favourable P / m, unfavourable N / m, neutral 1 - |P - N| / m)."""
    mass = positive + negative
    if mass <= 0.0 or label == "insufficient":
        return 0.0
    agreeing = {"favourable": positive / mass, "unfavourable": negative / mass}.get(
        label, 1.0 - abs(positive - negative) / mass)
    return round(mass / (mass + shrinkage) * agreeing, 4)


def _doc_of(mention_id: str) -> str:
    return mention_id.rpartition(":")[0]


def aggregate_stances(evidence: Sequence[StanceEvidence], *, entity_of: Mapping[str, str], top: int = 5,
                      focus: Collection[str] | None = None, settings: StanceSettings | None = None,
                      threshold: float | None = None, max_evidence: int = 5) -> list[Stance]:
    """One `Stance` per (source document, entity) for the `top` entities each source mentions most.

    Args:
        evidence: from `extract_stance_evidence`, any number of documents.
        entity_of: mention id -> resolved entity id; mention counts per source are read from its keys
            (a mention id is f"{doc_id}:{start}-{end}").
        top: entities per source, by number of mentions (ties: entity id). To compare only people and
            organisations, pass an `entity_of` restricted to them.
        focus: when given, these entities instead of each source's top ones: every source that mentions
            one gets a stance toward it, so sources can be set side by side on the same actors.
        settings: the threshold and shrinkage (settings.toml [stance]); the packaged defaults when not given.
        threshold: when given, |score| at which the label leaves "neutral" instead of `settings.threshold`
            (the stance evaluation passes its own).
        max_evidence: sentences kept per stance (and per reported list).

    Returns:
        Stances ordered by source, then mentions (most first). The score is (P - N) / (P + N + s), P and
        N the summed strengths of the author's favourable and unfavourable evidence, s `settings.shrinkage`
        (1): it shrinks towards 0 when evidence is thin. When P + N is under `settings.min_evidence` the
        label is "insufficient", the score 0 and the confidence 0. `confidence` is `stance_confidence`.
        `evidence` holds the deciding sentences, those that weigh most for the label first. Reported
        judgements are listed apart and do not move the score.
    """
    settings = settings or default_settings().stance
    threshold = settings.threshold if threshold is None else threshold
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for mention_id, entity in entity_of.items():
        counts[_doc_of(mention_id)][entity] += 1
    grouped: dict[tuple[str, str], list[StanceEvidence]] = defaultdict(list)
    for item in evidence:
        entity_id = entity_of.get(item.mention_id)
        if entity_id is not None:
            grouped[(item.doc_id, entity_id)].append(item)
    stances = []
    for source in sorted(counts):
        ranked = sorted(counts[source].items(), key=lambda kv: (-kv[1], kv[0]))
        ranked = [kv for kv in ranked if kv[0] in focus] if focus is not None else ranked[:top]
        for entity_id, mentions in ranked:
            items = grouped.get((source, entity_id), [])
            unique = {(e.sentence, e.cue_spans, e.reported_by): e for e in items}.values()
            own = [e for e in unique if e.reported_by is None]
            positive = sum(e.score for e in own if e.score > 0)
            negative = -sum(e.score for e in own if e.score < 0)
            mass = positive + negative
            label: StanceLabel
            if mass < settings.min_evidence or mass == 0.0:
                score, label, confidence = 0.0, "insufficient", 0.0
            else:
                score = round((positive - negative) / (mass + settings.shrinkage), 4)
                label = stance_label(score, threshold=threshold)
                confidence = stance_confidence(positive, negative, label, shrinkage=settings.shrinkage)
            direction = 1.0 if label == "favourable" else -1.0 if label == "unfavourable" else 0.0
            own.sort(key=lambda e: (-(e.score * direction) if direction else -abs(e.score), e.sentence.start))
            reported = sorted((e for e in unique if e.reported_by is not None),
                              key=lambda e: (-abs(e.score), e.sentence.start))
            stances.append(Stance(source=source, entity_id=entity_id, label=label, score=score,
                                  mentions=mentions, evidence=tuple(own[:max_evidence]),
                                  reported=tuple(reported[:max_evidence]), confidence=confidence))
    return stances


def main_actors(entities: Sequence[Entity], entity_of: Mapping[str, str], *, limit: int = MAIN_ACTORS) -> list[str]:
    """The people and organisations most sources mention, most mentioned first: at most `limit`, those two
    or more sources mention when there are any."""
    sources: dict[str, set[str]] = {}
    for mention_id, entity_id in entity_of.items():
        sources.setdefault(entity_id, set()).add(_doc_of(mention_id))
    ranked = sorted((e for e in entities if e.type in ("PERSON", "ORG")),
                    key=lambda e: (-len(sources.get(e.id, ())), -len(e.mention_ids), e.name))
    shared = [e.id for e in ranked if len(sources.get(e.id, ())) >= 2]
    return (shared or [e.id for e in ranked])[:limit]


def corpus_stances(evidence: Sequence[StanceEvidence], entities: Sequence[Entity], *,
                   settings: StanceSettings | None = None) -> list[Stance]:
    """Each source's stance toward the corpus's main actors (`main_actors`: every source that mentions one
    gets a stance, "insufficient" included, so sources can be set side by side), and toward every other
    person, organisation or group it gives enough evidence for (their "insufficient" stances are left out:
    a stance is not asked of every name a source drops).

    Ordered by source, then the main actors by mentions, then the others by mentions.
    """
    entity_of = {mention_id: entity.id for entity in entities for mention_id in entity.mention_ids}
    actors = main_actors(entities, entity_of)
    main = aggregate_stances(evidence, entity_of={m: e for m, e in entity_of.items() if e in actors}, focus=actors,
                             settings=settings)
    others = {e.id for e in entities if e.type in ACTOR_TYPES} - set(actors)
    with_evidence = {entity_of[item.mention_id] for item in evidence if entity_of.get(item.mention_id) in others}
    extra = [s for s in aggregate_stances(evidence, entity_of={m: e for m, e in entity_of.items()
                                                               if e in with_evidence},
                                          focus=with_evidence, settings=settings) if s.label != "insufficient"]
    order = {source: i for i, source in enumerate(sorted({s.source for s in (*main, *extra)}))}
    ranked = sorted(enumerate((*main, *extra)), key=lambda pair: (order[pair[1].source], pair[0]))
    return [stance for _, stance in ranked]

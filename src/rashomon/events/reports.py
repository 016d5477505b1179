"""What the corpus stage adds to fused events, so every view shows the same: where their sources disagree on the
place (`disagree.place_disagreement`), their reports grouped by the sentence that makes them, and their
confidence (`confidence.event_confidence`: from their mentions' confidence, independent sources, reports,
date and named participants).

An event's mentions are words; a sentence with three words for one event ("attack ... killed ... wounded")
is one report, shown once with each of its words. Reports of one sentence stay apart when their markers
(negated, hypothetical, future, historical), reporter or date differ.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from ..model import Event, EventMention, Span, report_flags
from .confidence import Calibration, default_calibration, event_confidence, event_evidence, named_participant
from .disagree import place_disagreement

__all__ = ["describe_events", "report_flags", "sentence_groups"]  # report_flags lives in model: the views use it too


def sentence_groups(members: Sequence[EventMention]) -> list[list[EventMention]]:
    """An event's mentions grouped by the sentence that reports them, in order of first appearance."""
    grouped: dict[tuple[str, Span, tuple[str, ...], str, str | None], list[EventMention]] = {}
    for m in members:
        grouped.setdefault((m.doc_id, m.sentence, report_flags(m), m.reported_by, m.date), []).append(m)
    return list(grouped.values())


def confidence_of(event: Event, members: Sequence[EventMention], calibration: Calibration) -> float:
    """An event's confidence from its mentions (`confidence.event_evidence`)."""
    evidence = event_evidence([m.confidence for m in members], sources=event.independent_sources,
                              reports=len({(m.doc_id, m.sentence) for m in members}),
                              dated=event.date is not None, named=any(named_participant(m) for m in members))
    return event_confidence(evidence, calibration)


def describe_events(events: Sequence[Event], event_mentions: Sequence[EventMention], *,
                    calibration: Calibration | None = None) -> list[Event]:
    """Each event with its place disagreement, its reports grouped by sentence and its confidence
    (`Event.place_conflict`, `Event.reports`, `Event.confidence`); mention ids the corpus does not hold are
    left out. `calibration`: the confidence coefficients shipped with the event-word model by default."""
    calibration = calibration or default_calibration()
    mentions: Mapping[str, EventMention] = {m.id: m for m in event_mentions}
    described = []
    for event in events:
        members = [mentions[m] for m in event.mention_ids if m in mentions]
        described.append(dataclasses.replace(
            event, place_conflict=place_disagreement(event, mentions),
            reports=tuple(tuple(m.id for m in group) for group in sentence_groups(members)),
            confidence=confidence_of(event, members, calibration)))
    return described

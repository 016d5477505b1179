"""What the corpus stage adds to fused events, so every view shows the same: where their sources disagree on the
place (`disagree.place_disagreement`), and their reports grouped by the sentence that makes them.

An event's mentions are words; a sentence with three words for one event ("attack ... killed ... wounded")
is one report, shown once with each of its words. Reports of one sentence stay apart when their markers
(negated, hypothetical, future, historical), reporter or date differ.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from ..model import Event, EventMention, Span, report_flags
from .disagree import place_disagreement

__all__ = ["describe_events", "report_flags", "sentence_groups"]  # report_flags lives in model: the views use it too


def sentence_groups(members: Sequence[EventMention]) -> list[list[EventMention]]:
    """An event's mentions grouped by the sentence that reports them, in order of first appearance."""
    grouped: dict[tuple[str, Span, tuple[str, ...], str, str | None], list[EventMention]] = {}
    for m in members:
        grouped.setdefault((m.doc_id, m.sentence, report_flags(m), m.reported_by, m.date), []).append(m)
    return list(grouped.values())


def describe_events(events: Sequence[Event], event_mentions: Sequence[EventMention]) -> list[Event]:
    """Each event with its place disagreement and its reports grouped by sentence (`Event.place_conflict`,
    `Event.reports`); mention ids the corpus does not hold are left out of the groups."""
    mentions: Mapping[str, EventMention] = {m.id: m for m in event_mentions}
    described = []
    for event in events:
        members = [mentions[m] for m in event.mention_ids if m in mentions]
        described.append(dataclasses.replace(
            event, place_conflict=place_disagreement(event, mentions),
            reports=tuple(tuple(m.id for m in group) for group in sentence_groups(members))))
    return described

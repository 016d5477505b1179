"""How far to trust an event mention and a fused event: a probability computed from evidence, calibrated on
annotated news.

A mention's evidence (`mention_evidence`): how strongly the event-word model (`events.detect`) reads its
trigger as an event word, whether the PLOVER lexicon codes it, whether named participants stand in its
subject or object roles (not only as modifiers: "Iraqi" in "Iraqi children"), whether a time expression
is tied to it by the parse (its own modifier, or its light verb's) or only reaches it through a linked
word or the governing clause, and its status: negated, hypothetical, future, reported by someone, past
history. Its confidence is a logistic function of that evidence, fit on TimeBank 1.2 and the ECB+
training topics: the probability that such a mention is an event annotators mark, asserted as having
happened (see `evaluation.train_events`; reliability on held-out data in docs/evaluation.md).

A fused event's evidence (`event_evidence`): its best mention's confidence, its independent sources, how
many sentences report it, whether it has a date and named participants. Its confidence is the
probability that a fused event with that evidence is one real event (most of its mentions one gold
event), fit on the ECB+ training topics.

The coefficients ship in data/event_detector.json beside the event-word model; applying them is a dot
product. `shown_events` is what the views call to keep the events at or above a threshold
(`[events] min_confidence`) and say how many more there are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Event, EventMention

if TYPE_CHECKING:
    from .detect import EventDetector

__all__ = ["EVENT_FEATURES", "MENTION_FEATURES", "Calibration", "Shown", "event_confidence", "event_evidence",
           "mention_confidence", "mention_evidence", "named_participant", "shown_events"]

MENTION_FEATURES: tuple[str, ...] = (
    "bias", "trigger", "coded", "named_agent", "named_target", "unnamed_participant", "time_attached",
    "time_inherited", "negated", "hypothetical", "future", "reported", "historical",
)
"""The evidence of a mention, in the order of its coefficients."""

EVENT_FEATURES: tuple[str, ...] = ("bias", "best_mention", "sources", "reports", "dated", "named")
"""The evidence of a fused event, in the order of its coefficients."""

_CLIP = 8.0  # log-odds are clipped to +-this before they enter a model


def _logit(probability: float) -> float:
    p = min(max(probability, 1e-4), 1 - 1e-4)
    return max(-_CLIP, min(_CLIP, math.log(p / (1 - p))))


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


@dataclass(frozen=True, slots=True)
class Calibration:
    """The coefficients of the two confidence models (same order as MENTION_FEATURES, EVENT_FEATURES)."""

    mention: tuple[float, ...]
    event: tuple[float, ...]

    @classmethod
    def from_meta(cls, meta: Mapping[str, object]) -> Calibration:
        """The calibration stored beside the event-word model (its .json `confidence` entry)."""
        found = meta.get("confidence")
        if not isinstance(found, Mapping):
            return cls(mention=(), event=())
        mention = found.get("mention", {})
        event = found.get("event", {})
        if not isinstance(mention, Mapping) or not isinstance(event, Mapping):
            return cls(mention=(), event=())
        return cls(mention=tuple(float(mention.get(name, 0.0)) for name in MENTION_FEATURES),
                   event=tuple(float(event.get(name, 0.0)) for name in EVENT_FEATURES))


def named_participant(mention: EventMention) -> bool:
    """Whether a named participant stands in the mention's subject or object role (not only a modifier)."""
    return any(i not in mention.modifier_ids for i in (*mention.actor_ids, *mention.target_ids))


def mention_evidence(*, trigger_logit: float, coded: bool, named_agent: bool, named_target: bool,
                     unnamed_participant: bool, time_source: str, negated: bool, aux_modes: Sequence[str],
                     reported: bool) -> tuple[float, ...]:
    """A mention's evidence as numbers, in MENTION_FEATURES order.

    `time_source` says how its time expression reached it: "own" (the trigger's modifier or its light
    verb's), "shared" (a word of the same act) or "clause" (the governing clause); "" for none.
    """
    return (1.0, max(-_CLIP, min(_CLIP, trigger_logit)), float(coded), float(named_agent), float(named_target),
            float(unnamed_participant), float(time_source == "own"), float(time_source in ("shared", "clause")),
            float(negated), float("hypothetical" in aux_modes), float("future" in aux_modes), float(reported),
            float("historical" in aux_modes))


def mention_confidence(evidence: Sequence[float], calibration: Calibration) -> float:
    """The calibrated probability that a mention with this evidence is a real, asserted event (0..1); the
    trigger's own probability when no calibration is shipped."""
    if len(calibration.mention) != len(evidence):
        return round(_sigmoid(evidence[1]), 4)
    return round(_sigmoid(sum(w * x for w, x in zip(calibration.mention, evidence, strict=True))), 4)


def event_evidence(mention_confidences: Sequence[float], *, sources: int, reports: int, dated: bool,
                   named: bool) -> tuple[float, ...]:
    """A fused event's evidence as numbers, in EVENT_FEATURES order."""
    best = max(mention_confidences, default=0.0)
    return (1.0, _logit(best), math.log(max(sources, 1)), math.log(max(reports, 1)), float(dated), float(named))


def event_confidence(evidence: Sequence[float], calibration: Calibration) -> float:
    """The calibrated probability that a fused event with this evidence is one real event (0..1); without a
    shipped calibration, its best mention's confidence."""
    if len(calibration.event) != len(evidence):
        return round(_sigmoid(evidence[1]), 4)
    return round(_sigmoid(sum(w * x for w, x in zip(calibration.event, evidence, strict=True))), 4)


def default_calibration(detector: EventDetector | None = None) -> Calibration:
    """The calibration shipped with the event-word model."""
    from .detect import load_detector

    return Calibration.from_meta((detector or load_detector()).meta)


@dataclass(frozen=True, slots=True)
class Shown:
    """What a view shows of a list of events at a confidence threshold."""

    events: tuple[Event, ...]  # those at or above it, in the order given
    hidden: int  # how many more are below it
    threshold: float


def shown_events(events: Sequence[Event], *, min_confidence: float) -> Shown:
    """The events whose confidence is at least `min_confidence` (all of them at 0), and how many are hidden.

    The views call this with `settings.events.min_confidence` (or the --min-confidence flag) and say plainly
    "N more events below the threshold" with a way to show all (min_confidence 0). Nothing is removed from
    the store.
    """
    kept = tuple(event for event in events if event.confidence >= min_confidence)
    return Shown(kept, len(events) - len(kept), min_confidence)

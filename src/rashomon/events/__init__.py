"""Events: event words found by the PLOVER lexicon and a model learned from annotated news, coded in PLOVER,
their places and dates, their confidence, cross-document fusion."""

from __future__ import annotations

from .confidence import Shown, shown_events
from .detect import EventDetector, load_detector
from .extract import extract_event_mentions
from .fuse import FusionSettings, fuse_events, is_factual
from .places import resolve_places
from .plover import load_lexicon
from .reports import describe_events, report_flags, sentence_groups

__all__ = [
    "EventDetector",
    "FusionSettings",
    "Shown",
    "describe_events",
    "extract_event_mentions",
    "fuse_events",
    "is_factual",
    "load_detector",
    "load_lexicon",
    "report_flags",
    "resolve_places",
    "sentence_groups",
    "shown_events",
]

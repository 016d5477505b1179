"""Events: event mentions coded in PLOVER, their places and dates, cross-document fusion."""

from __future__ import annotations

from .extract import extract_event_mentions
from .fuse import FusionSettings, fuse_events, is_factual
from .places import resolve_places
from .plover import load_lexicon
from .reports import describe_events, report_flags, sentence_groups

__all__ = [
    "FusionSettings",
    "describe_events",
    "extract_event_mentions",
    "fuse_events",
    "is_factual",
    "load_lexicon",
    "report_flags",
    "resolve_places",
    "sentence_groups",
]

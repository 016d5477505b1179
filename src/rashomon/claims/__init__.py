"""The claims stage: numbers a text states, what they count, who says so, and how sources compare.

extract_claims runs per document (it reads the parse); group_claims, attach_events and event_figures run over the
whole corpus.
"""

from __future__ import annotations

from .compare import group_claims
from .events import attach_events
from .extract import extract_claims
from .figures import event_figures

__all__ = ["attach_events", "event_figures", "extract_claims", "group_claims"]

"""The claims stage: numbers a text states, what they count, who says so, and how sources compare.

extract_claims runs per document (it reads the parse); group_claims runs over the whole corpus.
"""

from __future__ import annotations

from .compare import group_claims
from .extract import extract_claims

__all__ = ["extract_claims", "group_claims"]

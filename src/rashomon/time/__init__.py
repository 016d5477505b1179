"""Time: time expressions in text and the calendar values they name.

`find_time_expressions(doc)` finds the time expressions of a document and normalises each to a
TIMEX3 value, resolving relative ones ("yesterday", "last March") against the publication day
(`anchor_of`). `TimeValue` is the one type of a calendar value (`parse_value` reads one); the
other functions read dates written in metadata and date lines. See docs/time.md.
"""

from __future__ import annotations

from .lexicon import month_number
from .normalise import anchor_of, find_time_expressions
from .values import Grain, TimeValue, parse_value, precision_rank
from .written import FoundDate, find_date_line, parse_date_value

__all__ = [
    "FoundDate",
    "Grain",
    "TimeValue",
    "anchor_of",
    "find_date_line",
    "find_time_expressions",
    "month_number",
    "parse_date_value",
    "parse_value",
    "precision_rank",
]

"""Events and time: time expressions found in a document and normalised against its date."""

from __future__ import annotations

from .timex import find_time_expressions

__all__ = ["find_time_expressions"]

"""The colours every chart and legend shares: one distinct colour per PLOVER category, and the stance colours.

PLOVER's categories fall in four families (cooperation, a request, verbal conflict, material conflict); each
family keeps a hue range (blues and greens, violet, oranges and yellows, reds) so a glance tells cooperation from
conflict, and every category within a family still has its own colour (after Kelly's 22 colours of maximum
contrast), so "agree" and "support" or "accuse" and "protest" never look alike.
"""

from __future__ import annotations

from collections.abc import Mapping

CATEGORY_COLOURS: Mapping[str, str] = {
    "AGREE": "#0067a5", "CONSULT": "#7fb2e5", "SUPPORT": "#008856", "CONCEDE": "#8db600", "COOPERATE": "#2b5d3a",
    "AID": "#00a3a8", "RETREAT": "#b5a36a", "REQUEST": "#604e97",
    "ACCUSE": "#f38400", "REJECT": "#7a5230", "THREATEN": "#e68fac", "PROTEST": "#e8b500",
    "SANCTION": "#b3446c", "MOBILIZE": "#882d17", "COERCE": "#e25822", "ASSAULT": "#be0032",
    "OTHER": "#8a8a88",
}
"""PLOVER category -> its colour, in PLOVER's order (the legends' order)."""

UNKNOWN_COLOUR = "#8a8a88"

STANCE_COLOURS: Mapping[str, str] = {"favourable": "#1a7f37", "neutral": "#8a8f98", "unfavourable": "#c0262d",
                                     "unknown": "#ffffff"}
"""Stance label -> its colour; "unknown" (not enough evidence) is drawn hatched, not filled."""


def category_colour(category: str) -> str:
    """The colour of a PLOVER category; grey for one PLOVER does not have."""
    return CATEGORY_COLOURS.get(category, UNKNOWN_COLOUR)


def category_name(category: str) -> str:
    """"ASSAULT" -> "assault"."""
    return category.lower().replace("_", " ")

"""The type of a chain or an entity, by a weighted vote of its mentions.

Each mention votes once:

* a name with a person's title ("Ayatollah Tabrizi" tagged FAC) or a name-forming title ("Imam
  Hussein" tagged ORG) votes PERSON with weight 2;
* a country name not tagged PERSON ("US" even when tagged ORG) votes PLACE with weight 1.5;
* an all-capital acronym not tagged ORG or NORP votes ORG (acronyms are rarely people or places);
* a name of two or more words tagged PERSON votes PERSON with weight 2 (the small model rarely calls
  a full name a person by mistake, but often calls a bare surname a place: "Karimi" as GPE);
* any other tagged mention votes its label's type (PERSON; ORG; GPE, LOC, FAC -> PLACE; NORP ->
  GROUP) with weight 1; a mention added by a rule votes its fallback type with weight 0.5.

The mentions with the fullest name (most words; an acronym counts as none) decide, the others only
break a tie: "Lena Ostrova" tagged PERSON makes the chain a person even when the bare "Ostrova" is
tagged ORG ten times. A chain in which some name ends in a generic organisation noun ("... Forces",
"... Party"), or lost such a noun when it was trimmed ("Kataib Zaitoun militia"), is an ORG
whatever the votes. Ties go PERSON, ORG, PLACE, GROUP, in that order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import country_code
from .names import acronym_of, head_class, name_tokens

if TYPE_CHECKING:
    from ..model import EntityType

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "GROUP",
}
_ORDER: tuple[EntityType, ...] = ("PERSON", "ORG", "PLACE", "GROUP")


@dataclass(frozen=True, slots=True)
class Ballot:
    """One mention's vote: its NER label ("" when added by a rule), its text, its fallback type."""

    label: str
    text: str
    fallback: EntityType
    org_hint: bool = False
    titled: bool = False  # a person's title stood before it, or it begins with one ("Imam Hussein")


def ballot_weight(ballot: Ballot) -> tuple[EntityType, float]:
    """The type one mention votes for, and the weight of its vote."""
    label, text = ballot.label, ballot.text
    if ballot.titled and label != "NORP":
        return "PERSON", 2.0
    if label != "PERSON" and country_code(text) is not None:
        return "PLACE", 1.5
    if label not in ("ORG", "NORP") and acronym_of(text) is not None:
        return "ORG", 1.0
    if label == "PERSON" and len(name_tokens(text)) >= 2:
        return "PERSON", 2.0
    if label in LABEL_TYPES:
        return LABEL_TYPES[label], 1.0
    return ballot.fallback, 0.5


def is_org_shaped(ballot: Ballot) -> bool:
    """True for a name that ends in a generic organisation noun, or lost one when trimmed."""
    if ballot.org_hint:
        return True
    return (ballot.label != "NORP" and head_class(name_tokens(ballot.text)) is not None
            and country_code(ballot.text) is None)


def _size(ballot: Ballot) -> int:
    return 0 if acronym_of(ballot.text) is not None else len(name_tokens(ballot.text))


def vote_type(ballots: Iterable[Ballot]) -> EntityType:
    """The type of the thing these mentions name (see the module docstring)."""
    items = list(ballots)
    if not items:
        return "ORG"
    if any(is_org_shaped(ballot) for ballot in items):
        return "ORG"
    fullest = max(_size(ballot) for ballot in items)
    totals: dict[EntityType, list[float]] = {kind: [0.0, 0.0] for kind in _ORDER}
    for ballot in items:
        kind, weight = ballot_weight(ballot)
        totals[kind][1] += weight
        if _size(ballot) == fullest:
            totals[kind][0] += weight
    return max(_ORDER, key=lambda kind: (totals[kind][0], totals[kind][1], -_ORDER.index(kind)))

"""The type of a chain or an entity: a weighted vote of its mentions' type cues (evidence.py).

Each cue votes PERSON, ORG, PLACE, GROUP or NONE (no name of these kinds) with a weight, negative for
evidence against. Within a chain, the mentions with the fullest name (most words; an acronym counts
as none) decide with everything they carry; the cues about how the shorter names are written (their
NER labels, the gazetteer) only break a tie, while what any mention's context says counts in full:
"Lena Ostrova" tagged PERSON makes the chain a person even when the bare "Ostrova" is tagged ORG ten
times, and "Ostrova, 61," or "Ostrova said" still counts. A name ending in a generic organisation noun
("... Forces"), or one that lost such a noun when trimmed, votes ORG with a weight no other evidence
outweighs.

The winner is the type with the highest total (ties: the tie-break totals, then PERSON, ORG, PLACE,
GROUP); when the NONE total is higher still, the chain names nothing of ours and is dropped. Across
documents an entity's type is the sum of its chains' totals (NONE aside).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import TypeCue
from .evidence import LABEL_TYPES
from .lexicon import country_code
from .names import acronym_of, head_class, name_tokens

if TYPE_CHECKING:
    from ..model import EntityType, TypeVote

__all__ = ["LABEL_TYPES", "ORDER", "Verdict", "org_shape_cue", "vote_chain"]

ORDER: tuple[EntityType, ...] = ("PERSON", "ORG", "PLACE", "GROUP")
ORG_SHAPE_WEIGHT = 5.0


@dataclass(frozen=True, slots=True)
class Verdict:
    """A chain's type (or NONE), its totals by vote, and by how much the winner won."""

    type: TypeVote
    totals: dict[TypeVote, float]
    margin: float  # the winner's total minus the best other total (NONE included)


def org_shape_cue(text: str, label: str, org_hint: bool) -> TypeCue | None:
    """ORG for a name ending in a generic organisation noun, or one that lost such a noun when trimmed.

    Not a form cue: like the old override it holds for the whole chain, whichever name carries it.
    """
    if org_hint:
        return TypeCue("ORG", ORG_SHAPE_WEIGHT, "an organisation noun was cut off its end")
    tokens = name_tokens(text)
    if label != "NORP" and head_class(tokens) is not None and country_code(text) is None:
        return TypeCue("ORG", ORG_SHAPE_WEIGHT, f"ends in the organisation noun {tokens[-1]!r}")
    return None


def name_size(text: str) -> int:
    """How full a name is: its words; an acronym counts as none."""
    return 0 if acronym_of(text) is not None else len(name_tokens(text))


def vote_chain(entries: Sequence[tuple[str, Sequence[TypeCue]]]) -> Verdict:
    """The verdict on the thing these (name text, cues) entries of one chain name (module docstring).

    When the evidence against leaves no type above zero, the evidence for decides ("Ostravia" tagged
    GPE, unknown to the gazetteer, "said": still the place).
    """
    fullest = max((name_size(text) for text, _ in entries), default=0)
    primary: dict[TypeVote, float] = {"PERSON": 0.0, "ORG": 0.0, "PLACE": 0.0, "GROUP": 0.0, "NONE": 0.0}
    secondary: dict[TypeVote, float] = dict.fromkeys(primary, 0.0)
    support: dict[TypeVote, float] = dict.fromkeys(primary, 0.0)
    for text, cues in entries:
        full = name_size(text) == fullest
        for cue in cues:
            (primary if full or not cue.form else secondary)[cue.vote] += cue.weight
            if cue.weight > 0:
                support[cue.vote] += cue.weight
    if max(primary[kind] for kind in ORDER) <= 0 and primary["NONE"] <= 0:
        return decide({**support, "NONE": 0.0}, secondary)
    return decide(primary, secondary)


def decide(primary: dict[TypeVote, float], secondary: dict[TypeVote, float] | None = None) -> Verdict:
    """The winner of these totals: the best type, or NONE when NONE's total is higher."""
    secondary = secondary or {}
    best: EntityType = max(ORDER, key=lambda kind: (round(primary.get(kind, 0.0), 6),
                                                   round(secondary.get(kind, 0.0), 6), -ORDER.index(kind)))
    none = primary.get("NONE", 0.0)
    others = [primary.get(kind, 0.0) for kind in ORDER if kind != best]
    if none > primary.get(best, 0.0) + 1e-9:
        return Verdict("NONE", dict(primary), none - max([primary.get(best, 0.0), *others]))
    return Verdict(best, dict(primary), primary.get(best, 0.0) - max([none, *others]))

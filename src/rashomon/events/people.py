"""People nouns for fusion: which participant words may name the same people.

The nouns are the claims stage's too (`entities.lexicon.load_people_nouns`, data/claims_people.tsv),
so the two stages agree on what "people", "protesters" and "demonstrators" are.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from ..entities.lexicon import load_people_nouns

__all__ = ["people_meet", "people_words"]


@functools.cache
def people_words() -> tuple[frozenset[str], frozenset[str], Mapping[str, str]]:
    """(generic person nouns, every person noun, same-people canonical forms): "people" and
    "civilians" may be anyone; "protesters" and "demonstrators" are the same people."""
    nouns = load_people_nouns()
    return nouns.generic, nouns.generic | nouns.people, nouns.same


def people_meet(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two participant phrases may name the same people: one says "people" (or "civilians",
    "victims"), the other names people of any kind ("40 people" ~ "the demonstrators")."""
    generic, anyone, _ = people_words()
    return bool((first & generic and second & anyone) or (second & generic and first & anyone))

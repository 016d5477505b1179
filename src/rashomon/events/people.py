"""People nouns for fusion: which participant words may name the same people.

Read from the people lexicon the claims stage uses too (`data/claims_people.tsv`), so the two stages
agree on what "people", "protesters" and "demonstrators" are.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources

__all__ = ["people_meet", "people_words"]


@functools.cache
def people_words() -> tuple[frozenset[str], frozenset[str], Mapping[str, str]]:
    """(generic person nouns, every person noun, same-people canonical forms), from the people
    lexicon the claims stage uses too (data/claims_people.tsv): "people" and "civilians" may be
    anyone; "protesters" and "demonstrators" are the same people."""
    text = resources.files("rashomon").joinpath("data", "claims_people.tsv").read_text(encoding="utf-8")
    generic: set[str] = set()
    people: set[str] = set()
    same: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, cell = line.partition("\t")
        words = [w.strip() for w in cell.split(",") if w.strip()]
        if kind == "generic":
            generic.update(words)
        elif kind == "person":
            people.update(words)
        elif kind == "same":
            same.update((word, words[0]) for word in words)
    return frozenset(generic), frozenset(generic | people), same


def people_meet(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two participant phrases may name the same people: one says "people" (or "civilians",
    "victims"), the other names people of any kind ("40 people" ~ "the demonstrators")."""
    generic, anyone, _ = people_words()
    return bool((first & generic and second & anyone) or (second & generic and first & anyone))

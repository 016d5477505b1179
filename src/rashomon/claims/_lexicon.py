"""The word lists of the claims stage, read once from rashomon/data/claims_*.tsv.

Every list is general English vocabulary (qualifiers, units, reporting verbs, person nouns); none
names an event, a place or a source. docs/claims.md describes each file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..entities.lexicon import load_people_nouns

_Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The claims word lists, keyed for lookup."""

    qualifiers_before: dict[_Phrase, str]  # ("at", "least") -> "lower"
    qualifiers_after: dict[_Phrase, str]  # ("or", "more") -> "lower"
    vague: dict[_Phrase, tuple[float, float]]  # ("hundreds",) -> (200, 999)
    units: dict[_Phrase, tuple[str, str]]  # ("per", "cent") -> ("percent", "percent"); (kind, unit)
    measures: dict[str, str]  # "died" -> "killed"
    reporting_verbs: frozenset[str]
    counting_verbs: frozenset[str]  # reporting verbs that take the figure as their object
    report_nouns: frozenset[str]
    light_verbs: frozenset[str]
    generic_people: frozenset[str]
    people: frozenset[str]
    same_people: dict[str, str]  # "demonstrator" -> "protester"


def _rows(name: str) -> list[list[str]]:
    text = resources.files("rashomon").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(cell: str) -> list[str]:
    return [word.strip() for word in cell.split(",") if word.strip()]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the word lists (once per process)."""
    before: dict[_Phrase, str] = {}
    after: dict[_Phrase, str] = {}
    for position, kind, phrase in _rows("claims_qualifiers.tsv"):
        (before if position == "before" else after)[tuple(phrase.split())] = kind
    vague = {tuple(phrase.split()): (float(low), float(high)) for phrase, low, high in _rows("claims_vague.tsv")}
    units: dict[_Phrase, tuple[str, str]] = {}
    for kind, unit, words in _rows("claims_units.tsv"):
        for word in _words(words):
            units[tuple(word.split())] = (kind, unit)
    measures: dict[str, str] = {}
    for canonical, words in _rows("claims_measures.tsv"):
        for word in _words(words):
            measures[word] = canonical
    reporting: dict[str, frozenset[str]] = {kind: frozenset(_words(words)) for kind, words in _rows("claims_reporting.tsv")}
    people = load_people_nouns()
    return Lexicon(
        qualifiers_before=before,
        qualifiers_after=after,
        vague=vague,
        units=units,
        measures=measures,
        reporting_verbs=reporting.get("verb", frozenset()) | reporting.get("count", frozenset()),
        counting_verbs=reporting.get("count", frozenset()),
        report_nouns=reporting.get("noun", frozenset()),
        light_verbs=reporting.get("light", frozenset()),
        generic_people=people.generic,
        people=people.people,
        same_people=people.same,
    )

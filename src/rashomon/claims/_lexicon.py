"""The word lists of the claims stage, read once from rashomon/data/claims_*.tsv.

Every list is general English vocabulary (qualifiers, units, reporting verbs, person nouns); none
names an event, a place or a source. docs/claims.md describes each file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..data_files import read_data_tsv
from ..entities.lexicon import load_people_nouns

_Phrase = tuple[str, ...]
_QUALIFIER_KINDS = ("lower", "upper", "near_upper", "near_lower", "approx", "exact")
_UNIT_KINDS = ("percent", "currency", "time", "measure", "times")
_REPORTING_KINDS = ("verb", "count", "noun", "light")


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


def _words(cell: str) -> list[str]:
    return [word.strip() for word in cell.split(",") if word.strip()]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the word lists (once per process)."""
    before: dict[_Phrase, str] = {}
    after: dict[_Phrase, str] = {}
    for row in read_data_tsv("claims_qualifiers.tsv", fields=3):
        position, kind, phrase = row.choice(0, ("before", "after")), row.choice(1, _QUALIFIER_KINDS), row.fields[2]
        (before if position == "before" else after)[tuple(phrase.split())] = kind
    vague = {tuple(row.fields[0].split()): (row.number(1), row.number(2))
             for row in read_data_tsv("claims_vague.tsv", fields=3)}
    units: dict[_Phrase, tuple[str, str]] = {}
    for row in read_data_tsv("claims_units.tsv", fields=3):
        kind, unit, words = row.choice(0, _UNIT_KINDS), row.fields[1], row.fields[2]
        for word in _words(words):
            units[tuple(word.split())] = (kind, unit)
    measures: dict[str, str] = {}
    for row in read_data_tsv("claims_measures.tsv", fields=2):
        canonical, words = row.fields
        for word in _words(words):
            measures[word] = canonical
    reporting: dict[str, frozenset[str]] = {
        row.choice(0, _REPORTING_KINDS): frozenset(_words(row.fields[1]))
        for row in read_data_tsv("claims_reporting.tsv", fields=2)}
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

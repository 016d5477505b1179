"""The units that resolve_entities merges: what one document already tied, with its names.

A *unit* is a chain of one document, or a mention standing alone. Its *full forms* are its names
that are not part of a longer name of the same unit ("Qasem Karimi", not "Karimi"); its acronyms are
kept apart, with the long forms the document gave them. `Groups` is the union-find the merge rules
write into.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import country_code
from .names import acronym_of, name_tokens, names_match
from .naming import best_type, entity_totals, surface

if TYPE_CHECKING:
    from ..model import EntityType, Mention

Form = tuple[str, ...]


@dataclass(slots=True)
class Unit:
    """One document's chain (or lone mention) and the names it is known by."""

    mentions: list[Mention]
    type: EntityType
    full: list[Form] = field(default_factory=list)
    shorts: list[Form] = field(default_factory=list)
    acronyms: set[str] = field(default_factory=set)
    expansions: list[Form] = field(default_factory=list)
    country: str | None = None
    person_labels: int = 0
    surfaces: dict[Form, str] = field(default_factory=dict)
    _totals: dict[EntityType, float] | None = None

    @property
    def totals(self) -> dict[EntityType, float]:
        """The type vote of the unit's mentions (naming.entity_totals), computed once."""
        if self._totals is None:
            self._totals = entity_totals(self.mentions)
        return self._totals


def group_type(units: Sequence[Unit], indices: Iterable[int]) -> EntityType:
    """The type of the entity these units would make: their votes added up (as naming.entity_type)."""
    totals: dict[EntityType, float] = {"PERSON": 0.0, "ORG": 0.0, "PLACE": 0.0, "GROUP": 0.0}
    counts: Counter[str] = Counter()
    for index in indices:
        unit = units[index]
        for kind, value in unit.totals.items():
            totals[kind] += value
        counts[unit.type] += len(unit.mentions)
    return best_type(totals, counts)


class Groups:
    """Union-find over unit indices; the smaller index is the root, so results do not depend on order."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        parent = self.parent
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def union(self, left: int, right: int) -> None:
        a, b = self.find(left), self.find(right)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def union_all(self, indices: Iterable[int]) -> None:
        items = list(indices)
        for other in items[1:]:
            self.union(items[0], other)

    def members(self) -> dict[int, list[int]]:
        """Root -> the unit indices of its group, in index order."""
        found: dict[int, list[int]] = {}
        for index in range(len(self.parent)):
            found.setdefault(self.find(index), []).append(index)
        return found


def singular(form: Form) -> Form:
    """A GROUP name without its plural "s" ("iraqis" -> "iraqi")."""
    last = form[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        return (*form[:-1], last[:-1])
    return form


def is_subform(short: Form, full: Form) -> bool:
    """True when `short` matches a run of consecutive words of the longer `full`."""
    if len(short) >= len(full):
        return False
    size = len(short)
    return any(names_match(short, full[i:i + size]) for i in range(len(full) - size + 1))


def add_form(unit: Unit, form: Form, text: str) -> None:
    """Record a name of the unit as a full form, or as a short form of one it already has."""
    unit.surfaces.setdefault(form, text)
    if form in unit.full or form in unit.shorts:
        return
    if any(is_subform(form, other) for other in unit.full):
        unit.shorts.append(form)
        return
    unit.shorts.extend(other for other in unit.full if is_subform(other, form))
    unit.full[:] = [other for other in unit.full if not is_subform(other, form)]
    unit.full.append(form)


_SUFFIXES = frozenset({"corp", "corporation", "inc", "incorporated", "ltd", "limited",
                       "co", "llc", "plc", "ag", "sa", "gmbh"})
"""Company suffixes: "Kelmora Corp." is "Kelmora". (A generational suffix stays: "X Sr." and "X Jr." are
two people.)"""
_POSSESSIVE = re.compile(r"(?<=\w)['’]s?$")  # a possessive the tokenizer left on a person's name ("Lohan's")
_QUOTED = re.compile(r"(?<=\w)\s+[\"“”'‘’]+[^\"“”'‘’]+[\"“”'‘’]+\s+(?=\w)")


def comparable_form(text: str) -> Form:
    """The light form a unit is compared by: without a company suffix ("Kelmora Corp."), nor a nickname
    quoted inside the name ("Dario 'The Owl' Vennick")."""
    form = name_tokens(_QUOTED.sub(" ", text))
    while len(form) > 1 and form[-1] in _SUFFIXES:
        form = form[:-1]
    return form


def build_units(mentions: Sequence[Mention]) -> list[Unit]:
    """The units of all mentions, ordered by document id and first offset."""
    grouped: dict[tuple[str, str], list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.doc_id, m.span.start, m.span.end, m.id)):
        grouped.setdefault((mention.doc_id, mention.chain or mention.id), []).append(mention)
    units = []
    for members in grouped.values():
        kind = members[0].type
        if any(mention.type != kind for mention in members):
            kind = Counter(mention.type for mention in members).most_common(1)[0][0]
        unit = Unit(members, kind)
        forms: dict[Form, int] = {}
        countries: Counter[str] = Counter()
        for mention in members:
            text = surface(mention.text)
            acronym = acronym_of(text)
            code = country_code(text)
            if code is not None and mention.label != "PERSON":
                countries[code] += 1
            if mention.label == "PERSON":
                unit.person_labels += 1
            if mention.expansion and name_tokens(mention.expansion) not in unit.expansions:
                unit.expansions.append(name_tokens(mention.expansion))
            if acronym is not None:
                unit.acronyms.add(acronym)
                continue
            form = comparable_form(_POSSESSIVE.sub("", text) if kind == "PERSON" else text)
            if kind == "GROUP" and form:
                form = singular(form)
            if form:
                forms[form] = forms.get(form, 0) + 1
                unit.surfaces.setdefault(form, text)
        if countries and kind != "PERSON" and 2 * sum(countries.values()) > len(members):
            unit.country = countries.most_common(1)[0][0]
        for form in sorted(forms, key=lambda form: (-len(form), form)):
            if any(is_subform(form, other) for other in unit.full):
                unit.shorts.append(form)
            else:
                unit.full.append(form)
        units.append(unit)
    return units

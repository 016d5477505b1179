"""Merge rules on the shape of names, run by resolve_entities (docs/entities.md has the reasons).

* `read_capital_words`: an all-capital word of four or more letters that the corpus never uses as
  an acronym (no document defines it, no name's initials spell it) is a name written in capitals
  (a dateline's "KELMORA"): it becomes the full form "Kelmora" when some unit has that name.
* `merge_state_forms`: a country's long form ("Democratic Republic of Kelmora", "Kingdom of
  Kelmora") is the place its distinctive name names, when that name is a PLACE entity or a
  known country.
* `merge_inverted`: "<Head> of <X>" and "<X> <Head>" with a generic organisation noun as head are
  one organisation ("Ministry of Water" = "Water Ministry").
* `merge_partial`: a person's name of two or more words that begins or ends exactly one longer
  person's name joins that person ("Abu Sami" -> "Abu Sami al-Tikriti").
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import country_code, load_name_forms
from .names import acronym_of, name_key, name_tokens, names_match, token_key
from .naming import surface
from .units import Form, Groups, Unit, add_form, group_type

if TYPE_CHECKING:
    from ..model import EntityType

_MIN_CAPITAL_LETTERS = 4  # shorter all-capital words stay acronyms


@lru_cache(maxsize=1)
def _light_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The name-form words in their light form: state nouns, lead-only nouns, all state words, heads."""
    forms = load_name_forms()

    def light(words: frozenset[str]) -> frozenset[str]:
        return frozenset(token for word in words for token in name_tokens(word))

    return light(forms.state_nouns), light(forms.lead_nouns), light(forms.state_words), light(forms.of_heads)


def initials_of(text: str) -> str:
    """The initials of the capitalised words of a name of two or more such words, else ""."""
    words = [word for word in text.replace("-", " ").split() if word[:1].isupper()]
    return "".join(word[0] for word in words) if len(words) >= 2 else ""


def read_capital_words(units: list[Unit]) -> None:
    """Turn all-capital words the corpus never uses as acronyms into names, in place.

    An "acronym" of four or more letters becomes the full form of its word when no unit gives it an
    expansion, no capitalised name of the corpus has it as initials, and some unit has a full form
    with the same light form or a spelling variant of it ("KELMORA" and "Kelmora").
    """
    defined = {acronym for unit in units if unit.expansions for acronym in unit.acronyms}
    candidates = {acronym for unit in units for acronym in unit.acronyms
                  if acronym not in defined and sum(char.isalpha() for char in acronym) >= _MIN_CAPITAL_LETTERS}
    if not candidates:
        return
    texts = {text for unit in units for text in unit.surfaces.values()}
    candidates -= {initials_of(text) for text in texts}
    by_key: dict[tuple[str, ...], list[Form]] = defaultdict(list)
    for single in {form for unit in units for form in unit.full if len(form) == 1}:
        by_key[name_key(single)].append(single)
    for unit in units:
        for acronym in sorted(unit.acronyms & candidates):
            form = name_tokens(acronym)
            if not any(names_match(form, other) for other in by_key.get(name_key(form), ())):
                continue
            unit.acronyms.discard(acronym)
            text = next(surface(m.text) for m in unit.mentions if acronym_of(surface(m.text)) == acronym)
            add_form(unit, form, text)


def state_form_core(text: str) -> str | None:
    """The distinctive name inside a country's long form, or None when `text` is no long form.

    "Democratic Republic of Kelmora" -> "Kelmora"; "Kelmora Republic" -> "Kelmora"; "State of
    Kelmora" -> "Kelmora"; "United Kelmora" (no state noun), "Kelmora State" (a province) -> None.
    """
    nouns, lead_nouns, state_words, _ = _light_words()
    words = text.split()
    lights = [name_tokens(word) for word in words]

    def light(index: int) -> str:
        return lights[index][0] if len(lights[index]) == 1 else ""

    start = 0
    while start < len(words) and light(start) in state_words:
        start += 1
    lead = [light(i) for i in range(start)]
    if not (lead and lead[-1] in ("of", "the") and "of" in lead and any(w in nouns | lead_nouns for w in lead)):
        start = 0
    end = len(words)
    trailing = state_words - lead_nouns - {"of", "the"}
    while end > start and light(end - 1) in trailing:
        end -= 1
    if not any(light(i) in nouns for i in range(end, len(words))):
        end = len(words)
    if (start, end) == (0, len(words)) or start >= end or not words[start][:1].isupper():
        return None
    return " ".join(words[start:end])


def merge_state_forms(units: list[Unit], groups: Groups, owners: dict[Form, list[int]]) -> None:
    """A long form with a PLACE unit joins the place its distinctive name names."""
    countries: dict[str, int] = {}
    for index, unit in enumerate(units):
        if unit.country is not None:
            countries.setdefault(unit.country, index)
    places: dict[tuple[str, ...], list[Form]] = defaultdict(list)
    for form, indices in owners.items():
        if any(units[i].type == "PLACE" for i in indices):
            places[name_key(form)].append(form)
    for form, indices in owners.items():
        if len(form) < 2 or not any(units[i].type == "PLACE" for i in indices):
            continue
        core = state_form_core(units[indices[0]].surfaces.get(form, ""))
        if core is None:
            continue
        code = country_code(core)
        if code is not None:
            if code in countries:
                groups.union(indices[0], countries[code])
            continue
        core_form = name_tokens(core)
        targets = [i for other in places.get(name_key(core_form), ()) if names_match(other, core_form)
                   for i in owners[other] if units[i].type == "PLACE"]
        groups.union_all([indices[0], *targets])


def _inverted_key(form: Form) -> tuple[str, str, Form] | None:
    """(head, "of" or "pre", distinctive words) of "<Head> of [the] <X>" or "<X> <Head>", else None."""
    heads = _light_words()[3]
    if len(form) >= 3 and form[0] in heads and form[1] == "of":
        rest = form[3:] if form[2] == "the" else form[2:]
        return (form[0], "of", rest) if rest else None
    if len(form) >= 2 and form[-1] in heads and "of" not in form and form[0] != "the":
        return form[-1], "pre", form[:-1]
    return None


def merge_inverted(units: list[Unit], groups: Groups, owners: dict[Form, list[int]]) -> None:
    """"Ministry of Water" = "Water Ministry": one head noun, the same distinctive words."""
    found: dict[tuple[str, tuple[str, ...]], list[tuple[str, Form, list[int]]]] = defaultdict(list)
    for form, indices in owners.items():
        key = _inverted_key(form)
        if key is not None and all(units[i].type != "PERSON" for i in indices):
            head, order, rest = key
            found[(head, name_key(rest))].append((order, rest, indices))
    for entries in found.values():
        for order, rest, indices in entries:
            for other_order, other_rest, other in entries:
                if (order == "of" and other_order == "pre" and names_match(rest, other_rest)
                        and any(units[i].type == "ORG" for i in (*indices, *other))):
                    groups.union(indices[0], other[0])


_NAME_PARTS = frozenset({"abu", "abou", "umm", "um", "ibn", "bint", "ben"})  # light forms; "bin" is "ibn"


def merge_partial(units: list[Unit], groups: Groups) -> None:
    """A person's name of two or more words that is the first or last words of exactly one longer
    person's name joins that person ("Abu Sami" -> "Abu Sami al-Tikriti"), and so does a first and
    last name whose longer form adds a middle name ("Lena Ostrova" -> "Lena Maria Ostrova"); it
    stays apart when it fits two people, when the longer name only adds a generational suffix ("X
    Sr", "X Jr"), and when the middle words are a nasab ("bin X": another man). A part of an Arabic
    name (a kunya "Abu X", a nasab "bin X") that the votes made a GROUP joins all the same: the
    entity's vote settles the type."""
    generational = {token for word in load_name_forms().generational for token in name_tokens(word)}
    members = groups.members()
    types: dict[int, EntityType] = {}

    def kind(root: int) -> EntityType:  # computed only for the few groups that fit
        if root not in types:
            types[root] = group_type(units, members[root])
        return types[root]

    # names of three words or more by the keys of their first two words, of their last two, and of their
    # first and last (a match needs equal keys, so these blocks hold every candidate and few others)
    firsts: dict[tuple[str, ...], list[tuple[Form, int]]] = defaultdict(list)
    lasts: dict[tuple[str, ...], list[tuple[Form, int]]] = defaultdict(list)
    ends: dict[tuple[str, str], list[tuple[Form, int]]] = defaultdict(list)
    forms: dict[int, set[Form]] = {}
    for root, indices in members.items():
        if any(units[i].country is not None or units[i].expansions for i in indices):
            continue
        forms[root] = {form for i in indices for form in units[i].full}
        for form in forms[root]:
            if len(form) >= 3:
                firsts[name_key(form[:2])].append((form, root))
                lasts[name_key(form[-2:])].append((form, root))
                if not _NAME_PARTS & set(form[1:-1]) and not generational & set(form):
                    ends[(token_key(form[0]), token_key(form[-1]))].append((form, root))
    joins = []
    for root, names in sorted(forms.items()):
        if not names or any(len(form) < 2 for form in names):
            continue
        fits: set[int] | None = None
        for form in names:
            size = len(form)
            found = {target for full, target in firsts.get(name_key(form[:2]), ())
                     if len(full) > size and names_match(form, full[:size]) and not generational >= set(full[size:])}
            found |= {target for full, target in lasts.get(name_key(form[-2:]), ())
                      if len(full) > size and names_match(form, full[-size:])}
            if size == 2:
                found |= {target for full, target in ends.get((token_key(form[0]), token_key(form[-1])), ())
                          if names_match(form, (full[0], full[-1]))}
            found.discard(root)
            fits = found if fits is None else fits & found
        arabic = any(_NAME_PARTS & set(form) for form in names)
        if not fits or not (kind(root) == "PERSON" or (kind(root) == "GROUP" and arabic)):
            continue
        people = {target for target in fits if kind(target) == "PERSON"}
        if len(people) == 1:
            joins.append((root, people.pop()))
    for root, target in joins:
        groups.union(root, target)

"""Resolve mentions across documents into entities.

A *unit* is what one document already tied: a chain, or a mention standing alone (units.py). Units
merge by name, never by a list of known names, in this order (docs/entities.md has the reasons):

0. all-capital words the corpus never uses as acronyms ("KELMORA" in a dateline) become names
   (forms.read_capital_words);
1. countries: units naming one country ("US", "U.S.", "America", "the United States") are one;
2. same full name: units sharing a full form (the longest names of the chain) after normalisation
   (names.name_tokens), except a one-word name both strongly a PLACE and strongly a PERSON;
3. spelling variants: full forms with the same phonetic keys whose tokens match (names.tokens_match)
   and, for two or more words, rapidfuzz similarity >= name_similarity; or forms of two or more words
   whose keys differ in one word that is a truncation of the other ("Adi" / "Adil") with
   similarity >= name_similarity_strict. Candidates come only from blocks sharing the first or last
   word's key, so the cost stays near linear;
4. a country's long form ("Democratic Republic of X") joins the place X (forms.merge_state_forms);
5. organisation head nouns: names equal up to a generic head of the same class ("Units" / "Forces")
   whose distinctive part has two or more words; "<Head> of <X>" = "<X> <Head>" (forms.merge_inverted);
6. nationality qualifiers: "Lebanese Hezbollah" is "Hezbollah" when no other nationality qualifies it;
7. acronyms: units using one acronym, when their long forms agree; an acronym never defined joins
   the one organisation whose initials spell it;
8. a bare one-word name (a group of units with no fuller form) joins the one entity where that word is
   a short form tied in some document, or else, when it is a person, the one person whose full name
   ends with it. If it fits several, or none, it stays an entity of its own;
9. a person's name of two or more words that begins or ends exactly one longer person's name joins
   it (forms.merge_partial).
"""

from __future__ import annotations

import gc
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .forms import initials_of, merge_inverted, merge_partial, merge_state_forms, read_capital_words
from .lexicon import is_known_place, load_name_forms
from .names import head_class, name_key, name_tokens, names_match, similarity, token_key, tokens_match
from .naming import build_entity
from .units import Form, Groups, Unit, build_units, group_type

if TYPE_CHECKING:
    from ..model import Entity, EntityType, Mention
    from ..settings import EntitySettings

logger = logging.getLogger(__name__)

_BLOCK_LIMIT = 400  # blocks with more distinct names are not searched for one-word-off variants
_EXPANSIONS_ALIKE = 60.0  # two long forms of one acronym name one thing from this similarity up


def _strong_person(unit: Unit) -> bool:
    return unit.type == "PERSON" and unit.person_labels >= 2


def _strong_place(unit: Unit, form: Form) -> bool:
    """A known place the unit's own evidence calls a place: the NER tagged it one, or its context does
    ("in Paris"); not a surname the gazetteer happens to know ("Jackson" tagged PERSON, "Jackson said")."""
    if unit.type != "PLACE" or not is_known_place(unit.surfaces.get(form, " ".join(form))):
        return False
    evidence = [mention.evidence for mention in unit.mentions]
    if not any(evidence):
        return True
    return any(mention.label in ("GPE", "LOC", "FAC") for mention in unit.mentions) or any(
        cue.vote == "PLACE" and cue.weight > 0 and not cue.form for cues in evidence for cue in cues)


def _placed_by_name_only(units: list[Unit], indices: list[int]) -> bool:
    """Units a PERSON tag names whose PLACE or ORG type comes only from how the name is written (the
    gazetteer, the NER label): nothing in their context says place or organisation."""
    mentions = [mention for i in indices for mention in units[i].mentions]
    if not any(mention.label == "PERSON" for mention in mentions):
        return False
    return not any(cue.vote in ("PLACE", "ORG") and cue.weight > 0 and not cue.form
                   for mention in mentions for cue in mention.evidence)


def _conflict(units: list[Unit], left: Iterable[int], right: Iterable[int], form: Form) -> bool:
    """One-word names that are strongly a person on one side and strongly a place on the other."""
    if len(form) != 1:
        return False
    left, right = list(left), list(right)
    return ((any(_strong_person(units[i]) for i in left) and any(_strong_place(units[i], form) for i in right))
            or (any(_strong_place(units[i], form) for i in left) and any(_strong_person(units[i]) for i in right)))


def _merge_countries(units: list[Unit], groups: Groups) -> None:
    by_code: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        if unit.country is not None:
            by_code[unit.country].append(index)
    for indices in by_code.values():
        groups.union_all(indices)


def _full_forms(units: list[Unit]) -> dict[Form, list[int]]:
    owners: dict[Form, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        if unit.country is None:
            for form in unit.full:
                owners[form].append(index)
    return owners


def _merge_same(units: list[Unit], groups: Groups, owners: dict[Form, list[int]]) -> None:
    for form, indices in owners.items():
        if len(form) == 1 and len(indices) > 1:
            persons = [i for i in indices if _strong_person(units[i])]
            places = [i for i in indices if _strong_place(units[i], form)]
            if persons and places:
                rest = [i for i in indices if i not in persons and i not in places]
                groups.union_all(persons + [i for i in rest if units[i].type == "PERSON"])
                groups.union_all(places + [i for i in rest if units[i].type != "PERSON"])
                continue
        groups.union_all(indices)


def _merge_variants(units: list[Unit], groups: Groups, owners: dict[Form, list[int]], *,
                    settings: EntitySettings) -> None:
    forms = sorted(form for form in owners if not any(token.isdigit() for token in form))
    by_key: dict[tuple[str, ...], list[Form]] = defaultdict(list)
    for form in forms:
        by_key[name_key(form)].append(form)
    for members in by_key.values():
        reps: list[Form] = []
        for form in members:
            matched = False
            for rep in reps:
                if names_match(rep, form) and (len(form) == 1 or similarity(rep, form) >= settings.name_similarity) \
                        and not _conflict(units, owners[rep], owners[form], form):
                    groups.union(owners[rep][0], owners[form][0])
                    matched = True
            if not matched:
                reps.append(form)
    blocks: dict[tuple[int, tuple[str, ...]], list[Form]] = defaultdict(list)  # (position, key with "*" there)
    for form in forms:
        if len(form) >= 2:
            keys = name_key(form)
            for position in range(len(form)):
                blocks[(position, (*keys[:position], "*", *keys[position + 1:]))].append(form)
    for block_key, members in blocks.items():
        if len(members) < 2:
            continue
        if len(members) > _BLOCK_LIMIT:
            logger.debug("skipping %s names sharing %s in the variant search", len(members), block_key)
            continue
        position = block_key[0]
        for i, left in enumerate(members):
            for right in members[i + 1:]:
                if (_truncation(left[position], right[position]) and names_match(left[:position], right[:position])
                        and names_match(left[position + 1:], right[position + 1:])
                        and similarity(left, right) >= settings.name_similarity_strict
                        and units[owners[left][0]].type == units[owners[right][0]].type):
                    groups.union(owners[left][0], owners[right][0])


def _truncation(left: str, right: str) -> bool:
    """One word is the other cut short by a letter or two ("adi" / "adil")."""
    short, long = sorted((left, right), key=len)
    return len(short) >= 3 and long != short and long.startswith(short) and len(long) - len(short) <= 2


def _distinctive(form: Form) -> Form:
    """A name without its trailing head nouns of one class ("Revolutionary Guard Corps" -> "Revolutionary")."""
    kind = head_class(form)
    while kind is not None and len(form) > 1 and head_class(form) == kind:
        form = form[:-1]
    return form


def _merge_heads(units: list[Unit], groups: Groups, owners: dict[Form, list[int]]) -> None:
    headed: dict[tuple[str, ...], list[tuple[str, Form, int]]] = defaultdict(list)
    for form, indices in owners.items():
        kind = head_class(form)
        distinctive = _distinctive(form)
        if kind is not None and len(distinctive) >= 2:
            headed[name_key(distinctive)].append((kind, distinctive, indices[0]))
    for entries in headed.values():
        by_class: dict[str, list[tuple[Form, int]]] = defaultdict(list)
        for kind, distinctive, index in entries:
            by_class[kind].append((distinctive, index))
        for members in by_class.values():
            for distinctive, index in members[1:]:
                if names_match(members[0][0], distinctive):
                    groups.union(members[0][1], index)
    for form, indices in owners.items():
        if len(form) < 2 or head_class(form) is not None:
            continue
        entries = [entry for entry in headed.get(name_key(form), []) if names_match(entry[1], form)]
        if entries and len({kind for kind, _, _ in entries}) == 1 and any(units[i].type == "ORG" for i in indices):
            groups.union(indices[0], entries[0][2])


def _merge_qualified(units: list[Unit], groups: Groups, owners: dict[Form, list[int]]) -> None:
    """"Lebanese Hezbollah" = "Hezbollah", "Kelmora Harriers" = "Harriers": an organisation name led by
    a nationality word (one the corpus itself uses as a GROUP name) or by a place's name (a PLACE of
    the corpus or a city the gazetteer knows) is the unqualified organisation, when only one
    qualifier qualifies it (with "Lebanese X" and "Iraqi X" both present, neither joins "X")."""
    demonyms = {form[0] for unit in units if unit.type == "GROUP" for form in unit.full if len(form) == 1}
    places = {form for unit in units if unit.type == "PLACE" for form in unit.full}
    qualified: dict[Form, list[tuple[Form, int]]] = defaultdict(list)
    for form, indices in owners.items():
        if len(form) < 2 or all(units[i].type == "PERSON" for i in indices):
            continue
        organisation = any(units[i].type == "ORG" for i in indices)
        if form[0] in demonyms and organisation:
            qualified[form[1:]].append((form[:1], indices[0]))
            continue
        words = units[indices[0]].surfaces.get(form, "").split()
        for size in range(min(3, len(form) - 1), 0, -1):
            lead = form[:size]
            if lead in places or (len(words) == len(form) and is_known_place(" ".join(words[:size]))):
                qualified[form[size:]].append((lead, indices[0]))
                break
    for rest, entries in qualified.items():
        targets = [i for i in owners.get(rest, ()) if units[i].type in ("ORG", "PERSON", "GROUP") and units[i].country
                   is None]
        if not targets or len({lead for lead, _ in entries}) != 1:
            continue
        if not any(units[i].type == "ORG" for i in (*targets, *(index for _, index in entries))):
            continue
        groups.union_all([targets[0], *(index for _, index in entries)])


def _merge_acronyms(units: list[Unit], groups: Groups) -> None:
    users: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        if unit.country is None:
            for acronym in unit.acronyms:
                users[acronym].append(index)
    spelled: dict[str, set[int]] = defaultdict(set)
    places = _place_initials(units)
    for index, unit in enumerate(units):
        if unit.type == "ORG":
            for form in unit.full:
                initials = initials_of(unit.surfaces.get(form, ""))
                if initials in users:
                    spelled[initials].add(index)
                elif initials:
                    for acronym in users:
                        if _spelled_with_places(acronym, initials, places):
                            spelled[acronym].add(index)
    for acronym, indices in users.items():
        defined = [i for i in indices if units[i].expansions]
        bare = [i for i in indices if not units[i].expansions]
        reps: list[int] = []
        for index in defined:
            alike = [rep for rep in reps if any(similarity(a, b) >= _EXPANSIONS_ALIKE for a in units[rep].expansions
                                                for b in units[index].expansions)]
            groups.union_all([index, *alike])
            if not alike:
                reps.append(index)
        roots = {groups.find(i) for i in defined}
        if len(roots) == 1:
            groups.union_all([*roots, *bare])
        elif not roots:
            groups.union_all(bare)
            targets = {groups.find(i) for i in spelled.get(acronym, ())} - {groups.find(i) for i in bare}
            if bare and len(targets) == 1:
                groups.union(bare[0], targets.pop())
        else:
            groups.union_all(bare)


_PLACE_LETTERS = 2  # letters of an acronym that places of the corpus may spell after an organisation's initials


def _place_initials(units: list[Unit]) -> frozenset[str]:
    """The initials of the one-word place names of the corpus ("Iraq" -> "I")."""
    return frozenset(text[0] for unit in units if unit.type == "PLACE" for text in unit.surfaces.values()
                     if len(text.split()) == 1 and text[:1].isupper())


def _spelled_with_places(acronym: str, initials: str, places: frozenset[str]) -> bool:
    """"ISIS" for "Islamic State" of Iraq and Syria: an acronym of four letters or more that begins with
    an organisation's initials and goes on with one or two letters, each the initial of a place the
    corpus names."""
    rest = acronym[len(initials):]
    return (len(acronym) >= 4 and acronym.startswith(initials) and 0 < len(rest) <= _PLACE_LETTERS
            and all(letter in places for letter in rest))


def _merge_bare(units: list[Unit], groups: Groups) -> None:
    """One-word names with no fuller form join the one entity they are a short form or surname of."""
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(units)):
        members[groups.find(index)].append(index)
    bare = {root: indices for root, indices in members.items()
            if all(units[i].country is None and not units[i].expansions and all(len(f) == 1 for f in units[i].full)
                   for i in indices) and any(units[i].full for i in indices)}
    generational = {token for word in load_name_forms().generational for token in name_tokens(word)}
    aliases: dict[str, list[tuple[str, int]]] = defaultdict(list)
    surnames: dict[str, list[tuple[str, int]]] = defaultdict(list)
    types: dict[int, EntityType] = {}
    for root, indices in members.items():
        if root in bare:
            continue
        types[root] = group_type(units, indices)
        for i in indices:
            for form in units[i].shorts:
                if len(form) == 1:
                    aliases[token_key(form[0])].append((form[0], root))
            for form in units[i].full:
                if len(form) >= 2 and form[-1] in generational:
                    form = form[:-1]  # "Comeaux" is the surname of "Arcade Comeaux Jr"
                if len(form) >= 2:
                    surnames[token_key(form[-1])].append((form[-1], root))
    for root, indices in sorted(bare.items()):
        words = {form[0] for i in indices for form in units[i].full}
        kind = group_type(units, indices)
        if kind == "GROUP" or any(_strong_place(units[i], (word,)) for i in indices for word in words):
            continue
        targets = {target for word in words for token, target in aliases.get(token_key(word), ())
                   if tokens_match(token, word)}
        if not targets and (kind == "PERSON" or (kind in ("PLACE", "ORG") and _placed_by_name_only(units, indices))):
            targets = {target for word in words for token, target in surnames.get(token_key(word), ())
                       if tokens_match(token, word) and types[target] == "PERSON"}
        if len(targets) == 1:
            groups.union(root, targets.pop())


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: resolving makes hundreds of thousands of small objects and no
    cycles, and repeated full collections would otherwise cost about as much as the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def resolve_entities(mentions: Sequence[Mention], *, settings: EntitySettings) -> list[Entity]:
    """Group all documents' mentions into entities; every mention ends up in exactly one entity.

    Returns entities ordered by their first mention (document id, then offset).
    """
    with _collector_paused():
        return _resolve(mentions, settings=settings)


def _resolve(mentions: Sequence[Mention], *, settings: EntitySettings) -> list[Entity]:
    units = build_units(mentions)
    read_capital_words(units)
    groups = Groups(len(units))
    _merge_countries(units, groups)
    owners = _full_forms(units)
    _merge_same(units, groups, owners)
    _merge_variants(units, groups, owners, settings=settings)
    merge_state_forms(units, groups, owners)
    _merge_heads(units, groups, owners)
    merge_inverted(units, groups, owners)
    _merge_qualified(units, groups, owners)
    _merge_acronyms(units, groups)
    _merge_bare(units, groups)
    merge_partial(units, groups)
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(units)):
        members[groups.find(index)].append(index)
    entities = []
    taken: set[str] = set()
    for indices in members.values():
        grouped = [mention for i in indices for mention in units[i].mentions]
        codes = Counter(units[i].country for i in indices if units[i].country is not None)
        country = codes.most_common(1)[0][0] if codes else None
        entities.append(build_entity(grouped, country=country, taken=taken))
    logger.info("resolved %s mentions into %s entities", len(mentions), len(entities))
    first = {mention.id: (mention.doc_id, mention.span.start) for mention in mentions}
    return sorted(entities, key=lambda entity: first[entity.mention_ids[0]])

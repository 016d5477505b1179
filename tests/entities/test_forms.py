"""The merge rules on the shape of names (rashomon.entities.forms), through resolve_entities.

Hand-built mentions of a fictional cast and country (Ostravia, Kelmora, Vellmar, Tarsis).
"""

from __future__ import annotations

import pytest

from rashomon.entities.forms import initials_of, state_form_core

from .test_resolve import assert_apart, assert_one, doc_mentions, entity_with, resolve

# -- a leading or trailing part of one fuller person's name --------------------------------------------

@pytest.mark.parametrize("part", ["Abu Sami", "Abou Samy", "Sami al-Tikriti"])
def test_merge_partial_joins_the_one_fuller_name(part: str) -> None:
    entities = resolve(doc_mentions("d1", "Abu Sami al-Tikriti", "Abu Sami al-Tikriti"),
                       doc_mentions("d2", ("Abu Samy Tikriti", "ORG")),
                       doc_mentions("d3", part))
    assert_one(entities, "Abu Sami al-Tikriti", "Abu Samy Tikriti", part)


def test_merge_partial_stays_apart_when_it_fits_two() -> None:
    entities = resolve(doc_mentions("d1", "Abu Sami al-Tikriti"), doc_mentions("d2", "Abu Sami Zubeidi"),
                       doc_mentions("d3", "Abu Sami"))
    assert len(entities) == 3
    assert entity_with(entities, "Abu Sami").aliases == ("Abu Sami",)


@pytest.mark.parametrize(("part", "full"), [
    ("Abu Sami", "Abdul Sami Haddad"),  # another first word
    ("Sami Haddad", "Sami Haddad"),  # not longer
    ("Karim", "Karim Nasseri Lotfi"),  # one word: a first name is not tied
    ("Dale Hunter", "Dale Hunter Jr."),  # father and son
    ("Dale Hunter", "Dale Hunter III"),
])
def test_merge_partial_needs_a_longer_name_with_the_same_words(part: str, full: str) -> None:
    entities = resolve(doc_mentions("d1", full), doc_mentions("d2", part, part))
    if part == full:
        assert len(entities) == 1
    else:
        assert_apart(entities, part, full)


@pytest.mark.parametrize(("part", "full"), [
    (("Dorvan Harbour", "FAC"), ("Dorvan Harbour Authority", "ORG")),
    (("Vellmar Trading", "ORG"), ("Vellmar Trading Courier", "ORG")),
    (("Dorvan Harbour", "PERSON"), ("Dorvan Harbour Authority", "ORG")),
])
def test_merge_partial_only_between_people(part: tuple[str, str], full: tuple[str, str]) -> None:
    entities = resolve(doc_mentions("d1", full, full), doc_mentions("d2", part, part))
    assert_apart(entities, part[0], full[0])


# -- a country's long form ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "core"), [
    ("Democratic Republic of Ostravia", "Ostravia"),
    ("People's Democratic Republic of Ostravia", "Ostravia"),
    ("Kingdom of Ostravia", "Ostravia"),
    ("Republic of the Ostravian Isles", "Ostravian Isles"),
    ("State of Ostravia", "Ostravia"),
    ("Ostravia Republic", "Ostravia"),
    ("Ostravia Arab Republic", "Ostravia"),
    ("Ostravia", None),
    ("United Ostravia", None),  # no state noun
    ("Democratic Ostravia", None),
    ("Ostravia State", None),  # a province of that name
    ("Ostravia Teachers' Union", None),
    ("Republic Day", None),
    ("Union of Ostravian Teachers", "Ostravian Teachers"),  # a core, but no place of that name
])
def test_state_form_core(text: str, core: str | None) -> None:
    assert state_form_core(text) == core


@pytest.mark.parametrize("long_form", ["Democratic Republic of Ostravia", "Kingdom of Ostravia",
                                       "Ostravia Federal Republic", "Sultanate of Ostraviya"])
def test_merge_state_forms_joins_the_place(long_form: str) -> None:
    entities = resolve(doc_mentions("d1", ("Ostravia", "GPE"), ("Ostravia", "GPE")),
                       doc_mentions("d2", (long_form, "GPE"), ("DRO", "ORG", "", long_form)),
                       doc_mentions("d3", ("Ostravia Teachers' Union", "ORG")))
    assert_one(entities, "Ostravia", long_form)
    assert_apart(entities, "Ostravia", "Ostravia Teachers' Union")


def test_merge_state_forms_joins_a_known_country() -> None:
    entities = resolve(doc_mentions("d1", ("Portugal", "GPE")),
                       doc_mentions("d2", ("Federal Democratic Republic of Portugal", "GPE")))
    country = assert_one(entities, "Portugal", "Federal Democratic Republic of Portugal")
    assert country.name == "Portugal" and country.type == "PLACE"


@pytest.mark.parametrize(("place", "other"), [
    (("Ostravia", "ORG"), ("Republic of Ostravia", "GPE")),  # the name is no place here
    (("Ostravia", "GPE"), ("Islamic State of Ostravia", "ORG")),  # the long form is no place
    (("Ostravia", "GPE"), ("Ostravia State", "GPE")),
    (("Ostravia", "GPE"), ("United Ostravia", "GPE")),
    (("Ostravia", "GPE"), ("Ostravia Union", "ORG")),
])
def test_merge_state_forms_keeps_apart(place: tuple[str, str], other: tuple[str, str]) -> None:
    entities = resolve(doc_mentions("d1", place, place), doc_mentions("d2", other, other))
    assert_apart(entities, place[0], other[0])


# -- "<Head> of <X>" and "<X> <Head>" -------------------------------------------------------------------

@pytest.mark.parametrize(("left", "right"), [
    ("Ministry of Water", "Water Ministry"),
    ("Ministry of the Interior", "Interior Ministry"),
    ("University of Vellmar", "Vellmar University"),
    ("Ministry of Foreign Affairs", "Foreign Affairs Ministry"),
    ("Bank of Tarsis", "Tarsis Bank"),
    ("Museum of Modern Art", "Modern Art Museum"),
    ("Court of Appeal", "Appeal Court"),
])
def test_merge_inverted_joins(left: str, right: str) -> None:
    entities = resolve(doc_mentions("d1", (left, "ORG")), doc_mentions("d2", (right, "ORG")))
    assert_one(entities, left, right)


@pytest.mark.parametrize(("left", "right"), [
    (("Water Ministry", "ORG"), ("Energy Ministry", "ORG")),
    (("Ministry of Water", "ORG"), ("Energy Ministry", "ORG")),
    (("Ministry of Water", "ORG"), ("Water Department", "ORG")),  # another head
    (("Vellmar", "GPE"), ("Vellmar University", "ORG")),
    (("University of Vellmar", "PERSON"), ("Vellmar University", "PERSON")),
    (("Ministry of Water", "ORG"), ("Water", "ORG")),
])
def test_merge_inverted_keeps_apart(left: tuple[str, str], right: tuple[str, str]) -> None:
    entities = resolve(doc_mentions("d1", left), doc_mentions("d2", right))
    assert_apart(entities, left[0], right[0])


# -- all-capital words that are no acronyms -------------------------------------------------------------

def test_read_capital_words_joins_the_name() -> None:
    entities = resolve(doc_mentions("d1", ("KELMORA", "ORG"), ("Ostravia", "GPE")),
                       doc_mentions("d2", ("Kelmora", "GPE"), ("Kelmora", "GPE")))
    entity = assert_one(entities, "KELMORA", "Kelmora")
    assert entity.name == "Kelmora" and entity.type == "PLACE"


@pytest.mark.parametrize("docs", [
    # defined as an acronym somewhere in the corpus
    [[("TARSA", "ORG", "c1", "Tarsis Rural Schools Association"), ("Tarsis Rural Schools Association", "ORG", "c1")],
     [("Tarsa", "GPE")], [("TARSA", "ORG")]],
    # the initials of a name of the corpus
    [[("Tarsis Alliance for Rural Schools", "ORG")], [("Tars", "GPE")], [("TARS", "ORG")]],
    # too short: three capitals stay an acronym
    [[("Oda", "GPE"), ("Oda", "GPE")], [("ODA", "ORG")]],
])
def test_read_capital_words_keeps_acronyms(docs: list[list[tuple[str, ...]]]) -> None:
    entities = resolve(*(doc_mentions(f"d{i}", *items) for i, items in enumerate(docs)))
    capitals = next(item[0] for items in docs for item in items if item[0].isupper())
    word = next(item[0] for items in docs for item in items if item[0][1:].islower() and " " not in item[0])
    assert_apart(entities, capitals, word)


def test_read_capital_words_without_a_match_stays_an_acronym() -> None:
    entities = resolve(doc_mentions("d1", ("VELMOR", "ORG")), doc_mentions("d2", ("Vellmar University", "ORG")))
    assert entity_with(entities, "VELMOR").aliases == ("VELMOR",)


@pytest.mark.parametrize(("text", "initials"), [
    ("Tarsis Alliance for Rural Schools", "TARS"), ("Kelmora", ""), ("Abu-Sami Group", "ASG")])
def test_initials_of(text: str, initials: str) -> None:
    assert initials_of(text) == initials

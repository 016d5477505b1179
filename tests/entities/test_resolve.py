"""Resolving mentions across documents (rashomon.entities.resolve_entities, find_entities).

Unit tests build Mention records by hand for a fictional cast; one slow test runs the whole stage on
the shared reference corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pytest

from rashomon.entities import extract_mentions, find_entities, resolve_entities
from rashomon.entities.vote import LABEL_TYPES
from rashomon.model import Document, Entity, EntityType, Mention, Span
from rashomon.settings import load_settings

_SETTINGS = load_settings().entities

Item = str | tuple[str, ...] | tuple[str, str, str, str | None, str]


def doc_mentions(doc_id: str, *items: Item) -> list[Mention]:
    """Mentions of one fictional document. An item is a text, or (text, label[, chain[, expansion[, type]]]);
    the label defaults to PERSON, the type to the label's type."""
    mentions = []
    position = 0
    for item in items:
        parts = (item,) if isinstance(item, str) else item
        text = parts[0]
        label = parts[1] if len(parts) > 1 else "PERSON"
        chain = parts[2] if len(parts) > 2 else ""
        expansion = parts[3] if len(parts) > 3 and parts[3] else None
        kind = cast(EntityType, parts[4]) if len(parts) > 4 else LABEL_TYPES.get(label, "ORG")
        span = Span(position, position + len(text))
        mentions.append(Mention(id=Mention.make_id(doc_id, span), doc_id=doc_id, span=span, text=text, type=kind,
                                sentence=Span(0, span.end + 1), chain=chain, expansion=expansion, label=label))
        position = span.end + 10
    return mentions


def resolve(*docs: list[Mention]) -> list[Entity]:
    return resolve_entities([mention for doc in docs for mention in doc], settings=_SETTINGS)


def entity_with(entities: Sequence[Entity], alias: str) -> Entity:
    found = [entity for entity in entities if alias in entity.aliases]
    assert len(found) == 1, f"{alias!r} is in {len(found)} entities: {[e.aliases for e in found]}"
    return found[0]


def assert_one(entities: Sequence[Entity], *aliases: str) -> Entity:
    entity = entity_with(entities, aliases[0])
    for alias in aliases[1:]:
        assert entity_with(entities, alias) is entity, f"{alias!r} is not with {aliases[0]!r}"
    return entity


def assert_apart(entities: Sequence[Entity], left: str, right: str) -> None:
    assert entity_with(entities, left) is not entity_with(entities, right)


def test_resolve_entities_romanised_person() -> None:
    entities = resolve(
        doc_mentions("d1", ("Yousef al-Khatib", "PERSON", "c1"), ("Khatib", "GPE", "c1", None, "PERSON")),
        doc_mentions("d2", ("Yusuf Khatib", "PERSON", "c1"), ("Khateeb", "ORG", "c1", None, "PERSON")),
        doc_mentions("d3", "Youssef el-Khatib"),
        doc_mentions("d4", ("Khatib", "PERSON"), ("Khatib", "GPE")),
        doc_mentions("d5", "Yusuf al-Khateeb", "Yusuf al-Khateeb"),
    )
    person = assert_one(entities, "Yousef al-Khatib", "Yusuf Khatib", "Youssef el-Khatib", "Khatib", "Khateeb",
                        "Yusuf al-Khateeb")
    assert person.type == "PERSON"
    assert person.name == "Yusuf al-Khateeb"  # the fullest key group seen twice; its most frequent spelling
    assert len(person.mention_ids) == 9


@pytest.mark.parametrize("variants", [
    ("Abu Fadel Zanjani", "Abu Fadel al-Zanjani", "Abu Fadil Zenjani", "Abu Fadel al-Zaunjani"),
    ("Ghassan Kadri", "Ghasan Qadri", "Ghassan al-Qadri"),
    ("Mohammed Rifai", "Muhammad Rifai", "Mohamed Rifaai", "Mohamad al-Rifai"),
    ("Ramzan Kadyrov", "Ramzan Kadirov"),
    ("Adil Abdel-Hadi", "Adi Abdel-Hadi", "Adil Abdul Hadi"),
    ("Popular Defence Units", "Popular Defense Units"),
    ("National Mobilisation Party", "National Mobilization Party"),
])
def test_resolve_entities_merges_spelling_variants(variants: tuple[str, ...]) -> None:
    label = "ORG" if variants[0].endswith(("Units", "Party")) else "PERSON"
    entities = resolve(*(doc_mentions(f"d{i}", (text, label)) for i, text in enumerate(variants)))
    assert_one(entities, *variants)
    assert len(entities) == 1


@pytest.mark.parametrize(("left", "right"), [
    (("Hezbollah", "ORG"), ("Kataib Hezbollah", "PERSON")),
    (("Imam Hussein", "PERSON"), ("Saddam Hussein", "PERSON")),
    (("Abdul Mahdi", "PERSON"), ("Abu Mahdi", "PERSON")),
    (("Iran", "GPE"), ("Iraq", "GPE")),
    (("Mahdi Army", "ORG"), ("Imam Mahdi", "PERSON")),
    (("John Smith", "PERSON"), ("John Smyth", "PERSON")),
    (("Hassan Tabrizi", "PERSON"), ("Hussein Tabrizi", "PERSON")),
    (("Syrian Democratic Forces", "ORG"), ("Syrian Democratic Council", "ORG")),
    (("Quds Force", "ORG"), ("Quds Corps", "ORG")),
    (("Joan Harper", "PERSON"), ("John Harper", "PERSON")),
    (("North Africa", "LOC"), ("North African", "NORP")),
    (("Iraq", "GPE"), ("Iraqi", "NORP")),
    (("Salman", "PERSON"), ("Soleimani", "PERSON")),
])
def test_resolve_entities_keeps_apart(left: tuple[str, str], right: tuple[str, str]) -> None:
    entities = resolve(doc_mentions("d1", left, left), doc_mentions("d2", right, right))
    assert_apart(entities, left[0], right[0])


def test_resolve_entities_extra_token_is_another_org() -> None:
    entities = resolve(
        doc_mentions("d1", ("Hezbollah", "ORG"), ("Hezbollah", "NORP")),
        doc_mentions("d2", ("Kataib Hezbollah", "PERSON"), ("Kataib Hezbollah", "ORG")),
        doc_mentions("d3", ("Hezbollah", "ORG")),
    )
    assert_apart(entities, "Hezbollah", "Kataib Hezbollah")
    assert len(entity_with(entities, "Hezbollah").mention_ids) == 3


def test_resolve_entities_nationality_qualifier() -> None:
    entities = resolve(doc_mentions("d1", ("Zaitoun Front", "ORG"), ("Zaitoun Front", "ORG"), ("Syrian", "NORP")),
                       doc_mentions("d2", ("Syrian Zaitoun Front", "ORG")),
                       doc_mentions("d3", ("Karam Movement", "ORG"), ("Lebanese", "NORP"), ("Iraqi", "NORP")),
                       doc_mentions("d4", ("Lebanese Karam Movement", "ORG")),
                       doc_mentions("d5", ("Iraqi Karam Movement", "ORG")))
    assert_one(entities, "Zaitoun Front", "Syrian Zaitoun Front")
    assert_apart(entities, "Karam Movement", "Lebanese Karam Movement")  # two nationalities: ambiguous
    assert_apart(entities, "Karam Movement", "Iraqi Karam Movement")
    assert_apart(entities, "Zaitoun Front", "Syrian")


def test_resolve_entities_acronym_and_expansions() -> None:
    entities = resolve(
        doc_mentions("d1", ("Popular Mobilisation Units", "", "c1", None, "ORG"),
                     ("PMU", "ORG", "c1", "Popular Mobilisation Units")),
        doc_mentions("d2", ("PMU", "ORG"), ("PMU", "ORG")),
        doc_mentions("d3", ("al-Hashd al-Shaabi", "PERSON", "c1", None, "ORG"),
                     ("Popular Mobilization Forces", "ORG", "c1")),
        doc_mentions("d4", ("Popular Mobilisation Units", "", "", None, "ORG")),
    )
    units = assert_one(entities, "PMU", "Popular Mobilisation Units", "Popular Mobilization Forces",
                       "al-Hashd al-Shaabi")
    assert units.name == "Popular Mobilisation Units"
    assert units.type == "ORG"
    assert len(entities) == 1


def test_resolve_entities_undefined_acronym_joins_its_initials() -> None:
    entities = resolve(doc_mentions("d1", ("Popular Defence Units", "ORG")),
                       doc_mentions("d2", ("PDU", "ORG"), ("PDU", "ORG")))
    entity = assert_one(entities, "PDU", "Popular Defence Units")
    assert entity.name == "Popular Defence Units"


def test_resolve_entities_acronym_with_two_meanings() -> None:
    entities = resolve(
        doc_mentions("d1", ("National Salvation Front", "ORG", "c1"), ("NSF", "ORG", "c1", "National Salvation Front")),
        doc_mentions("d2", ("Nordic Sailing Federation", "ORG", "c1"),
                     ("NSF", "ORG", "c1", "Nordic Sailing Federation")),
        doc_mentions("d3", ("NSF", "ORG")),
    )
    assert_apart(entities, "National Salvation Front", "Nordic Sailing Federation")
    assert len(entities) == 3


def test_resolve_entities_generic_head_needs_two_distinctive_words() -> None:
    entities = resolve(doc_mentions("d1", ("Popular Mobilisation Units", "ORG")),
                       doc_mentions("d2", ("Popular Mobilization Forces", "ORG")),
                       doc_mentions("d3", ("Quds Force", "ORG")), doc_mentions("d4", ("Quds Corps", "ORG")),
                       doc_mentions("d5", ("Islamic Revolutionary Guard", "ORG")),
                       doc_mentions("d6", ("Islamic Revolutionary Guard Corps", "ORG")))
    assert_one(entities, "Popular Mobilisation Units", "Popular Mobilization Forces")
    assert_one(entities, "Islamic Revolutionary Guard", "Islamic Revolutionary Guard Corps")
    assert_apart(entities, "Quds Force", "Quds Corps")


def test_resolve_entities_bare_surname_joins_only_one_fit() -> None:
    entities = resolve(
        doc_mentions("d1", "Ali Karimi", "Ali Karimi"),
        doc_mentions("d2", "Lena Ostrova"),
        doc_mentions("d3", ("Karimi", "PERSON"), ("Ostrova", "GPE", "c1", None, "PERSON"),
                     ("Ostrova", "GPE", "c1", None, "PERSON")),
    )
    assert_one(entities, "Ali Karimi", "Karimi")
    assert_one(entities, "Lena Ostrova", "Ostrova")
    two = resolve(doc_mentions("d1", "Ali Karimi"), doc_mentions("d2", "Reza Karimi"),
                  doc_mentions("d3", "Karimi"))
    assert len(two) == 3
    assert entity_with(two, "Karimi").aliases == ("Karimi",)


def test_resolve_entities_short_form_chained_elsewhere() -> None:
    entities = resolve(
        doc_mentions("d1", ("Dale Hunter", "PERSON", "c1"), ("Hunter", "ORG", "c1", None, "PERSON")),
        doc_mentions("d2", ("Hunter", "ORG"), ("Hunter", "ORG")),
    )
    assert_one(entities, "Dale Hunter", "Hunter")


def test_resolve_entities_bare_org_is_no_surname() -> None:
    entities = resolve(doc_mentions("d1", ("Zaitoun Karam", "PERSON")), doc_mentions("d2", ("Karam", "ORG")))
    assert_apart(entities, "Zaitoun Karam", "Karam")


def test_resolve_entities_chains_follow_their_full_forms() -> None:
    entities = resolve(
        doc_mentions("d1", ("Hassan Tabrizi", "PERSON", "c1"), ("Tabrizi", "PERSON", "c1")),
        doc_mentions("d2", ("Hussein Tabrizi", "PERSON", "c1"), ("Tabrizi", "PERSON", "c1")),
    )
    assert len(entities) == 2
    assert all(len(entity.mention_ids) == 2 for entity in entities)


@pytest.mark.parametrize("forms", [("US", "U.S.", "USA", "America", "United States", "the United States")])
def test_resolve_entities_countries(forms: tuple[str, ...]) -> None:
    entities = resolve(*(doc_mentions(f"d{i}", (text, "GPE")) for i, text in enumerate(forms)),
                       doc_mentions("d9", ("US", "ORG"), ("American", "NORP"), ("Americans", "NORP")))
    country = assert_one(entities, *forms)
    assert country.name == "United States"
    assert country.aliases[0] == "United States"
    assert country.type == "PLACE"
    americans = assert_one(entities, "American", "Americans")
    assert americans.type == "GROUP"
    assert len(entities) == 2


def test_resolve_entities_place_and_person_with_one_name() -> None:
    entities = resolve(
        doc_mentions("d1", ("Paris", "GPE", "c1"), ("Paris", "GPE", "c1")),
        doc_mentions("d2", ("Paris", "PERSON", "c1"), ("Paris", "PERSON", "c1")),
        doc_mentions("d3", ("Jordan", "GPE", "c1"), ("Jordan", "GPE", "c1")),
        doc_mentions("d4", ("Michael Jordan", "PERSON", "c1"), ("Jordan", "PERSON", "c1")),
        doc_mentions("d5", ("Jordan", "PERSON", "c1"), ("Jordan", "PERSON", "c1")),
    )
    places = [entity for entity in entities if entity.type == "PLACE"]
    people = [entity for entity in entities if entity.type == "PERSON"]
    assert sorted(entity.name for entity in places) == ["Jordan", "Paris"]
    assert sorted(entity.name for entity in people) == ["Jordan", "Paris"]  # "Jordan" is the form seen most
    assert len(entity_with(people, "Michael Jordan").mention_ids) == 4


def test_resolve_entities_type_vote() -> None:
    entities = resolve(
        doc_mentions("d1", ("Lena Ostrova", "PERSON", "c1"), ("Ostrova", "GPE", "c1", None, "PERSON")),
        doc_mentions("d2", ("Ostrova", "GPE", "c1", None, "PERSON"), ("Ostrova", "ORG", "c1", None, "PERSON"),
                     ("Ostrova", "LOC", "c1", None, "PERSON")),
        doc_mentions("d3", ("Lena Ostrova", "ORG"), ("Lena Ostrova", "GPE")),
    )
    assert entity_with(entities, "Lena Ostrova").type == "PERSON"


@pytest.mark.parametrize(("texts", "name"), [
    (["Karimi", "Karimi", "Karimi", "Ali Karimi", "Ali Karimi"], "Ali Karimi"),
    (["Karimi", "Karimi", "Karimi", "Ali Karimi"], "Karimi"),  # the fuller form is seen once only
    (["Ali Karimi", "Ali Reza Karimi"], "Ali Reza Karimi"),  # none twice: most frequent, then fullest
])
def test_resolve_entities_canonical_name(texts: list[str], name: str) -> None:
    items = [(text, "PERSON", "c1") for text in texts]
    entities = resolve(doc_mentions("d1", *items))
    assert len(entities) == 1
    assert entities[0].name == name
    assert entities[0].aliases[0] == name
    assert sorted(entities[0].aliases) == sorted(set(texts))


def test_resolve_entities_never_names_by_acronym() -> None:
    entities = resolve(doc_mentions("d1", ("PDU", "ORG", "c1", "Popular Defence Units"), ("PDU", "ORG", "c1"),
                                    ("PDU", "ORG", "c1"), ("Popular Defence Units", "", "c1", None, "ORG")))
    assert entities[0].name == "Popular Defence Units"


def _corpus() -> list[list[Mention]]:
    return [
        doc_mentions("d2", ("Yusuf Khatib", "PERSON", "c1"), ("Khatib", "GPE", "c1"), ("Iraq", "GPE"),
                     ("PDU", "ORG", "c2", "Popular Defence Units"), ("Popular Defence Units", "", "c2")),
        doc_mentions("d1", ("Yousef al-Khatib", "PERSON"), ("US", "GPE"), ("Iraqis", "NORP")),
        doc_mentions("d3", ("America", "GPE"), ("Khatib", "PERSON"), ("Iraqi", "NORP"), ("PDU", "ORG")),
    ]


def test_resolve_entities_ids_stable_and_unique() -> None:
    mentions = [mention for doc in _corpus() for mention in doc]
    first = resolve_entities(mentions, settings=_SETTINGS)
    shuffled = list(mentions)
    random.Random(3).shuffle(shuffled)
    second = resolve_entities(shuffled, settings=_SETTINGS)
    assert first == second
    assert len({entity.id for entity in first}) == len(first)
    assert all(entity.id.startswith("e") for entity in first)


def test_resolve_entities_every_mention_once_in_order() -> None:
    mentions = [mention for doc in _corpus() for mention in doc]
    entities = resolve_entities(mentions, settings=_SETTINGS)
    placed = [mention_id for entity in entities for mention_id in entity.mention_ids]
    assert sorted(placed) == sorted(mention.id for mention in mentions)
    by_id = {mention.id: mention for mention in mentions}
    for entity in entities:
        order = [(by_id[i].doc_id, by_id[i].span.start) for i in entity.mention_ids]
        assert order == sorted(order)


def test_resolve_entities_empty() -> None:
    assert resolve_entities([], settings=_SETTINGS) == []


@pytest.mark.parametrize(("query", "name"), [
    ("Yusuf Khatib", "Yousef al-Khatib"),
    ("yousef al khatib", "Yousef al-Khatib"),
    ("Youssef Khateeb", "Yousef al-Khatib"),
    ("General Yusuf Khatib", "Yousef al-Khatib"),
    ("Khatib", "Yousef al-Khatib"),
    ("USA", "United States"),
    ("U.S.", "United States"),
    ("PDU", "Popular Defence Units"),
    ("Popular Defense Units", "Popular Defence Units"),
    ("Iraqis", "Iraqi"),
    ("Irak", "Iraq"),
    ("Defence", "Popular Defence Units"),
])
def test_find_entities_best_first(query: str, name: str) -> None:
    entities = resolve(*_corpus())
    found = find_entities(entities, query)
    assert found, f"nothing found for {query!r}"
    assert found[0].name == name


@pytest.mark.parametrize("query", ["", "Zanzibar", "Mr."])
def test_find_entities_no_match(query: str) -> None:
    assert find_entities(resolve(*_corpus()), query) == []


def _read(path: Path) -> str:
    """A corpus file with its hard-wrapped lines joined: paragraphs stay, line breaks inside them go."""
    text = path.read_text(encoding="utf-8")
    return "\n\n".join(" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip())


@pytest.mark.slow
@pytest.mark.corpus
def test_resolve_entities_reference_corpus(shared_corpus: Path, nlp) -> None:
    docs = [Document.create(path=str(path), text=_read(path), format="txt")
            for path in sorted(shared_corpus.glob("*.txt"))]
    assert len(docs) == 5
    mentions = [mention for doc, parsed in zip(docs, nlp.pipe([doc.text for doc in docs]), strict=True)
                for mention in extract_mentions(doc, parsed, settings=_SETTINGS)]
    entities = resolve_entities(mentions, settings=_SETTINGS)
    texts = {" ".join(mention.text.split()) for mention in mentions}
    for form in ("Solemeini", "Suleimani", "Muhandes", "PMU", "Adi Abdul-Mahdi", "Popular Mobilisation Units"):
        assert form in texts, f"{form!r} was not found as a mention"

    soleimani = assert_one(entities, "Soleimani", "Suleimani", "Solemeini", "Qasim Soleimani", "Qasem Soleimani",
                           "Qassem Soleimani")
    assert soleimani.type == "PERSON"
    muhandis = assert_one(entities, "Muhandis", "Mohandis", "Muhandes", "Abu Mahdi Muhandis", "Abu Mahdi al-Muhandes",
                          "Abu Mahdi al-Mauhandis", "Abu Mahdi Mohandis")
    assert muhandis.type == "PERSON"
    pmu = assert_one(entities, "PMU", "Popular Mobilisation Units", "Popular Mobilization Forces")
    assert pmu.type == "ORG" and pmu.name == "Popular Mobilisation Units"
    assert_one(entities, "Adil Abdul-Mahdi", "Adi Abdul-Mahdi", "Adil Abdul Mahdi")
    usa = assert_one(entities, "US", "U.S.", "America", "United States")
    assert usa.name == "United States" and usa.type == "PLACE"
    assert entity_with(entities, "Iraqi").type == "GROUP"
    assert entity_with(entities, "Iraq").type == "PLACE"
    assert_one(entities, "Islamic Revolutionary Guard Corps", "IRGC")

    assert_apart(entities, "Hezbollah", "Kataib Hezbollah")
    assert_apart(entities, "Imam Hussein", "Saddam Hussein")
    assert_apart(entities, "Abdul Mahdi", "Abu Mahdi Muhandis")
    assert_apart(entities, "Iran", "Iraq")
    assert_apart(entities, "Mahdi Army", "Imam Mahdi")
    assert_apart(entities, "Soleimani", "Ali Khamenei")

    assert find_entities(entities, "Soleimani")[0] is soleimani
    assert find_entities(entities, "Suleimani")[0] is soleimani
    assert find_entities(entities, "USA")[0] is usa


# -- issue 14: merges a reader makes (fictional names) ----------------------------------------------------


def test_resolve_middle_name_dropped_is_the_same_person() -> None:
    entities = resolve(doc_mentions("d1", "Lena Maria Ostrova"), doc_mentions("d2", "Lena Ostrova"))
    assert_one(entities, "Lena Maria Ostrova", "Lena Ostrova")


@pytest.mark.parametrize(("full", "short"), [
    ("Sami bin Ziyad Karimi", "Sami Karimi"),  # a nasab: "son of Ziyad" may name another man
    ("Dale Hunter Jr", "Dale Jr"),
])
def test_resolve_middle_name_rule_keeps_other_men_apart(full: str, short: str) -> None:
    entities = resolve(doc_mentions("d1", full), doc_mentions("d2", short))
    assert_apart(entities, full, short)


def test_resolve_middle_name_fitting_two_people_stays_apart() -> None:
    entities = resolve(doc_mentions("d1", "Lena Maria Ostrova"), doc_mentions("d2", "Lena Petra Ostrova"),
                       doc_mentions("d3", "Lena Ostrova"))
    assert_apart(entities, "Lena Ostrova", "Lena Maria Ostrova")
    assert_apart(entities, "Lena Ostrova", "Lena Petra Ostrova")


def test_resolve_place_qualified_organisation_is_the_organisation() -> None:
    entities = resolve(
        doc_mentions("d1", ("Kelmora", "GPE"), ("Kelmora Harriers", "ORG")),
        doc_mentions("d2", ("Harriers", "ORG")),
    )
    assert_one(entities, "Kelmora Harriers", "Harriers")
    assert_apart(entities, "Kelmora", "Harriers")


def test_resolve_two_places_qualifying_one_name_stay_apart() -> None:
    entities = resolve(
        doc_mentions("d1", ("Kelmora", "GPE"), ("Kelmora Harriers", "ORG")),
        doc_mentions("d2", ("Dorvan", "GPE"), ("Dorvan Harriers", "ORG")),
        doc_mentions("d3", ("Harriers", "ORG")),
    )
    assert_apart(entities, "Kelmora Harriers", "Dorvan Harriers")
    assert_apart(entities, "Harriers", "Kelmora Harriers")


def test_resolve_mount_and_its_abbreviation_are_one_place() -> None:
    entities = resolve(doc_mentions("d1", ("Mount Vossberg", "LOC")), doc_mentions("d2", ("Mt Vossberg", "LOC")))
    assert_one(entities, "Mount Vossberg", "Mt Vossberg")


def test_resolve_kunya_typed_group_joins_the_full_name() -> None:
    """"Abu Mus'ab" as a GROUP (NORP) in one document, the full name in another: the vote settles the type."""
    entities = resolve(
        doc_mentions("d1", ("Abu Sami al-Tikriti", "PERSON")),
        doc_mentions("d2", ("Abu Sami", "NORP")),
        doc_mentions("d3", ("al-Tikriti", "PERSON")),
    )
    person = assert_one(entities, "Abu Sami al-Tikriti", "Abu Sami", "al-Tikriti")
    assert person.type == "PERSON"


def test_resolve_group_that_is_no_name_part_stays_apart() -> None:
    entities = resolve(doc_mentions("d1", ("Kelmora Shia Council", "ORG")),
                       doc_mentions("d2", ("Kelmora Shia", "NORP")))
    assert_apart(entities, "Kelmora Shia Council", "Kelmora Shia")


@pytest.mark.parametrize(("left", "right"), [
    (("Kelmora Corp.", "ORG"), ("Kelmora", "ORG")),
    (("Vossberg Holdings Ltd", "ORG"), ("Vossberg Holdings", "ORG")),
    (("Tasmin Arts Centre", "FAC"), ("Tasmin Arts Center", "FAC")),
    (("Dario 'The Owl' Vennick", "PERSON"), ("Dario Vennick", "PERSON")),
    (('Dario "Owl" Vennick', "PERSON"), ("Dario Vennick", "PERSON")),
    (("Vennick's", "PERSON"), ("Vennick", "PERSON")),
])
def test_resolve_entities_suffix_spelling_nickname_possessive(left: tuple[str, str], right: tuple[str, str]) -> None:
    """Fictional names: a company suffix, -tre / -ter, a nickname quoted inside a name and a possessive
    the tokenizer left on a person's name do not make another entity."""
    entities = resolve(doc_mentions("d1", left), doc_mentions("d2", right))
    assert_one(entities, left[0], right[0])


def test_resolve_entities_generational_suffix_keeps_father_and_son_apart() -> None:
    """Fictional: "Arlo Vennick Jr." and "Arlo Vennick Sr." are two men; a bare "Vennick" elsewhere is
    the surname of the one Vennick when only one is named."""
    two = resolve(doc_mentions("d1", "Arlo Vennick Jr."), doc_mentions("d2", "Arlo Vennick Sr."))
    assert_apart(two, "Arlo Vennick Jr.", "Arlo Vennick Sr.")
    one = resolve(doc_mentions("d1", "Arlo Joseph Vennick Jr"), doc_mentions("d2", "Vennick"))
    assert_one(one, "Arlo Joseph Vennick Jr", "Vennick")


def test_resolve_entities_possessive_of_an_organisation_stays() -> None:
    """Fictional: "Dalby's" the shop chain (an ORG) is not the person "Dalby"."""
    entities = resolve(doc_mentions("d1", ("Dalby's", "ORG")), doc_mentions("d2", ("Dalby", "PERSON")))
    assert_apart(entities, "Dalby's", "Dalby")

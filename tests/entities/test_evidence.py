"""Entity types by evidence, and forms that are no names (rashomon.entities.evidence, vote, mentions).

Every sentence here is fictional, written for these tests: the people, parties and most places are
made up; real city names appear only where the offline gazetteer is the evidence under test. Most
tests parse with the real model (for the syntax the cues read) and then set the NER labels
themselves, so each rule is tested on the mislabel it must correct, whatever the model predicts.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from spacy.tokens import Doc as ParsedDoc

from rashomon.entities import read_names, resolve_entities
from rashomon.entities.mentions import Names
from rashomon.model import Document, Mention
from rashomon.settings import load_settings

_SETTINGS = load_settings().entities

pytestmark = pytest.mark.slow


def parse_as(nlp, text: str, ents: Sequence[tuple[str, str]]) -> tuple[Document, ParsedDoc]:
    """`text` parsed by the real model, with the NER's entities replaced by `ents` ((surface, label)
    in text order)."""
    parsed = nlp(text)
    spans = []
    cursor = 0
    for surface, label in ents:
        start = text.index(surface, cursor)
        span = parsed.char_span(start, start + len(surface), label=label)
        assert span is not None, f"{surface!r} does not fall on token boundaries"
        spans.append(span)
        cursor = start + len(surface)
    parsed.ents = spans
    return Document.create(path="test.txt", text=text, format="txt"), parsed


def names_of(nlp, text: str, ents: Sequence[tuple[str, str]]) -> Names:
    doc, parsed = parse_as(nlp, text, ents)
    return read_names(doc, parsed, settings=_SETTINGS)


def mention(names: Names, text: str) -> Mention:
    found = [m for m in names.mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in names.mentions]}"
    return found[0]


def dropped_reason(names: Names, text: str) -> str:
    found = [d for d in names.dropped if d.text == text]
    assert found, f"{text!r} was not dropped; dropped: {[d.text for d in names.dropped]}"
    assert text not in [m.text for m in names.mentions]
    return found[0].reason


# -- forms that are no names --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "ents", "form", "reason"), [
    # a verb's -ing form the NER took for a place ("Qualifying")
    ("When Kelmora beat Ostravia in Qualifying for the Northern Cup, the fans sang.",
     [("Kelmora", "GPE"), ("Ostravia", "GPE"), ("Qualifying", "GPE")], "Qualifying", "-ing"),
    # a common word capitalised mid-sentence, written in lowercase elsewhere ("Flags")
    ("Behind them stood the Rangers… Banners and drums are no defence against guns. The crowd waved banners.",
     [("Rangers", "ORG"), ("Banners", "PERSON")], "Banners", "lowercase"),
    # a language ("Farsi")
    ("Karimov ignores Haddad's counsel (even if both speak Kurdani) and goes his own way.",
     [("Karimov", "PERSON"), ("Haddad", "PERSON"), ("Kurdani", "PERSON")], "Kurdani", "language"),
    # an event after "during" ("Arbaeen")
    ("Few pilgrim groups on the road to Kelmora during the Velmora complained about the service.",
     [("Kelmora", "GPE"), ("Velmora", "PERSON")], "Velmora", "event"),
    # an event named by what it is called ("a pilgrimage known as the Arbaeen")
    ("Millions walk to the shrine in a pilgrimage known as the Velmora. Kelmora hosts them.",
     [("Velmora", "PERSON"), ("Kelmora", "GPE")], "Velmora", "pilgrimage"),
    # a common noun after an indefinite article ("a Fatwa")
    ("The council was founded by Ayatollah Rahmani, and he issued a Firman calling for action.",
     [("Ayatollah Rahmani", "PERSON"), ("Firman", "ORG")], "Firman", "common noun"),
    # a doctrine glossed in brackets ("Welayat al-Fakih (the doctrine ...)")
    ("These partners adopt, though they are not forced to, Dawlat al-Qadir (the doctrine promoted by Imam Rahmani).",
     [("Dawlat al-Qadir", "PERSON"), ("Imam Rahmani", "PERSON")], "Dawlat al-Qadir", "doctrine"),
    # a foreign word glossing a common noun ("tea (Shay Abu Ali)")
    ("They wash clothes and provide water and tea (Shay Abu Karim) all night.",
     [("Shay Abu Karim", "PERSON")], "Shay Abu Karim", "tea"),
    # a quotation's own words in brackets after it
    ('He said: "no more fear from today onward" (La Khawf Baada al-Yawm). Karimov agreed.',
     [("La Khawf Baada al-Yawm", "PERSON"), ("Karimov", "PERSON")], "La Khawf Baada al-Yawm", "quotation"),
    # part of a title ("the Supreme Leader Khamenei" with "Supreme" tagged ORG)
    ("He was closely linked to the Supreme Leader Tabrizi and always led the front.",
     [("Supreme", "ORG"), ("Leader Tabrizi", "PERSON")], "Supreme", "title"),
    # letters after a name
    ("The association is delighted that Dr. Lena Ostrova, MD, was nominated.",
     [("Lena Ostrova", "PERSON"), ("MD", "GPE")], "MD", "after a name"),
])
def test_read_names_drops_forms_that_are_no_names(nlp, text: str, ents: list[tuple[str, str]], form: str,
                                                  reason: str) -> None:
    assert reason in dropped_reason(names_of(nlp, text, ents), form)


def test_read_names_drops_headline_capitals(nlp) -> None:
    text = ("Kelmora is Losing Ground in Ostravia: Is Karimov the Right Man\n\n"
            "Kelmora is losing its ground in Ostravia, and Karimov knows it.")
    names = names_of(nlp, text, [("Kelmora", "GPE"), ("Losing Ground", "ORG"), ("Ostravia", "GPE"),
                                 ("Karimov", "PERSON"), ("Kelmora", "GPE"), ("Ostravia", "GPE"), ("Karimov", "PERSON")])
    assert "headline" in dropped_reason(names, "Losing Ground")
    assert mention(names, "Karimov").type == "PERSON"


def test_read_names_brig_gen_leaves_no_stray_brig(nlp) -> None:
    names = names_of(nlp, "Brig. Gen. Tarek Vollmer said the convoy was hit.", [("Brig", "ORG"),
                                                                                  ("Gen. Tarek Vollmer", "PERSON")])
    assert [m.text for m in names.mentions] == ["Tarek Vollmer"]
    assert names.mentions[0].title == "Brig. Gen."


def test_read_names_title_of_the_sentence_before_stays_there(nlp) -> None:
    names = names_of(nlp, "Kelmora resented the support of the Shah. Tariq represented a threat to Kelmora.",
                     [("Kelmora", "GPE"), ("Shah", "PERSON"), ("Tariq", "PERSON"), ("Kelmora", "GPE")])
    assert mention(names, "Tariq").title is None


# -- types by evidence ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "ents", "name", "kind"), [
    # coordinated with a person ("Putin and Erdogan", Erdogan tagged GPE)
    ("The abandonment of the Kurds to the mercy of Karimov and Haddadin shocked the region.",
     [("Kurds", "NORP"), ("Karimov", "PERSON"), ("Haddadin", "GPE")], "Haddadin", "PERSON"),
    # a city the gazetteer knows, coordinated with a place ("Baghdad and Erbil", Erbil tagged ORG)
    ("General Karimov was sent to Kelmora and Mashhad to supply leaders with weapons.",
     [("Karimov", "PERSON"), ("Kelmora", "GPE"), ("Mashhad", "ORG")], "Mashhad", "PLACE"),
    # a city tagged PERSON next to a place ("Qom and Najaf")
    ("Tabriz and Kelmora lead two different schools of thought.", [("Tabriz", "PERSON"), ("Kelmora", "GPE")],
     "Tabriz", "PLACE"),
    # an alternate name of a big city, tagged PERSON ("since Stalingrad")
    ("It was the dirtiest war since Leningrad, and they fought their way through the hills.",
     [("Leningrad", "PERSON")], "Leningrad", "PLACE"),
    # "the city of X"
    ("Karimov took the northern city of Dorvan and almost a third of the land.",
     [("Karimov", "PERSON"), ("Dorvan", "PERSON")], "Dorvan", "PLACE"),
    # an apposition with a person noun ("Yazid, a corrupt tyrant", tagged ORG)
    ("In dying at the hand of Marwan, a corrupt hypocritical tyrant, the imam achieved immortality.",
     [("Marwan", "ORG")], "Marwan", "PERSON"),
    # a place's head noun, tagged PERSON
    ("The climbers fell on the Vossberg Glacier at dawn.", [("Vossberg Glacier", "PERSON")], "Vossberg Glacier",
     "PLACE"),
    # an age after the name, and a life verb
    ("Lena Ostrova, 61, died on Tuesday.", [("Lena Ostrova", "ORG")], "Lena Ostrova", "PERSON"),
    # "the X" is no person: the article and a speech verb leave the organisation
    ("The Kelmora Harriers said the game would go on.", [("Kelmora Harriers", "PERSON")], "Kelmora Harriers",
     "ORG"),
])
def test_read_names_type_by_evidence(nlp, text: str, ents: list[tuple[str, str]], name: str, kind: str) -> None:
    found = mention(names_of(nlp, text, ents), name)
    assert found.type == kind
    assert found.evidence, "the cues the vote read are kept on the mention"


def test_read_names_title_before_name_forming_word_joins_the_bare_name(nlp) -> None:
    """"Calif Yazid" tagged ORG and "Yazid" tagged ORG are one person."""
    text = ("He was killed at Kelmora by the wicked Caliph Marwan in 680. The protesters deem their rulers Marwan. "
            "In dying at the hand of Marwan, a corrupt tyrant, the imam achieved immortality.")
    names = names_of(nlp, text, [("Kelmora", "GPE"), ("Caliph Marwan", "ORG"), ("Marwan", "ORG"), ("Marwan", "ORG")])
    caliph = mention(names, "Caliph Marwan")
    assert caliph.chain != "" and {m.chain for m in names.mentions if "Marwan" in m.text} == {caliph.chain}
    assert {m.type for m in names.mentions if "Marwan" in m.text} == {"PERSON"}


def test_read_names_first_name_takes_the_one_full_name(nlp) -> None:
    """"Saddam" and "Saddam Hussein" in one document."""
    text = ("Kelmora sheltered the exiles during the rule of Tariq Hamdani. By removing Tariq in 2003, "
            "Ostravia gave Kelmora a gift. Tariq was a threat.")
    names = names_of(nlp, text, [("Kelmora", "GPE"), ("Tariq Hamdani", "PERSON"), ("Tariq", "PERSON"),
                                 ("Ostravia", "GPE"), ("Kelmora", "GPE"), ("Tariq", "PERSON")])
    full = mention(names, "Tariq Hamdani")
    assert full.chain and all(m.chain == full.chain for m in names.mentions if m.text == "Tariq")


def test_read_names_first_name_of_two_people_stays_apart(nlp) -> None:
    text = "Tariq Hamdani met Tariq Vossen. Tariq left early."
    names = names_of(nlp, text, [("Tariq Hamdani", "PERSON"), ("Tariq Vossen", "PERSON"), ("Tariq", "PERSON")])
    assert mention(names, "Tariq").chain == ""


def test_read_names_joins_a_kunya_and_a_nisba_the_ner_split(nlp) -> None:
    """"Abu Mus'ab" tagged NORP and "al-Zarqawi" tagged PERSON, side by side."""
    text = "The Emir of the Kelmora Front, then Abu Sami al-Tikriti, decided to turn his guns on the army."
    names = names_of(nlp, text, [("Kelmora Front", "ORG"), ("Abu Sami", "NORP"), ("al-Tikriti", "PERSON")])
    assert mention(names, "Abu Sami al-Tikriti").type == "PERSON"


@pytest.mark.parametrize(("text", "ents", "parts"), [
    ("And behind them is something worse. KelvarOstani, the Revolutionary Guard… Drums are no defence.",
     [("KelvarOstani", "ORG"), ("the Revolutionary Guard", "ORG")], ["Kelvar", "Ostani"]),
])
def test_read_names_splits_two_names_written_together(nlp, text: str, ents: list[tuple[str, str]],
                                                      parts: list[str]) -> None:
    names = names_of(nlp, text, ents)
    assert [m.text for m in names.mentions if m.text in parts] == parts
    assert any("split from" in cue.reason for cue in mention(names, parts[0]).evidence)


@pytest.mark.parametrize(("text", "ents", "name"), [
    ("Clips on YouTube spread fast.", [("YouTube", "ORG")], "YouTube"),
    ("Shares of TikVolo fell. TikVolo said sales were up.", [("TikVolo", "ORG"), ("TikVolo", "ORG")], "TikVolo"),
])
def test_read_names_keeps_names_with_inner_capitals(nlp, text: str, ents: list[tuple[str, str]], name: str) -> None:
    assert mention(names_of(nlp, text, ents), name).text == name


# -- across documents -----------------------------------------------------------------------------------


def _resolve(nlp, *texts: tuple[str, list[tuple[str, str]]]):
    mentions = [m for text, ents in texts for m in names_of(nlp, text, ents).mentions]
    return resolve_entities(mentions, settings=_SETTINGS)


def _entity_of(entities, text: str):
    found = [e for e in entities if text in e.aliases]
    assert len(found) == 1, f"{text!r} in {len(found)} entities: {[e.aliases for e in entities]}"
    return found[0]


def test_resolve_titled_forms_join_their_person(nlp) -> None:
    """"Sayyed Ali Khamenei" and "Ayatollah Sistani" stay inside their entity."""
    entities = _resolve(
        nlp,
        ('"Sayyed Ali Tabrizi asked the people to protect the front," he said.', [("Sayyed Ali Tabrizi", "PERSON")]),
        ("In Kelmora, Ayatollah Tabrizi, head of the Council, supported the protesters.",
         [("Kelmora", "GPE"), ("Ayatollah Tabrizi", "FAC"), ("Council", "ORG")]),
        ("Ali Tabrizi spoke on Friday.", [("Ali Tabrizi", "PERSON")]),
    )
    person = _entity_of(entities, "Ali Tabrizi")
    assert person.type == "PERSON" and "Tabrizi" in person.aliases


def test_resolve_arabic_name_parts_meet_through_a_full_name(nlp) -> None:
    """"Abu Mus'ab" (a GROUP) and "al-Zarqawi" (a PERSON) in other documents join "Abu Mus'ab al-Zarqawi"."""
    entities = _resolve(
        nlp,
        ("The Emir of the Kelmora Front, then Abu Sami al-Tikriti, decided to turn his guns on the army.",
         [("Kelmora Front", "ORG"), ("Abu Sami al-Tikriti", "PERSON")]),
        ("Fighters loyal to Abu Sami attacked the town.", [("Abu Sami", "NORP")]),
        ("The men of al-Tikriti were brutal.", [("al-Tikriti", "PERSON")]),
    )
    person = _entity_of(entities, "Abu Sami al-Tikriti")
    assert {"Abu Sami", "al-Tikriti"} <= set(person.aliases)
    assert person.type == "PERSON"


def test_resolve_acronym_of_an_organisation_and_places(nlp) -> None:
    """"ISIS" and "the Islamic State" are one organisation when the corpus names the places its letters add."""
    entities = _resolve(
        nlp,
        ('Kelmora has not forgotten 2014, when the "Islamic Order" and other groups were occupying Ruvania.',
         [("Kelmora", "GPE"), ("Islamic Order", "ORG"), ("Ruvania", "GPE")]),
        ("The defeat of IOKR is due to the army of Kelmora.", [("IOKR", "ORG"), ("Kelmora", "GPE")]),
    )
    assert _entity_of(entities, "IOKR") is _entity_of(entities, "Islamic Order")


def test_resolve_surname_the_gazetteer_knows_joins_its_person(nlp) -> None:
    entities = _resolve(
        nlp,
        ("Coach Marta Jackson praised the team.", [("Marta Jackson", "PERSON")]),
        ("Jackson was arrested on Tuesday.", [("Jackson", "PERSON")]),
    )
    person = _entity_of(entities, "Marta Jackson")
    assert "Jackson" in person.aliases and person.type == "PERSON"


def test_resolve_type_clash_settled_by_the_vote(nlp) -> None:
    """A name typed ORG in one document and PERSON (an age, a life verb) in another is one person."""
    entities = _resolve(
        nlp,
        ("Lena Ostrova, 61, died on Tuesday.", [("Lena Ostrova", "ORG")]),
        ("Fans mourned Lena Ostrova, the singer.", [("Lena Ostrova", "ORG")]),
    )
    assert _entity_of(entities, "Lena Ostrova").type == "PERSON"


@pytest.mark.parametrize(("text", "ents", "name", "kind"), [
    # a country the gazetteer does not know, speaking for its government
    ("Ostravia said it would answer the attack.", [("Ostravia", "GPE")], "Ostravia", "PLACE"),
    # a modal "may" elsewhere is no lowercase use of the name "May"
    ("Officials may meet today. Tessa Vane met Ilse May in Kelmora, and May said no.",
     [("Tessa Vane", "PERSON"), ("Ilse May", "PERSON"), ("Kelmora", "GPE"), ("May", "PERSON")], "Ilse May", "PERSON"),
    # a nationality after "a" is a member of a group, not a common noun
    ("The driver was a Kelmoran, the police said.", [("Kelmoran", "NORP")], "Kelmoran", "GROUP"),
    # "the X ...s" is no team when it is a country
    ("Troops left the United States on Friday.", [("the United States", "GPE")], "United States", "PLACE"),
    # a caption in brackets says nothing of the name
    ("Lena Ostrova (file photo) spoke to the council.", [("Lena Ostrova", "PERSON")], "Lena Ostrova", "PERSON"),
])
def test_read_names_keeps_names_the_cues_could_mistake(nlp, text: str, ents: list[tuple[str, str]], name: str,
                                                       kind: str) -> None:
    assert mention(names_of(nlp, text, ents), name).type == kind


def test_read_names_club_is_no_given_name(nlp) -> None:
    names = names_of(nlp, "Chelsea Marlow watched Chelsea win.", [("Chelsea Marlow", "PERSON"), ("Chelsea", "ORG")])
    assert mention(names, "Chelsea").chain == ""

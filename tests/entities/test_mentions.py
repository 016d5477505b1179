"""Finding mentions in one document (rashomon.entities.extract_mentions).

Most tests build the spaCy Doc by hand (blank English tokenizer, entities and tags set from the test),
so each rule is tested whatever the statistical model predicts; a few run the real model.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

import pytest
import spacy
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from spacy.tokens import Doc as ParsedDoc

from rashomon.entities import extract_mentions, read_names
from rashomon.errors import SpanError
from rashomon.model import Document, Mention
from rashomon.settings import EntitySettings, load_settings

_BLANK = spacy.blank("en")
_SETTINGS = load_settings().entities


def _tag(token: spacy.tokens.Token, previous: str) -> tuple[str, str]:
    text = token.text
    if text in ("'s", "’s") or (text in ("'", "’") and previous.endswith("s")):
        return "POS", "PART"
    if token.is_punct:
        return ".", "PUNCT"
    if text.lower() in ("the", "a", "an"):
        return "DT", "DET"
    if text.lower() in ("and", "or"):
        return "CC", "CCONJ"
    if text[:1].isupper():
        return "NNP", "PROPN"
    if text.endswith("ly"):
        return "RB", "ADV"
    return "NN", "NOUN"


def annotate(text: str, ents: Sequence[tuple[str, str]], *,
             tags: dict[str, str] | None = None) -> tuple[Document, ParsedDoc]:
    """A Document and a hand-tagged spaCy Doc of `text`; `ents` are (surface, label) in text order;
    `tags` overrides the guessed tag of the tokens with those texts."""
    parsed = _BLANK(text)
    spans = []
    cursor = 0
    for surface, label in ents:
        start = text.index(surface, cursor)
        span = parsed.char_span(start, start + len(surface), label=label)
        assert span is not None, f"{surface!r} does not fall on token boundaries"
        spans.append(span)
        cursor = start + len(surface)
    parsed.ents = spans
    starts = True
    previous = ""
    for token in parsed:
        token.is_sent_start = starts
        starts = token.text in {".", "!", "?"} and not (previous[:1].isupper() and len(previous) <= 3)  # "Maj."
        token.tag_, token.pos_ = _tag(token, previous)
        if tags and token.text in tags:
            token.tag_ = tags[token.text]
        previous = token.text
    return Document.create(path="test.txt", text=text, format="txt"), parsed


def mentions_of(text: str, ents: Sequence[tuple[str, str]], *, settings: EntitySettings = _SETTINGS,
                tags: dict[str, str] | None = None) -> list[Mention]:
    doc, parsed = annotate(text, ents, tags=tags)
    return extract_mentions(doc, parsed, settings=settings)


def by_text(mentions: Sequence[Mention], text: str) -> Mention:
    found = [mention for mention in mentions if mention.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[0]


@pytest.mark.parametrize(("text", "ents", "name", "title"), [
    ("Iranian Maj. Gen. Qasim Karimi's aide left.", [("Iranian", "NORP"), ("Qasim Karimi's", "PERSON")],
     "Qasim Karimi", "Maj. Gen."),
    ("He met the Grand Ayatollah Sayyed Ali Tabrizi in Qom.", [("Ayatollah Sayyed Ali Tabrizi", "PERSON")],
     "Ali Tabrizi", "Grand Ayatollah Sayyed"),
    ("They met President Lena Ostrova today.", [("President Lena Ostrova", "PERSON")], "Lena Ostrova", "President"),
    ("The order came from U.S. president Dale Hunter yesterday.", [("Dale Hunter", "PERSON")], "Dale Hunter",
     "president"),
    ("Aides of Dr. Amal Rifai spoke.", [("Amal Rifai", "PERSON")], "Amal Rifai", "Dr."),
    ("Hezbollah Secretary-General Sayed Hassan Nasri spoke.", [("Sayed Hassan Nasri", "PERSON")], "Hassan Nasri",
     "Secretary-General Sayed"),
])
def test_extract_mentions_title_outside_span(text: str, ents: list[tuple[str, str]], name: str, title: str) -> None:
    mention = by_text(mentions_of(text, ents), name)
    assert mention.title == title
    assert mention.type == "PERSON"


@pytest.mark.parametrize(("text", "ents", "name", "kind"), [
    ("Pilgrims mourn Imam Hussein every year.", [("Imam Hussein", "ORG")], "Imam Hussein", "PERSON"),
    ("The Prophet Mohamad was born there.", [("Mohamad", "PERSON")], "Prophet Mohamad", "PERSON"),
    ("Shares of General Motors fell.", [("General Motors", "ORG")], "General Motors", "ORG"),
])
def test_extract_mentions_name_forming_titles_stay(text: str, ents: list[tuple[str, str]], name: str,
                                                   kind: str) -> None:
    mention = by_text(mentions_of(text, ents), name)
    assert mention.title is None
    assert mention.type == kind


@pytest.mark.parametrize(("text", "ents", "names"), [
    ("Talks with the United Nations Security Council ended.", [("the United Nations Security Council", "ORG")],
     ["United Nations Security Council"]),
    ("It was the “Islamic Front” that won.", [("the “Islamic Front", "ORG")], ["Islamic Front"]),
    ("The country voted. US Tellingly, nobody came.", [("US Tellingly", "ORG")], ["US"]),
    ("Fighters of the Kataib Zaitoun militia came.", [("Kataib Zaitoun militia", "PERSON")], ["Kataib Zaitoun"]),
    ("He backed the pro-Karimov camp.", [("pro-Karimov", "PERSON")], ["Karimov"]),
    ("The Iranian Revolutionary Guards' Quds Force moved.", [("Iranian Revolutionary Guards' Quds Force", "ORG")],
     ["Iranian Revolutionary Guards", "Quds Force"]),
    ("He leads the Kelmora Teachers' Union now.", [("the Kelmora Teachers' Union", "ORG")],
     ["Kelmora Teachers' Union"]),
    ("The Veterans’ Association met.", [("The Veterans’ Association", "ORG")], ["Veterans’ Association"]),
    ("The Tarsis Farmers' Cooperative Society met.", [("Tarsis Farmers' Cooperative Society", "PERSON")],
     ["Tarsis Farmers' Cooperative Society"]),
    ("The Dorvans' Kelmora said no.", [("Dorvans' Kelmora", "GPE")], ["Dorvans", "Kelmora"]),
    ("The Ostravian Rangers' Hill Unit moved.", [("Ostravian Rangers' Hill Unit", "ORG")],
     ["Ostravian Rangers' Hill Unit"]),
    ("The Ostravian Brigades' Hill Unit moved.", [("Ostravian Brigades' Hill Unit", "ORG")],
     ["Ostravian Brigades", "Hill Unit"]),
])
def test_extract_mentions_trims_span(text: str, ents: list[tuple[str, str]], names: list[str]) -> None:
    assert [mention.text for mention in mentions_of(text, ents)] == names


def test_extract_mentions_trailing_org_noun_makes_org() -> None:
    mentions = mentions_of("Fighters of the Kataib Zaitoun militia came.", [("Kataib Zaitoun militia", "PERSON")])
    assert by_text(mentions, "Kataib Zaitoun").type == "ORG"
    assert by_text(mentions, "Kataib Zaitoun").label == "PERSON"


@pytest.mark.parametrize("text", [
    "Flags and songs are no real resistance.",
])
def test_extract_mentions_drops_sentence_initial_common_word(text: str) -> None:
    assert mentions_of(text, [("Flags", "PERSON")], tags={"Flags": "NNS"}) == []


def test_extract_mentions_splits_coordinated_names() -> None:
    text = "The deaths of Karimov and Haddad shocked many. Karimov had led the army. Haddad was his deputy."
    mentions = mentions_of(text, [("Karimov and Haddad", "ORG"), ("Karimov", "PERSON"), ("Haddad", "PERSON")])
    assert [mention.text for mention in mentions] == ["Karimov", "Haddad", "Karimov", "Haddad"]
    assert mentions[0].chain == mentions[2].chain != mentions[1].chain


@pytest.mark.parametrize(("text", "ents", "name"), [
    ("The British Foreign and Commonwealth Office advised.", [("British Foreign and Commonwealth Office", "ORG")],
     "British Foreign and Commonwealth Office"),
    ("Flights to Trinidad and Tobago resumed.", [("Trinidad and Tobago", "GPE")], "Trinidad and Tobago"),
    ("Marks and Spencer opened a shop.", [("Marks and Spencer", "ORG")], "Marks and Spencer"),
])
def test_extract_mentions_keeps_names_with_and(text: str, ents: list[tuple[str, str]], name: str) -> None:
    assert [mention.text for mention in mentions_of(text, ents)] == [name]


@pytest.mark.parametrize(("text", "ents"), [
    ("The Popular Mobilisation Units (PMU) fought. The PMU won. Later the PMUs left.", [("PMU", "ORG")]),
    ("The PMU (Popular Mobilisation Units) fought. The PMU won. Later the PMUs left.", [("PMU", "ORG")]),
    ("The “Popular Mobilisation Units” (PMU) fought. The PMU won. Later the PMUs left.", []),
    ("The Popular Mobilisation Units – PMU – fought. The PMU won. Later the PMUs left.", [("PMU", "GPE")]),
    ("The Popular Mobilisation Units fought. The PMU won. Later the PMUs left.", [("PMU", "PERSON")]),
])
def test_extract_mentions_ties_acronym_to_expansion(text: str, ents: list[tuple[str, str]]) -> None:
    mentions = mentions_of(text, ents)
    long_form = by_text(mentions, "Popular Mobilisation Units")
    acronyms = [mention for mention in mentions if mention.text == "PMU"]
    assert len(acronyms) == text.count("PMU")
    assert all(mention.expansion == "Popular Mobilisation Units" for mention in acronyms)
    assert {mention.chain for mention in acronyms} == {long_form.chain} != {""}
    assert all(mention.type == "ORG" for mention in [long_form, *acronyms])


def test_extract_mentions_acronym_of_two_phrases_stays_alone() -> None:
    text = "The National Salvation Front met the Nordic Sailing Federation. The NSF left."
    mentions = mentions_of(text, [("National Salvation Front", "ORG"), ("Nordic Sailing Federation", "ORG"),
                                  ("NSF", "ORG")])
    assert by_text(mentions, "NSF").expansion is None
    assert by_text(mentions, "NSF").chain == ""


def test_extract_mentions_adds_missed_long_form() -> None:
    text = "The Islamic Revolutionary Guard Corps (IRGC) marched. Islamic Revolutionary Guard Corps units came."
    mentions = mentions_of(text, [("IRGC", "ORG")])
    long_forms = [mention for mention in mentions if mention.text == "Islamic Revolutionary Guard Corps"]
    assert len(long_forms) == 2
    assert long_forms[0].chain == long_forms[1].chain == by_text(mentions, "IRGC").chain
    assert long_forms[0].label == ""


@pytest.mark.parametrize(("text", "ents", "left", "right"), [
    ("Militias known as “al-Hashd al-Shaabi” (also known as Popular Defence Forces) marched.",
     [("al-Hashd al-Shaabi", "PERSON"), ("Popular Defence Forces", "ORG")], "al-Hashd al-Shaabi",
     "Popular Defence Forces"),
    ("The Zaitoun Brigade, known as Olive Brigade, marched.", [("Zaitoun Brigade", "ORG")], "Zaitoun Brigade",
     "Olive Brigade"),
    ("Halim Fares, also called Abu Sami, spoke.", [("Halim Fares", "PERSON"), ("Abu Sami", "PERSON")],
     "Halim Fares", "Abu Sami"),
])
def test_extract_mentions_ties_aliases(text: str, ents: list[tuple[str, str]], left: str, right: str) -> None:
    mentions = mentions_of(text, ents)
    assert by_text(mentions, left).chain == by_text(mentions, right).chain != ""


def test_extract_mentions_ties_short_forms() -> None:
    text = ("Qasem Karimi met Abu Fadel al-Zanjani and Adil Abdul Mahdi. Karimi spoke first. "
            "Zanjani declared his loyalty. Abdul Mahdi agreed.")
    mentions = mentions_of(text, [("Qasem Karimi", "PERSON"), ("Abu Fadel al-Zanjani", "PERSON"),
                                  ("Adil Abdul Mahdi", "PERSON"), ("Karimi", "GPE"), ("Abdul Mahdi", "PERSON")])
    assert by_text(mentions, "Karimi").chain == by_text(mentions, "Qasem Karimi").chain != ""
    assert by_text(mentions, "Karimi").type == "PERSON"
    assert by_text(mentions, "Karimi").label == "GPE"
    zanjani = by_text(mentions, "Zanjani")  # the NER missed it
    assert zanjani.label == ""
    assert zanjani.chain == by_text(mentions, "Abu Fadel al-Zanjani").chain != ""
    assert by_text(mentions, "Abdul Mahdi").chain == by_text(mentions, "Adil Abdul Mahdi").chain != ""


def test_extract_mentions_ambiguous_short_form_stays_unlinked() -> None:
    text = "Ali Karimi met Reza Karimi. Karimi said nothing."
    mentions = mentions_of(text, [("Ali Karimi", "PERSON"), ("Reza Karimi", "PERSON"), ("Karimi", "PERSON")])
    short = mentions[-1]
    assert short.text == "Karimi"
    assert short.chain == ""  # tied to neither


def test_extract_mentions_no_surname_after_article() -> None:
    text = "Kataib Zaitoun attacked. Later the Lebanese Zaitoun replied."
    mentions = mentions_of(text, [("Kataib Zaitoun", "PERSON"), ("Lebanese", "NORP"), ("Zaitoun", "ORG")])
    assert by_text(mentions, "Zaitoun").chain == ""


def test_extract_mentions_chain_ids_in_order() -> None:
    text = "Iran and Iraq met. Iran left. Iraq stayed. Oman watched."
    mentions = mentions_of(text, [("Iran", "GPE"), ("Iraq", "GPE"), ("Iran", "GPE"), ("Iraq", "GPE"),
                                  ("Oman", "GPE")])
    assert [mention.chain for mention in mentions] == ["c1", "c2", "c1", "c2", ""]
    assert all(mention.type == "PLACE" for mention in mentions)


def test_extract_mentions_records_are_consistent() -> None:
    text = "Mourners in Karbala. The Iraqi prime minister, Adil Abdul-Mahdi, resigned.\nIraqis protested."
    doc, parsed = annotate(text, [("Karbala", "GPE"), ("Iraqi", "NORP"), ("Adil Abdul-Mahdi", "PERSON"),
                                  ("Iraqis", "NORP")])
    mentions = extract_mentions(doc, parsed, settings=_SETTINGS)
    assert [mention.type for mention in mentions] == ["PLACE", "GROUP", "PERSON", "GROUP"]
    for mention in mentions:
        assert mention.text == doc.text[mention.span.start:mention.span.end]
        assert mention.id == Mention.make_id(doc.id, mention.span)
        assert mention.doc_id == doc.id
        assert mention.sentence.contains(mention.span)
    assert doc.slice(mentions[2].sentence) == "The Iraqi prime minister, Adil Abdul-Mahdi, resigned."


def test_extract_mentions_drops_other_labels_and_types() -> None:
    text = "On Friday 300 Iraqis met Ali Karimi."
    ents = [("Friday", "DATE"), ("300", "CARDINAL"), ("Iraqis", "NORP"), ("Ali Karimi", "PERSON")]
    assert [mention.text for mention in mentions_of(text, ents)] == ["Iraqis", "Ali Karimi"]
    only_people = dataclasses.replace(_SETTINGS, types=("PERSON",))
    assert [mention.text for mention in mentions_of(text, ents, settings=only_people)] == ["Ali Karimi"]


def test_extract_mentions_rejects_other_text() -> None:
    doc, parsed = annotate("Ali Karimi met.", [("Ali Karimi", "PERSON")])
    other = Document.create(path="other.txt", text="Something else.", format="txt")
    with pytest.raises(SpanError, match=r"other\.txt"):
        extract_mentions(other, parsed, settings=_SETTINGS)
    assert extract_mentions(doc, parsed, settings=_SETTINGS)


@pytest.mark.slow
def test_extract_mentions_real_model(nlp) -> None:
    text = ("Iranian Maj. Gen. Qasim Karimi and the Popular Defence Units (PDU) arrived in Baghdad on Monday. "
            "Karimi met Iraqi officials. The PDU later left Baghdad.")
    doc = Document.create(path="model.txt", text=text, format="txt")
    mentions = extract_mentions(doc, nlp(text), settings=_SETTINGS)
    karimi = by_text(mentions, "Qasim Karimi")
    assert karimi.title == "Maj. Gen." and karimi.type == "PERSON"
    assert by_text(mentions, "Karimi").chain == karimi.chain
    pdus = [mention for mention in mentions if mention.text == "PDU"]
    assert len(pdus) == 2 and all(mention.expansion == "Popular Defence Units" for mention in pdus)
    baghdads = [mention for mention in mentions if mention.text == "Baghdad"]
    assert len(baghdads) == 2 and baghdads[0].type == "PLACE" and baghdads[0].chain == baghdads[1].chain


@pytest.mark.slow
def test_extract_mentions_real_model_plural_possessive(nlp) -> None:
    text = "Karim Lotfi, an official of the Kelmora Teachers' Union, was arrested on Monday."
    doc = Document.create(path="union.txt", text=text, format="txt")
    mentions = extract_mentions(doc, nlp(text), settings=_SETTINGS)
    assert by_text(mentions, "Kelmora Teachers' Union").type == "ORG"


_ALPHABET = st.sampled_from([*"abcdefghij ABCDEFGHIJ .,'’-()–\n", "Ali ", "al-", "PMU ", "the ", " and ",
                             "Imam ", "Gen. ", "'s ", "US "])


@pytest.mark.slow
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(_ALPHABET, max_size=60))
def test_extract_mentions_spans_inside_text(nlp, pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = Document.create(path="random.txt", text=text, format="txt")
    mentions = extract_mentions(doc, nlp(text), settings=_SETTINGS)
    for mention in mentions:
        assert 0 <= mention.span.start <= mention.span.end <= len(doc.text)
        assert doc.text[mention.span.start:mention.span.end] == mention.text
        assert mention.sentence.start <= mention.span.start and mention.span.end <= mention.sentence.end
    for left, right in itertools.pairwise(mentions):
        assert left.span.end <= right.span.start, "mentions overlap"


@pytest.mark.slow
@hypothesis_settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(["Karimi", "Ali", "al-Zanjani", "PMU", "(", ")", "the", "and", "Imam",
                                       "Popular", "Units", "Maj.", "Gen.", "'s", ",", "known", "as", "–", "Iran"]),
                      min_size=1, max_size=30),
       labels=st.lists(st.sampled_from(["PERSON", "ORG", "GPE", "NORP", "FAC"]), min_size=1, max_size=30))
def test_extract_mentions_hand_built_spans_inside_text(words: list[str], labels: list[str]) -> None:
    text = " ".join(words)
    parsed = _BLANK(text)
    ents = []
    index = 0
    for label, token in zip(labels, parsed, strict=False):
        if token.i >= index and token.text[:1].isupper():
            ents.append(parsed[token.i:min(len(parsed), token.i + 2)])
            ents[-1].label_ = label
            index = token.i + 2
    parsed.ents = [spacy.tokens.Span(parsed, span.start, span.end, label=span.label_) for span in ents]
    for token in parsed:
        token.is_sent_start = token.i == 0
        token.tag_, token.pos_ = _tag(token, parsed[token.i - 1].text if token.i else "")
    doc = Document.create(path="random.txt", text=text, format="txt")
    mentions = extract_mentions(doc, parsed, settings=_SETTINGS)
    for mention in mentions:
        assert doc.text[mention.span.start:mention.span.end] == mention.text
        assert 0 <= mention.span.start <= mention.span.end <= len(text)
    for left, right in itertools.pairwise(mentions):
        assert left.span.end <= right.span.start, "mentions overlap"


@pytest.mark.slow
def test_ner_mentions_keep_the_parse_entities_as_they_are(nlp) -> None:
    from rashomon.entities import ner_mentions
    from rashomon.model import Document

    doc = Document.create(path="t.txt", text="Mayor Ana Castell of Vellmar met French bankers in Paris on Friday.",
                          format="txt")
    found = ner_mentions(doc, nlp(doc.text))
    assert all(doc.slice(m.span) == m.text for m in found)
    assert {m.type for m in found} <= {"PERSON", "ORG", "PLACE", "GROUP"}
    assert ("Paris", "PLACE") in {(m.text, m.type) for m in found}
    assert ("French", "GROUP") in {(m.text, m.type) for m in found}
    assert not any(m.label == "DATE" for m in found)


# -- issue 14: forms that are no names, on hand-tagged documents (fictional sentences) --------------------


def test_extract_mentions_drops_a_common_word_written_in_lowercase_elsewhere() -> None:
    text = "The crowd met the Rangers… Banners and drums are no defence. They waved banners all day."
    doc, parsed = annotate(text, [("Rangers", "ORG"), ("Banners", "PERSON")], tags={"Banners": "NNS"})
    names = read_names(doc, parsed, settings=_SETTINGS)
    assert [m.text for m in names.mentions] == ["Rangers"]
    assert [d.text for d in names.dropped] == ["Banners"] and "lowercase" in names.dropped[0].reason


def test_extract_mentions_drops_a_term_glossed_in_brackets() -> None:
    text = "The partners adopt Dawlat Qadir (the doctrine of the elders) without force."
    doc, parsed = annotate(text, [("Dawlat Qadir", "PERSON")])
    names = read_names(doc, parsed, settings=_SETTINGS)
    assert names.mentions == [] and "doctrine" in names.dropped[0].reason


def test_extract_mentions_keeps_a_name_glossed_by_a_person_noun() -> None:
    text = "The letter came from Dawlat Qadir (a cleric of the old school) yesterday."
    mentions = mentions_of(text, [("Dawlat Qadir", "ORG")])
    assert by_text(mentions, "Dawlat Qadir").type == "PERSON"


def test_extract_mentions_head_short_form_of_an_organisation() -> None:
    text = "The Academy of Screen Arts chose Lena Ostrova. The Academy said the vote was close."
    mentions = mentions_of(text, [("Academy of Screen Arts", "ORG"), ("Lena Ostrova", "PERSON"), ("Academy", "ORG")])
    assert by_text(mentions, "Academy").chain == by_text(mentions, "Academy of Screen Arts").chain != ""


def test_extract_mentions_gazetteer_city_tagged_person_is_a_place() -> None:
    mentions = mentions_of("The talks moved to Tabriz last week.", [("Tabriz", "PERSON")])
    found = by_text(mentions, "Tabriz")
    assert found.type == "PLACE"
    assert any("GeoNames" in cue.reason for cue in found.evidence)


def test_extract_mentions_mention_evidence_names_the_ner_label() -> None:
    found = by_text(mentions_of("Lena Ostrova spoke.", [("Lena Ostrova", "PERSON")]), "Lena Ostrova")
    assert [(cue.vote, cue.reason) for cue in found.evidence if cue.form] == [
        ("PERSON", "NER label PERSON on a full name")]


@pytest.mark.parametrize(("text", "ents", "name"), [
    ("He earned the accolade of the 'Prince of Martyrs' that year.", [("Prince of Martyrs", "ORG")],
     "Prince of Martyrs"),
])
def test_extract_mentions_title_followed_by_of_is_no_title_of_a_name(text: str, ents: list[tuple[str, str]],
                                                                     name: str) -> None:
    assert [m.text for m in mentions_of(text, ents)] == [name]


def test_extract_mentions_adds_repeated_name_the_ner_missed() -> None:
    """Fictional: the NER tags "Kelvar Ostani" and "Tasmin" once; their later occurrences are mentions too."""
    mentions = mentions_of("Kelvar Ostani visited Tasmin today. On Monday, Kelvar Ostani left Tasmin again.",
                           [("Kelvar Ostani", "PERSON"), ("Tasmin", "GPE")])
    ostani = [mention for mention in mentions if mention.text == "Kelvar Ostani"]
    tasmin = [mention for mention in mentions if mention.text == "Tasmin"]
    assert len(ostani) == 2 and len(tasmin) == 2
    assert ostani[1].label == "" and ostani[0].chain == ostani[1].chain != ""
    assert tasmin[1].chain == tasmin[0].chain != ""


@pytest.mark.parametrize(("text", "ents", "name"), [
    ("Rice spoke first. He sold rice. Rice left.", [("Rice", "PERSON")], "Rice"),  # also a common word here
    ("Kelvar Ostani spoke. The Kelvar Ostani Foundation paid.", [("Kelvar Ostani", "PERSON")], "Kelvar Ostani"),
    ("Tasmin voted. New Tasmin voted too.", [("Tasmin", "GPE")], "Tasmin"),
])
def test_extract_mentions_repeated_name_not_inside_other_words(text: str, ents: list[tuple[str, str]],
                                                               name: str) -> None:
    """Fictional: a repeated one-word name the document also writes in lowercase, or a name that is part
    of a longer capitalised run, is not added again."""
    assert [mention.text for mention in mentions_of(text, ents)].count(name) <= 1

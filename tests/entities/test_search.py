"""Why a name is an entity of its type, or none (rashomon.entities.explain_name), on fictional documents."""

from __future__ import annotations

from rashomon.entities import explain_name, read_names, resolve_entities
from rashomon.model import Corpus

from .test_mentions import _SETTINGS, annotate


def _corpus(*texts: tuple[str, list[tuple[str, str]]]) -> Corpus:
    documents, mentions, dropped = [], [], []
    for text, ents in texts:
        doc, parsed = annotate(text, ents)
        names = read_names(doc, parsed, settings=_SETTINGS)
        documents.append(doc)
        mentions += names.mentions
        dropped += names.dropped
    entities = resolve_entities(mentions, settings=_SETTINGS)
    return Corpus(documents=tuple(documents), mentions=tuple(mentions), entities=tuple(entities),
                  dropped_names=tuple(dropped))


def test_explain_name_gives_an_entity_its_vote_and_cues() -> None:
    corpus = _corpus(("The talks moved to Tabriz last week.", [("Tabriz", "PERSON")]),
                     ("Tabriz was quiet.", [("Tabriz", "GPE")]))
    [explanation] = explain_name(corpus, "Tabriz")
    assert explanation.entity is not None and explanation.type == "PLACE"
    assert explanation.totals["PLACE"] > explanation.totals["PERSON"]
    reasons = [cue.reason for cue, _ in explanation.cues]
    assert any("GeoNames" in reason for reason in reasons) and "NER label PERSON" in reasons
    assert explanation.lines()[0].startswith("Tabriz is a PLACE")


def test_explain_name_says_why_a_form_is_no_entity() -> None:
    corpus = _corpus(("The crowd met the Rangers… Banners and drums are no defence. They waved banners all day.",
                      [("Rangers", "ORG"), ("Banners", "PERSON")]))
    [explanation] = explain_name(corpus, "Banners")
    assert explanation.entity is None and explanation.type == "NONE"
    assert "lowercase" in explanation.dropped[0].reason
    assert "is no entity" in explanation.lines()[0] and "lowercase" in explanation.lines()[1]


def test_explain_name_knows_nothing_of_an_unknown_name() -> None:
    corpus = _corpus(("Lena Ostrova spoke.", [("Lena Ostrova", "PERSON")]))
    assert explain_name(corpus, "Dorvan Harbour") == []


def test_find_entities_takes_a_run_of_a_longer_names_words() -> None:
    from rashomon.entities import find_entities

    corpus = _corpus(("Abu Hamzah al-Rashidi spoke in Telmar. Telmar was calm.",
                      [("Abu Hamzah al-Rashidi", "PERSON"), ("Telmar", "GPE"), ("Telmar", "GPE")]))
    assert [e.name for e in find_entities(corpus.entities, "Abu Hamzah")] == ["Abu Hamzah al-Rashidi"]
    assert [e.name for e in find_entities(corpus.entities, "Hamzah al-Rashidi")] == ["Abu Hamzah al-Rashidi"]
    assert find_entities(corpus.entities, "Abu Telmar") == []

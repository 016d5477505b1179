"""The reference corpus: five articles on the killing of Qassem Soleimani (January 2020).

The timeline must show, each as one event dated to the day and reported by the articles that
mention it: the strike near Baghdad airport that killed Soleimani and Muhandis, the attack near
Kirkuk that killed a US contractor, the US airstrikes on Kataib Hezbollah, the storming of the US
embassy in Baghdad, and the Iraqi parliament's vote to expel US troops.

The corpus goes through the whole pipeline, as `rashomon analyze` runs it: ingest (publication
dates are those the articles print; two have none), entity resolution, extraction and fusion.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.model import Corpus, Document, Event, EventMention
from rashomon.pipeline import analyze
from rashomon.render import plover_records
from rashomon.settings import Settings
from rashomon.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


# Each event: its date, and for each article that reports it a phrase holding one of its words
# (the word in the phrase that names the event is the second item).
EXPECTED = {
    "strike that killed Soleimani and Muhandis": ("2020-01-03", {
        "003": ("and killed Qassem", "killed"), "002": ("Then a US airstrike killed", "killed"),
        "004": ("was killed in Baghdad", "killed"), "000": ("who was also killed in the car", "killed")}),
    "attack near Kirkuk that killed a US contractor": ("2019-12-27", {
        "003": ("December 27 attack", "attack"), "000": ("These killed an American contractor", "killed"),
        "004": ("and killed an American contractor", "killed")}),
    "US airstrikes on Kataib Hezbollah": ("2019-12-29", {
        "003": ("December 29 U.S. airstrikes", "airstrikes"), "002": ("airstrikes killing 25", "airstrikes")}),
    "storming of the US embassy in Baghdad": ("2019-12-31", {
        "003": ("December 31 assault", "assault"), "002": ("after being stormed", "stormed"),
        "004": ("besieged the US embassy", "besieged")}),
    "Iraqi parliament's vote to expel US troops": ("2020-01-05", {
        "002": ("parliament voted to expel", "voted")}),
}


_CACHE: dict[Path, tuple[list[Document], list[EventMention], list[Event]]] = {}


@pytest.fixture()
def corpus(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory, settings: Settings):
    """(documents, event mentions, events) of the reference corpus, analysed once per run by the
    real pipeline (ingest, entity resolution, fusion) into a store, and read back from it."""
    if shared_corpus not in _CACHE:
        db = tmp_path_factory.mktemp("soleimani") / "rashomon.duckdb"
        with Store(db) as store:
            analyze([shared_corpus], store=store, settings=settings)
            _CACHE[shared_corpus] = (store.documents(), store.event_mentions(), store.events())
    return _CACHE[shared_corpus]


def _find(documents: list[Document], event_mentions: list[EventMention], article: str, phrase: str,
          word: str) -> EventMention:
    doc = next(d for d in documents if Path(d.path).name.startswith(article))
    found = re.search(r"\s+".join(re.escape(w) for w in phrase.split()), doc.text)
    assert found, f"{article}: {phrase!r} not in the text"
    start = found.start() + found.group().index(word)
    matches = [m for m in event_mentions if m.doc_id == doc.id and m.trigger.start == start]
    assert matches, f"{article}: no event mention for {word!r} in {phrase!r}"
    return matches[0]


def _event_of(events: list[Event], mention: EventMention) -> Event:
    found = [e for e in events if mention.id in e.mention_ids]
    assert found, f"{mention.text!r} ({mention.id}) is in no event: negated {mention.negated}, {mention.aux_modes}"
    return found[0]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_corpus_event_is_one_event_dated_to_the_day(corpus, name: str) -> None:
    documents, event_mentions, events = corpus
    date, reports = EXPECTED[name]
    found = {article: _event_of(events, _find(documents, event_mentions, article, *where))
             for article, where in reports.items()}
    ids = {event.id for event in found.values()}
    assert len(ids) == 1, f"{name}: split into {len(ids)} events: " + ", ".join(
        f"{article} -> {event.date} {len(event.mention_ids)} mentions" for article, event in found.items())
    event = next(iter(found.values()))
    assert (event.date, event.date_precision) == (date, "day"), f"{name}: dated {event.dates}"
    assert not event.date_conflict
    articles = {Path(d.path).name[:3] for d in documents if d.id in event.doc_ids}
    assert set(reports) <= articles, f"{name}: reported by {sorted(articles)}"
    assert event.independent_sources == len(event.doc_ids)


def test_corpus_events_are_distinct(corpus) -> None:
    documents, event_mentions, events = corpus
    ids = set()
    for _, reports in EXPECTED.values():
        article, (phrase, word) = next(iter(reports.items()))
        ids.add(_event_of(events, _find(documents, event_mentions, article, phrase, word)).id)
    assert len(ids) == len(EXPECTED)


@pytest.mark.parametrize(
    ("name", "article", "phrase", "word"),
    [
        # the attack of December 27 is not the June 2019 downing of a drone, nor a bombing campaign
        ("attack near Kirkuk that killed a US contractor", "003", "shooting down a U.S. drone", "shooting"),
        ("attack near Kirkuk that killed a US contractor", "003", "by targeting Iranian bases", "targeting"),
        ("attack near Kirkuk that killed a US contractor", "003", "have been brutally attacked", "attacked"),
        # each once joined the strike through a shared nationality ("Iraqi children", "Iranian bases")
        # or a pronoun, before participants were compared by their head nouns
        ("strike that killed Soleimani and Muhandis", "002", "crippling Iraq and killing over 550,000", "killing"),
        ("strike that killed Soleimani and Muhandis", "001", "His ego is killing him", "killing"),
        ("strike that killed Soleimani and Muhandis", "003", "by targeting Iranian bases", "targeting"),
    ],
)
def test_corpus_unrelated_mentions_stay_out(corpus, name: str, article: str, phrase: str, word: str) -> None:
    documents, event_mentions, events = corpus
    _, reports = EXPECTED[name]
    anchor_article, where = next(iter(reports.items()))
    event = _event_of(events, _find(documents, event_mentions, anchor_article, *where))
    mention = _find(documents, event_mentions, article, phrase, word)
    assert mention.id not in event.mention_ids, f"{word!r} ({phrase}) was fused into the {name} event"


@pytest.mark.xfail(strict=True, reason="000's 'The US responded with a missile attack that killed a pro-Iranian "
                   "militia leader' has no date of its own: only its place in the narrative (after the December 27 "
                   "attack, before New Year's Eve) says it is the December 29 strikes, and rashomon does not read "
                   "narrative order; a US missile attack that killed a militia leader fits the January 3 strike too")
def test_corpus_narrated_strike_joins_the_december_29_airstrikes(corpus) -> None:
    documents, event_mentions, events = corpus
    strikes = _event_of(events, _find(documents, event_mentions, "003", "December 29 U.S. airstrikes", "airstrikes"))
    narrated = _find(documents, event_mentions, "000", "The US responded with a missile attack", "attack")
    assert narrated.id in strikes.mention_ids


def test_corpus_cancelled_assault_is_no_event(corpus) -> None:
    documents, event_mentions, events = corpus
    mention = _find(documents, event_mentions, "003", "cancelled a U.S. military assault", "assault")
    assert mention.negated
    assert all(mention.id not in event.mention_ids for event in events)


def test_corpus_timeline_is_in_date_order_and_exports_to_plover(corpus) -> None:
    documents, event_mentions, events = corpus
    dated = [e.date for e in events if e.date]
    assert dated and events[: len(dated)] == [e for e in events if e.date]
    records = plover_records(Corpus(documents=tuple(documents), mentions=(), entities=(),
                                    event_mentions=tuple(event_mentions), events=tuple(events)))
    assert [r["id"] for r in records if r["record"] == "event"] == [e.id for e in events]
    assert all(r["event"] and r["text_info"] for r in records)
    cancelled = _find(documents, event_mentions, "003", "cancelled a U.S. military assault", "assault")
    [flagged] = [r for r in records if r["id"] == cancelled.id]
    assert flagged["record"] == "mention" and "negation" in flagged["context"]

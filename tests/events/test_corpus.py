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
_NAMES: dict[Path, dict[str, str]] = {}  # entity id -> name, filled with _CACHE


@pytest.fixture()
def corpus(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory, settings: Settings):
    """(documents, event mentions, events) of the reference corpus, analysed once per run by the
    real pipeline (ingest, entity resolution, fusion) into a store, and read back from it."""
    if shared_corpus not in _CACHE:
        db = tmp_path_factory.mktemp("soleimani") / "rashomon.duckdb"
        with Store(db) as store:
            analyze([shared_corpus], store=store, settings=settings)
            _CACHE[shared_corpus] = (store.documents(), store.event_mentions(), store.events())
            _NAMES[shared_corpus] = {entity.id: entity.name for entity in store.load().entities}
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


# What the default timeline shows (events with confidence >= events.min_confidence), hand-checked on
# 2026-12-04 against the articles: (date, type, named actors, named targets, articles). The five core
# events come first; the vote of 2020-01-05 is hidden while fusion leaves it to one article (002) and one
# sentence. Of the others, the 2003 invasion, the resignations, Sistani's support, the protests and the
# repression are events the articles report; the undated OTHER events fused from one common verb across
# articles ("change", "know", "keep", "try", "show", ...) are not events a reader would accept: they are
# pinned so that a change shows, not because they are right (docs/evaluation.md, "Events a reader can trust").
DEFAULT_VIEW = [
    ("2003", "OTHER", ("United States",), ("Saddam Hussein",), ("001",)),
    ("2003", "ASSAULT", ("American",), ("Iraq",), ("002", "004")),
    ("2019-11-15", "OTHER", (), (), ("003",)),
    ("2019-12-27", "ASSAULT", ("Iranian",), ("American", "Iraqi", "United States"), ("000", "003", "004")),
    ("2019-12-29", "ASSAULT", ("United States",), ("Kataib Hezbollah",), ("002", "003")),
    ("2019-12-31", "ASSAULT", ("Iranian", "Islamist"), ("United States",), ("002", "003", "004")),
    ("2020-01-03", "ASSAULT", ("American", "Donald Trump", "United States"),
     ("Abu Mahdi Muhandis", "Iranian", "Iraqi", "Qassem Soleimani"), ("000", "002", "003", "004")),
    (None, "OTHER", ("Iranian",), (), ("000", "002", "003", "004")),
    (None, "OTHER", ("United States",), (), ("000", "002")),
    (None, "OTHER", ("Iraqi",), ("Iranian",), ("000", "001", "003")),
    (None, "ASSAULT", (), (), ("000", "003", "004")),
    (None, "RETREAT", ("Adil Abdul Mahdi", "Barham Salih", "Iraqi"), (), ("000", "003")),
    (None, "OTHER", ("Barham Salih", "Qassem Soleimani"), (), ("000", "001")),
    (None, "OTHER", ("Tehran",), ("Baghdad", "Iraq"), ("000", "001")),
    (None, "ASSAULT", (), ("Iranian",), ("000",)),
    (None, "OTHER", ("United States",), (), ("000", "001", "004")),
    (None, "OTHER", ("Qassem Soleimani",), (), ("000",)),
    (None, "ASSAULT", (), (), ("000",)),
    (None, "OTHER", ("Iran",), (), ("000", "001")),
    (None, "SUPPORT", ("Sistani",), (), ("000", "001")),
    (None, "OTHER", (), (), ("000", "003")),
    (None, "ASSAULT", (), (), ("000",)),
    (None, "OTHER", ("United States",), (), ("000", "003", "004")),
    (None, "THREATEN", (), (), ("000", "001", "002", "003")),
    (None, "OTHER", ("Iraqi",), (), ("000", "001", "002")),
    (None, "OTHER", ("Islamist", "Shia", "United States"), (), ("001", "004")),
    (None, "OTHER", ("Iran",), (), ("001", "002")),
    (None, "AID", ("Iran",), ("Iraqi",), ("001",)),
    (None, "OTHER", ("Donald Trump", "Iran"), (), ("001", "002", "004")),
    (None, "OTHER", (), (), ("001", "003", "004")),
    (None, "OTHER", ("Donald Trump",), (), ("001", "003", "004")),
    (None, "OTHER", ("Qassem Soleimani",), (), ("001",)),
    (None, "MOBILIZE", (), (), ("002", "003")),
    (None, "SANCTION", ("UN", "United States"), (), ("002", "004")),
    (None, "ASSAULT", ("Israel",), ("Iranian", "United States"), ("003",)),
    (None, "ASSAULT", ("Iraqi",), (), ("003",)),
    (None, "COERCE", ("Islamic Revolutionary Guard Corps",), (), ("003", "004")),
    (None, "COERCE", (), (), ("003", "004")),
    (None, "PROTEST", (), (), ("003", "004")),
]


def test_corpus_default_view_shows_at_most_40_events(corpus, shared_corpus: Path, settings: Settings) -> None:
    """Issue 12: the default timeline shows at most 40 events, the five core ones among them (but the vote, see
    DEFAULT_VIEW), and says how many more there are; this is the hand-checked list of what it shows."""
    from rashomon.events import shown_events

    documents, _, events = corpus
    names = _NAMES[shared_corpus]
    articles = {d.id: Path(d.path).name[:3] for d in documents}
    shown = shown_events(events, min_confidence=settings.events.min_confidence)
    assert len(shown.events) <= 40 and shown.hidden == len(events) - len(shown.events) > 0
    view = [(e.date, e.type, tuple(sorted(names.get(a, a) for a in e.actor_ids)),
             tuple(sorted(names.get(t, t) for t in e.target_ids)), tuple(sorted(articles[d] for d in e.doc_ids)))
            for e in shown.events]
    assert view == DEFAULT_VIEW

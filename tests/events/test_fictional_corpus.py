"""A held-out fictional corpus (tests/fixtures/events_corpus/), analysed end to end against its answer key.

Seven invented articles (a state wire, its republished copy, an opposition daily, an NGO statement, a
government press release, a foreign op-ed and an undated blog) report one chain of events in the invented
Republic of Morvask, March 2025. The answer key, gold.json, names eight real events (date, PLOVER type,
and for each reporting article a phrase and the trigger word in it) and distractors that must stay out
of them: negated, threatened and hypothetical events, figurative event words, events of 2009, and a
second bombing on another day in another city. Nothing in rashomon was tuned on this corpus.

Known failures are marked xfail(strict=True) with what goes wrong; do not edit the articles or the key
to make a case pass. The summary score (pairwise precision/recall of the clustering of the gold and
distractor mentions) is printed by `pytest tests/events/test_fictional_corpus.py -k summary -s`.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from rashomon.model import Document, Event, EventMention
from rashomon.pipeline import analyze
from rashomon.store import Store

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "events_corpus"
GOLD: dict[str, Any] = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
EVENTS: dict[str, dict[str, Any]] = {event["id"]: event for event in GOLD["events"]}
DISTRACTORS: list[dict[str, str]] = GOLD["distractors"]

# Known failures: test id -> what goes wrong (diagnosed from the extracted event mentions).
XFAIL: dict[str, str] = {
    # gold mentions not extracted, or not factual
    "ustrenka_bombing-commentary.jsonl#1": "the noun 'bomb' standing for the attack ('to blame for the bomb at the "
    "Ustrenka freight yard') is no trigger: the lexicon has 'bomb' only as a verb",
    "army_deployment-interior_ministry.txt": "'Army units deployed to the mining towns on 11 March will remain there': "
    "the participle 'deployed' takes the main verb's future mode, so it is not factual, and '11 March' is resolved "
    "forward to 2026-03-11",
    # gold events split
    "one-ustrenka_bombing": "the blog's 'a bomb exploded at the North freight yard in Ustrenka' (undated blog: "
    "'6 March' has no year; place read as 'North') joins the bus-station bombing through the lemma 'explode' and "
    "agent 'bomb' it shares with Narodna Iskra's bus-station sentence",
    # dates
    "date-minister_accuses_union": "no date reaches the accusation: the wire's sentence has no time expression "
    "('early on Friday' is two sentences before), and in 'the accusation he made last Friday, when he accused ...' "
    "the resolved 'last Friday' (2025-03-07) attaches to neither 'accusation' nor 'accused'",
    # independent sources
    "sources-ustrenka_bombing": "the op-ed and the blog are missing (see one-ustrenka_bombing)",
    "sources-bus_station_bombing": "the bus-station event also holds the Ustrenka bombing's undated consequence "
    "verbs in the wire and its copy ('killing at least 12', '12 people had been killed and 31 wounded', same lemmas "
    "as the Iskra's 'killing three people and wounding more than 20'), so 7 articles report it instead of 5",
    "sources-army_deployment": "the press release's 'deployed' is not factual (see "
    "army_deployment-interior_ministry.txt): 2 sources instead of 3",
    "sources-saburov_release": "the NGO's demand 'calls on the authorities ... to release Ilia Saburov' (12 March) "
    "is a factual RETREAT mention and joins the release of 14 March: 4 sources instead of 3",
    # gold events fused
    "apart-bus_station_bombing": "holds the blog's Ustrenka 'exploded' (see one-ustrenka_bombing); it also takes the "
    "Iskra's 'four days after the attack on the North freight yard' by the same-sentence rule",
    # distractors
}


@dataclass(frozen=True, slots=True)
class Analysis:
    documents: dict[str, Document]  # by gold key: file name, or file#line for a jsonl record
    mentions: list[EventMention]
    events: list[Event]


def _key(path: str) -> str:
    name, _, line = path.partition("#")
    return f"{Path(name).name}#{line}" if line else Path(name).name


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, settings) -> Analysis:
    db = tmp_path_factory.mktemp("events_corpus") / "store.duckdb"
    with Store(db) as store:
        result = analyze([CORPUS], store=store, settings=settings)
        assert not result.skipped, result.skipped
    with Store(db, read_only=True) as store:
        return Analysis({_key(d.path): d for d in store.documents()}, store.event_mentions(), store.events())


def _marked(case_id: str, *values: Any) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=XFAIL[case_id])] if case_id in XFAIL else []
    return pytest.param(*values, id=case_id, marks=marks)


def _phrase(doc: Document, phrase: str) -> re.Match[str]:
    found = re.search(r"\s+".join(re.escape(word) for word in phrase.split()), doc.text)
    assert found, f"{doc.path}: {phrase!r} is not in the cleaned text"
    return found


def _in_phrase(run: Analysis, key: str, phrase: str) -> list[EventMention]:
    """Every event mention whose trigger lies inside the phrase."""
    doc = run.documents[key]
    found = _phrase(doc, phrase)
    return [m for m in run.mentions
            if m.doc_id == doc.id and found.start() <= m.trigger.start and m.trigger.end <= found.end()]


def _find(run: Analysis, key: str, phrase: str, word: str) -> EventMention | None:
    """The event mention whose trigger covers `word` in `phrase`, or None."""
    doc = run.documents[key]
    found = _phrase(doc, phrase)
    words = re.search(rf"\b{re.escape(word)}\b", found.group())
    assert words, f"{word!r} is not a word of {phrase!r}"
    start, end = found.start() + words.start(), found.start() + words.end()
    covering = [m for m in run.mentions if m.doc_id == doc.id and m.trigger.start < end and start < m.trigger.end]
    return covering[0] if covering else None


def _describe(mention: EventMention) -> str:
    return (f"{mention.text!r} {mention.type} lemma={mention.lemma} date={mention.date}/{mention.date_precision} "
            f"actor={mention.actor_text!r} target={mention.target_text!r} aux={mention.aux_modes} "
            f"negated={mention.negated}")


def _event_of(run: Analysis, mention: EventMention | None) -> Event | None:
    if mention is None:
        return None
    return next((event for event in run.events if mention.id in event.mention_ids), None)


def _gold_mentions(run: Analysis, event_id: str) -> dict[str, EventMention | None]:
    return {key: _find(run, key, phrase, word) for key, (phrase, word) in EVENTS[event_id]["mentions"].items()}


def _main_event(run: Analysis, event_id: str) -> Event:
    """The event that holds most of the gold event's mentions (the first such, in article order)."""
    held = [event for mention in _gold_mentions(run, event_id).values() if (event := _event_of(run, mention))]
    assert held, f"{event_id}: none of its gold mentions is in an event"
    return max(held, key=lambda event: sum(e.id == event.id for e in held))


# -- the documents' publication dates (relative dates are resolved against them) --------------------

@pytest.mark.parametrize("key", [_marked(f"published-{key}", key) for key in GOLD["documents"]])
def test_fictional_corpus_document_is_dated(run: Analysis, key: str) -> None:
    doc = run.documents[key]
    assert (doc.published.value if doc.published else None) == GOLD["documents"][key]["published"]


# -- per gold mention: extracted, factual, fused into an event -------------------------------------

MENTION_CASES = [_marked(f"{event_id}-{key}", event_id, key)
                 for event_id, event in EVENTS.items() for key in event["mentions"]]


@pytest.mark.parametrize(("event_id", "key"), MENTION_CASES)
def test_fictional_corpus_gold_mention_is_in_an_event(run: Analysis, event_id: str, key: str) -> None:
    phrase, word = EVENTS[event_id]["mentions"][key]
    mention = _find(run, key, phrase, word)
    assert mention is not None, f"{key}: no event mention for {word!r} in {phrase!r}"
    assert _event_of(run, mention) is not None, f"{key}: in no event: {_describe(mention)}"


# -- per gold event: one event, its date, its type, its independent sources --------------------------

def _event_cases(check: str) -> list[Any]:
    return [_marked(f"{check}-{event_id}", event_id) for event_id in EVENTS]


@pytest.mark.parametrize("event_id", _event_cases("one"))
def test_fictional_corpus_gold_event_is_one_event(run: Analysis, event_id: str) -> None:
    found = {key: _event_of(run, mention) for key, mention in _gold_mentions(run, event_id).items()}
    ids = {event.id for event in found.values() if event is not None}
    assert len(ids) == 1, f"{event_id}: split into {len(ids)} events: " + ", ".join(
        f"{key} -> {event.id if event else None} ({event.date if event else ''})" for key, event in found.items())


@pytest.mark.parametrize("event_id", _event_cases("date"))
def test_fictional_corpus_gold_event_date(run: Analysis, event_id: str) -> None:
    event = _main_event(run, event_id)
    assert (event.date, event.date_precision) == (EVENTS[event_id]["date"], "day"), \
        f"{event_id}: dated {event.date} ({event.date_precision}); all dates {event.dates}"


@pytest.mark.parametrize("event_id", _event_cases("type"))
def test_fictional_corpus_gold_event_type(run: Analysis, event_id: str) -> None:
    assert _main_event(run, event_id).type == EVENTS[event_id]["type"]


@pytest.mark.parametrize("event_id", _event_cases("sources"))
def test_fictional_corpus_gold_event_independent_sources(run: Analysis, event_id: str) -> None:
    """The event's articles are the gold reporters, and the republished wire copy counts once."""
    assert _sources(run, _main_event(run, event_id)) == _gold_sources(event_id)


def _sources(run: Analysis, event: Event) -> tuple[list[str], int]:
    return sorted(_key(d.path) for d in run.documents.values() if d.id in event.doc_ids), event.independent_sources


def _gold_sources(event_id: str) -> tuple[list[str], int]:
    return sorted(EVENTS[event_id]["mentions"]), EVENTS[event_id]["independent_sources"]


@pytest.mark.parametrize("event_id", _event_cases("apart"))
def test_fictional_corpus_gold_event_holds_no_other_gold_event(run: Analysis, event_id: str) -> None:
    event = _main_event(run, event_id)
    others = [other for other in EVENTS if other != event_id
              and any(_event_of(run, m) == event for m in _gold_mentions(run, other).values())]
    assert not others, f"{event_id} is fused with {others}"


# -- distractors ------------------------------------------------------------------------------------

DISTRACTOR_CASES = [_marked(f"{d['kind']}-{d['file']}-{d['word']}", d) for d in DISTRACTORS]


@pytest.mark.parametrize("distractor", DISTRACTOR_CASES)
def test_fictional_corpus_distractor_stays_out(run: Analysis, distractor: dict[str, str]) -> None:
    """"no_event": no mention in the phrase is in any event (negated, hypothetical, threatened);
    "not_in_gold": none is in an event that holds a gold mention (figurative, historical, requested)."""
    inside = _in_phrase(run, distractor["file"], distractor["phrase"])
    gold_events = {event.id for event_id in EVENTS for m in _gold_mentions(run, event_id).values()
                   if (event := _event_of(run, m))}
    for mention in inside:
        event = _event_of(run, mention)
        if distractor["check"] == "no_event":
            assert event is None, f"{distractor['why']}; yet an event: {_describe(mention)}"
        else:
            assert event is None or event.id not in gold_events, \
                f"{distractor['why']}; yet fused into a gold event: {_describe(mention)}"


# -- summary score ----------------------------------------------------------------------------------

def _score(run: Analysis) -> dict[str, float | int]:
    """Pairwise precision and recall of how the system clusters the gold and the distractor mentions.

    Items: every gold mention, and every event mention inside a distractor's phrase. Gold pairs: two
    gold mentions of one gold event (each distractor mention is alone). System pairs: two items in one
    event. A gold mention that was not extracted, or is in no event, pairs with nothing.
    """
    gold: list[str] = []  # per item: its gold event, or a name of its own for a distractor mention
    system: list[str | None] = []  # per item: its event id, or None
    for event_id in EVENTS:
        for mention in _gold_mentions(run, event_id).values():
            event = _event_of(run, mention)
            gold.append(event_id)
            system.append(event.id if event else None)
    for index, distractor in enumerate(DISTRACTORS):
        for mention in _in_phrase(run, distractor["file"], distractor["phrase"]):
            event = _event_of(run, mention)
            gold.append(f"distractor {index} {mention.id}")
            system.append(event.id if event else None)
    pairs = list(itertools.combinations(range(len(gold)), 2))
    gold_pairs = {(a, b) for a, b in pairs if gold[a] == gold[b]}
    system_pairs = {(a, b) for a, b in pairs if system[a] is not None and system[a] == system[b]}
    right = len(gold_pairs & system_pairs)
    precision = right / len(system_pairs) if system_pairs else 0.0
    recall = right / len(gold_pairs) if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    gold_mentions = [m for event_id in EVENTS for m in _gold_mentions(run, event_id).values()]
    main = {event_id: _main_event(run, event_id) for event_id in EVENTS
            if any(_event_of(run, m) for m in _gold_mentions(run, event_id).values())}
    return {
        "gold_mentions": len(gold_mentions),
        "extracted": sum(m is not None for m in gold_mentions),
        "in_an_event": sum(_event_of(run, m) is not None for m in gold_mentions),
        "gold_pairs": len(gold_pairs), "system_pairs": len(system_pairs), "right_pairs": right,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "gold_events": len(EVENTS),
        "dated_right": sum((e.date, e.date_precision) == (EVENTS[i]["date"], "day") for i, e in main.items()),
        "typed_right": sum(e.type == EVENTS[i]["type"] for i, e in main.items()),
        "sources_right": sum(_sources(run, e) == _gold_sources(i) for i, e in main.items()),
    }


def test_fictional_corpus_summary(run: Analysis) -> None:
    """Print the summary score (run with -s); docs/evaluation.md quotes it."""
    result = _score(run)
    print("\nheld-out fictional corpus:", json.dumps(result))
    assert result["gold_mentions"] == sum(len(event["mentions"]) for event in EVENTS.values())
    assert 0.0 <= result["precision"] <= 1.0 and 0.0 <= result["recall"] <= 1.0

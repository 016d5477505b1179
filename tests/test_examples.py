"""The bundled fictional corpus, analysed end to end, against its answer key (examples/expected.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rashomon.model import Corpus
from rashomon.pipeline import analyze
from rashomon.settings import Settings
from rashomon.store import Store

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Corpus:
    db = tmp_path_factory.mktemp("examples") / "store.duckdb"
    with Store(db) as store:
        result = analyze([EXAMPLES / "zahrestan"], store=store, settings=settings)
        assert not result.skipped, result.skipped
        return store.load()


def _key(path: str) -> str:
    name = Path(path.split("#")[0]).name
    return f"{name}#{path.split('#')[1]}" if "#" in path else name


@pytest.mark.parametrize("name", sorted(EXPECTED["documents"]))
def test_examples_document_metadata(corpus: Corpus, name: str) -> None:
    expected = EXPECTED["documents"][name]
    doc = next(d for d in corpus.documents if _key(d.path) == name)
    assert (doc.author.value if doc.author else None) == expected["author"]
    assert (doc.published.value if doc.published else None) == expected["published"]
    assert (doc.title.value if doc.title else None) == expected["title"]


def _entity_ids(corpus: Corpus, surface: str) -> set[str]:
    mentions = {m.id: m for m in corpus.mentions}
    return {e.id for e in corpus.entities
            if any(mentions[mid].text == surface for mid in e.mention_ids if mid in mentions)}


@pytest.mark.parametrize("names", EXPECTED["same_entity"], ids=lambda names: names[0])
def test_examples_same_entity(corpus: Corpus, names: list[str]) -> None:
    found = {name: _entity_ids(corpus, name) for name in names}
    assert all(found.values()), f"never found as a mention: {[n for n, ids in found.items() if not ids]}"
    assert len(set().union(*found.values())) == 1, found


@pytest.mark.parametrize("names", EXPECTED["different_entities"], ids=lambda names: " vs ".join(names))
def test_examples_different_entities(corpus: Corpus, names: list[str]) -> None:
    first, second = (_entity_ids(corpus, name) for name in names)
    assert first and second
    assert not first & second


def test_examples_every_document_says_fictional(corpus: Corpus) -> None:
    for doc in corpus.documents:
        assert "fictional" in doc.text.lower(), doc.path


_EVENT_XFAIL = {
    "government announces the end of fuel subsidies": "a policy announcement ('announced the end of the subsidies "
    "on New Year's Eve') is no PLOVER event word in the lexicon; only the Observer's 'promised reform' is found",
    "arrest of teachers' union official Abdul Hamza Faris": "only the OJD statement says he was arrested; the others "
    "name him after the fact ('Hundreds have been detained, among them Faris', 'Among those still held is Faris'), "
    "which takes discourse reading rashomon does not do",
}


@pytest.mark.parametrize("expected", [
    pytest.param(e, id=e["about"], marks=pytest.mark.xfail(strict=True, reason=_EVENT_XFAIL[e["about"]]))
    if e["about"] in _EVENT_XFAIL else pytest.param(e, id=e["about"]) for e in EXPECTED["events"]])
def test_examples_event_is_one_event_with_its_sources(corpus: Corpus, expected: dict[str, Any]) -> None:
    """The answer key's events: one event on the key's day reported by every article the key lists."""
    keys = {doc.id: _key(doc.path) for doc in corpus.documents}
    on_the_day = [event for event in corpus.events if event.date == expected["date"]]
    assert on_the_day, f"no event on {expected['date']}"
    best = max(on_the_day, key=lambda event: len(set(expected["docs"]) & {keys[d] for d in event.doc_ids}))
    assert set(expected["docs"]) <= {keys[d] for d in best.doc_ids}, sorted(keys[d] for d in best.doc_ids)
    assert best.date_precision == "day"

"""The DuckDB store: round trips, replacement of changed files, migrations, errors, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bundles import bundle as _bundle
from rashomon.errors import StoreError
from rashomon.model import (
    Claim,
    ClaimGroup,
    Document,
    DroppedName,
    Entity,
    Event,
    EventFigure,
    EventMention,
    FrameTerm,
    Framing,
    Mention,
    Meta,
    MetaSource,
    Place,
    Quote,
    Span,
    Stance,
    StanceEvidence,
    TimeExpression,
    TypeCue,
    VocabularyTerm,
)
from rashomon.store import MIGRATIONS, SCHEMA_VERSION, TABLES, Migration, Store
from rashomon.store import migrations as store_migrations
from rashomon.store import readers as store_readers
from rashomon.store import rows as store_rows

STAGES = {"entities.mentions": "v1", "claims.extract": "v1"}


def _mention(doc: Document, word: str, type_: str = "PERSON", *, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    span = doc.span(start, start + len(word))
    return Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=word, type=type_,  # type: ignore[arg-type]
                   sentence=doc.span(0, len(doc.text)), label=type_)


def _claim(doc: Document, number: str, value: float) -> Claim:
    start = doc.text.index(number)
    span = doc.span(start, start + len(number))
    return Claim(id=f"{doc.id}:{span.start}-{span.end}", doc_id=doc.id, span=span, text=number,
                 sentence=doc.span(0, len(doc.text)), value=value, low=value, high=value, measure="injured",
                 counted="walker")


def _article(path: str, text: str, outlet: str | None = None) -> tuple[Document, list[Mention], list[Claim]]:
    doc = Document.create(path=path, text=text, format="txt", title=Meta(text[:10], "text", Span(0, 10)),
                          outlet=Meta(outlet, "html") if outlet else None)
    mentions = [_mention(doc, "Mara Quill"), _mention(doc, "Fenwick", "PLACE")]
    claims = [_claim(doc, "12", 12.0)] if "12" in text else []
    return doc, mentions, claims


@pytest.fixture()
def articles() -> list[tuple[Document, list[Mention], list[Claim]]]:
    return [
        _article("a.txt", "Mara Quill said 12 walkers were hurt near Fenwick on Sunday.", "The Ledger"),
        _article("b.txt", "In Fenwick, Mara Quill counted 12 injured walkers after the storm."),
        _article("c.txt", "Mara Quill left Fenwick quietly before the storm arrived."),
    ]


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "rashomon.duckdb"


# -- round trips ---------------------------------------------------------------------------------------

_text = st.text(max_size=60)  # hypothesis leaves out lone surrogates, which no decoded file can hold
_sources: st.SearchStrategy[MetaSource] = st.sampled_from(["text", "html", "jsonl", "pdf"])
_floats = st.none() | st.floats(allow_nan=False)


@dataclass
class _Records:
    """Everything `add_document` takes for one document."""

    doc: Document
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    evidence: list[StanceEvidence] = field(default_factory=list)
    term_counts: dict[str, int] | None = None
    dropped: list[DroppedName] = field(default_factory=list)


_cues = st.builds(TypeCue, vote=st.sampled_from(["PERSON", "ORG", "PLACE", "GROUP", "NONE"]),
                  weight=st.floats(allow_nan=False, allow_infinity=False), reason=st.text(max_size=60),
                  form=st.booleans())
_places = st.builds(Place, name=_text, country=st.none() | _text, latitude=_floats, longitude=_floats,
                    geonameid=st.none() | st.integers(-2**63, 2**63 - 1))
_strings = st.lists(_text, max_size=3).map(tuple)


@st.composite
def _records(draw: st.DrawFn) -> _Records:
    text = draw(st.text(min_size=1, max_size=200))
    n = len(text)

    def span() -> Span:
        start = draw(st.integers(0, n))
        return Span(start, draw(st.integers(start, n)))

    def meta() -> Meta | None:
        if not draw(st.booleans()):
            return None
        return Meta(draw(_text), draw(_sources), span() if draw(st.booleans()) else None)

    def evidence() -> StanceEvidence:
        cues = draw(st.lists(st.tuples(_text, st.just(0)), max_size=3))
        return StanceEvidence(doc_id=doc.id, mention_id=draw(_text), target=draw(_text), target_span=span(),
                              sentence=span(), score=draw(st.floats(allow_nan=False)),
                              cue_words=tuple(word for word, _ in cues), cue_spans=tuple(span() for _ in cues),
                              reported_by=draw(st.none() | _text))

    def count(maximum: int) -> int:  # up to 8 rows are stored as VALUES, more as JSON
        return draw(st.integers(0, maximum))

    doc = Document.create(path=draw(_text), text=text,
                          format=draw(st.sampled_from(["txt", "md", "html", "pdf", "jsonl"])),
                          title=meta(), author=meta(), outlet=meta(), published=meta(), url=draw(st.none() | _text))
    records = _Records(doc)
    for _ in range(count(12)):
        where = span()
        records.mentions.append(Mention(
            id=Mention.make_id(doc.id, where), doc_id=doc.id, span=where, text=doc.slice(where),
            type=draw(st.sampled_from(["PERSON", "ORG", "PLACE", "GROUP"])), sentence=span(),
            title=draw(st.none() | _text), chain=draw(_text), expansion=draw(st.none() | _text), label=draw(_text),
            evidence=tuple(draw(st.lists(_cues, max_size=3)))))
    for _ in range(count(5)):
        where = span()
        if any(d.span == where for d in records.dropped):
            continue  # one form per span: the stage never drops two at the same place (ids are spans)
        records.dropped.append(DroppedName(
            id=Mention.make_id(doc.id, where), doc_id=doc.id, span=where, text=doc.slice(where), sentence=span(),
            label=draw(_text), reason=draw(_text), evidence=tuple(draw(st.lists(_cues, max_size=3)))))
    for _ in range(count(10)):
        where = span()
        records.claims.append(Claim(
            id=f"{doc.id}:{where.start}-{where.end}:{len(records.claims)}", doc_id=doc.id, span=where,
            text=doc.slice(where), sentence=span(), value=draw(_floats), low=draw(_floats), high=draw(_floats),
            unit=draw(_text), measure=draw(_text), counted=draw(_text), place=draw(_text), period=draw(_text),
            attributed_to=draw(_text), qualifier=draw(_text), entity_ids=tuple(draw(st.lists(_text, max_size=3))),
            event_id=draw(st.none() | _text)))
    for _ in range(count(10)):
        where = span()
        records.times.append(TimeExpression(
            doc_id=doc.id, span=where, text=doc.slice(where), value=draw(st.none() | _text),
            granularity=draw(st.sampled_from(["day", "month", "range", "unknown"])),
            kind=draw(st.sampled_from(["date", "time", "duration", "set"])), range_start=draw(st.none() | _text),
            range_end=draw(st.none() | _text), anchored=draw(st.booleans())))
    for _ in range(count(10)):
        where = span()
        records.event_mentions.append(EventMention(
            id=f"{doc.id}:{where.start}-{where.end}:{len(records.event_mentions)}", doc_id=doc.id, trigger=where,
            text=doc.slice(where), lemma=draw(_text), sentence=span(), type=draw(st.sampled_from(["ASSAULT", "OTHER"])),
            mode=draw(_text), aux_modes=draw(_strings), negated=draw(st.booleans()), actor_ids=draw(_strings),
            target_ids=draw(_strings), place_ids=draw(_strings), actor_text=draw(_text), target_text=draw(_text),
            places=tuple(draw(st.lists(_places, max_size=2))), time_span=span() if draw(st.booleans()) else None,
            date=draw(st.none() | _text), date_precision=draw(st.sampled_from(["day", "year", "unknown"])),
            reported_by=draw(_text)))
    for _ in range(count(10)):
        where = span()
        records.quotes.append(Quote(
            id=f"{doc.id}:{where.start}-{where.end}:{len(records.quotes)}", doc_id=doc.id, span=where,
            text=doc.slice(where), sentence=span(), speaker=draw(_text), speaker_mention_id=draw(st.none() | _text),
            kind=draw(st.sampled_from(["direct", "reported"])), cue=draw(_text)))
    records.evidence = [evidence() for _ in range(count(10))]
    records.term_counts = draw(st.none() | st.dictionaries(_text, st.integers(0, 2**31 - 1), max_size=12))
    return records


def _add(store: Store, records: _Records, stages: dict[str, str] = STAGES) -> None:
    store.add_document(_bundle(records.doc, records.mentions, records.claims, times=records.times,
                               event_mentions=records.event_mentions, quotes=records.quotes,
                               stance_evidence=records.evidence, term_counts=records.term_counts,
                               dropped_names=records.dropped), stages=stages)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store file for every hypothesis example (a new file each would spend the time creating tables)."""
    with Store(tmp_path_factory.mktemp("hypothesis") / "s.duckdb") as store:
        yield store


def _empty(store: Store) -> None:
    with store._transaction("emptying the store") as con:
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=_records())
def test_store_round_trip_is_identity(shared_store: Store, records: _Records) -> None:
    _empty(shared_store)
    _add(shared_store, records)
    doc = records.doc
    assert shared_store.documents() == [doc]
    key = lambda r: (r.span.start, r.span.end, r.id)  # noqa: E731
    assert shared_store.mentions() == sorted(records.mentions, key=key)
    assert list(shared_store.read("dropped_names")) == sorted(records.dropped, key=key)
    assert shared_store.claims() == sorted(records.claims, key=key)
    assert shared_store.times() == records.times  # per-document records come back in the order given
    assert shared_store.event_mentions() == records.event_mentions
    assert shared_store.quotes() == records.quotes
    assert shared_store.stance_evidence() == records.evidence
    assert shared_store.term_counts() == ({doc.id: Counter(records.term_counts)} if records.term_counts else {})
    assert shared_store.stage_versions(doc.id) == STAGES


_evidence = st.builds(StanceEvidence, doc_id=_text, mention_id=_text, target=_text,
                      target_span=st.builds(Span, st.integers(0, 50), st.integers(50, 99)),
                      sentence=st.builds(Span, st.integers(0, 5), st.integers(5, 9)),
                      score=st.floats(allow_nan=False), cue_words=_strings,
                      cue_spans=st.lists(st.builds(Span, st.integers(0, 3), st.integers(3, 7)), max_size=3).map(tuple),
                      reported_by=st.none() | _text)
_frame_terms = st.builds(FrameTerm, doc_id=_text, span=st.builds(Span, st.integers(0, 5), st.integers(5, 9)),
                         text=_text, lemma=_text, sentence=st.builds(Span, st.just(0), st.integers(9, 20)),
                         category=_text, frame=_text, valence=st.floats(allow_nan=False), quoted=st.booleans())
_events = st.builds(Event, id=_text, type=st.sampled_from(["ASSAULT", "PROTEST", "OTHER"]), mode=_text,
                    date=st.none() | _text, date_precision=st.sampled_from(["day", "month", "unknown"]),
                    date_conflict=st.booleans(), dates=_strings, actor_ids=_strings, target_ids=_strings,
                    places=st.lists(_places, max_size=3).map(tuple), mention_ids=_strings, doc_ids=_strings,
                    independent_sources=st.integers(0, 2**31 - 1),
                    place_conflict=st.lists(st.tuples(_text, _strings), max_size=3).map(tuple),
                    reports=st.lists(_strings, max_size=3).map(tuple))
_figures = st.builds(EventFigure, event_id=_text, label=_text, verdict=st.sampled_from(["agree", "differ", "single"]),
                     group_id=st.none() | _text, claim_ids=_strings)
_stances = st.builds(Stance, source=_text, entity_id=_text, label=st.sampled_from(["favourable", "neutral"]),
                     score=st.floats(allow_nan=False), mentions=st.integers(0, 2**31 - 1),
                     evidence=st.lists(_evidence, max_size=3).map(tuple),
                     reported=st.lists(_evidence, max_size=2).map(tuple))
_terms = st.builds(VocabularyTerm, source=_text, term=_text, z=st.floats(allow_nan=False),
                   count=st.integers(0, 2**31 - 1), delta=st.floats(allow_nan=False))
_framings = st.builds(Framing, source=_text, event_id=_text, terms=st.lists(_frame_terms, max_size=3).map(tuple))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=st.lists(_events, max_size=10, unique_by=lambda e: e.id), stances=st.lists(_stances, max_size=10),
       vocabulary=st.lists(_terms, max_size=10), framings=st.lists(_framings, max_size=10),
       figures=st.lists(_figures, max_size=10))
def test_store_round_trip_corpus_records_is_identity(shared_store: Store, events: list[Event], stances: list[Stance],
                                                     vocabulary: list[VocabularyTerm], framings: list[Framing],
                                                     figures: list[EventFigure]) -> None:
    _empty(shared_store)
    shared_store.replace_corpus_records({"events": events, "event_figures": figures})
    shared_store.replace_corpus_records({"stances": stances, "vocabulary": vocabulary, "framings": framings})
    assert shared_store.events() == events
    assert shared_store.stances() == stances
    assert shared_store.vocabulary() == vocabulary
    assert shared_store.framings() == framings
    assert list(shared_store.read("event_figures")) == figures


def test_store_round_trip_through_the_file(db: Path) -> None:
    text = "Zoë\x00 said \u2028'quoted' \"12\" 👋 🇳🇿\n\nend"
    doc = Document.create(path="odd/päth's.txt", text=text, format="md", title=Meta("", "text", Span(0, 0)),
                          author=Meta("Zoë", "pdf"), url="")
    mentions = [Mention(id=Mention.make_id(doc.id, Span(0, 4)), doc_id=doc.id, span=Span(0, 4), text=text[:4],
                        type="PERSON", sentence=Span(0, len(text)), title="", chain="", expansion=None, label="")]
    claims = [Claim(id=f"{doc.id}:x", doc_id=doc.id, span=Span(1, 2), text=text[1:2], sentence=Span(0, 0),
                    value=float("inf"), low=-0.0, high=1e-300, entity_ids=("", "e'1"), event_id="")]
    with Store(db) as store:
        store.add_document(_bundle(doc, mentions, claims), stages={})
    with Store(db, read_only=True) as store:
        assert store.load().documents == (doc,)
        assert store.mentions() == mentions
        assert store.claims() == claims
        assert store.stage_versions(doc.id) == {}


@pytest.mark.parametrize("count", [1, 30])  # 30 rows go through the JSON path, 1 through VALUES
def test_store_round_trip_entities_and_groups(db: Path, count: int) -> None:
    doc, _, _ = _article("a.txt", "Mara Quill met Fenwick. " * count + "It's 12 o'clock.")
    mentions = [_mention(doc, "Mara Quill", nth=i) for i in range(count)]
    claims = [_claim(doc, "12", 12.0)]
    entities = [Entity(id=f"e{i}", name=f"Quill {i} ‘☃’", type="PERSON", aliases=(f"Quill {i}", "", "Q\x00"),
                       mention_ids=(mentions[i].id,)) for i in range(count)]
    entities.append(Entity(id="e-empty", name="", type="GROUP", aliases=(), mention_ids=()))
    groups = [ClaimGroup(id="g1", label="walkers injured", verdict="single", claim_ids=(claims[0].id,))]
    with Store(db) as store:
        store.add_document(_bundle(doc, mentions, claims), stages=STAGES)
        store.replace_corpus_records({"entities": entities})
        store.replace_corpus_records({"claim_groups": groups})
    with Store(db, read_only=True) as store:
        corpus = store.load()
    assert corpus.entities == tuple(entities)
    assert corpus.claim_groups == tuple(groups)
    assert corpus.mentions == tuple(mentions)


# -- writing -------------------------------------------------------------------------------------------


def test_store_add_document_stores_everything(db: Path, articles) -> None:
    with Store(db) as store:
        for doc, mentions, claims in articles:
            store.add_document(_bundle(doc, mentions, claims), stages=STAGES)
        stats = store.stats()
        assert [d.path for d in store.documents()] == ["a.txt", "b.txt", "c.txt"]
        assert store.has_document(articles[1][0].id)
        assert not store.has_document("d0000000000000000")
        assert store.document_id_for_path("b.txt") == articles[1][0].id
        assert store.document_id_for_path("nowhere.txt") is None
    assert stats["documents"] == 3
    assert stats["mentions"] == 6
    assert stats["claims"] == 2
    assert stats["document_stages"] == 6
    assert stats["entities"] == 0


def test_store_add_document_again_is_a_noop(db: Path, articles) -> None:
    doc, mentions, claims = articles[0]
    with Store(db) as store:
        store.add_document(_bundle(doc, mentions, claims), stages=STAGES)
        before = store.stats()
        store.add_document(_bundle(doc, mentions, claims), stages={"entities.mentions": "v2"})
        assert store.stats() == before
        assert store.stage_versions(doc.id) == STAGES


def test_store_add_document_replaces_changed_file(db: Path, articles) -> None:
    old, old_mentions, old_claims = articles[0]
    new, new_mentions, new_claims = _article("a.txt", "Mara Quill now says 12 walkers, not 11, were hurt in Fenwick.")
    with Store(db) as store:
        store.add_document(_bundle(old, old_mentions, old_claims), stages=STAGES)
        store.add_document(_bundle(*articles[1]), stages=STAGES)
        store.replace_corpus_records({"entities": [Entity("e1", "Mara Quill", "PERSON", ("Mara Quill",),
                                       (old_mentions[0].id, articles[1][1][0].id))]})
        store.replace_corpus_records({"claim_groups": [ClaimGroup("g1", "walkers injured", "agree",
                                               (old_claims[0].id, articles[1][2][0].id))]})
        store.add_document(_bundle(new, new_mentions, new_claims), stages=STAGES)
        assert not store.has_document(old.id)
        assert store.document_id_for_path("a.txt") == new.id
        assert {m.doc_id for m in store.mentions()} == {new.id, articles[1][0].id}
        assert {c.doc_id for c in store.claims()} == {new.id, articles[1][0].id}
        assert store.entities()[0].mention_ids == (articles[1][1][0].id,)
        assert store.claim_groups()[0].claim_ids == (articles[1][2][0].id,)
        assert store.stats()["document_stages"] == 2 * len(STAGES)


def test_store_copy_of_a_file_keeps_document_until_every_path_changes(db: Path, articles) -> None:
    doc, mentions, claims = articles[0]
    copy = Document.create(path="copy.txt", text=doc.text, format="txt")
    changed = Document.create(path="a.txt", text="Something else entirely about Mara Quill.", format="txt")
    with Store(db) as store:
        store.add_document(_bundle(doc, mentions, claims), stages=STAGES)
        store.add_document(_bundle(copy, mentions, claims), stages=STAGES)
        assert store.document_id_for_path("copy.txt") == doc.id
        assert store.stats()["documents"] == 1
        store.add_document(_bundle(changed, []), stages=STAGES)
        assert store.has_document(doc.id)
        assert {d.path: d.id for d in store.documents()} == {"copy.txt": doc.id, "a.txt": changed.id}
        assert len(store.mentions()) == 2


def test_store_add_document_refuses_records_of_another_document(db: Path, articles) -> None:
    with Store(db) as store, pytest.raises(StoreError, match="records of another document"):
        store.add_document(_bundle(articles[0][0], articles[1][1]), stages=STAGES)


def test_store_failed_add_document_leaves_nothing(db: Path, articles, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Store._insert_sql

    def broken(self: Store, table: str, columns, rows) -> str:
        return "INSERT INTO no_such_table VALUES (1)" if table == "claims" else original(self, table, columns, rows)

    with Store(db) as store:
        store.add_document(_bundle(*articles[1]), stages=STAGES)
        monkeypatch.setattr(Store, "_insert_sql", broken)
        with pytest.raises(StoreError, match="storing document"):
            store.add_document(_bundle(*articles[0]), stages=STAGES)
        monkeypatch.undo()
        assert not store.has_document(articles[0][0].id)
        assert store.stats()["mentions"] == 2
        store.add_document(_bundle(*articles[0]), stages=STAGES)  # the store still works
        assert store.stats()["documents"] == 2


def test_store_replace_entities_replaces_all(db: Path, articles) -> None:
    doc, mentions, claims = articles[0]
    first = [Entity("e1", "Mara Quill", "PERSON", ("Mara Quill",), (mentions[0].id,)),
             Entity("e2", "Fenwick", "PLACE", ("Fenwick",), (mentions[1].id,))]
    second = [Entity("e2", "Fenwick Town", "PLACE", ("Fenwick Town", "Fenwick"), (mentions[1].id,))]
    with Store(db) as store:
        store.add_document(_bundle(doc, mentions, claims), stages=STAGES)
        store.replace_corpus_records({"entities": first})
        store.replace_corpus_records({"entities": second})
        assert store.entities() == second
        assert store.stats()["entity_mentions"] == 1


def test_store_replace_claim_groups_refines_claims(db: Path, articles) -> None:
    from dataclasses import replace

    doc, mentions, claims = articles[0]
    refined = replace(claims[0], event_id="ev1", entity_ids=("e1",), place="Fenwick")
    group = ClaimGroup("g1", "walkers injured", "single", (claims[0].id,))
    with Store(db) as store:
        store.add_document(_bundle(doc, mentions, claims), stages=STAGES)
        store.replace_corpus_records({"claim_groups": [group], "claims": [refined]})
        assert store.claims() == [refined]
        assert store.claim_groups() == [group]
        stray = replace(refined, id=f"{doc.id}:0-1")
        with pytest.raises(StoreError, match="refined claims"):
            store.replace_corpus_records({"claim_groups": [], "claims": [stray]})
        assert store.claim_groups() == [group]  # rolled back


# -- migrations ----------------------------------------------------------------------------------------


def test_store_new_file_records_migrations(db: Path) -> None:
    with Store(db):
        pass
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert [row[0] for row in con.execute("SELECT id FROM migrations ORDER BY id").fetchall()] == \
            [m.number for m in MIGRATIONS]
    finally:
        con.close()


def test_store_older_schema_gets_missing_migrations(db: Path, articles, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db) as store:
        store.add_document(_bundle(*articles[0]), stages=STAGES)
    extra = Migration(SCHEMA_VERSION + 1, "notes", ("CREATE TABLE notes (doc_id VARCHAR, note VARCHAR)",))
    monkeypatch.setattr(store_migrations, "MIGRATIONS", (*MIGRATIONS, extra))
    monkeypatch.setattr(store_migrations, "SCHEMA_VERSION", extra.number)
    with pytest.raises(StoreError, match="older rashomon"):
        Store(db, read_only=True).open()
    with Store(db) as store:
        assert store.documents()[0].id == articles[0][0].id
        assert store._rows("SELECT count(*) FROM notes") == [(0,)]
        assert store._rows("SELECT max(id) FROM migrations") == [(extra.number,)]


@pytest.mark.parametrize("read_only", [False, True])
def test_store_newer_schema_asks_to_upgrade(db: Path, read_only: bool) -> None:
    with Store(db):
        pass
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO migrations (id, name) VALUES (?, 'from the future')", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match="upgrade rashomon"):
        Store(db, read_only=read_only).open()


# -- errors --------------------------------------------------------------------------------------------


def test_store_not_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="not a rashomon store") as caught:
        Store(path).open()
    assert str(path) in str(caught.value)
    assert "--db" in str(caught.value)


def test_store_other_duckdb_database(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE sales (amount INTEGER)")
    con.close()
    with pytest.raises(StoreError, match=r"not a rashomon store.*sales"):
        Store(db).open()


def test_store_read_only_missing_file(db: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        Store(db, read_only=True).open()
    assert not db.exists()


def test_store_read_only_refuses_writes(db: Path, articles) -> None:
    with Store(db):
        pass
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.add_document(_bundle(*articles[0]), stages=STAGES)


def test_store_not_open(db: Path) -> None:
    with pytest.raises(StoreError, match="not open"):
        Store(db).documents()


def test_store_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "s.duckdb").open()


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code)]


def test_store_locked_by_another_process(db: Path) -> None:
    with Store(db):
        pass
    holder = subprocess.Popen(_python(f"""
        import sys
        from rashomon.store import Store
        with Store({str(db)!r}):
            print("open", flush=True)
            sys.stdin.read()
        """), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another rashomon process"):
            Store(db).open()
    finally:
        holder.communicate("", timeout=30)


# -- crash safety --------------------------------------------------------------------------------------

_WRITER = """
    import os, signal
    from rashomon.model import Document, DocumentRecords, Mention, Span
    from rashomon.store import Store

    def die():
        os.kill(os.getpid(), signal.SIGKILL) if hasattr(signal, "SIGKILL") else os._exit(9)

    class DyingConnection:  # lets every statement of the last document run, then dies before COMMIT
        def __init__(self, con):
            self.con = con
        def __getattr__(self, name):
            return getattr(self.con, name)
        def commit(self):
            die()

    store = Store({db!r}).open()
    for i in range({count} + 1):
        text = f"Article {{i}} names Mara Quill and Fenwick twice: Mara Quill, Fenwick."
        doc = Document.create(path=f"{{i}}.txt", text=text, format="txt")
        mentions = [Mention(id=Mention.make_id(doc.id, Span(s, s + 4)), doc_id=doc.id, span=Span(s, s + 4),
                            text=text[s:s + 4], type="PERSON", sentence=Span(0, len(text))) for s in (0, 20, 30)]
        if i == {count}:
            store._con = DyingConnection(store._con)
        store.add_document(DocumentRecords(doc, tuple(mentions)), stages={{"test": "v1"}})
    """


@pytest.mark.parametrize("count", [0, 7])
def test_store_survives_a_kill_mid_run(db: Path, count: int) -> None:
    result = subprocess.run(_python(_WRITER.format(db=str(db), count=count)), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode in (-signal.SIGKILL if hasattr(signal, "SIGKILL") else 9, 9), result.stderr
    with Store(db, read_only=True) as store:
        stats = store.stats()
        paths = sorted(d.path for d in store.documents())
    assert stats["documents"] == count
    assert stats["mentions"] == 3 * count
    assert stats["document_paths"] == count
    assert stats["document_stages"] == count
    assert paths == sorted(f"{i}.txt" for i in range(count))
    assert os.path.exists(db)


# -- events, times, quotes and perspectives ----------------------------------------------------------------


def _rich(path: str, text: str) -> _Records:
    """An article with one of every per-document record, found by the words they rest on."""
    doc, mentions, claims = _article(path, text)

    def at(words: str) -> Span:
        start = text.index(words)
        return doc.span(start, start + len(words))

    whole = doc.span(0, len(text))
    trigger = at("hurt") if "hurt" in text else at("counted")
    event_mention = EventMention(id=f"{doc.id}:{trigger.start}-{trigger.end}", doc_id=doc.id, trigger=trigger,
                                 text=doc.slice(trigger), lemma="hurt", sentence=whole, type="ASSAULT",
                                 aux_modes=("historical",), actor_ids=(mentions[0].id,), place_ids=(mentions[1].id,),
                                 places=(Place("Fenwick", "GB", 51.5, -0.25, 123),), date="2021-03-01",
                                 date_precision="day")
    quote = Quote(id=f"{doc.id}:0-10", doc_id=doc.id, span=at("Mara Quill"), text="Mara Quill", sentence=whole,
                  speaker="Mara Quill", speaker_mention_id=mentions[0].id, kind="reported", cue="said")
    evidence = StanceEvidence(doc_id=doc.id, mention_id=mentions[0].id, target="Mara Quill",
                              target_span=mentions[0].span, sentence=whole, score=-0.5, cue_words=("hurt",),
                              cue_spans=(trigger,))
    return _Records(doc, mentions, claims, [TimeExpression(doc.id, at("Fenwick"), "Fenwick", None, "unknown", "date")],
                    [event_mention], [quote], [evidence], {"walker": 2, "storm": 1})


def test_store_add_document_replaces_changed_file_with_every_record(db: Path) -> None:
    old = _rich("a.txt", "Mara Quill said 12 walkers were hurt near Fenwick on Sunday.")
    other = _rich("b.txt", "In Fenwick, Mara Quill counted 12 injured walkers after the storm.")
    new = _rich("a.txt", "Mara Quill now says 12 walkers, not 11, were hurt in Fenwick.")
    old_mention, other_mention = old.event_mentions[0], other.event_mentions[0]
    shared = Event("ev1", "ASSAULT", "", "2021-03-01", "day", False, ("2021-03-01",), ("e1",), (), (),
                   (old_mention.id, other_mention.id), (old.doc.id, other.doc.id), 2)
    alone = replace(shared, id="ev2", mention_ids=(old_mention.id,), doc_ids=(old.doc.id,), independent_sources=1)
    stances = [Stance(r.doc.id, "e1", "unfavourable", -0.3, 1, tuple(r.evidence)) for r in (old, other)]
    terms = [VocabularyTerm(r.doc.id, "walker", 2.5, 2, 0.7) for r in (old, other)]
    framings = [Framing(r.doc.id, "ev1", ()) for r in (old, other)]
    with Store(db) as store:
        _add(store, old)
        _add(store, other)
        store.replace_corpus_records({"events": [shared, alone]})
        store.replace_corpus_records({"stances": stances, "vocabulary": terms, "framings": framings})
        _add(store, new)
        assert not store.has_document(old.doc.id)
        assert store.events() == [replace(shared, mention_ids=(other_mention.id,), doc_ids=(other.doc.id,))]
        assert store.stances() == stances[1:]
        assert store.vocabulary() == terms[1:]
        assert store.framings() == framings[1:]
        assert {m.doc_id for m in store.event_mentions()} == {other.doc.id, new.doc.id}
        for records in (store.times(), store.quotes(), store.stance_evidence()):
            assert {r.doc_id for r in records} == {other.doc.id, new.doc.id}
        assert set(store.term_counts()) == {other.doc.id, new.doc.id}
        corpus = store.load()
    assert [e.id for e in corpus.events] == ["ev1"]
    assert corpus.event_mentions == (new.event_mentions[0], other_mention)  # by path: a.txt, b.txt


@pytest.mark.parametrize("kind", ["times", "event_mentions", "quotes", "evidence"])
def test_store_add_document_refuses_new_records_of_another_document(db: Path, kind: str) -> None:
    mine = _rich("a.txt", "Mara Quill said 12 walkers were hurt near Fenwick on Sunday.")
    theirs = _rich("b.txt", "In Fenwick, Mara Quill counted 12 injured walkers after the storm.")
    setattr(mine, kind, getattr(theirs, kind))
    with Store(db) as store:
        with pytest.raises(StoreError, match="records of another document"):
            _add(store, mine)
        assert store.stats()["documents"] == 0


def test_store_load_fills_every_field(db: Path) -> None:
    records = _rich("a.txt", "Mara Quill said 12 walkers were hurt near Fenwick on Sunday.")
    event = Event("ev1", "ASSAULT", "aerial", None, "unknown", True, ("2021-03-01", "2021-03-02"), ("e1",), ("e2",),
                  (Place("Fenwick"),), (records.event_mentions[0].id,), (records.doc.id,), 1)
    stance = Stance(records.doc.id, "e1", "unfavourable", -0.3, 1, tuple(records.evidence), tuple(records.evidence))
    framing = Framing(records.doc.id, "ev1", (FrameTerm(records.doc.id, Span(31, 35), "hurt", "hurt", Span(0, 60),
                                                        "injury", "descriptive", -1.5, quoted=True),))
    with Store(db) as store:
        _add(store, records)
        store.replace_corpus_records({"events": [event]})
        store.replace_corpus_records({"stances": [stance],
                                      "vocabulary": [VocabularyTerm(records.doc.id, "walker", 1.96, 2, 0.4)],
                                      "framings": [framing]})
    with Store(db, read_only=True) as store:
        corpus = store.load()
        assert store.term_counts() == {records.doc.id: Counter({"walker": 2, "storm": 1})}
    assert corpus.times == tuple(records.times)
    assert corpus.event_mentions == tuple(records.event_mentions)
    assert corpus.quotes == tuple(records.quotes)
    assert corpus.events == (event,)
    assert corpus.stances == (stance,)
    assert corpus.framings == (framing,)
    assert corpus.vocabulary[0].z == 1.96


def test_store_schema_1_store_is_upgraded(db: Path, articles, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_migrations, "MIGRATIONS", MIGRATIONS[:1])
    monkeypatch.setattr(store_migrations, "SCHEMA_VERSION", 1)
    with Store(db):
        pass
    monkeypatch.undo()
    records = _bundle(*articles[0])  # stored as a schema-1 writer stored it: the rows (and columns) it knew
    with duckdb.connect(str(db)) as con:
        for table, row in [("documents", store_rows.document_row(records.doc)),
                           ("document_paths", (records.doc.path, records.doc.id)),
                           *(("mentions", store_rows.mention_row(m)[:-1]) for m in records.mentions),
                           *(("document_stages", (records.doc.id, stage, version))
                             for stage, version in STAGES.items())]:
            columns = store_readers.DOCUMENT_COLUMNS if table == "documents" else None
            names = f" ({', '.join(columns)})" if columns else ""
            con.execute(f"INSERT INTO {table}{names} VALUES ({', '.join('?' * len(row))})", list(row))
    with Store(db) as store:
        assert store._rows("SELECT id FROM migrations ORDER BY id") == [(m.number,) for m in MIGRATIONS]
        assert [d.id for d in store.documents()] == [articles[0][0].id]
        _add(store, _rich("b.txt", "In Fenwick, Mara Quill counted 12 injured walkers after the storm."))
        assert store.stats()["event_mentions"] == 1 and store.stats()["term_counts"] == 1


@pytest.mark.parametrize("kept", [2])
def test_store_schema_2_store_keeps_its_events_after_upgrade(db: Path, kept: int,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A store made before migration 3 opens, its rows gain the new columns' empty defaults, none is lost."""
    records = _rich("b.txt", "In Fenwick, Mara Quill counted 12 injured walkers after the storm.")
    monkeypatch.setattr(store_migrations, "MIGRATIONS", MIGRATIONS[:kept])
    monkeypatch.setattr(store_migrations, "SCHEMA_VERSION", kept)
    with Store(db):
        pass
    monkeypatch.undo()
    row = store_rows.event_mention_row(records.event_mentions[0], 0)[:-3]  # the columns schema 2 knows
    with duckdb.connect(str(db)) as con:
        con.execute(f"INSERT INTO event_mentions VALUES ({', '.join('?' * len(row))})", list(row))
        con.execute("INSERT INTO documents (id, path, format, text) VALUES (?, ?, ?, ?)",
                    [records.doc.id, records.doc.path, "txt", records.doc.text])
    with Store(db) as store:
        mentions = store.event_mentions()
        assert [m.id for m in mentions] == [records.event_mentions[0].id]
        assert mentions[0].modifier_ids == () and mentions[0].aux_modes == ("historical",)
        assert mentions[0].confidence == 1.0  # migration 6's default for rows made before it
        assert mentions[0].theme_text == ""  # migration 9's
        assert store._rows("SELECT max(id) FROM migrations") == [(SCHEMA_VERSION,)]


# -- re-analysis: replacing a stored document's records ----------------------------------------------------


def _corpus_rows(store: Store, records: list[_Records]) -> None:
    """Entities, a claim group, an event and perspectives that link every one of `records`."""
    store.replace_corpus_records({"entities": [Entity("e1", "Mara Quill", "PERSON", ("Mara Quill",),
                                   tuple(r.mentions[0].id for r in records))]})
    store.replace_corpus_records({"claim_groups": [ClaimGroup("g1", "walkers injured", "agree",
                                                              tuple(r.claims[0].id for r in records))]})
    store.replace_corpus_records({"events": [Event("ev1", "ASSAULT", "", None, "unknown", False, (), ("e1",), (), (),
                                tuple(r.event_mentions[0].id for r in records), tuple(r.doc.id for r in records),
                                len(records))]})
    store.replace_corpus_records({
        "stances": [Stance(r.doc.id, "e1", "unfavourable", -0.3, 1, tuple(r.evidence)) for r in records],
        "vocabulary": [VocabularyTerm(r.doc.id, "walker", 2.5, 2, 0.7) for r in records],
        "framings": [Framing(r.doc.id, "ev1", ()) for r in records]})


def test_store_replace_document_replaces_every_record(db: Path) -> None:
    old = _rich("a.txt", "Mara Quill said 12 walkers were hurt near Fenwick on Sunday.")
    other = _rich("b.txt", "In Fenwick, Mara Quill counted 12 injured walkers after the storm.")
    new = _Records(old.doc, old.mentions[1:], [], old.times, [], [], [], {"storm": 3})
    with Store(db) as store:
        _add(store, old)
        _add(store, other)
        store.add_document(_bundle(replace(old.doc, path="copy.txt"), []), stages={})  # a second path of the same text
        _corpus_rows(store, [old, other])
        documents = store._rows("SELECT * FROM documents ORDER BY id")
        paths = store._rows("SELECT * FROM document_paths ORDER BY path")
        for _ in range(2):  # twice: replacing duplicates nothing
            store.replace_document(_bundle(new.doc, new.mentions, new.claims, times=new.times,
                                           term_counts=new.term_counts), stages={"entities.mentions": "v2"})
        assert store._rows("SELECT * FROM documents ORDER BY id") == documents  # text, metadata, added_at kept
        assert store._rows("SELECT * FROM document_paths ORDER BY path") == paths
        assert store.stage_versions(old.doc.id) == {"entities.mentions": "v2"}
        assert store.stage_versions(other.doc.id) == STAGES
        assert store.mentions() == new.mentions + sorted(other.mentions, key=lambda m: m.span.start)
        assert store.claims() == other.claims
        assert store.times() == new.times + other.times
        assert store.event_mentions() == other.event_mentions
        assert store.quotes() == other.quotes and store.stance_evidence() == other.evidence
        assert store.term_counts() == {old.doc.id: Counter({"storm": 3}), other.doc.id: Counter(other.term_counts)}
        assert store.entities()[0].mention_ids == (other.mentions[0].id,)
        assert store.claim_groups()[0].claim_ids == (other.claims[0].id,)
        assert [(e.mention_ids, e.doc_ids) for e in store.events()] == [((other.event_mentions[0].id,),
                                                                         (other.doc.id,))]
        assert {s.source for s in store.stances()} == {v.source for v in store.vocabulary()} == {other.doc.id}
        assert {f.source for f in store.framings()} == {other.doc.id}


@pytest.mark.parametrize("problem", ["not stored", "records of another document"])
def test_store_replace_document_refuses(db: Path, articles, problem: str) -> None:
    doc, mentions, claims = articles[0]
    with Store(db) as store:
        store.add_document(_bundle(*articles[1]), stages=STAGES)
        if problem == "records of another document":
            store.add_document(_bundle(doc, mentions, claims), stages=STAGES)
            mentions = articles[1][1]
        before = store.load()
        with pytest.raises(StoreError, match=problem):
            store.replace_document(_bundle(doc, mentions, claims), stages=STAGES)
        assert store.load() == before


def test_store_failed_replace_document_keeps_old_rows(db: Path, articles, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Store._insert_sql

    def broken(self: Store, table: str, columns, rows) -> str:
        return "INSERT INTO no_such_table VALUES (1)" if table == "claims" else original(self, table, columns, rows)

    doc, mentions, claims = articles[0]
    with Store(db) as store:
        store.add_document(_bundle(doc, mentions, claims), stages=STAGES)
        store.replace_corpus_records({"entities": [Entity("e1", "Mara Quill", "PERSON", ("Mara Quill",),
                                                          (mentions[0].id,))]})
        before, stats = store.load(), store.stats()
        monkeypatch.setattr(Store, "_insert_sql", broken)
        with pytest.raises(StoreError, match="re-storing document"):
            store.replace_document(_bundle(doc, mentions[:1], claims), stages={"entities.mentions": "v2"})
        monkeypatch.undo()
        assert store.load() == before and store.stats() == stats
        assert store.stage_versions(doc.id) == STAGES


def test_store_all_stage_versions_and_document(db: Path, articles) -> None:
    (first, *_), (second, *_) = articles[0], articles[1]
    with Store(db) as store:
        assert store.all_stage_versions() == {}
        store.add_document(_bundle(*articles[1]), stages={})
        store.add_document(_bundle(*articles[0]), stages=STAGES)
        assert store.all_stage_versions() == {first.id: STAGES, second.id: {}}
        assert list(store.all_stage_versions()) == [first.id, second.id]  # by path
        assert store.document(second.id) == second
        assert store.document("d0000000000000000") is None

"""Blocked and incremental event fusion (`events.blocked`): one block is `fuse_events` itself; events of
different blocks join by type, date and a shared participant; adding documents to stored events equals fusing
them together when the key joins them. The reports are fictional (Varrow, the dockers' union)."""

from __future__ import annotations

import pytest

from rashomon.events.blocked import document_blocks, extend_events, fuse_events_blocked
from rashomon.events.fuse import fuse_events
from rashomon.model import Document, EventMention, Meta, PloverType
from rashomon.settings import default_settings

SETTINGS = default_settings().fusion


def _doc(text: str, path: str, published: str | None = "2025-03-04") -> Document:
    meta = Meta(published, "jsonl") if published else None
    return Document.create(path=path, text=text, format="txt", published=meta)


def _mention(doc: Document, word: str, *, lemma: str, date: str | None, actors: tuple[str, ...] = (),
             targets: tuple[str, ...] = (), type_: PloverType = "ASSAULT") -> EventMention:
    start = doc.text.index(word)
    trigger = doc.span(start, start + len(word))
    return EventMention(id=f"{doc.id}:{trigger.start}-{trigger.end}", doc_id=doc.id, trigger=trigger, text=word,
                        lemma=lemma, sentence=doc.span(0, len(doc.text)), type=type_, date=date,
                        date_precision="day" if date else "unknown",
                        actor_ids=tuple(f"{doc.id}:{a}" for a in actors),
                        target_ids=tuple(f"{doc.id}:{t}" for t in targets))


def _entity_of(*docs: Document) -> dict[str, str]:
    return {f"{doc.id}:{name}": name for doc in docs for name in ("police", "dockers", "union", "mayor")}


@pytest.fixture()
def corpus() -> tuple[list[Document], list[EventMention]]:
    first = _doc("Fictional. Police attacked striking dockers in Varrow on Monday.", "a.txt")
    second = _doc("Fictional. Striking dockers were attacked by police in Varrow on Monday.", "b.txt", "2025-03-05")
    third = _doc("Fictional. The mayor of Varrow praised the union in an undated speech.", "c.txt", None)
    mentions = [
        _mention(first, "attacked", lemma="attack", date="2025-03-03", actors=("police",), targets=("dockers",)),
        _mention(second, "attacked", lemma="attack", date="2025-03-03", actors=("police",), targets=("dockers",)),
        _mention(third, "praised", lemma="praise", date=None, actors=("mayor",), targets=("union",),
                 type_="CONSULT"),
    ]
    return [first, second, third], mentions


@pytest.mark.parametrize("size", [3, 10])
def test_blocked_one_block_is_fuse_events(corpus, size: int) -> None:
    docs, mentions = corpus
    whole = fuse_events(mentions, entity_of=_entity_of(*docs), documents=docs, settings=SETTINGS)
    assert fuse_events_blocked(mentions, entity_of=_entity_of(*docs), documents=docs, settings=SETTINGS,
                               block_documents=size) == whole


def test_blocked_events_of_two_blocks_join_by_type_date_and_participant(corpus) -> None:
    docs, mentions = corpus
    whole = fuse_events(mentions, entity_of=_entity_of(*docs), documents=docs, settings=SETTINGS)
    blocked = fuse_events_blocked(mentions, entity_of=_entity_of(*docs), documents=docs, settings=SETTINGS,
                                  block_documents=1)
    assert [len(event.doc_ids) for event in whole] == [2, 1]
    assert blocked == whole


def test_blocked_extend_events_equals_fusing_everything(corpus) -> None:
    docs, mentions = corpus
    entity_of = _entity_of(*docs)
    stored = fuse_events([m for m in mentions if m.doc_id == docs[0].id], entity_of=entity_of, documents=docs[:1],
                         settings=SETTINGS)
    extended = extend_events(stored, mentions, [docs[1].id, docs[2].id], entity_of=entity_of, documents=docs,
                             settings=SETTINGS, block_documents=1)
    assert extended == fuse_events(mentions, entity_of=entity_of, documents=docs, settings=SETTINGS)


def test_blocked_document_blocks_go_by_date_then_order(corpus) -> None:
    docs, _ = corpus
    later = _doc("Fictional. A later report.", "d.txt", "2025-03-01")
    blocks = document_blocks([*docs, later], size=2)
    assert [[doc.path for doc in block] for block in blocks] == [["d.txt", "a.txt"], ["b.txt", "c.txt"]]

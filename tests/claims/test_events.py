"""attach_events: a claim belongs to the fused event reported in its sentence."""

from __future__ import annotations

from rashomon.claims import attach_events
from rashomon.model import Claim, Document, Event, EventMention, Span


def _doc() -> Document:
    return Document.create(path="a.txt", text="Shelling hit Port Salim and killed 12 fishermen. "
                                              "Talks resumed on Monday.", format="txt")


def _mention(doc: Document, word: str) -> EventMention:
    start = doc.text.index(word)
    stop = doc.text.index(".")
    sentence = Span(0, stop + 1) if start < stop else Span(stop + 2, len(doc.text))
    return EventMention(id=f"{doc.id}:{start}-{start + len(word)}", doc_id=doc.id,
                        trigger=doc.span(start, start + len(word)), text=word, lemma=word, sentence=sentence,
                        type="ASSAULT")


def _event(event_id: str, mentions: list[EventMention]) -> Event:
    return Event(id=event_id, type="ASSAULT", mode="", date=None, date_precision="unknown", date_conflict=False,
                 dates=(), actor_ids=(), target_ids=(), places=(), mention_ids=tuple(m.id for m in mentions),
                 doc_ids=(mentions[0].doc_id,), independent_sources=1)


def _claim(doc: Document) -> Claim:
    start = doc.text.index("12")
    return Claim(id=f"{doc.id}:{start}-{start + 2}", doc_id=doc.id, span=Span(start, start + 2), text="12",
                 sentence=Span(0, doc.text.index(".") + 1), value=12, low=12, high=12, measure="killed",
                 counted="fisherman")


def test_attach_events_prefers_the_event_word_naming_the_measure() -> None:
    doc = _doc()
    shelling, killed = _mention(doc, "Shelling"), _mention(doc, "killed")
    events = [_event("ev-shelling", [shelling]), _event("ev-killed", [killed])]
    [claim] = attach_events([_claim(doc)], [shelling, killed], events)
    assert claim.event_id == "ev-killed"


def test_attach_events_leaves_claims_without_a_fused_event_in_their_sentence() -> None:
    doc = _doc()
    talks = _mention(doc, "Talks")
    [claim] = attach_events([_claim(doc)], [talks], [_event("ev-talks", [talks])])
    assert claim.event_id is None
    shelling = _mention(doc, "Shelling")
    [claim] = attach_events([_claim(doc)], [shelling], [])  # a mention fused into no event
    assert claim.event_id is None

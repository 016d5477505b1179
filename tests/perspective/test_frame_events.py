"""frame_events: the words each source uses for one fused event, read from the event mentions."""

from __future__ import annotations

from rashomon.model import Document, Event, EventMention, Span
from rashomon.perspective import frame_events


def _mention(doc: Document, word: str, lemma: str) -> EventMention:
    start = doc.text.index(word)
    sentence = Span(0, len(doc.text))
    trigger = doc.span(start, start + len(word))
    return EventMention(id=f"{doc.id}:{start}-{trigger.end}", doc_id=doc.id, trigger=trigger, text=word,
                        lemma=lemma, sentence=sentence, type="ASSAULT")


def _event(mentions: list[EventMention], docs: list[Document]) -> Event:
    return Event(id="ev1", type="ASSAULT", mode="", date=None, date_precision="unknown", date_conflict=False,
                 dates=(), actor_ids=(), target_ids=(), places=(), mention_ids=tuple(m.id for m in mentions),
                 doc_ids=tuple(d.id for d in docs), independent_sources=len(docs))


def test_frame_events_words_per_source() -> None:
    first = Document.create(path="a.txt", text="The assassination of the mayor of Vellmar shocked the town.",
                            format="txt")
    second = Document.create(path="b.txt", text="A drone attack killed the mayor of Vellmar on Friday.", format="txt")
    third = Document.create(path="c.txt", text='Critics called the "execution" of the mayor a crime.', format="txt")
    mentions = [_mention(first, "assassination", "assassination"), _mention(second, "attack", "attack"),
                _mention(third, "execution", "execution")]
    framings = frame_events([_event(mentions, [first, second, third])], mentions,
                            docs={d.id: d for d in (first, second, third)})
    words = {f.source: [(t.lemma, t.text, t.quoted) for t in f.terms] for f in framings}
    assert words[first.id] == [("assassination", "assassination", False)]
    assert words[second.id] == [("drone attack", "drone attack", False)]
    assert words[third.id] == [("execution", "execution", True)]
    for framing in framings:
        doc = {d.id: d for d in (first, second, third)}[framing.source]
        for term in framing.terms:
            assert doc.slice(term.span) == term.text
            assert term.category != "other"


def test_frame_events_skips_single_source_events() -> None:
    doc = Document.create(path="a.txt", text="The assassination of the mayor shocked the town.", format="txt")
    mention = _mention(doc, "assassination", "assassination")
    assert frame_events([_event([mention], [doc])], [mention], docs={doc.id: doc}) == []

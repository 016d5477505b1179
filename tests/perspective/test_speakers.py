"""Speakers: each quote tied to the entity who speaks, so one speaker is one row (issue 13). Records are built by
hand; the names are fictional."""

from __future__ import annotations

import pytest

from rashomon.model import Entity, Mention, Quote, Span
from rashomon.perspective import group_speakers, resolve_speakers


def _mention(doc: str, start: int, text: str) -> Mention:
    span = Span(start, start + len(text))
    return Mention(id=Mention.make_id(doc, span), doc_id=doc, span=span, text=text, type="PERSON", sentence=span)


def _quote(doc: str, start: int, speaker: str, mention: Mention | None) -> Quote:
    span = Span(start, start + 10)
    return Quote(id=Mention.make_id(doc, span), doc_id=doc, span=span, text="x" * 10, sentence=span, speaker=speaker,
                 speaker_mention_id=mention.id if mention else None, kind="direct", cue="said")


@pytest.mark.issue(13)
def test_resolve_speakers_keys_each_quote_by_the_entity_who_speaks() -> None:
    full, short, other = _mention("d1", 0, "Lena Marsh"), _mention("d2", 0, "Marsh"), _mention("d2", 40, "Tom Hale")
    marsh = Entity(id="e-marsh", name="Lena Marsh", type="PERSON", aliases=("Lena Marsh", "Marsh"),
                   mention_ids=(full.id, short.id))
    hale = Entity(id="e-hale", name="Tom Hale", type="PERSON", aliases=("Tom Hale",), mention_ids=(other.id,))
    quotes = [_quote("d1", 100, "Lena Marsh", full), _quote("d2", 100, "Marsh", short),
              _quote("d2", 200, "Marsh", None),  # the parse found the speaker outside the named mentions
              _quote("d2", 300, "a senior official", None), _quote("d2", 400, "", None)]
    resolved = resolve_speakers(quotes, [marsh, hale], [full, short, other])
    assert [q.id for q in resolved] == [q.id for q in quotes]
    assert [q.speaker_entity_id for q in resolved] == ["e-marsh", "e-marsh", "e-marsh", None, None]
    speakers = group_speakers(resolved, [marsh, hale])
    assert [(s.entity_id, s.name, len(s.quotes), s.sources) for s in speakers] == [
        ("e-marsh", "Lena Marsh", 3, ("d1", "d2")), (None, "a senior official", 1, ("d2",))]


def test_resolve_speakers_leaves_an_ambiguous_name_unresolved() -> None:
    first, second = _mention("d1", 0, "Ann Roe"), _mention("d1", 30, "Ben Roe")
    entities = [Entity(id="e1", name="Ann Roe", type="PERSON", aliases=("Ann Roe", "Roe"), mention_ids=(first.id,)),
                Entity(id="e2", name="Ben Roe", type="PERSON", aliases=("Ben Roe", "Roe"), mention_ids=(second.id,))]
    [quote] = resolve_speakers([_quote("d1", 100, "Roe", None)], entities, [first, second])
    assert quote.speaker_entity_id is None

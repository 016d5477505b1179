"""Conversions between rashomon's records and the store's rows (no database access here).

Nested records (places, stance evidence, frame terms) are JSON text; spans are pairs of columns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..model import (
    Claim,
    Document,
    DroppedName,
    Event,
    EventMention,
    FrameTerm,
    Framing,
    Mention,
    Meta,
    Place,
    Quote,
    Span,
    StanceEvidence,
    TimeExpression,
    TypeCue,
)

META_FIELDS = ("title", "author", "outlet", "published")


def document_row(doc: Document) -> list[Any]:
    row: list[Any] = [doc.id, doc.path, doc.format, doc.text, doc.url]
    for name in META_FIELDS:
        meta: Meta | None = getattr(doc, name)
        if meta is None:
            row += [None, None, None, None]
        else:
            span = meta.span
            row += [meta.value, meta.source, None if span is None else span.start, None if span is None else span.end]
    return row


def document_from(row: Sequence[Any]) -> Document:
    metas: dict[str, Meta | None] = {}
    for index, name in enumerate(META_FIELDS):
        value, source, start, end = row[5 + 4 * index: 9 + 4 * index]
        span = None if start is None else Span(start, end)
        metas[name] = None if source is None else Meta(value, source, span)
    return Document(id=row[0], path=row[1], format=row[2], text=row[3], url=row[4], **metas)


def mention_row(m: Mention) -> tuple[Any, ...]:
    return (m.id, m.doc_id, m.span.start, m.span.end, m.text, m.type, m.sentence.start, m.sentence.end,
            m.title, m.chain, m.expansion, m.label, cues_text(m.evidence))


def cues_text(cues: Sequence[TypeCue]) -> str:
    """Type cues as JSON text: a list of [vote, weight, reason, form]; floats keep every bit through repr."""
    return json.dumps([[c.vote, float(c.weight), c.reason, c.form] for c in cues], ensure_ascii=False)


def cues_from(text: str | None) -> tuple[TypeCue, ...]:
    return tuple(TypeCue(vote=v, weight=w, reason=r, form=f) for v, w, r, f in json.loads(text or "[]"))


def dropped_name_row(d: DroppedName) -> tuple[Any, ...]:
    return (d.id, d.doc_id, d.span.start, d.span.end, d.text, d.sentence.start, d.sentence.end, d.label, d.reason,
            cues_text(d.evidence))


def dropped_name_from(r: Sequence[Any]) -> DroppedName:
    return DroppedName(id=r[0], doc_id=r[1], span=Span(r[2], r[3]), text=r[4], sentence=Span(r[5], r[6]), label=r[7],
                       reason=r[8], evidence=cues_from(r[9]))


def optional_float(value: float | None) -> float | None:
    return None if value is None else float(value)


def claim_row(c: Claim) -> tuple[Any, ...]:
    return (c.id, c.doc_id, c.span.start, c.span.end, c.text, c.sentence.start, c.sentence.end,
            optional_float(c.value), optional_float(c.low), optional_float(c.high), c.unit, c.measure, c.counted,
            c.place, c.period, c.attributed_to, c.qualifier, list(c.entity_ids), c.event_id)


def time_row(t: TimeExpression, position: int) -> tuple[Any, ...]:
    return (t.doc_id, position, t.span.start, t.span.end, t.text, t.value, t.granularity, t.kind, t.range_start,
            t.range_end, t.anchored)


def place_json(place: Place) -> dict[str, Any]:
    return {"name": place.name, "country": place.country, "latitude": optional_float(place.latitude),
            "longitude": optional_float(place.longitude), "geonameid": place.geonameid}


def places_text(places: Sequence[Place]) -> str:
    return json.dumps([place_json(p) for p in places], ensure_ascii=False)


def places_from(text: str) -> tuple[Place, ...]:
    return tuple(Place(**item) for item in json.loads(text))


def event_mention_row(m: EventMention, position: int) -> tuple[Any, ...]:
    time = m.time_span
    return (m.id, m.doc_id, position, m.trigger.start, m.trigger.end, m.text, m.lemma, m.sentence.start,
            m.sentence.end, m.type, m.mode, list(m.aux_modes), m.negated, list(m.actor_ids), list(m.target_ids),
            list(m.place_ids), m.actor_text, m.target_text, places_text(m.places),
            None if time is None else time.start, None if time is None else time.end, m.date, m.date_precision,
            m.reported_by, list(m.modifier_ids), m.confidence, m.theme_text)


def event_mention_from(r: Sequence[Any]) -> EventMention:
    return EventMention(id=r[0], doc_id=r[1], trigger=Span(r[3], r[4]), text=r[5], lemma=r[6],
                        sentence=Span(r[7], r[8]), type=r[9], mode=r[10], aux_modes=tuple(r[11]), negated=r[12],
                        actor_ids=tuple(r[13]), target_ids=tuple(r[14]), place_ids=tuple(r[15]), actor_text=r[16],
                        target_text=r[17], places=places_from(r[18]),
                        time_span=None if r[19] is None else Span(r[19], r[20]), date=r[21], date_precision=r[22],
                        reported_by=r[23], modifier_ids=tuple(r[24]), confidence=r[25],
                        theme_text=r[26])


def event_row(e: Event, position: int) -> tuple[Any, ...]:
    return (e.id, position, e.type, e.mode, e.date, e.date_precision, e.date_conflict, list(e.dates),
            list(e.actor_ids), list(e.target_ids), places_text(e.places), list(e.doc_ids), e.independent_sources,
            list(e.aux_modes), json.dumps([[doc, list(names)] for doc, names in e.place_conflict], ensure_ascii=False),
            json.dumps([list(group) for group in e.reports], ensure_ascii=False), e.confidence)


def quote_row(q: Quote, position: int) -> tuple[Any, ...]:
    return (q.id, q.doc_id, position, q.span.start, q.span.end, q.text, q.sentence.start, q.sentence.end, q.speaker,
            q.speaker_mention_id, q.kind, q.cue, q.speaker_entity_id)


def evidence_json(e: StanceEvidence) -> dict[str, Any]:
    """A StanceEvidence as JSON-ready data (spans as [start, end]); floats keep every bit through repr."""
    return {"doc_id": e.doc_id, "mention_id": e.mention_id, "target": e.target,
            "target_span": [e.target_span.start, e.target_span.end], "sentence": [e.sentence.start, e.sentence.end],
            "score": float(e.score), "cue_words": list(e.cue_words),
            "cue_spans": [[s.start, s.end] for s in e.cue_spans], "reported_by": e.reported_by,
            "cue_roles": list(e.cue_roles)}


def evidence_text(evidence: Sequence[StanceEvidence]) -> str:
    return json.dumps([evidence_json(e) for e in evidence], ensure_ascii=False)


def evidence_from(d: Mapping[str, Any]) -> StanceEvidence:
    return StanceEvidence(doc_id=d["doc_id"], mention_id=d["mention_id"], target=d["target"],
                          target_span=Span(*d["target_span"]), sentence=Span(*d["sentence"]), score=d["score"],
                          cue_words=tuple(d["cue_words"]), cue_spans=tuple(Span(*s) for s in d["cue_spans"]),
                          reported_by=d["reported_by"], cue_roles=tuple(d.get("cue_roles", ())))


def frame_term_json(t: FrameTerm) -> dict[str, Any]:
    return {"doc_id": t.doc_id, "span": [t.span.start, t.span.end], "text": t.text, "lemma": t.lemma,
            "sentence": [t.sentence.start, t.sentence.end], "category": t.category, "frame": t.frame,
            "valence": float(t.valence), "quoted": t.quoted}


def frame_term_from(d: Mapping[str, Any]) -> FrameTerm:
    return FrameTerm(doc_id=d["doc_id"], span=Span(*d["span"]), text=d["text"], lemma=d["lemma"],
                     sentence=Span(*d["sentence"]), category=d["category"], frame=d["frame"], valence=d["valence"],
                     quoted=d["quoted"])


def framing_from(row: Sequence[Any]) -> Framing:
    """A framing from its row (source, event id, JSON text of its terms)."""
    return Framing(source=row[0], event_id=row[1], terms=tuple(frame_term_from(t) for t in json.loads(row[2])))

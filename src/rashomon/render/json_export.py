"""The JSON export: everything a store holds, as one JSON document. docs/schema.md describes every field.

Offsets ("start", "end", "sentence") are Python string indices (Unicode code points) into the
document's "text", end exclusive, so `text[start:end]` is always the words a fact rests on.
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import (
    Claim,
    Corpus,
    Document,
    DroppedName,
    Event,
    EventMention,
    FrameTerm,
    Mention,
    Meta,
    Place,
    Quote,
    Span,
    Stance,
    StanceEvidence,
    TimeExpression,
)
from .figures import FigureView, figures_by_event

logger = logging.getLogger(__name__)

SCHEMA = 1
"""Version of the export's shape. Raised when a field changes meaning or goes away, not when one is added."""

_META_FIELDS = ("title", "author", "outlet", "published")


def _value(meta: Meta | None) -> str | None:
    return None if meta is None else meta.value


def _provenance(meta: Meta | None) -> dict[str, Any] | None:
    if meta is None:
        return None
    span = meta.span
    return {"source": meta.source, "start": None if span is None else span.start,
            "end": None if span is None else span.end}


def _document(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "path": doc.path, "title": _value(doc.title), "author": _value(doc.author),
        "outlet": _value(doc.outlet), "published": _value(doc.published), "url": doc.url, "words": doc.words,
        "text": doc.text, "metadata": {name: _provenance(getattr(doc, name)) for name in _META_FIELDS},
    }


def _mention(mention: Mention) -> dict[str, Any]:
    return {"doc": mention.doc_id, "start": mention.span.start, "end": mention.span.end, "text": mention.text,
            "title": mention.title, "sentence": [mention.sentence.start, mention.sentence.end]}


def _dropped_name(dropped: DroppedName) -> dict[str, Any]:
    return {"id": dropped.id, "doc": dropped.doc_id, "start": dropped.span.start, "end": dropped.span.end,
            "text": dropped.text, "label": dropped.label, "reason": dropped.reason,
            "sentence": [dropped.sentence.start, dropped.sentence.end],
            "evidence": [{"vote": c.vote, "weight": _real(c.weight), "reason": c.reason} for c in dropped.evidence]}


def _number(value: float | None) -> float | int | None:
    """A claim's number for JSON: whole numbers as integers, and None for what JSON cannot hold (inf, NaN)."""
    if value is None or not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _claim(claim: Claim, group: str | None) -> dict[str, Any]:
    return {
        "id": claim.id, "doc": claim.doc_id, "start": claim.span.start, "end": claim.span.end, "text": claim.text,
        "value": _number(claim.value), "low": _number(claim.low), "high": _number(claim.high), "unit": claim.unit,
        "measure": claim.measure, "counted": claim.counted, "place": claim.place, "period": claim.period,
        "attributed_to": claim.attributed_to, "qualifier": claim.qualifier, "group": group, "event": claim.event_id,
    }


def _real(value: float | None) -> float | None:
    """A score or coordinate for JSON: None for what JSON cannot hold (inf, NaN)."""
    return None if value is None or not math.isfinite(value) else float(value)


def _pair(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _place(place: Place) -> dict[str, Any]:
    return {"name": place.name, "country": place.country, "lat": _real(place.latitude), "lon": _real(place.longitude),
            "geonameid": place.geonameid}


def _event_mention(m: EventMention) -> dict[str, Any]:
    return {
        "id": m.id, "doc": m.doc_id, "start": m.trigger.start, "end": m.trigger.end, "text": m.text,
        "trigger": _pair(m.trigger), "lemma": m.lemma, "sentence": _pair(m.sentence), "type": m.type, "mode": m.mode,
        "aux_modes": list(m.aux_modes), "negated": m.negated, "actors": list(m.actor_ids),
        "targets": list(m.target_ids),
        "places": list(m.place_ids), "gazetteer": [_place(p) for p in m.places], "actor_text": m.actor_text,
        "target_text": m.target_text, "date": m.date, "date_precision": m.date_precision,
        "reported_by": m.reported_by, "time": _pair(m.time_span), "confidence": _real(m.confidence),
        "theme_text": m.theme_text,
    }


def _figure(figure: FigureView) -> dict[str, Any]:
    return {"label": figure.label, "group": figure.group_id, "verdict": figure.verdict, "by_source": [
        {"claim": c.id, "doc": c.doc_id, "start": c.span.start, "end": c.span.end, "text": c.text,
         "value": _number(c.value), "low": _number(c.low), "high": _number(c.high), "unit": c.unit,
         "attributed_to": c.attributed_to, "sentence": _pair(c.sentence)}
        for c in (item.claim for item in figure.figures)]}


def _event(event: Event, mentions: dict[str, EventMention], figures: list[FigureView]) -> dict[str, Any]:
    return {
        "id": event.id, "type": event.type, "mode": event.mode, "date": event.date,
        "date_precision": event.date_precision, "date_conflict": event.date_conflict, "dates": list(event.dates),
        "actors": list(event.actor_ids), "targets": list(event.target_ids), "places": [_place(p) for p in event.places],
        "place_conflict": [{"doc": doc_id, "places": list(names)} for doc_id, names in event.place_conflict],
        "aux_modes": list(event.aux_modes),
        "sources": list(event.doc_ids), "articles": len(event.doc_ids),
        "independent_sources": event.independent_sources, "confidence": _real(event.confidence),
        "mentions": [_event_mention(mentions[m]) for m in event.mention_ids if m in mentions],
        "figures": [_figure(figure) for figure in figures],
    }


def _time(t: TimeExpression) -> dict[str, Any]:
    return {"doc": t.doc_id, "start": t.span.start, "end": t.span.end, "text": t.text, "value": t.value,
            "granularity": t.granularity, "kind": t.kind, "range_start": t.range_start, "range_end": t.range_end,
            "anchored": t.anchored}


def _quote(q: Quote) -> dict[str, Any]:
    return {"id": q.id, "doc": q.doc_id, "start": q.span.start, "end": q.span.end, "text": q.text,
            "sentence": _pair(q.sentence), "speaker": q.speaker, "speaker_mention": q.speaker_mention_id,
            "kind": q.kind, "cue": q.cue, "speaker_entity": q.speaker_entity_id}


def _evidence(e: StanceEvidence) -> dict[str, Any]:
    return {"doc": e.doc_id, "mention": e.mention_id, "target": e.target, "start": e.target_span.start,
            "end": e.target_span.end, "sentence": _pair(e.sentence), "score": _real(e.score),
            "cues": [{"text": word, "start": span.start, "end": span.end, "role": role}
                     for word, span, role in zip(e.cue_words, e.cue_spans, _roles(e), strict=True)],
            "reported_by": e.reported_by}


def _roles(e: StanceEvidence) -> tuple[str | None, ...]:
    return e.cue_roles if len(e.cue_roles) == len(e.cue_words) else (None,) * len(e.cue_words)


def _stance(s: Stance) -> dict[str, Any]:
    return {"source": s.source, "entity": s.entity_id, "label": s.label, "score": _real(s.score),
            "mentions": s.mentions, "confidence": _real(s.confidence),
            "evidence": [_evidence(e) for e in s.evidence], "reported": [_evidence(e) for e in s.reported]}


def _frame_term(t: FrameTerm) -> dict[str, Any]:
    return {"doc": t.doc_id, "start": t.span.start, "end": t.span.end, "text": t.text, "lemma": t.lemma,
            "sentence": _pair(t.sentence), "category": t.category, "frame": t.frame, "valence": _real(t.valence),
            "quoted": t.quoted}


def corpus_to_dict(corpus: Corpus) -> dict[str, Any]:
    """The whole corpus as plain JSON-ready data, in the shape docs/schema.md describes.

    Entities list their mentions in the entity's order; a mention id the corpus does not hold is left
    out (and counted in one warning). A claim's "group" is the first claim group that lists it. An event's
    "figures" are `figures_by_event`'s: the numbers each source gives for it, by quantity, with a verdict.
    """
    mentions = {mention.id: mention for mention in corpus.mentions}
    missing = 0
    entities = []
    for entity in corpus.entities:
        found = [mentions[mention_id] for mention_id in entity.mention_ids if mention_id in mentions]
        missing += len(entity.mention_ids) - len(found)
        entities.append({"id": entity.id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
                         "mentions": [_mention(mention) for mention in found]})
    if missing:
        logger.warning("%s entity mention id(s) name no stored mention; left out of the export", missing)
    event_mentions = {m.id: m for m in corpus.event_mentions}
    fused = {m for event in corpus.events for m in event.mention_ids}
    figures = figures_by_event(corpus)
    group_of: dict[str, str] = {}
    for group in corpus.claim_groups:
        for claim_id in group.claim_ids:
            group_of.setdefault(claim_id, group.id)
    return {
        "rashomon": {"version": __version__, "schema": SCHEMA},
        "documents": [_document(doc) for doc in corpus.documents],
        "entities": entities,
        "claims": [_claim(claim, group_of.get(claim.id)) for claim in corpus.claims],
        "claim_groups": [{"id": group.id, "label": group.label, "verdict": group.verdict,
                          "claims": list(group.claim_ids)} for group in corpus.claim_groups],
        "events": [_event(event, event_mentions, figures.get(event.id, [])) for event in corpus.events],
        "event_mentions_unfused": [_event_mention(m) for m in corpus.event_mentions if m.id not in fused],
        "times": [_time(t) for t in corpus.times],
        "quotes": [_quote(q) for q in corpus.quotes],
        "stances": [_stance(s) for s in corpus.stances],
        "vocabulary": [{"source": v.source, "term": v.term, "z": _real(v.z), "count": v.count, "delta": _real(v.delta)}
                       for v in corpus.vocabulary],
        "framings": [{"source": f.source, "event": f.event_id, "terms": [_frame_term(t) for t in f.terms]}
                     for f in corpus.framings],
        "dropped_names": [_dropped_name(d) for d in corpus.dropped_names],
    }


def write_json(corpus: Corpus, path: str | Path) -> None:
    """Write the corpus to `path` as UTF-8 JSON (indented, non-ASCII characters kept as they are)."""
    path = Path(path)
    text = json.dumps(corpus_to_dict(corpus), ensure_ascii=False, indent=2, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    logger.info("wrote %s", path)

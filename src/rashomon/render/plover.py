"""PLOVER / POLECAT export: rashomon's events, and the event mentions it did not count as facts, as JSONL.

Each fused `Event` becomes one record. Events hold only factual mentions (`model.is_factual`), so
each negated, hypothetical or future `EventMention` ("had cancelled an assault", "threatened sanctions",
"will meet next month") becomes a record of its own too, its `context` saying why it is no event; a
PLOVER user keeps or drops those by `context` or by `record`.

Field names, and where they come from:

- PLOVER manual v0.8, chapter "JSON Data Fields" (openeventdata/PLOVER, `PLOVER_MANUAL.tex`), table
  "PLOVER JSON": `id`, `date`, `source`, `recipient` (lists of actor objects), `event` (a list of
  categories), `mode` and `context` (lists), `event_loc`, `event_text`, `quad_code`, `text`, `text_info`,
  `cite_info`, `coder`. Extra named fields are allowed ("Providers should feel free to include named
  fields beyond those provided here").
- Same chapter, "Information object for actors": `code` (3-character top-level code, ISO 3166 alpha-3
  for a country), `actor_text` (the text as written), `identifier_id`, `identifier_text`; "Information
  object for text": `start`, `end` (character offsets of `text`); "Information object for citations":
  `url`, `title`, `publication`, `codebook`; "Location object": GeoNames' `geonameid`, `name`,
  `latitude`, `longitude`, country code (written `country_code`), and `cc3` for the alpha-3 code.
- Same manual, section "Special contexts": historical, future, hypothetical and negation go in
  `context`, and "negated events can be excluded from the final event dataset"; table "Quad categories
  in PLOVER" gives `quad_code`.
- POLECAT, the data set coded in PLOVER by NGEC (ahalterman/NGEC, `NGEC/formatter.py`), calls the
  source "actor" (`ACTOR`, `RECIP`) and names DEMAND "REQUEST"; rashomon follows POLECAT's category names
  and writes the source list under both `source` and `actor`.

docs/schema.md describes every field; docs/events.md how events and mentions become records.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .. import __version__
from ..gazetteer import country_alpha3
from ..model import Corpus, Document, Entity, Event, EventMention, Mention, Place, is_factual
from .json_export import _real

logger = logging.getLogger(__name__)

RecordKind = Literal["event", "mention"]

QUAD_CODES: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
"""PLOVER's quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict (manual v0.8, "Quad categories in PLOVER"). REQUEST is the manual's DEMAND; OTHER has no quad."""

CODEBOOK = "PLOVER 0.8 categories and modes as POLECAT names them (REQUEST for DEMAND), plus OTHER"


@lru_cache(maxsize=512)
def _alpha3(alpha2: str | None) -> str | None:
    """ISO 3166 alpha-3 for an alpha-2 code ("IQ" -> "IRQ"); None when unknown."""
    if not alpha2:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2)
    return str(found.alpha_3) if found is not None else None


@dataclass(frozen=True, slots=True)
class _Lookup:
    """The corpus by id, built once per export."""

    documents: Mapping[str, Document]
    mentions: Mapping[str, Mention]
    event_mentions: Mapping[str, EventMention]
    entities: Mapping[str, Entity]
    entity_of: Mapping[str, str]  # mention id -> entity id
    codes: dict[str, str | None] = field(default_factory=dict)  # entity id -> ISO alpha-3, filled on demand

    @classmethod
    def of(cls, corpus: Corpus) -> _Lookup:
        return cls(documents={doc.id: doc for doc in corpus.documents},
                   mentions={m.id: m for m in corpus.mentions},
                   event_mentions={m.id: m for m in corpus.event_mentions},
                   entities={e.id: e for e in corpus.entities},
                   entity_of={mid: e.id for e in corpus.entities for mid in e.mention_ids})

    def code(self, entity: Entity) -> str | None:
        """The ISO alpha-3 code of an entity that names a country (a PLACE the gazetteer knows as one)."""
        if entity.type != "PLACE":
            return None
        if entity.id not in self.codes:
            self.codes[entity.id] = country_alpha3(entity.name)
        return self.codes[entity.id]


def _actor(participant: str, written: Mapping[str, str], look: _Lookup) -> dict[str, Any]:
    """An actor object for an entity id, or for a mention id standing in for an unresolved mention."""
    entity = look.entities.get(participant)
    if entity is not None:
        return {"actor_text": written.get(participant, entity.name), "identifier_id": entity.id,
                "identifier_text": entity.name, "code": look.code(entity), "entity_type": entity.type}
    mention = look.mentions.get(participant)
    text = mention.text if mention is not None else participant
    return {"actor_text": written.get(participant, text), "identifier_id": None, "identifier_text": None,
            "code": None, "entity_type": mention.type if mention is not None else None}


def _as_written(text: str) -> dict[str, Any]:
    """An actor known only by the words the text uses ("protesters"), with no resolved entity."""
    return {"actor_text": text, "identifier_id": None, "identifier_text": None, "code": None, "entity_type": None}


def _participants(ids: Sequence[str], texts: Iterable[str], written: Mapping[str, str],
                  look: _Lookup) -> list[dict[str, Any]]:
    """Actor objects for `ids`; without any, the most frequent participant phrase as written."""
    if ids:
        return [_actor(i, written, look) for i in ids]
    phrases = Counter(text for text in texts if text)
    return [_as_written(min(phrases, key=lambda t: (-phrases[t], t)))] if phrases else []


def _written(mentions: Sequence[EventMention], look: _Lookup) -> dict[str, str]:
    """Participant id (entity id, or mention id when unresolved) -> how the first report writes it."""
    written: dict[str, str] = {}
    for mention in mentions:
        for mid in (*mention.actor_ids, *mention.target_ids):
            if mid in look.mentions:
                written.setdefault(look.entity_of.get(mid, mid), look.mentions[mid].text)
    return written


def _location(place: Place) -> dict[str, Any]:
    """A GeoNames location object; a place the gazetteer did not know keeps only its name."""
    return {"name": place.name, "geonameid": place.geonameid, "latitude": _real(place.latitude),
            "longitude": _real(place.longitude), "country_code": place.country, "cc3": _alpha3(place.country)}


def _citation(doc: Document) -> dict[str, Any]:
    return {"doc_id": doc.id, "path": doc.path, "url": doc.url, "title": doc.title.value if doc.title else None,
            "publication": doc.outlet.value if doc.outlet else None,
            "published": doc.published.value if doc.published else None}


def _provenance(mention: EventMention) -> dict[str, Any]:
    return {"mention_id": mention.id, "doc_id": mention.doc_id, "start": mention.trigger.start,
            "end": mention.trigger.end, "text": mention.text, "sentence_start": mention.sentence.start,
            "sentence_end": mention.sentence.end, "reported_by": mention.reported_by or None}


def _context(mention: EventMention) -> list[str]:
    """A mention's auxiliary modes in its own order, with "negation" when it is negated."""
    return list(dict.fromkeys((*mention.aux_modes, *(("negation",) if mention.negated else ()))))


def _record(kind: RecordKind, record_id: str, *, event_type: str, mode: str, context: list[str],
            date: str | None, date_precision: str, date_conflict: bool, dates: Sequence[str],
            source: list[dict[str, Any]], recipient: list[dict[str, Any]], places: Sequence[Place],
            mentions: Sequence[EventMention], doc_ids: Sequence[str], independent_sources: int,
            look: _Lookup) -> dict[str, Any]:
    """The record, in one field order for both kinds; `text` is the first mention's sentence."""
    first = next((m for m in mentions if m.doc_id in look.documents), None)
    doc = look.documents[first.doc_id] if first is not None else None
    return {
        "id": record_id, "record": kind,
        "date": date, "date_precision": date_precision, "date_conflict": date_conflict, "dates": list(dates),
        "source": source, "actor": source, "recipient": recipient,
        "event": [event_type], "mode": [mode] if mode else [], "context": context,
        "quad_code": QUAD_CODES.get(event_type),
        "event_loc": _location(places[0]) if places else None,
        "places": [_location(p) for p in places],
        "event_text": list(dict.fromkeys(m.text for m in mentions)),
        "text": doc.slice(first.sentence) if doc is not None and first is not None else None,
        "text_info": None if doc is None or first is None else {
            "doc_id": doc.id, "start": first.sentence.start, "end": first.sentence.end, "mention_id": first.id,
            "trigger_start": first.trigger.start, "trigger_end": first.trigger.end},
        "cite_info": {**_citation(doc), "codebook": CODEBOOK} if doc is not None else None,
        "sources": [_citation(look.documents[d]) for d in doc_ids if d in look.documents],
        "n_articles": len(doc_ids), "n_sources": independent_sources,
        "provenance": [_provenance(m) for m in mentions],
        "coder": f"rashomon {__version__}",
    }


def _event_record(event: Event, look: _Lookup) -> dict[str, Any]:
    mentions = [look.event_mentions[m] for m in event.mention_ids if m in look.event_mentions]
    written = _written(mentions, look)
    return _record(
        "event", event.id, event_type=event.type, mode=event.mode, context=list(event.aux_modes), date=event.date,
        date_precision=event.date_precision, date_conflict=event.date_conflict, dates=event.dates,
        source=_participants(event.actor_ids, (m.actor_text for m in mentions), written, look),
        recipient=_participants(event.target_ids, (m.target_text for m in mentions), written, look),
        places=event.places, mentions=mentions, doc_ids=event.doc_ids,
        independent_sources=event.independent_sources, look=look)


def _mention_record(mention: EventMention, look: _Lookup) -> dict[str, Any]:
    actors = list(dict.fromkeys(look.entity_of.get(i, i) for i in mention.actor_ids))
    targets = [t for t in dict.fromkeys(look.entity_of.get(i, i) for i in mention.target_ids) if t not in actors]
    written = _written([mention], look)
    return _record(
        "mention", mention.id, event_type=mention.type, mode=mention.mode, context=_context(mention),
        date=mention.date, date_precision=mention.date_precision, date_conflict=False,
        dates=(mention.date,) if mention.date else (),
        source=_participants(actors, (mention.actor_text,), written, look),
        recipient=_participants(targets, (mention.target_text,), written, look),
        places=mention.places, mentions=[mention], doc_ids=(mention.doc_id,), independent_sources=1, look=look)


def event_to_plover(event: Event, corpus: Corpus) -> dict[str, Any]:
    """One fused event as a PLOVER record (`record` "event"; see docs/schema.md for every field).

    `source`/`actor` and `recipient` are the event's entities (the text each is first written as, the
    entity id and name, the ISO alpha-3 `code` of a country), or the participant phrase its reports use
    most when no entity was resolved; `context` the auxiliary modes every report shares ("historical");
    `event_loc` its most reported place; `text` the first report's sentence, `text_info` its offsets and
    the trigger's in that document; `provenance` every report's offsets.
    """
    return _event_record(event, _Lookup.of(corpus))


def mention_to_plover(mention: EventMention, corpus: Corpus) -> dict[str, Any]:
    """One event mention as a PLOVER record of its own (`record` "mention", `id` the mention's id).

    Used for the negated, hypothetical and future mentions that no event holds: `context` lists the
    mention's auxiliary modes in its order, with "negation" when it is negated. Participants are its
    resolved entities, or its actor and target phrases as written.
    """
    return _mention_record(mention, _Lookup.of(corpus))


def plover_records(corpus: Corpus) -> list[dict[str, Any]]:
    """Every PLOVER record of a corpus: one per event (in corpus order), then one per event mention that
    is not factual and in no event (in document order, then offset order)."""
    look = _Lookup.of(corpus)
    records = [_event_record(event, look) for event in corpus.events]
    fused = {mid for event in corpus.events for mid in event.mention_ids}
    order = {doc.id: i for i, doc in enumerate(corpus.documents)}
    flagged = sorted((m for m in corpus.event_mentions if m.id not in fused and not is_factual(m)),
                     key=lambda m: (order.get(m.doc_id, len(order)), m.trigger.start, m.trigger.end))
    records.extend(_mention_record(mention, look) for mention in flagged)
    return records


def write_plover_jsonl(corpus: Corpus, path: str | Path) -> int:
    """Write `plover_records(corpus)` to `path`, one JSON object a line (UTF-8); return how many."""
    path = Path(path)
    records = plover_records(corpus)
    lines = [json.dumps(record, ensure_ascii=False, allow_nan=False) for record in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    events = sum(1 for record in records if record["record"] == "event")
    logger.info("wrote %s PLOVER records (%s events, %s non-factual mentions) to %s", len(records), events,
                len(records) - events, path)
    return len(records)

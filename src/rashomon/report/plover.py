"""PLOVER / POLECAT export: each fused event as one JSON line in PLOVER's field names.

PLOVER's "JSON Data Fields" chapter (openeventdata/PLOVER, PLOVER_MANUAL.tex) names the fields: `id`,
`date`, `source` and `recipient` (lists of actor objects: `actor_text`, `identifier_id`,
`identifier_text`), `event` (a list of categories), `mode`, `context`, `event_loc` (a geonames location
object: `geonameid`, `name`, `latitude`, `longitude`, `country_code`), `event_text`, `quad_code`, `text`,
`text_info` (`start`, `end` of the text), `cite_info` (`url`, `title`, `publication`) and `coder`. The spec
invites extra named fields; rashomon adds `date_precision`, `sources` and `provenance` (every mention's
offsets). docs/schema.md describes the mapping.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Corpus, Entity, Event, EventMention, Place
from .json_export import _real

logger = logging.getLogger(__name__)

QUAD_CODES = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
"""PLOVER's quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
REQUEST is PLOVER's DEMAND; OTHER has no quad code."""


def _actor(entity_id: str, entities: dict[str, Entity]) -> dict[str, Any]:
    entity = entities.get(entity_id)
    name = entity.name if entity is not None else entity_id
    return {"actor_text": name, "identifier_id": entity_id, "identifier_text": name}


def _location(place: Place) -> dict[str, Any]:
    return {"name": place.name, "country_code": place.country, "latitude": _real(place.latitude),
            "longitude": _real(place.longitude), "geonameid": place.geonameid}


def _context(mentions: list[EventMention]) -> list[str]:
    """The auxiliary modes (historical, future, hypothetical, negation) every mention shares, in first-seen order."""
    if not mentions:
        return []
    sets = [set(m.aux_modes) | ({"negation"} if m.negated else set()) for m in mentions]
    common = set.intersection(*sets)
    ordered = [mode for m in mentions for mode in (*m.aux_modes, "negation") if mode in common]
    return list(dict.fromkeys(ordered))


def event_to_plover(event: Event, corpus: Corpus) -> dict[str, Any]:
    """One fused event as a PLOVER record (see the module docstring for the fields).

    `text` is the first mention's sentence (in document and offset order) and `text_info` its offsets in
    that document; `context` lists the auxiliary modes every mention shares ("negation" when every report
    is negated); `event_loc` is the event's first resolved place, or null.
    """
    by_id = {m.id: m for m in corpus.event_mentions}
    mentions = [by_id[m] for m in event.mention_ids if m in by_id]
    entities = {e.id: e for e in corpus.entities}
    docs = {doc.id: doc for doc in corpus.documents}
    first = next((m for m in mentions if m.doc_id in docs), None)
    record: dict[str, Any] = {
        "id": event.id, "date": event.date, "date_precision": event.date_precision,
        "source": [_actor(a, entities) for a in event.actor_ids],
        "recipient": [_actor(t, entities) for t in event.target_ids],
        "event": [event.type], "mode": [event.mode] if event.mode else [], "context": _context(mentions),
        "event_loc": _location(event.places[0]) if event.places else None,
        "event_text": list(dict.fromkeys(m.text for m in mentions)),
        "quad_code": QUAD_CODES.get(event.type),
        "text": None, "text_info": None, "cite_info": None,
        "coder": f"rashomon {__version__}", "sources": list(event.doc_ids),
        "provenance": [{"mention": m.id, "doc": m.doc_id, "start": m.trigger.start, "end": m.trigger.end,
                        "sentence": [m.sentence.start, m.sentence.end]} for m in mentions],
    }
    if first is not None:
        doc = docs[first.doc_id]
        record["text"] = doc.slice(first.sentence)
        record["text_info"] = {"doc": doc.id, "start": first.sentence.start, "end": first.sentence.end}
        record["cite_info"] = {"url": doc.url, "title": doc.title.value if doc.title else None,
                               "publication": doc.outlet.value if doc.outlet else None}
    return record


def write_plover_jsonl(corpus: Corpus, path: str | Path) -> None:
    """Write every event as a PLOVER record, one JSON object a line (UTF-8, JSONL)."""
    path = Path(path)
    lines = [json.dumps(event_to_plover(event, corpus), ensure_ascii=False, allow_nan=False) for event in corpus.events]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    logger.info("wrote %s events to %s", len(lines), path)

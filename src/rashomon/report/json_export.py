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
from ..model import Claim, Corpus, Document, Meta, Mention

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


def corpus_to_dict(corpus: Corpus) -> dict[str, Any]:
    """The whole corpus as plain JSON-ready data, in the shape docs/schema.md describes.

    Entities list their mentions in the entity's order; a mention id the corpus does not hold is left
    out (and counted in one warning). A claim's "group" is the first claim group that lists it.
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
    }


def write_json(corpus: Corpus, path: str | Path) -> None:
    """Write the corpus to `path` as UTF-8 JSON (indented, non-ASCII characters kept as they are)."""
    path = Path(path)
    text = json.dumps(corpus_to_dict(corpus), ensure_ascii=False, indent=2, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    logger.info("wrote %s", path)

"""extract_claims: every numeric claim of one parsed document, with what it counts, where, when and
who says so."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.tokens import Doc as ParsedDoc

from ..errors import SpanError
from ..model import Claim, Document, Mention
from ..nlp import text_of
from ..settings import ClaimSettings
from .attribution import find_source
from .context import find_period, find_place, paragraph_index, paragraph_starts, place_candidates
from .counted import borrow_counted, read_counted
from .quantities import find_quantities

logger = logging.getLogger(__name__)

_ONE = frozenset({"one", "a", "an"})


def extract_claims(doc: Document, parsed: ParsedDoc, mentions: Sequence[Mention], *,
                   settings: ClaimSettings) -> list[Claim]:
    """The numeric claims `doc` states, in text order.

    Args:
        doc: the document; `parsed` must be the spaCy parse of `doc.text` (token offsets are the
            document's offsets).
        mentions: the document's entity mentions; PLACE mentions give places, others name sources.
        settings: the [claims] settings (approx_band: the width of "about N").

    Returns:
        One Claim per quantity that is a claim about the world (dates, markers and the like are
        skipped), with bounds, unit, counted thing, measure, place, period and attribution.
        `entity_ids` stay empty: group_claims fills them from the resolved entities.
    """
    if text_of(parsed) != doc.text:
        raise SpanError(f"document {doc.id} ({doc.path}): the parse is not of this document's text; "
                         f"parse doc.text itself so offsets match.")
    quantities = find_quantities(parsed, approx_band=settings.approx_band)
    paragraphs = paragraph_starts(doc.text)
    paragraph_of = [paragraph_index(paragraphs, q.start) for q in quantities]
    counts = borrow_counted(parsed, quantities, [read_counted(parsed, q) for q in quantities], paragraph_of)
    periods = [find_period(parsed, q, c) if q.kind != "time" else None for q, c in zip(quantities, counts, strict=True)]
    used_as_period = {
        i for i, q in enumerate(quantities)
        if q.kind == "time" and any(p is not None and p[0] <= q.start and q.end <= p[1]
                                    for j, p in enumerate(periods) if j != i)
    }
    places = place_candidates(parsed, mentions)
    claims = []
    for i, (quantity, counted) in enumerate(zip(quantities, counts, strict=True)):
        if i in used_as_period:
            continue
        if quantity.words in _ONE and not (counted.counted and counted.measure):
            continue
        sentence = parsed[quantity.anchor].sent
        sentence_start = sentence.start_char + len(sentence.text) - len(sentence.text.lstrip())
        sentence_end = sentence.start_char + len(sentence.text.rstrip())
        place = find_place(parsed, quantity, places, paragraphs)
        period = periods[i]
        claims.append(Claim(
            id=f"{doc.id}:{quantity.start}-{quantity.end}",
            doc_id=doc.id,
            span=doc.span(quantity.start, quantity.end),
            text=doc.text[quantity.start:quantity.end],
            sentence=doc.span(min(sentence_start, quantity.start), max(sentence_end, quantity.end)),
            value=quantity.value,
            low=quantity.low,
            high=quantity.high,
            unit="" if quantity.kind == "count" else quantity.unit,
            measure=counted.measure,
            counted=counted.counted,
            place=place.mention.text if place is not None else "",
            period=doc.text[period[0]:period[1]] if period is not None else "",
            attributed_to=find_source(parsed, quantity, mentions, paragraphs[paragraph_of[i]]),
            qualifier=quantity.qualifier,
        ))
    logger.debug("document %s: %s claims from %s quantities", doc.id, len(claims), len(quantities))
    return claims

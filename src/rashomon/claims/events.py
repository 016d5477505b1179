"""Attach claims to the fused events they quantify."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from ..model import Claim, Event, EventMention


def attach_events(claims: Sequence[Claim], event_mentions: Sequence[EventMention],
                  events: Sequence[Event]) -> list[Claim]:
    """Set each claim's `event_id` to the fused event reported in the same sentence, when one fits.

    In "airstrikes killed 25 fighters", the number 25 belongs to the event whose mention stands in
    the same sentence; the event word that names what the claim measures ("killed") wins, else the
    nearest event word in that sentence. Negated and hypothetical mentions are not fused into events,
    so a claim in such a sentence stays unattached. Returns the claims, refined where attached.
    """
    event_of = {mention_id: event.id for event in events for mention_id in event.mention_ids}
    by_doc: dict[str, list[EventMention]] = defaultdict(list)
    for mention in event_mentions:
        if mention.id in event_of:
            by_doc[mention.doc_id].append(mention)
    attached: list[Claim] = []
    for claim in claims:  # sentence spans may differ in trailing white space: test containment
        candidates = [m for m in by_doc.get(claim.doc_id, []) if m.sentence.contains(claim.span)]
        if not candidates:
            attached.append(claim)
            continue
        measure = claim.measure.lower()

        def _rank(mention: EventMention, claim: Claim = claim, measure: str = measure) -> tuple[bool, int]:
            named = bool(measure) and mention.text.lower() in {measure, measure.rstrip("ed"), measure + "ing"}
            distance = min(abs(mention.trigger.start - claim.span.end), abs(claim.span.start - mention.trigger.end))
            return (not named, distance)

        best = min(candidates, key=_rank)
        attached.append(dataclasses.replace(claim, event_id=event_of[best.id]))
    return attached

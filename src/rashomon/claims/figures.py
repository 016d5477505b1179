"""Each event's figures (its toll): the numbers its sources give for it, by what they measure, with a verdict
across the sources of this event (`EventFigure`).

The claims stage ties a number to the event reported in its sentence (`Claim.event_id`) and groups numbers
from different documents that measure the same thing (`ClaimGroup`). For one event, the claims of one group
that belong to it are one quantity. Its verdict is the group's when the event holds the whole group; when the
group also holds figures of other events (one source's toll for a whole crackdown, another's for one day of
it), the event's own claims are compared again, by the rule the group was made with (`compare_claims`). A
claim in no group that says what it measures stands alone, as a "single". Numbers that measure nothing ("a
two-week sit-in", "10 miles away") are not figures of the event.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Claim, ClaimGroup, Document, EventFigure, Verdict
from ..settings import ClaimSettings
from .compare import compare_claims, plural

__all__ = ["event_figures"]

_VERDICT_ORDER = {"differ": 0, "agree": 1, "single": 2}


def event_figures(claims: Sequence[Claim], claim_groups: Sequence[ClaimGroup], documents: Sequence[Document], *,
                  settings: ClaimSettings) -> list[EventFigure]:
    """Every event's figures: events in the order their first figure appears; an event's quantities with
    differing ones first, then those the sources agree on, then single figures; more sources first, then in
    text order. Claims of documents not in `documents` are left out."""
    doc_ids = {doc.id for doc in documents}
    group_of: dict[str, ClaimGroup] = {}
    for listed in claim_groups:
        for claim_id in listed.claim_ids:
            group_of.setdefault(claim_id, listed)
    order = {claim.id: i for i, claim in enumerate(claims)}
    by_event: dict[str, dict[str, list[Claim]]] = {}
    for claim in claims:
        if claim.event_id is None or claim.doc_id not in doc_ids:
            continue
        group = group_of.get(claim.id)
        if group is None and not claim.measure:
            continue
        key = group.id if group is not None else claim.id
        by_event.setdefault(claim.event_id, {}).setdefault(key, []).append(claim)
    found: list[EventFigure] = []
    for event_id, quantities in by_event.items():
        ranked = []
        for members in quantities.values():
            group = group_of.get(members[0].id)
            if group is not None:
                rank = {claim_id: i for i, claim_id in enumerate(group.claim_ids)}
                members.sort(key=lambda c: rank[c.id])
            figure = EventFigure(event_id=event_id, label=group.label if group is not None else _label(members[0]),
                                 verdict=_verdict(members, group, settings),
                                 group_id=group.id if group is not None else None,
                                 claim_ids=tuple(c.id for c in members))
            ranked.append(((_VERDICT_ORDER.get(figure.verdict, 3), -len({c.doc_id for c in members}),
                            min(order[c.id] for c in members)), figure))
        found += [figure for _, figure in sorted(ranked, key=lambda item: item[0])]
    return found


def _verdict(claims: list[Claim], group: ClaimGroup | None, settings: ClaimSettings) -> Verdict:
    """The group's verdict when the event holds the whole group, else the event's claims compared again."""
    if len({claim.doc_id for claim in claims}) < 2:
        return "single"
    if group is not None and {claim.id for claim in claims} == set(group.claim_ids):
        return group.verdict
    return compare_claims(claims, settings=settings)


def _label(claim: Claim) -> str:
    """What a claim in no group measures, worded as a group's label: "people wounded in Iraq"."""
    thing = "number"
    if claim.counted:  # rare: the claims stage gives a claim that counts something a group of its own
        thing = claim.counted if claim.unit else plural(claim.counted)
    measure = "" if claim.measure == "present" else claim.measure
    text = " ".join(part for part in (thing, measure) if part)
    if claim.place:
        text += f" in {claim.place}"
    return f"{text}, {claim.unit}" if claim.unit else text

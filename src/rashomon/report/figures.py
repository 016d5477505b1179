"""An event's figures (its toll): the numbers each source gives for it, by what they measure, with a verdict
across the sources for this event.

The claims stage ties a number to the event reported in its sentence (`Claim.event_id`) and groups numbers
from different documents that measure the same thing (`ClaimGroup`). For one event, the claims of one group
that belong to it are one quantity. Its verdict is the group's when the event holds the whole group; when the
group also holds figures of other events (one source's toll for a whole crackdown, another's for one day of
it), the event's own claims are compared again, by the rule the group was made with
(`rashomon.claims.compare.compare_claims`). A claim in no group that says what it measures stands alone, as a
"single". Numbers that measure nothing ("a two-week sit-in", "10 miles away") are not figures of the event.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Claim, ClaimGroup, Corpus, Verdict
from ..settings import ClaimSettings, load_settings
from .common import describe_amount, source_label

VERDICT_TEXT: Mapping[str, str] = {"differ": "sources differ", "agree": "sources agree", "single": "one source only"}
"""How the reports say a verdict."""

_VERDICT_ORDER = {"differ": 0, "agree": 1, "single": 2}


@dataclass(frozen=True, slots=True)
class SourceFigure:
    """One source's figure for a quantity: the claim it was read from, and the source's name."""

    claim: Claim  # value, low, high and text as written; span and sentence for provenance
    source: str  # the document's outlet, or its file name
    amount: str  # the parsed amount, "≥ 600"; "" when nothing was parsed

    @property
    def per(self) -> str:
        """'per Reuters' when the claim is attributed to someone, else ''."""
        return f"per {self.claim.attributed_to}" if self.claim.attributed_to else ""


@dataclass(frozen=True, slots=True)
class EventFigure:
    """One quantity an event's sources give a figure for, and whether they agree on it."""

    label: str  # what is measured: "militia fighters killed in Iraq"
    verdict: Verdict  # across the sources of this event: "agree", "differ" or "single"
    group_id: str | None  # the claim group the figures come from; None for a claim in no group
    figures: tuple[SourceFigure, ...]  # in the group's order (document, then offset)

    @property
    def sources(self) -> int:
        """How many documents give a figure."""
        return len({figure.claim.doc_id for figure in self.figures})


@functools.cache
def _default_settings() -> ClaimSettings:
    return load_settings().claims


def figures_by_event(corpus: Corpus, *, settings: ClaimSettings | None = None) -> dict[str, list[EventFigure]]:
    """Each event's figures, by event id (events without figures are left out); see the module docstring.

    Claims of documents the corpus does not hold are left out. An event's quantities come with differing
    ones first, then those the sources agree on, then single figures; more sources first, then in text order.

    Args:
        corpus: the claims, claim groups and documents to read.
        settings: how open bounds are compared when a verdict is recomputed (default: the packaged settings;
            pass the settings the corpus was analysed with when they differ).
    """
    docs = {doc.id: doc for doc in corpus.documents}
    group_of: dict[str, ClaimGroup] = {}
    for group in corpus.claim_groups:
        for claim_id in group.claim_ids:
            group_of.setdefault(claim_id, group)
    order = {claim.id: i for i, claim in enumerate(corpus.claims)}
    by_event: dict[str, dict[str, list[Claim]]] = {}
    for claim in corpus.claims:
        if claim.event_id is None or claim.doc_id not in docs:
            continue
        group = group_of.get(claim.id)
        if group is None and not claim.measure:
            continue
        key = group.id if group is not None else claim.id
        by_event.setdefault(claim.event_id, {}).setdefault(key, []).append(claim)
    found: dict[str, list[EventFigure]] = {}
    for event_id, quantities in by_event.items():
        figures = []
        for key, claims in quantities.items():
            group = group_of.get(claims[0].id)
            if group is not None:
                rank = {claim_id: i for i, claim_id in enumerate(group.claim_ids)}
                claims.sort(key=lambda c: rank[c.id])
            sources = tuple(SourceFigure(c, source_label(docs[c.doc_id]), describe_amount(c)) for c in claims)
            figures.append(EventFigure(label=group.label if group is not None else _label(claims[0]),
                                       verdict=_verdict(claims, group, settings),
                                       group_id=group.id if group is not None else None, figures=sources))
        figures.sort(key=lambda f: (_VERDICT_ORDER.get(f.verdict, 3), -f.sources,
                                    min(order[s.claim.id] for s in f.figures)))
        found[event_id] = figures
    return found


def _verdict(claims: list[Claim], group: ClaimGroup | None, settings: ClaimSettings | None) -> Verdict:
    """The group's verdict when the event holds the whole group, else the event's claims compared again."""
    if len({claim.doc_id for claim in claims}) < 2:
        return "single"
    if group is not None and {claim.id for claim in claims} == set(group.claim_ids):
        return group.verdict
    # imported here: the claims package loads spaCy, which reading a store does not otherwise need
    from ..claims.compare import compare_claims

    return compare_claims(claims, settings=settings if settings is not None else _default_settings())


def _label(claim: Claim) -> str:
    """What a claim in no group measures, worded as a group's label: "people wounded in Iraq"."""
    thing = "number"
    if claim.counted:  # rare: the claims stage gives a claim that counts something a group of its own
        from ..claims.compare import plural

        thing = claim.counted if claim.unit else plural(claim.counted)
    measure = "" if claim.measure == "present" else claim.measure
    text = " ".join(part for part in (thing, measure) if part)
    if claim.place:
        text += f" in {claim.place}"
    return f"{text}, {claim.unit}" if claim.unit else text

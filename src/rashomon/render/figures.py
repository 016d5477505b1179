"""An event's figures (its toll) as the views show them: each stored `EventFigure` with, for every number, the
claim it was read from, the source's name and the parsed amount. The figures and their verdicts are the claims
stage's (`rashomon.claims.event_figures`); nothing is compared here."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Claim, Corpus, Verdict
from .text import describe_amount, source_label


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
class FigureView:
    """One quantity an event's sources give a figure for, and whether they agree on it."""

    label: str  # what is measured: "militia fighters killed in Iraq"
    verdict: Verdict  # across the sources of this event: "agree", "differ" or "single"
    group_id: str | None  # the claim group the figures come from; None for a claim in no group
    figures: tuple[SourceFigure, ...]  # in the group's order (document, then offset)

    @property
    def sources(self) -> int:
        """How many documents give a figure."""
        return len({figure.claim.doc_id for figure in self.figures})


def figures_by_event(corpus: Corpus) -> dict[str, list[FigureView]]:
    """Each event's stored figures, by event id, in the stage's order (events without figures are left out);
    claims of documents the corpus does not hold are left out."""
    docs = {doc.id: doc for doc in corpus.documents}
    claims = {claim.id: claim for claim in corpus.claims}
    found: dict[str, list[FigureView]] = {}
    for figure in corpus.event_figures:
        members = [claims[c] for c in figure.claim_ids if c in claims and claims[c].doc_id in docs]
        if members:
            found.setdefault(figure.event_id, []).append(FigureView(
                label=figure.label, verdict=figure.verdict, group_id=figure.group_id,
                figures=tuple(SourceFigure(c, source_label(docs[c.doc_id]), describe_amount(c)) for c in members)))
    return found

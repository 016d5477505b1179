"""The claims page: the numbers the sources state, in the claims stage's groups (those whose sources differ
first) with each group's verdict, then the numbers no group holds."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Claim, Corpus, Document, Span, Verdict
from ..text import Passage, describe_amount, passage, same_number, source_label
from .lookup import CorpusLookup, lookup_of


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """One number a source states, with what it measures, who says so and its sentence."""

    id: str
    doc_id: str
    source: str  # the document's outlet, or its file name
    text: str  # the number as written: "more than 60"
    span: Span
    amount: str  # the parsed amount, "≥ 60" ("" when nothing was parsed)
    reads_as: str  # the amount when it says more than the words ("≥ 600" for "more than 600"), else ""
    what: str  # what it counts: measure, counted, place and period ("killed protesters in Nour Square")
    measure: str
    counted: str
    attributed_to: str  # "" when the author says it
    passage: Passage  # its sentence
    value: float | None = None  # the number as stated (None for a vague amount: "hundreds")
    low: float | None = None  # its bounds after the qualifier: "at least 500" is low 500, high None
    high: float | None = None
    qualifier: str = ""  # "at least", "more than", "about", ...
    unit: str = ""  # "" for counts; "percent", "USD", ...

    @property
    def per(self) -> str:
        """'per Reuters' when the claim is attributed to someone, else ''."""
        return f"per {self.attributed_to}" if self.attributed_to else ""


def claim_line(claim: Claim, doc: Document) -> ClaimLine:
    """The line of one claim of `doc`."""
    what = " ".join(part for part in (claim.measure, claim.counted, f"in {claim.place}" if claim.place else "",
                                      claim.period) if part)
    amount = describe_amount(claim)
    return ClaimLine(claim.id, doc.id, source_label(doc), claim.text, claim.span, amount,
                     "" if same_number(amount, claim.text) else amount, what, claim.measure, claim.counted,
                     claim.attributed_to, passage(doc, claim.sentence, claim.span), claim.value, claim.low,
                     claim.high, claim.qualifier, claim.unit)


@dataclass(frozen=True, slots=True)
class ClaimGroupView:
    """A claim group: numbers that count the same thing, and whether the sources agree on it."""

    id: str
    label: str
    verdict: Verdict
    claims: tuple[ClaimLine, ...]  # in the group's order


@dataclass(frozen=True, slots=True)
class ClaimsView:
    """The claims page: groups (differing first, then agreeing, then single; bigger first), then the rest."""

    groups: tuple[ClaimGroupView, ...]  # groups with a claim of the corpus's documents
    ungrouped: tuple[ClaimLine, ...]  # numbers in no group, in the corpus's order


def claims_view(corpus: Corpus | CorpusLookup) -> ClaimsView:
    """The claims page of a corpus; claims of documents it does not hold are left out."""
    lookup = lookup_of(corpus)
    claims = {c.id: c for c in lookup.corpus.claims if c.doc_id in lookup.documents}
    groups = []
    grouped: set[str] = set()
    for group in lookup.sorted_groups:
        members = [claims[c] for c in group.claim_ids if c in claims]
        grouped.update(c.id for c in members)
        if members:
            groups.append(ClaimGroupView(group.id, group.label, group.verdict,
                                         tuple(claim_line(c, lookup.documents[c.doc_id]) for c in members)))
    rest = tuple(claim_line(c, lookup.documents[c.doc_id]) for c in claims.values() if c.id not in grouped)
    return ClaimsView(tuple(groups), rest)


def claims_about(lookup: CorpusLookup, entity_id: str) -> list[Claim]:
    """Claims that name the entity, or whose sentence holds one of its mentions."""
    entity = lookup.entities.get(entity_id)
    spots: dict[str, list[tuple[int, int]]] = {}
    if entity is not None:
        for mention_id in entity.mention_ids:
            mention = lookup.mentions.get(mention_id)
            if mention is not None:
                spots.setdefault(mention.doc_id, []).append((mention.sentence.start, mention.sentence.end))
    return [claim for claim in lookup.corpus.claims
            if entity_id in claim.entity_ids
            or (claim.sentence.start, claim.sentence.end) in spots.get(claim.doc_id, ())]

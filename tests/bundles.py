"""Build the record bundles the store takes, from lists, for tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rashomon.model import Claim, Document, DocumentRecords, EventMention, Mention, Quote, StanceEvidence, TimeExpression


def bundle(doc: Document, mentions: Iterable[Mention] = (), claims: Iterable[Claim] = (), *,
           times: Iterable[TimeExpression] = (), event_mentions: Iterable[EventMention] = (),
           quotes: Iterable[Quote] = (), stance_evidence: Iterable[StanceEvidence] = (),
           term_counts: Mapping[str, int] | None = None) -> DocumentRecords:
    """A document's records, as the per-document stages hand them to the store."""
    return DocumentRecords(doc=doc, mentions=tuple(mentions), claims=tuple(claims), times=tuple(times),
                           event_mentions=tuple(event_mentions), quotes=tuple(quotes),
                           stance_evidence=tuple(stance_evidence), term_counts=dict(term_counts or {}))

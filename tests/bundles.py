"""Build the record bundles the store takes, from lists, and hand-built corpora as a store holds them, for tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from rashomon.model import (
    Claim,
    Corpus,
    Document,
    DocumentRecords,
    DroppedName,
    EventMention,
    Mention,
    Quote,
    StanceEvidence,
    TimeExpression,
)


def bundle(doc: Document, mentions: Iterable[Mention] = (), claims: Iterable[Claim] = (), *,
           times: Iterable[TimeExpression] = (), event_mentions: Iterable[EventMention] = (),
           quotes: Iterable[Quote] = (), stance_evidence: Iterable[StanceEvidence] = (),
           term_counts: Mapping[str, int] | None = None, dropped_names: Iterable[DroppedName] = ()) -> DocumentRecords:
    """A document's records, as the per-document stages hand them to the store."""
    return DocumentRecords(doc=doc, mentions=tuple(mentions), claims=tuple(claims), times=tuple(times),
                           event_mentions=tuple(event_mentions), quotes=tuple(quotes),
                           stance_evidence=tuple(stance_evidence), term_counts=dict(term_counts or {}),
                           dropped_names=tuple(dropped_names))


def derive(corpus: Corpus) -> Corpus:
    """A hand-built corpus with what the corpus stages derive from its records, as a store holds it: each
    event's place conflict and reports by sentence, each event's figures, each quote's speaking entity."""
    from rashomon.claims import event_figures
    from rashomon.events import describe_events
    from rashomon.perspective import resolve_speakers
    from rashomon.settings import load_settings

    events = tuple(describe_events(corpus.events, corpus.event_mentions))
    figures = tuple(event_figures(corpus.claims, corpus.claim_groups, corpus.documents,
                                  settings=load_settings().claims))
    quotes = tuple(resolve_speakers(corpus.quotes, corpus.entities, corpus.mentions))
    return dataclasses.replace(corpus, events=events, event_figures=figures, quotes=quotes)

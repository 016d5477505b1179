"""Every stage of the pipeline, registered in one place (as spaCy's registrations.py does).

A stage is a versioned name, a function, the records it requires and the records it assigns, and its scope
(see `pipeline`). The function takes exactly its requirements as keyword arguments, plus `settings` (and
`nlp` for a batch stage), and returns a mapping of exactly what it assigns. The functions here are thin:
each calls its stage's public function and names what it returns. A stage's version is raised when what it
makes changes, so stores made by the older version are analysed again (`pipeline.find_stale_documents`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .claims import attach_events, event_figures, extract_claims, group_claims
from .entities import read_names, resolve_entities
from .events import describe_events, extract_event_mentions, fuse_events
from .events.blocked import fuse_events_blocked
from .ingest import read_path
from .model import (
    Claim,
    Document,
    Entity,
    EventMention,
    Mention,
    Quote,
    StanceEvidence,
    TimeExpression,
)
from .nlp import parse
from .perspective import (
    corpus_stances,
    count_terms,
    distinctive_vocabulary,
    extract_quotes,
    extract_stance_evidence,
    frame_events,
    resolve_speakers,
)
from .settings import Settings
from .time import find_time_expressions

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as ParsedDoc

Assigned = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Stage:
    """A registered stage: a versioned name, its function, what it requires and assigns, and its scope."""

    name: str  # versioned, e.g. "entities.mentions.v1"
    function: Callable[..., Assigned]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    scope: str = "document"  # "input", "batch", "document" or "corpus" (see pipeline)

    @property
    def key(self) -> str:
        """The name without its version: "entities.mentions"."""
        return self.name.rsplit(".", 1)[0]

    @property
    def version(self) -> str:
        return self.name.rsplit(".", 1)[1]


# -- input and batch -------------------------------------------------------------------------------------


def _read(path: Path, *, settings: Settings) -> Assigned:
    return {"doc": read_path(path, settings=settings.ingest)}


def _parse(doc: Sequence[Document], *, nlp: Language, settings: Settings) -> Assigned:
    return {"parsed": [parsed for _, parsed in parse(nlp, doc, batch_size=settings.nlp.batch_size,
                                                     chunk_chars=settings.limits.chunk_chars,
                                                     sentence_tokens=settings.limits.sentence_tokens)]}


# -- per document ----------------------------------------------------------------------------------------


def _mentions(doc: Document, parsed: ParsedDoc, *, settings: Settings) -> Assigned:
    names = read_names(doc, parsed, settings=settings.entities)
    return {"mentions": tuple(names.mentions), "dropped_names": tuple(names.dropped)}


def _times(doc: Document, parsed: ParsedDoc, *, settings: Settings) -> Assigned:
    return {"times": tuple(find_time_expressions(doc, parsed))}


def _event_mentions(doc: Document, parsed: ParsedDoc, mentions: Sequence[Mention], times: Sequence[TimeExpression],
                    *, settings: Settings) -> Assigned:
    return {"event_mentions": tuple(extract_event_mentions(doc, parsed, mentions, times))}


def _claims(doc: Document, parsed: ParsedDoc, mentions: Sequence[Mention], *, settings: Settings) -> Assigned:
    return {"claims": tuple(extract_claims(doc, parsed, mentions, settings=settings.claims))}


def _quotes(doc: Document, parsed: ParsedDoc, mentions: Sequence[Mention], *, settings: Settings) -> Assigned:
    return {"quotes": tuple(extract_quotes(doc, parsed, mentions))}


def _stance_evidence(doc: Document, parsed: ParsedDoc, mentions: Sequence[Mention], quotes: Sequence[Quote], *,
                     settings: Settings) -> Assigned:
    return {"stance_evidence": tuple(extract_stance_evidence(doc, parsed, mentions, quotes, settings=settings.stance))}


def _term_counts(doc: Document, parsed: ParsedDoc, *, settings: Settings) -> Assigned:
    return {"term_counts": count_terms(doc, parsed)}


# -- over the corpus -------------------------------------------------------------------------------------


def _entity_of(entities: Sequence[Entity]) -> dict[str, str]:
    return {mention_id: entity.id for entity in entities for mention_id in entity.mention_ids}


def _entities(mentions: Sequence[Mention], *, settings: Settings) -> Assigned:
    return {"entities": tuple(resolve_entities(mentions, settings=settings.entities))}


def _events(event_mentions: Sequence[EventMention], entities: Sequence[Entity], documents: Sequence[Document], *,
            settings: Settings) -> Assigned:
    block = settings.scale.fusion_block_documents
    if 0 < block < len(documents):  # docs/scaling.md: blocked fusion, approximate
        return {"events": tuple(fuse_events_blocked(event_mentions, entity_of=_entity_of(entities),
                                                    documents=documents, settings=settings.fusion,
                                                    block_documents=block))}
    return {"events": tuple(fuse_events(event_mentions, entity_of=_entity_of(entities), documents=list(documents),
                                        settings=settings.fusion))}


def _described_events(events: Sequence[Any], event_mentions: Sequence[EventMention], *, settings: Settings) -> Assigned:
    return {"events": tuple(describe_events(events, event_mentions))}


def _claim_groups(claims: Sequence[Claim], entities: Sequence[Entity], mentions: Sequence[Mention],
                  documents: Sequence[Document], *, settings: Settings) -> Assigned:
    refined, groups = group_claims(claims, entities=entities, mentions=mentions, documents=documents,
                                   settings=settings.claims)
    return {"claims": tuple(refined), "claim_groups": tuple(groups)}


def _claim_events(claims: Sequence[Claim], event_mentions: Sequence[EventMention], events: Sequence[Any], *,
                  settings: Settings) -> Assigned:
    return {"claims": tuple(attach_events(claims, event_mentions, events))}


def _event_figures(claims: Sequence[Claim], claim_groups: Sequence[Any], documents: Sequence[Document], *,
                   settings: Settings) -> Assigned:
    return {"event_figures": tuple(event_figures(claims, claim_groups, documents, settings=settings.claims))}


def _stances(stance_evidence: Sequence[StanceEvidence], entities: Sequence[Entity], *, settings: Settings) -> Assigned:
    return {"stances": tuple(corpus_stances(stance_evidence, entities, settings=settings.stance))}


def _speakers(quotes: Sequence[Quote], entities: Sequence[Entity], mentions: Sequence[Mention], *,
              settings: Settings) -> Assigned:
    return {"quotes": tuple(resolve_speakers(quotes, entities, mentions))}


def _vocabulary(term_counts: Mapping[str, Any], *, settings: Settings) -> Assigned:
    return {"vocabulary": tuple(distinctive_vocabulary(term_counts))}


def _framings(events: Sequence[Any], event_mentions: Sequence[EventMention], documents: Sequence[Document], *,
              settings: Settings) -> Assigned:
    return {"framings": tuple(frame_events(events, event_mentions, docs={doc.id: doc for doc in documents}))}


STAGES: tuple[Stage, ...] = (
    Stage("ingest.read.v1", _read, ("path",), ("doc",), "input"),
    Stage("nlp.parse.v1", _parse, ("doc",), ("parsed",), "batch"),
    Stage("entities.mentions.v2", _mentions, ("doc", "parsed"), ("mentions", "dropped_names")),
    Stage("time.expressions.v1", _times, ("doc", "parsed"), ("times",)),
    Stage("events.mentions.v5", _event_mentions, ("doc", "parsed", "mentions", "times"), ("event_mentions",)),
    Stage("claims.extract.v1", _claims, ("doc", "parsed", "mentions"), ("claims",)),
    Stage("perspective.quotes.v2", _quotes, ("doc", "parsed", "mentions"), ("quotes",)),
    Stage("perspective.evidence.v3", _stance_evidence, ("doc", "parsed", "mentions", "quotes"), ("stance_evidence",)),
    Stage("perspective.terms.v1", _term_counts, ("doc", "parsed"), ("term_counts",)),
    Stage("entities.resolve.v2", _entities, ("mentions",), ("entities",), "corpus"),
    Stage("events.fuse.v3", _events, ("event_mentions", "entities", "documents"), ("events",), "corpus"),
    Stage("events.describe.v2", _described_events, ("events", "event_mentions"), ("events",), "corpus"),
    Stage("claims.group.v1", _claim_groups, ("claims", "entities", "mentions", "documents"), ("claims", "claim_groups"),
          "corpus"),
    Stage("claims.events.v1", _claim_events, ("claims", "event_mentions", "events"), ("claims",), "corpus"),
    Stage("claims.figures.v1", _event_figures, ("claims", "claim_groups", "documents"), ("event_figures",), "corpus"),
    Stage("perspective.speakers.v1", _speakers, ("quotes", "entities", "mentions"), ("quotes",), "corpus"),
    Stage("perspective.stances.v3", _stances, ("stance_evidence", "entities"), ("stances",), "corpus"),
    Stage("perspective.vocabulary.v1", _vocabulary, ("term_counts",), ("vocabulary",), "corpus"),
    Stage("perspective.framing.v1", _framings, ("events", "event_mentions", "documents"), ("framings",), "corpus"),
)
"""The stages in running order."""

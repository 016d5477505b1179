"""The stages, registered in one place, and `analyze`, which runs them from files to a store.

Data flows one way: ingest -> nlp -> entities -> events -> claims -> perspective -> store, then the
corpus-level stages (entity resolution, event fusion, claim grouping, stance, vocabulary, framing)
run over everything the store holds. Each document's records are
written in one transaction as soon as it is parsed (by this process only, also when worker processes
parse and analyse the documents: `nlp.workers`), so a run killed halfway keeps every document that
finished; the corpus-level stages are recomputed at the end of every run, so they are never stale.
The store records the version of every stage beside each document: a stored document whose records an
older version of a per-document stage made is analysed again from its stored text, so a store never
mixes the output of two versions of a stage.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .claims import attach_events, extract_claims, group_claims
from .entities import extract_mentions, resolve_entities
from .errors import ConfigError
from .events import extract_event_mentions, fuse_events
from .ingest import collect_paths, read_path
from .model import Claim, Document, Entity, EventMention, Mention, Quote, Skipped, StanceEvidence, TimeExpression
from .nlp import load_nlp, parse
from .perspective import (
    aggregate_stances,
    count_terms,
    distinctive_vocabulary,
    extract_quotes,
    extract_stance_evidence,
    frame_events,
)
from .settings import Settings
from .store import Store
from .time import find_time_expressions
from .workers import map_in_workers

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as ParsedDoc

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stage:
    """A registered stage: a versioned name, what it needs and what it adds."""

    name: str  # versioned, e.g. "entities.mentions.v1"
    function: Callable[..., object]
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    scope: str = "document"  # "document": runs per document; "corpus": over everything stored


STAGES: tuple[Stage, ...] = (
    Stage("ingest.read.v1", read_path, (), ("doc.text", "doc.meta")),
    Stage("nlp.parse.v1", parse, ("doc.text",), ("parsed",)),
    Stage("entities.mentions.v1", extract_mentions, ("doc.text", "parsed"), ("mentions",)),
    Stage("events.times.v1", find_time_expressions, ("doc.text", "doc.meta"), ("times",)),
    Stage("events.mentions.v3", extract_event_mentions, ("parsed", "mentions", "times"), ("event_mentions",)),
    Stage("claims.extract.v1", extract_claims, ("parsed", "mentions"), ("claims",)),
    Stage("perspective.quotes.v1", extract_quotes, ("parsed", "mentions"), ("quotes",)),
    Stage("perspective.evidence.v1", extract_stance_evidence, ("parsed", "mentions", "quotes"), ("stance_evidence",)),
    Stage("perspective.terms.v1", count_terms, ("parsed",), ("term_counts",)),
    Stage("entities.resolve.v1", resolve_entities, ("mentions",), ("entities",), "corpus"),
    Stage("events.fuse.v2", fuse_events, ("event_mentions", "entities"), ("events",), "corpus"),
    Stage("claims.group.v1", group_claims, ("claims", "entities"), ("claim_groups",), "corpus"),
    Stage("claims.events.v1", attach_events, ("claims", "events"), ("claim_events",), "corpus"),
    Stage("perspective.stances.v1", aggregate_stances, ("stance_evidence", "entities"), ("stances",), "corpus"),
    Stage("perspective.vocabulary.v1", distinctive_vocabulary, ("term_counts",), ("vocabulary",), "corpus"),
    Stage("perspective.framing.v1", frame_events, ("events",), ("framings",), "corpus"),
)


def check_stages(stages: Sequence[Stage] = STAGES) -> None:
    """Check that every stage's requirements are provided by an earlier stage (spaCy's analyze_pipes)."""
    provided: set[str] = set()
    for stage in stages:
        missing = [need for need in stage.requires if need not in provided]
        if missing:
            raise ConfigError(
                f"stage {stage.name} needs {', '.join(missing)}, which no earlier stage provides. "
                f"Reorder the stages or add one that provides it."
            )
        provided.update(stage.provides)


def stage_versions(stages: Sequence[Stage] = STAGES) -> dict[str, str]:
    """{"entities.mentions": "v1", ...}: recorded in the store beside every row a stage made."""
    return dict(stage.name.rsplit(".", 1) for stage in stages)  # type: ignore[misc]


def _redoable_stages(stages: Sequence[Stage] = STAGES) -> tuple[str, ...]:
    """Unversioned names of the per-document stages that can run again from a stored document: all but
    those that read input files (they require nothing; the stored text already went through them)."""
    return tuple(stage.name.rsplit(".", 1)[0] for stage in stages if stage.scope == "document" and stage.requires)


def find_stale_documents(store: Store, *, versions: Mapping[str, str] | None = None) -> list[str]:
    """Ids of the stored documents whose records other versions of the per-document stages made.

    A document is stale when, for any per-document stage that can run again from its stored text, the
    version recorded beside it differs from `versions` (default: `stage_versions()`) or is not recorded.
    Corpus-level stages are recomputed over the whole store every run and do not count; nor does ingest:
    a changed reader shows when a file is read again (a changed text is a new document).
    """
    return list(_stale_documents(store, stage_versions() if versions is None else versions))


def _stale_documents(store: Store, versions: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Stale document id -> the stage versions recorded beside it, in store (path) order."""
    redoable = _redoable_stages()
    return {doc_id: recorded for doc_id, recorded in store.all_stage_versions().items()
            if any(recorded.get(name) != versions.get(name) for name in redoable)}


@dataclass(slots=True)
class RunResult:
    """What one `analyze` run did."""

    added: list[Document] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # paths whose content was already stored, up to date
    reanalysed: list[str] = field(default_factory=list)  # ids of stored documents analysed again (older stages)
    skipped: list[Skipped] = field(default_factory=list)
    entities: int = 0
    claims: int = 0
    claim_groups: int = 0
    events: int = 0

    @property
    def ok(self) -> bool:
        return not self.skipped


ProgressFn = Callable[[int, int, str], None]  # (done, total, path) after each input file or re-analysed document


@dataclass(frozen=True, slots=True)
class _Records:
    """Everything the per-document stages make from one document."""

    mentions: list[Mention]
    claims: list[Claim]
    times: list[TimeExpression]
    event_mentions: list[EventMention]
    quotes: list[Quote]
    stance_evidence: list[StanceEvidence]
    term_counts: Counter[str]


def _read_new(paths: Sequence[Path], store: Store, settings: Settings, result: RunResult,
              stored: list[tuple[str, str]], progress: ProgressFn | None) -> Iterator[Document]:
    """Read each path, yield documents not yet stored; record skips in `result`, and the (path, id) of
    each file whose content is already stored in `stored`."""
    seen: set[str] = set()
    for index, path in enumerate(paths, start=1):
        for item in read_path(path, settings=settings.ingest):
            if isinstance(item, Skipped):
                logger.info("skipped %s", item)
                result.skipped.append(item)
            elif item.id in seen or store.has_document(item.id):
                stored.append((item.path, item.id))
            else:
                seen.add(item.id)
                yield item
        if progress is not None:
            progress(index, len(paths), str(path))


def analyze(inputs: Sequence[str | Path], *, store: Store, settings: Settings,
            progress: ProgressFn | None = None) -> RunResult:
    """Read `inputs` (files, folders, globs), analyse every new document, and update `store`.

    Documents already in the store (same cleaned text) are not analysed again, unless an older version
    of a per-document stage made their records (see `find_stale_documents`): every such stored document,
    named in `inputs` or not, is analysed again from its stored text and its records replaced, one
    transaction each. `inputs` may be empty, to bring a store up to date after an upgrade. Inputs that
    cannot be read, and documents a stage fails on, are listed in `RunResult.skipped`; the run goes on
    without them (a document that fails re-analysis keeps its old records).
    """
    check_stages()
    versions = stage_versions()
    result = RunResult()
    paths, missing = collect_paths(inputs, settings=settings.ingest)
    result.skipped.extend(missing)
    stored: list[tuple[str, str]] = []
    new_docs = _read_new(paths, store, settings, result, stored, progress)
    analysed = _analyse(new_docs, settings=settings, result=result, kept="nothing of it was stored")
    with contextlib.closing(analysed):  # on an error, worker processes stop at once
        for doc, records in analysed:
            _store(store, doc, records, stages=versions, replace=False)
            result.added.append(doc)
            logger.info("stored %s (%s) with %s mentions", doc.id, doc.path, len(records.mentions))
    _reanalyse_stale(store, settings, versions, result, progress)
    reanalysed = set(result.reanalysed)
    result.unchanged.extend(path for path, doc_id in stored if doc_id not in reanalysed)
    _update_corpus(store, settings, result)
    return result


def _reanalyse_stale(store: Store, settings: Settings, versions: Mapping[str, str], result: RunResult,
                     progress: ProgressFn | None) -> None:
    """Run the per-document stages again on every stored document older stage versions made, and replace
    its records (one transaction each). Stages that read files keep the version recorded beside it."""
    stale = _stale_documents(store, versions)
    if not stale:
        return
    logger.info("re-analysing %s stored document(s) whose records older stage versions made", len(stale))
    fixed = {stage.name.rsplit(".", 1)[0] for stage in STAGES if stage.scope == "document"} - set(_redoable_stages())

    def _stale_docs() -> Iterator[Document]:
        for index, doc_id in enumerate(stale, start=1):
            doc = store.document(doc_id)
            if doc is not None:
                yield doc
                if progress is not None:
                    progress(index, len(stale), doc.path)

    kept = "its records from the older stage versions are kept, and the next run tries again"
    analysed = _analyse(_stale_docs(), settings=settings, result=result, kept=kept)
    with contextlib.closing(analysed):
        for doc, records in analysed:
            recorded = stale[doc.id]
            stages = {name: recorded[name] if name in fixed else version
                      for name, version in versions.items() if name not in fixed or name in recorded}
            _store(store, doc, records, stages=stages, replace=True)
            result.reanalysed.append(doc.id)
            logger.info("re-analysed %s (%s): %s mentions", doc.id, doc.path, len(records.mentions))


def _analyse(docs: Iterable[Document], *, settings: Settings, result: RunResult, kept: str
             ) -> Iterator[tuple[Document, _Records]]:
    """Parse `docs` and run the per-document stages on each; yield each document with its records.

    The spaCy model is loaded only when there is a document to parse. With `nlp.workers` > 0 and more
    than one batch of documents, worker processes parse and analyse the batches while this process
    stores what they return (see `workers.map_in_workers`). A document a stage fails on is listed in
    `result.skipped` (`kept` says what happens to it) and not yielded; the others go on.
    """
    if settings.nlp.workers < 0:
        raise ConfigError(f"nlp.workers is {settings.nlp.workers}; it counts worker processes: 0 (parse in "
                          "this process) or more.")
    pending = iter(docs)
    first = next(pending, None)
    if first is None:
        return
    nlp = load_nlp(settings.nlp.model)
    docs = itertools.chain([first], pending)
    if settings.nlp.workers > 0:
        outcomes = _outcomes_in_workers(nlp, docs, settings)
    else:
        outcomes = ((doc, _outcome(doc, parsed, settings))
                    for doc, parsed in parse(nlp, docs, batch_size=settings.nlp.batch_size))
    for doc, outcome in outcomes:
        if isinstance(outcome, _Failure):
            skip = Skipped(doc.path, f"a stage failed on it ({outcome.kind}: {outcome.message}); {kept}. This is a "
                                     "bug in rashomon: please report it with the traceback logged at DEBUG (-vv).")
            logger.info("skipped %s", skip)
            result.skipped.append(skip)
            continue
        yield doc, outcome


@dataclass(frozen=True, slots=True)
class _Failure:
    """A per-document stage raised on a document: the exception's type name and message."""

    kind: str
    message: str


def _outcome(doc: Document, parsed: ParsedDoc, settings: Settings) -> _Records | _Failure:
    """The records of one parsed document, or what went wrong (a stage's bug must not end the run)."""
    try:
        return _extract(doc, parsed, settings)
    except Exception as error:
        logger.debug("a stage failed on %s (%s)", doc.id, doc.path, exc_info=True)
        return _Failure(type(error).__name__, str(error))


def _outcomes_in_workers(nlp: Language, docs: Iterable[Document], settings: Settings
                         ) -> Iterator[tuple[Document, _Records | _Failure]]:
    """Each document with its outcome, the batches parsed and analysed in `nlp.workers` processes.

    Batches are `nlp.batch_size` documents, as `nlp.pipe` makes them in one process, so every
    document is parsed in the same company and its records are the same. A single batch (a small run)
    is analysed here: starting processes would cost more than it saves.
    """
    size = settings.nlp.batch_size
    batches = iter(lambda: list(itertools.islice(docs, size)), [])  # type: ignore[arg-type]
    first = next(batches, None)
    second = next(batches, None) if first is not None and len(first) == size else None
    if first is None:
        return
    work = functools.partial(_analyse_batch, nlp, settings)
    if second is None:
        yield from zip(first, work(first))
        return
    for batch, outcomes in map_in_workers(work, itertools.chain([first, second], batches),
                                          workers=settings.nlp.workers):
        yield from zip(batch, outcomes)


def _analyse_batch(nlp: Language, settings: Settings, batch: list[Document]) -> list[_Records | _Failure]:
    """Parse a batch of documents and run the per-document stages on each (in a worker process)."""
    return [_outcome(doc, parsed, settings) for doc, parsed in parse(nlp, batch, batch_size=settings.nlp.batch_size)]


def _extract(doc: Document, parsed: ParsedDoc, settings: Settings) -> _Records:
    """Run the per-document stages after the parse on one document."""
    mentions = extract_mentions(doc, parsed, settings=settings.entities)
    times = find_time_expressions(doc, parsed)
    quotes = extract_quotes(doc, parsed, mentions)
    return _Records(
        mentions=mentions, claims=extract_claims(doc, parsed, mentions, settings=settings.claims), times=times,
        event_mentions=extract_event_mentions(doc, parsed, mentions, times), quotes=quotes,
        stance_evidence=extract_stance_evidence(doc, parsed, mentions, quotes), term_counts=count_terms(doc, parsed),
    )


def _store(store: Store, doc: Document, records: _Records, *, stages: Mapping[str, str], replace: bool) -> None:
    """Store a new document with its records, or (`replace`) replace a stored document's records."""
    write = store.replace_document if replace else store.add_document
    write(doc, records.mentions, records.claims, times=records.times, event_mentions=records.event_mentions,
          quotes=records.quotes, stance_evidence=records.stance_evidence, term_counts=records.term_counts,
          stages=stages)


def _update_corpus(store: Store, settings: Settings, result: RunResult) -> None:
    """Re-run the corpus-level stages over everything stored: resolve entities, fuse events, group
    claims and attach them to events, then stances toward the main actors, vocabulary and framing."""
    mentions = store.mentions()
    entities = resolve_entities(mentions, settings=settings.entities)
    store.replace_entities(entities)
    documents = store.documents()
    entity_of = {mention_id: entity.id for entity in entities for mention_id in entity.mention_ids}
    event_mentions = store.event_mentions()
    events = fuse_events(event_mentions, entity_of=entity_of, documents=documents)
    store.replace_events(events)
    claims, groups = group_claims(store.claims(), entities=entities, mentions=mentions, documents=documents,
                                  settings=settings.claims)
    store.replace_claim_groups(groups, attach_events(claims, event_mentions, events))
    actors = _main_actors(entities, entity_of)
    actor_of = {mention_id: entity_id for mention_id, entity_id in entity_of.items() if entity_id in actors}
    store.replace_perspective(
        aggregate_stances(store.stance_evidence(), entity_of=actor_of, focus=actors),
        distinctive_vocabulary(store.term_counts()),
        frame_events(events, event_mentions, docs={doc.id: doc for doc in documents}),
    )
    result.entities = len(entities)
    result.claims = len(claims)
    result.claim_groups = len(groups)
    result.events = len(events)


MAIN_ACTORS = 8
"""How many people and organisations every source's stance is measured toward, side by side."""


def _main_actors(entities: Sequence[Entity], entity_of: dict[str, str]) -> list[str]:
    """The people and organisations most sources mention, most mentioned first."""
    sources: dict[str, set[str]] = {}
    for mention_id, entity_id in entity_of.items():
        sources.setdefault(entity_id, set()).add(mention_id.split(":", 1)[0])
    ranked = sorted((e for e in entities if e.type in ("PERSON", "ORG")),
                    key=lambda e: (-len(sources.get(e.id, ())), -len(e.mention_ids), e.name))
    shared = [e.id for e in ranked if len(sources.get(e.id, ())) >= 2]
    return (shared or [e.id for e in ranked])[:MAIN_ACTORS]

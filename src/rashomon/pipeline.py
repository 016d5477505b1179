"""The stages, registered in one place, and `analyze`, which runs them from files to a store.

Data flows one way: ingest -> nlp -> entities -> claims -> store, then the corpus-level stages
(entity resolution, claim grouping) run over everything the store holds. Each document's records are
written in one transaction as soon as it is parsed, so a run killed halfway keeps every document that
finished; the corpus-level stages are recomputed at the end of every run, so they are never stale.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .claims import extract_claims, group_claims
from .entities import extract_mentions, resolve_entities
from .errors import ConfigError
from .ingest import collect_paths, read_path
from .model import Document, Skipped
from .nlp import load_nlp, parse
from .settings import Settings
from .store import Store

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
    Stage("claims.extract.v1", extract_claims, ("parsed", "mentions"), ("claims",)),
    Stage("entities.resolve.v1", resolve_entities, ("mentions",), ("entities",), "corpus"),
    Stage("claims.group.v1", group_claims, ("claims", "entities"), ("claim_groups",), "corpus"),
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


@dataclass(slots=True)
class RunResult:
    """What one `analyze` run did."""

    added: list[Document] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # paths whose content was already stored
    skipped: list[Skipped] = field(default_factory=list)
    entities: int = 0
    claims: int = 0
    claim_groups: int = 0

    @property
    def ok(self) -> bool:
        return not self.skipped


ProgressFn = Callable[[int, int, str], None]  # (done, total, path) after each input file is handled


def _read_new(paths: Sequence[Path], store: Store, settings: Settings, result: RunResult,
              progress: ProgressFn | None) -> Iterator[Document]:
    """Read each path, yield documents not yet stored; record skips and unchanged files in `result`."""
    seen: set[str] = set()
    for index, path in enumerate(paths, start=1):
        for item in read_path(path, settings=settings.ingest):
            if isinstance(item, Skipped):
                logger.info("skipped %s", item)
                result.skipped.append(item)
            elif item.id in seen or store.has_document(item.id):
                result.unchanged.append(item.path)
            else:
                seen.add(item.id)
                yield item
        if progress is not None:
            progress(index, len(paths), str(path))


def analyze(inputs: Sequence[str | Path], *, store: Store, settings: Settings,
            progress: ProgressFn | None = None) -> RunResult:
    """Read `inputs` (files, folders, globs), analyse every new document, and update `store`.

    Documents already in the store (same cleaned text) are not analysed again. Inputs that cannot be
    read are listed in `RunResult.skipped`; the run goes on without them.
    """
    check_stages()
    versions = stage_versions()
    result = RunResult()
    paths, missing = collect_paths(inputs, settings=settings.ingest)
    result.skipped.extend(missing)
    new_docs = _read_new(paths, store, settings, result, progress)

    first = next(new_docs, None)
    if first is not None:  # load the model only when there is something to parse
        nlp = load_nlp(settings.nlp.model)
        for doc, parsed in parse(nlp, itertools.chain([first], new_docs), batch_size=settings.nlp.batch_size):
            mentions = extract_mentions(doc, parsed, settings=settings.entities)
            claims = extract_claims(doc, parsed, mentions, settings=settings.claims)
            store.add_document(doc, mentions, claims, stages=versions)
            result.added.append(doc)
            logger.info("stored %s (%s) with %s mentions", doc.id, doc.path, len(mentions))

    _update_corpus(store, settings, result)
    return result


def _update_corpus(store: Store, settings: Settings, result: RunResult) -> None:
    """Re-run the corpus-level stages over everything stored: resolve entities, group claims."""
    mentions = store.mentions()
    entities = resolve_entities(mentions, settings=settings.entities)
    store.replace_entities(entities)
    claims, groups = group_claims(
        store.claims(), entities=entities, mentions=mentions, documents=store.documents(),
        settings=settings.claims,
    )
    store.replace_claim_groups(groups, claims)
    result.entities = len(entities)
    result.claims = len(claims)
    result.claim_groups = len(groups)

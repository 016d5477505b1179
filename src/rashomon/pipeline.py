"""The stages, registered in one place, and the runner that dispatches them: `analyze`, from files to a store.

Each stage is a function declared with what it requires and what it assigns, by record name. The runner calls
it with exactly what it requires, as keyword arguments (and `settings`), and it returns a mapping of exactly
what it assigns; `check_stages` proves at start that every stage's requirements are assigned by an earlier
one and that its signature matches its declaration, and the runner checks every return. Four scopes:

- "input": from one path to its articles (`doc`), one item per article found;
- "batch": over a batch of documents at once (the spaCy parse, batched by nlp.pipe);
- "document": one document's records, from its text and parse (`DocumentRecords`);
- "corpus": over everything the store holds (`Corpus`), after every document is stored.

Data flows one way: ingest -> nlp -> time -> entities -> events -> claims -> perspective -> store.
Each document's records are written in one transaction as soon as they are made (by this process only, also
when worker processes make them: `executors`), so a run killed halfway keeps every document that finished,
and the next run reads those files as already stored and analyses only the rest. The corpus-level stages
run after the documents, over everything stored, whenever what they would read changed since they last ran
(the store keeps a digest of it): so they are never stale, and a run that adds nothing costs nothing. The
store records the version of every stage beside each document: a stored document whose records an older
version of a per-document stage made is analysed again from its stored text.

Every input is isolated: reading a file, the parse and each document's stages run under guards (and, with
worker processes, in processes that may die or run out of time without costing the others), so whatever
one file does becomes that file's `Skipped`, reported as it happens (`on_skip`), and the run goes on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import inspect
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import executors
from .errors import ConfigError, StoreCorruptError, StoreError, StoreInUseError
from .executors import Lost
from .ingest import collect_paths, path_text
from .model import Corpus, Document, DocumentRecords, Skipped
from .nlp import load_nlp
from .settings import Settings
from .stages import STAGES, Stage
from .store import RECORD_TABLES, Store

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

__all__ = ["STAGES", "Duplicate", "RunResult", "Stage", "analyze", "check_stages", "corpus_digest", "describe_stages",
           "find_stale_documents", "run_batch", "run_corpus", "stage_versions"]

Scope = Literal["input", "batch", "document", "corpus"]
_RUN_INPUTS = {"input": ("path",), "batch": (), "document": (), "corpus": ("documents",)}
_PASSED = ("settings", "nlp")  # arguments the runner passes besides the records a stage requires
_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(DocumentRecords) if f.name != "doc")
_CORPUS_FIELDS = tuple(f.name for f in dataclasses.fields(Corpus) if not f.name.startswith("_"))


def check_stages(stages: Sequence[Stage] = STAGES) -> None:
    """Check the registry (spaCy's analyze_pipes): names versioned and unique; the scopes in order; every
    requirement assigned by an earlier stage; each function's parameters exactly its requirements (plus
    `settings`, and `nlp` for a batch stage); every record field of `DocumentRecords` assigned by a stage
    of one document, and everything a corpus-level stage assigns stored in a table of its own."""
    names = [stage.key for stage in stages]
    problems = [f"{name} is registered twice" for name in sorted({n for n in names if names.count(n) > 1})]
    order = list(_RUN_INPUTS)
    available: set[str] = set()
    last = 0
    for stage in stages:
        if stage.scope not in _RUN_INPUTS:
            problems.append(f"{stage.name} has scope {stage.scope!r}; known: {', '.join(order)}")
            continue
        if order.index(stage.scope) < last:
            problems.append(f"{stage.name} ({stage.scope}) comes after a stage of scope {order[last]}")
        last = order.index(stage.scope)
        available.update(_RUN_INPUTS[stage.scope])
        if stage.scope == "corpus":
            available.update(_RECORD_FIELDS)
        missing = [need for need in stage.requires if need not in available]
        if missing:
            problems.append(f"{stage.name} requires {', '.join(missing)}, which no earlier stage assigns")
        problems += _signature_problems(stage)
        available.update(stage.assigns)
    document_assigns = {name for stage in stages if stage.scope == "document" for name in stage.assigns}
    problems += [f"no stage assigns DocumentRecords.{name}" for name in _RECORD_FIELDS if name not in document_assigns]
    problems += [f"{stage.name} assigns {name}, which the store has no table for"
                 for stage in stages if stage.scope == "corpus" for name in stage.assigns
                 if name not in RECORD_TABLES or name not in _CORPUS_FIELDS]
    if problems:
        raise ConfigError("the stage registry is inconsistent: " + "; ".join(problems) +
                          ". Fix the declarations in rashomon/stages.py.")


def _signature_problems(stage: Stage) -> list[str]:
    parameters = inspect.signature(stage.function).parameters
    passed = {"settings", "nlp"} if stage.scope == "batch" else {"settings"}
    declared = set(stage.requires) | passed
    found = [f"{stage.name} does not take {name}" for name in (*stage.requires, *sorted(passed))
             if name not in parameters]
    found += [f"{stage.name} reads {name} without declaring it" for name, parameter in parameters.items()
              if name not in declared and parameter.default is inspect.Parameter.empty]
    return found


def stage_versions(stages: Sequence[Stage] = STAGES) -> dict[str, str]:
    """{"entities.mentions": "v1", ...}: recorded in the store beside every row a stage made."""
    return {stage.key: stage.version for stage in stages}


def describe_stages(stages: Sequence[Stage] = STAGES) -> list[dict[str, Any]]:
    """The stage graph, in running order: each stage's name, scope, what it requires and assigns, and which
    earlier stages assign what it requires (`rashomon config --stages`)."""
    assigned_by: dict[str, str] = {}
    rows = []
    for stage in stages:
        rows.append({"name": stage.name, "scope": stage.scope, "requires": list(stage.requires),
                     "assigns": list(stage.assigns),
                     "after": sorted({assigned_by[need] for need in stage.requires if need in assigned_by})})
        assigned_by.update({name: stage.name for name in stage.assigns})
    return rows


def _scope(scope: Scope) -> tuple[Stage, ...]:
    return tuple(stage for stage in STAGES if stage.scope == scope)


def _call(stage: Stage, values: Mapping[str, Any], **passed: Any) -> dict[str, Any]:
    """Run one stage on what it requires; check that it returned exactly what it assigns."""
    assigned = stage.function(**{name: values[name] for name in stage.requires}, **passed)
    if not isinstance(assigned, Mapping) or set(assigned) != set(stage.assigns):
        got = ", ".join(sorted(assigned)) if isinstance(assigned, Mapping) else type(assigned).__name__
        raise ConfigError(f"stage {stage.name} returned {got or 'nothing'} but declares it assigns "
                          f"{', '.join(stage.assigns)}. Fix the stage or its declaration in rashomon/stages.py.")
    return dict(assigned)


# -- running the stages ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StageFailure:
    """A stage raised on a document: which stage, the exception's type name and message."""

    stage: str
    kind: str
    message: str


def run_batch(nlp: Language, settings: Settings, docs: list[Document]) -> list[DocumentRecords | StageFailure]:
    """The batch stages over `docs` (the parse), then each document's stages; a document a stage fails on gets
    a `StageFailure` (a stage's bug must not end the run) and the others go on. A batch stage that fails on
    the batch is run again on each document alone, so only the documents it fails on alone fail. Runs in
    worker processes too."""
    values: list[dict[str, Any]] = [{"doc": doc} for doc in docs]
    failed: dict[int, StageFailure] = {}
    for stage in _scope("batch"):
        live = [index for index in range(len(values)) if index not in failed]
        try:
            _run_batch_stage(stage, [values[index] for index in live], nlp, settings)
        except ConfigError:
            raise
        except Exception as error:
            if len(live) == 1:
                failed[live[0]] = _failure(stage.name, error, values[live[0]]["doc"])
                continue
            logger.debug("stage %s failed on a batch of %s; running it on each alone", stage.name, len(live))
            for index in live:
                try:
                    _run_batch_stage(stage, [values[index]], nlp, settings)
                except ConfigError:
                    raise
                except Exception as alone:
                    failed[index] = _failure(stage.name, alone, values[index]["doc"])
    return [failed[index] if index in failed else _run_document(found, settings) for index, found in enumerate(values)]


def _run_batch_stage(stage: Stage, values: list[dict[str, Any]], nlp: Language, settings: Settings) -> None:
    columns = {name: [found[name] for found in values] for name in stage.requires}
    assigned = _call(stage, columns, settings=settings, nlp=nlp)
    for name, results in assigned.items():
        for found, result in zip(values, results, strict=True):
            found[name] = result


def _failure(stage: str, error: BaseException, doc: Document) -> StageFailure:
    logger.debug("stage %s failed on %s (%s)", stage, doc.id, doc.path, exc_info=error)
    return StageFailure(stage, type(error).__name__, str(error))


def _run_document(values: dict[str, Any], settings: Settings) -> DocumentRecords | StageFailure:
    stage_name = ""
    try:
        for stage in _scope("document"):
            stage_name = stage.name
            values.update(_call(stage, values, settings=settings))
    except ConfigError:
        raise
    except Exception as error:  # RecursionError and MemoryError too: that document fails, the others go on
        return _failure(stage_name, error, values["doc"])
    return DocumentRecords(**{name: values[name] for name in ("doc", *_RECORD_FIELDS)})


def run_corpus(corpus: Corpus, *, settings: Settings) -> dict[str, Any]:
    """The corpus-level stages over `corpus`, in order; what they assigned, by field (a later stage's
    assignment of a field replaces an earlier one's)."""
    values = {name: getattr(corpus, name) for name in _CORPUS_FIELDS}
    assigned: dict[str, Any] = {}
    for stage in _scope("corpus"):
        found = _call(stage, values, settings=settings)
        values.update(found)
        assigned.update(found)
    return assigned


def corpus_inputs() -> tuple[str, ...]:
    """The stored record fields the corpus-level stages read before any of them assigns them."""
    assigned: set[str] = set()
    needed: list[str] = []
    for stage in _scope("corpus"):
        needed += [name for name in stage.requires if name not in assigned and name != "documents"]
        assigned.update(stage.assigns)
    return tuple(dict.fromkeys(needed))


# -- analyze ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An input whose cleaned text is that of another file already stored (or read earlier in the run)."""

    path: str
    of: str  # the path of the stored document (or of the earlier input) with the same text

    def __str__(self) -> str:
        return f"{self.path}: the same text as {self.of}; not stored again"


@dataclass(slots=True)
class RunResult:
    """What one `analyze` run did."""

    added: list[Document] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # paths whose content was already stored, up to date
    duplicates: list[Duplicate] = field(default_factory=list)  # those of `unchanged` stored from another path
    reanalysed: list[str] = field(default_factory=list)  # ids of stored documents analysed again (older stages)
    skipped: list[Skipped] = field(default_factory=list)
    corpus_updated: bool = False  # whether the corpus-level stages ran (they do when what they read changed)
    corpus_failure: str = ""  # why the corpus-level stages failed ("" when they did not), what was kept
    entities: int = 0
    claims: int = 0
    claim_groups: int = 0
    events: int = 0

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.corpus_failure


ProgressFn = Callable[[int, int, str], None]  # (done, total, path) after each input file or re-analysed document
SkipFn = Callable[[Skipped], None]  # called with each Skipped as soon as it is known
_FAILED_WRITES = 3  # documents in a row the store may refuse before the run stops (the store is at fault)


def _redoable_stages(stages: Sequence[Stage] = STAGES) -> tuple[str, ...]:
    """Unversioned names of the stages that run again from a stored document's text: the batch and
    per-document ones (ingest read the stored text already)."""
    return tuple(stage.key for stage in stages if stage.scope in ("batch", "document"))


def find_stale_documents(store: Store, *, versions: Mapping[str, str] | None = None) -> list[str]:
    """Ids of the stored documents whose records other versions of the per-document stages made.

    A document is stale when, for any stage that can run again from its stored text, the version recorded
    beside it differs from `versions` (default: `stage_versions()`) or is not recorded. Corpus-level stages
    are recomputed over the whole store whenever what they read changed and do not count; nor does ingest:
    a changed reader shows when a file is read again (a changed text is a new document).
    """
    return list(_stale_documents(store, stage_versions() if versions is None else versions))


def _stale_documents(store: Store, versions: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Stale document id -> the stage versions recorded beside it, in store (path) order."""
    redoable = _redoable_stages()
    return {doc_id: recorded for doc_id, recorded in store.all_stage_versions().items()
            if any(recorded.get(name) != versions.get(name) for name in redoable)}


class _Run:
    """One `analyze` run's state: the store, the settings, what happened so far, whom to tell."""

    def __init__(self, store: Store, settings: Settings, progress: ProgressFn | None, on_skip: SkipFn | None) -> None:
        self.store = store
        self.settings = settings
        self.progress = progress
        self.on_skip = on_skip
        self.result = RunResult()
        self.stored: list[tuple[str, str]] = []  # (path, id) of each input whose text is already stored
        self.failed_writes = 0  # documents in a row the store refused

    def write(self, records: DocumentRecords, stages: Mapping[str, str], *, replace: bool = False) -> bool:
        """Store one document's records in one transaction; a document the store refuses is reported and the run
        goes on, unless several in a row are refused (then the store itself is at fault, and that is raised)."""
        try:
            if replace:
                self.store.replace_document(records, stages=stages)
            else:
                self.store.add_document(records, stages=stages)
        except (StoreInUseError, StoreCorruptError):
            raise
        except StoreError as error:
            self.failed_writes += 1
            if self.failed_writes >= _FAILED_WRITES:
                raise
            self.skip(Skipped(records.doc.path, f"storing it failed ({error}); nothing of it was stored, the other "
                                                "documents are."))
            return False
        self.failed_writes = 0
        return True

    def skip(self, skip: Skipped) -> None:
        logger.info("skipped %s", skip)
        self.result.skipped.append(skip)
        if self.on_skip is not None:
            self.on_skip(skip)

    def read_new(self, paths: Sequence[Path]) -> Iterator[Document]:
        """Read each path with the input stage, yield documents not yet stored; report skips, and note the
        (path, id) of each file whose content is already stored, or was read earlier in this run."""
        (stage,) = _scope("input")

        def _read(path: Path) -> list[Document | Skipped]:
            return list(_call(stage, {"path": path}, settings=self.settings)["doc"])

        seen: dict[str, str] = {}  # id -> path of the documents read in this run
        for index, (path, items) in enumerate(executors.map_paths(paths, _read, settings=self.settings), start=1):
            if isinstance(items, Lost):
                self.skip(Skipped(path_text(path), f"reading it {items.reason}; nothing of it was stored. Check what "
                                             "the file holds (a damaged or enormous PDF or page?); repair, split "
                                             "or drop it, or raise limits.read_seconds."))
                items = []
            for item in items:
                if isinstance(item, Skipped):
                    self.skip(item)
                elif item.id in seen:
                    self.stored.append((item.path, item.id))
                    self.result.duplicates.append(Duplicate(item.path, seen[item.id]))
                elif self.store.has_document(item.id):
                    self.stored.append((item.path, item.id))
                    if self.store.document_id_for_path(item.path) != item.id:
                        stored = self.store.document(item.id)
                        self.result.duplicates.append(Duplicate(item.path, stored.path if stored else item.id))
                else:
                    seen[item.id] = item.path
                    yield item
            if self.progress is not None:
                self.progress(index, len(paths), path_text(path))

    def analysed(self, docs: Iterable[Document], *, kept: str) -> Iterator[DocumentRecords]:
        """Each document's records, the work placed by `executors`; a document a stage fails on, or whose
        worker process was lost, is reported (`kept` says what happens to it) and not yielded."""
        settings = self.settings
        outcomes = executors.map_documents(docs, run_batch, settings=settings,
                                           load=lambda: load_nlp(settings.nlp.model))
        with contextlib.closing(outcomes):  # on an error, worker processes stop at once
            for doc, outcome in outcomes:
                if isinstance(outcome, StageFailure | Lost):
                    self.skip(Skipped(doc.path, _failure_reason(outcome, kept)))
                    continue
                yield outcome


def _failure_reason(outcome: StageFailure | Lost, kept: str) -> str:
    """What went wrong analysing a document, what was kept, and what to do."""
    if isinstance(outcome, Lost):
        return (f"analysing it {outcome.reason}; {kept}. Check the text (is it one article?); split it, or raise "
                "limits.batch_seconds or limits.worker_memory_mb in a config file.")
    if outcome.kind == "MemoryError":
        return (f"stage {outcome.stage} ran out of memory on it; {kept}. Check the text (is it one article?); "
                "split it, or lower ingest.max_chars so such texts are refused before they are analysed.")
    return (f"stage {outcome.stage} failed on it ({outcome.kind}: {outcome.message}); {kept}. This is a bug in "
            "rashomon: please report it with the traceback logged at DEBUG (-vv).")


def analyze(inputs: Sequence[str | Path], *, store: Store, settings: Settings, progress: ProgressFn | None = None,
            on_skip: SkipFn | None = None) -> RunResult:
    """Read `inputs` (files, folders, globs), analyse every new document, and update `store`.

    Documents already in the store (same cleaned text) are not analysed again, unless an older version
    of a per-document stage made their records (see `find_stale_documents`): every such stored document,
    named in `inputs` or not, is analysed again from its stored text and its records replaced, one
    transaction each. `inputs` may be empty, to bring a store up to date after an upgrade. Inputs that
    cannot be read, and documents a stage fails on, are listed in `RunResult.skipped` and given to
    `on_skip` as they happen; the run goes on without them (a document that fails re-analysis keeps its
    old records). Then the corpus-level stages run over everything stored, unless nothing they read
    changed since they last ran.
    """
    check_stages()
    versions = stage_versions()
    run = _Run(store, settings, progress, on_skip)
    result = run.result
    paths, missing = collect_paths(inputs, settings=settings.ingest)
    for skip in missing:
        run.skip(skip)
    for records in run.analysed(run.read_new(paths), kept="nothing of it was stored"):
        if not run.write(records, versions):
            continue
        result.added.append(records.doc)
        logger.info("stored %s (%s) with %s mentions", records.doc.id, records.doc.path, len(records.mentions))
    _reanalyse_stale(run, versions)
    reanalysed = set(result.reanalysed)
    result.unchanged.extend(path for path, doc_id in run.stored if doc_id not in reanalysed)
    _update_corpus(store, settings, result)
    return result


def _reanalyse_stale(run: _Run, versions: Mapping[str, str]) -> None:
    """Run the per-document stages again on every stored document older stage versions made, and replace
    its records (one transaction each). Stages that read files keep the version recorded beside it."""
    store, progress, result = run.store, run.progress, run.result
    stale = _stale_documents(store, versions)
    if not stale:
        return
    logger.info("re-analysing %s stored document(s) whose records older stage versions made", len(stale))
    fixed = {stage.key for stage in _scope("input")}

    def _stale_docs() -> Iterator[Document]:
        for index, doc_id in enumerate(stale, start=1):
            doc = store.document(doc_id)
            if doc is not None:
                yield doc
                if progress is not None:
                    progress(index, len(stale), doc.path)

    kept = "its records from the older stage versions are kept, and the next run tries again"
    for records in run.analysed(_stale_docs(), kept=kept):
        recorded = stale[records.doc.id]
        stages = {name: recorded[name] if name in fixed else version
                  for name, version in versions.items() if name not in fixed or name in recorded}
        if not run.write(records, stages, replace=True):
            continue
        result.reanalysed.append(records.doc.id)
        logger.info("re-analysed %s (%s): %s mentions", records.doc.id, records.doc.path, len(records.mentions))


_NOT_READ_BY_CORPUS = ("ingest", "nlp", "limits", "report", "dask")  # settings sections the corpus stages do not read


def corpus_digest(store: Store, settings: Settings) -> str:
    """A digest of everything the corpus-level stages read: the stored documents and the stage versions
    that made their records, the stages' own versions, and the settings. Equal digests, equal results."""
    read = {name: values for name, values in settings.as_dict().items() if name not in _NOT_READ_BY_CORPUS}
    state = {"documents": sorted(store.all_stage_versions().items()), "stages": stage_versions(), "settings": read}
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _update_corpus(store: Store, settings: Settings, result: RunResult) -> None:
    """Run the corpus-level stages over everything stored and store what they assign, in one transaction
    with the digest of what they read; unless the store holds the records of that same digest already."""
    digest = corpus_digest(store, settings)
    if store.corpus_digest() == digest:
        logger.info("the corpus-level records are up to date; not computed again")
        _count_corpus(store.stats(), result)
        return
    try:
        assigned = run_corpus(store.load(corpus_inputs()), settings=settings)
    except ConfigError:
        raise
    except Exception as error:  # a corpus stage's bug must not lose the documents stored: they are kept
        logger.debug("a corpus-level stage failed", exc_info=True)
        result.corpus_failure = (f"the corpus-level stages failed ({type(error).__name__}: {error}); every document "
                                 "read is stored, and the entities, events and claim groups are those of the last "
                                 "run that finished them. This is a bug in rashomon: please report it with the "
                                 "traceback logged at DEBUG (-vv).")
        _count_corpus(store.stats(), result)
        return
    store.replace_corpus_records(assigned, digest=digest)
    result.corpus_updated = True
    result.entities = len(assigned.get("entities", ()))
    result.claims = len(assigned.get("claims", ()))
    result.claim_groups = len(assigned.get("claim_groups", ()))
    result.events = len(assigned.get("events", ()))


def _count_corpus(stats: Mapping[str, int], result: RunResult) -> None:
    result.entities, result.claims = stats["entities"], stats["claims"]
    result.claim_groups, result.events = stats["claim_groups"], stats["events"]

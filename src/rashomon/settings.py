"""Settings: defaults from the package's settings.toml, then a config file, then explicit overrides."""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """What an input file may be (settings.toml [ingest]); a file past a limit is skipped with a message."""

    max_bytes: int
    min_words: int
    extensions: tuple[str, ...]
    fallback_encoding: str = ""  # codec for text that is not UTF-8 ("" = none: such files are skipped)
    max_chars: int = 100_000  # characters of one article's text (after cleaning)
    max_line_chars: int = 100_000  # characters of one line of a text (before cleaning)
    max_lines: int = 20_000  # lines of one text (before cleaning)
    max_json_depth: int = 32  # nesting of arrays and objects in one .jsonl line
    follow_links: bool = False  # follow symbolic links out of a folder being walked


@dataclass(frozen=True, slots=True)
class LimitsSettings:
    """How the analysis of one document or batch is bounded (settings.toml [limits])."""

    chunk_chars: int  # a longer text is parsed in chunks of at most this many characters, at sentence ends
    sentence_tokens: int  # a sentence longer than this many tokens is cut into sentences of at most this many
    batch_chars: int  # characters of text per batch of documents (besides nlp.batch_size)
    batch_seconds: int  # a worker process that takes longer over one batch is stopped (0: no limit)
    read_seconds: int  # a reader process that takes longer over one file is stopped (0: no limit)
    worker_memory_mb: int  # memory a worker or reader process may add to what it shares (0: no limit)


@dataclass(frozen=True, slots=True)
class NlpSettings:
    model: str
    batch_size: int
    workers: int = 0  # processes that parse and analyse batches beside the one that stores (0: none)


@dataclass(frozen=True, slots=True)
class ScaleSettings:
    """How the corpus stage scales (`events.blocked`, docs/scaling.md)."""

    fusion_block_documents: int = 0  # >0: a corpus of more documents is fused in blocks of this many (0: whole)

    def __post_init__(self) -> None:
        if self.fusion_block_documents < 0:
            raise ConfigError(f"scale.fusion_block_documents is {self.fusion_block_documents}; use 0 (fuse the "
                              "corpus whole) or a number of documents per block.")


@dataclass(frozen=True, slots=True)
class DaskSettings:
    """Where a Dask run sends the per-document stages (`executors`): "" none (nlp.workers decides), "local"
    (a LocalCluster started for the run) or a scheduler's address ("tcp://HOST:PORT")."""

    scheduler: str = ""
    local_workers: int = 2  # worker processes of a LocalCluster started with scheduler = "local"
    local_processes: bool = True  # false: the LocalCluster's workers are threads of this process

    def __post_init__(self) -> None:
        if self.scheduler not in ("", "local") and "://" not in self.scheduler:
            raise ConfigError(f"dask.scheduler is {self.scheduler!r}; use \"local\" (start a LocalCluster), a "
                              "scheduler address such as \"tcp://10.0.0.5:8786\", or \"\" (no Dask).")
        if self.local_workers < 1:
            raise ConfigError(f"dask.local_workers is {self.local_workers}; a LocalCluster needs at least 1 worker.")


@dataclass(frozen=True, slots=True)
class EntitySettings:
    name_similarity: int
    name_similarity_strict: int
    types: tuple[str, ...]


Linkage = Literal["attach", "best-match", "average"]


@dataclass(frozen=True, slots=True)
class FusionSettings:
    """Weights, priors, penalties and limits of event fusion (`events.similarity`, `events.fuse`).

    Each field is commented in settings.toml [fusion] and documented in docs/settings.md; the
    similarity of two mentions is a sum of weighted evidence (docs/events.md).
    """

    threshold: float  # linkage needed to merge clusters across documents
    document_threshold: float  # within one document (first pass)
    trigger_weight: float
    trigger_family: float  # trigger score of one synonym family or derivation
    trigger_category: float  # of one PLOVER category only
    participant_weight: float
    target_share: float  # weight of the target against the agent when both sides name both
    one_role_share: float  # factor when only one role can be compared
    shared_entity: float  # a role in which both name one entity scores at least this
    shared_words: float  # factor on the overlap of participant words
    people_match: float  # generic people words of two dated mentions ("40 people" ~ "the demonstrators")
    crossed_share: float  # factor on agents against targets
    date_weight: float
    date_contained: float  # date score when one date contains the other
    place_weight: float
    same_country: float  # place score of two places in one country
    sentence_weight: float
    document_weight: float  # times the cosine of the two articles (across documents)
    participant_prior: float  # the score of evidence a mention lacks
    date_prior: float
    place_prior: float
    participant_penalty: float  # a target both name, with nothing in common
    agent_penalty: float  # an agent both name, with nothing in common
    date_penalty: float  # dates that differ by at most `max_date_gap_days`
    max_date_gap_days: int  # dates further apart forbid a merge
    era_penalty: float  # undated against a date outside its era (or a dated mention of past history)
    era_days: int  # an undated mention's era: this many days before its article's date
    era_days_after: int  # ... to this many after
    place_penalty: float  # places in different countries
    anchor_undated: bool  # undated mentions join a dated event only when anchored (`similarity.anchors`)
    incident: bool  # words of one sentence that name one incident merge
    same_sentence: float  # the similarity such words get at least
    inclusion_penalty: float  # words of one sentence that "including", "as well as" set apart
    linkage: Linkage
    corroborate: bool  # two undated mentions of an ambiguous family tied by the word alone score
    uncorroborated: float  # at most this (`similarity.ambiguous_families`)
    corroborating_overlap: float  # sentence word overlap (Jaccard) that counts as a tie
    by_category: bool  # cluster each category apart (OTHER too): smaller matrices, OTHER joins none
    story_floor: float  # stories: documents with average tf-idf cosine above this
    story_documents: int  # stories only from this many documents on (tf-idf needs a collection)
    max_document_mentions: int  # a document's factual mentions fused at most (its most confident); 0: all
    duplicate_overlap: float  # copies: this share of the smaller text's shingles in the other
    shingle: int  # words per shingle
    coarser_date_support: float  # a containing date's sources count this much towards a date

    def __post_init__(self) -> None:
        if self.linkage not in get_args(Linkage):
            raise ConfigError(f"fusion.linkage is {self.linkage!r}; use one of {', '.join(get_args(Linkage))}.")


@dataclass(frozen=True, slots=True)
class ClaimSettings:
    group_similarity: float
    approx_band: float = 0.1  # "about N" is N +- this fraction
    open_bound_margin: float = 0.5  # open bounds are compared as closed this fraction beyond N


@dataclass(frozen=True, slots=True)
class StanceSettings:
    """Weights of stance (`perspective.stance`) and its aggregation per source (`perspective.aggregate`)."""

    threshold: float  # |score| at which a stance leaves "neutral"
    shrinkage: float  # score = (P - N) / (P + N + shrinkage)
    min_evidence: float  # P + N below which a stance is "insufficient" (not enough evidence)
    agent_violence_weight: float  # a violent act done by the target
    object_weight: float  # the object of a neutral verb the target does
    deep_weight: float  # words further inside a predicate or appositive
    deep_levels: int  # prepositional phrases read below a word for them
    owned_weight: float  # a noun the target owns
    event_weight: float  # a noun or verb of VADER's that names what the target does, owns or meets


@dataclass(frozen=True, slots=True)
class ReportSettings:
    max_entities: int


@dataclass(frozen=True, slots=True)
class EventSettings:
    """What the event views show (`events.confidence.shown_events`)."""

    min_confidence: float  # events below this confidence are hidden by default (still stored, one click away)

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"events.min_confidence is {self.min_confidence!r}; use a probability from 0 to 1 "
                              "(0 shows every event).")


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestSettings
    nlp: NlpSettings
    entities: EntitySettings
    fusion: FusionSettings
    claims: ClaimSettings
    stance: StanceSettings
    report: ReportSettings
    events: EventSettings
    limits: LimitsSettings
    dask: DaskSettings = field(default_factory=DaskSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)
    sources: tuple[str, ...] = field(default=())  # files the values were read from, in order

    def as_dict(self) -> dict[str, Any]:
        return {f.name: dataclasses.asdict(getattr(self, f.name))
                for f in dataclasses.fields(self) if f.name != "sources"}


_SECTIONS: dict[str, type] = {
    "ingest": IngestSettings,
    "nlp": NlpSettings,
    "entities": EntitySettings,
    "fusion": FusionSettings,
    "claims": ClaimSettings,
    "stance": StanceSettings,
    "report": ReportSettings,
    "events": EventSettings,
    "limits": LimitsSettings,
    "dask": DaskSettings,
    "scale": ScaleSettings,
}


def _read_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{origin}: not valid TOML ({err}). Fix the file or leave out --config.") from err


def _merge(base: dict[str, Any], extra: dict[str, Any], origin: str) -> None:
    for section, values in extra.items():
        if section not in _SECTIONS or not isinstance(values, dict):
            raise ConfigError(f"{origin}: unknown section [{section}]; known: {', '.join(_SECTIONS)}.")
        known = {f.name for f in dataclasses.fields(_SECTIONS[section])}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"{origin}: unknown setting {section}.{key}; known: {', '.join(sorted(known))}.")
            default = base[section][key]
            if type(value) is not type(default) and not (isinstance(default, float) and isinstance(value, int)):
                raise ConfigError(
                    f"{origin}: {section}.{key} should be {type(default).__name__}, got {value!r}."
                )
            base[section][key] = value


def load_settings(config: str | Path | None = None, *, overrides: dict[str, dict[str, Any]] | None = None) -> Settings:
    """Load the defaults, then `config` (a TOML file) if given, then `overrides` ({section: {key: value}})."""
    default_text = resources.files("rashomon").joinpath("settings.toml").read_text(encoding="utf-8")
    values = _read_toml(default_text, "rashomon/settings.toml")
    sources = ["rashomon/settings.toml"]
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found. Check the path given to --config.")
        _merge(values, _read_toml(path.read_text(encoding="utf-8"), str(path)), str(path))
        sources.append(str(path))
    if overrides:
        _merge(values, overrides, "command line")
    built = {}
    for name, cls in _SECTIONS.items():
        missing = [f.name for f in dataclasses.fields(cls) if f.name not in values.get(name, {})
                   and f.default is dataclasses.MISSING]
        if missing:
            raise ConfigError(f"rashomon/settings.toml: [{name}] lacks {', '.join(missing)}; "
                              f"the installed package is incomplete, reinstall rashomon.")
        section = {k: tuple(v) if isinstance(v, list) else v for k, v in values[name].items()}
        built[name] = cls(**section)
    return Settings(**built, sources=tuple(sources))


@functools.cache
def default_settings() -> Settings:
    """The packaged defaults (settings.toml alone), read once per process: what a stage uses when it is
    given no settings."""
    return load_settings()

"""Settings: defaults from the package's settings.toml, then a config file, then explicit overrides."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_bytes: int
    min_words: int
    extensions: tuple[str, ...]
    fallback_encoding: str = ""  # codec for text that is not UTF-8 ("" = none: such files are skipped)


@dataclass(frozen=True, slots=True)
class NlpSettings:
    model: str
    batch_size: int
    workers: int = 0  # processes that parse and analyse batches beside the one that stores (0: none)


@dataclass(frozen=True, slots=True)
class EntitySettings:
    name_similarity: int
    name_similarity_strict: int
    types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimSettings:
    group_similarity: float
    approx_band: float = 0.1  # "about N" is N +- this fraction
    open_bound_margin: float = 0.5  # open bounds are compared as closed this fraction beyond N


@dataclass(frozen=True, slots=True)
class ReportSettings:
    max_entities: int


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestSettings
    nlp: NlpSettings
    entities: EntitySettings
    claims: ClaimSettings
    report: ReportSettings
    sources: tuple[str, ...] = field(default=())  # files the values were read from, in order

    def as_dict(self) -> dict[str, Any]:
        return {f.name: dataclasses.asdict(getattr(self, f.name))
                for f in dataclasses.fields(self) if f.name != "sources"}


_SECTIONS: dict[str, type] = {
    "ingest": IngestSettings,
    "nlp": NlpSettings,
    "entities": EntitySettings,
    "claims": ClaimSettings,
    "report": ReportSettings,
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
        section = {k: tuple(v) if isinstance(v, list) else v for k, v in values[name].items()}
        built[name] = cls(**section)
    return Settings(**built, sources=tuple(sources))

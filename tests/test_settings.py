"""Settings: the packaged defaults, a config file over them, and the checks on what it may say."""

from __future__ import annotations

import dataclasses
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from rashomon.errors import ConfigError
from rashomon.settings import FusionSettings, StanceSettings, default_settings, load_settings


def test_settings_every_key_in_settings_toml_has_a_comment() -> None:
    text = resources.files("rashomon").joinpath("settings.toml").read_text(encoding="utf-8")
    section, previous, seen = "", "", set()
    for line in text.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif line and not line.startswith("#"):
            key = line.split("=")[0].strip()
            assert previous.startswith("#"), f"{section}.{key} has no comment above it in settings.toml"
            seen.add(f"{section}.{key}")
        previous = line
    assert seen == {f"{s}.{k}" for s, values in tomllib.loads(text).items() for k in values}


def test_default_settings_are_the_packaged_file_read_once() -> None:
    assert default_settings() is default_settings()
    assert default_settings().as_dict() == load_settings().as_dict()


@pytest.mark.parametrize(("section", "cls"), [("fusion", FusionSettings), ("stance", StanceSettings)])
def test_settings_sections_have_one_type_each(section: str, cls: type) -> None:
    assert isinstance(getattr(load_settings(), section), cls)


def test_settings_config_file_overrides_fusion_and_stance(tmp_path: Path) -> None:
    config = tmp_path / "my.toml"
    config.write_text("[fusion]\nthreshold = 0.6\nlinkage = \"average\"\n\n[stance]\nthreshold = 1\n", encoding="utf-8")
    settings = load_settings(config)
    assert (settings.fusion.threshold, settings.fusion.linkage, settings.stance.threshold) == (0.6, "average", 1)
    assert dataclasses.replace(settings.fusion, threshold=0.45, linkage="attach") == default_settings().fusion


@pytest.mark.parametrize(("text", "message"), [
    ("[fusion]\nlinkage = \"single\"\n", "fusion.linkage is 'single'; use one of attach, best-match, average"),
    ("[fusion]\nby_category = 1\n", "fusion.by_category should be bool"),
    ("[stance]\nweight = 0.5\n", "unknown setting stance.weight"),
])
def test_settings_refuse_what_fusion_and_stance_cannot_use(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(config)

"""Walking folders (issue 17): the checks a named file gets, links kept inside the folder, loops left out."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from rashomon.ingest import collect_paths, path_text
from rashomon.settings import IngestSettings, load_settings

pytestmark = pytest.mark.issue(17)

ARTICLE = "Fictional. The mayor of Fenwick, Mara Quill, said on Sunday that the river had flooded the market.\n"


@pytest.fixture()
def ingest() -> IngestSettings:
    return load_settings().ingest


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "sub" / "b.txt").write_text(ARTICLE + "b", encoding="utf-8")
    (tmp_path / "outside.txt").write_text(ARTICLE + "outside", encoding="utf-8")
    return root


def _reasons(skipped: list) -> dict[str, str]:
    return {Path(skip.path).name: skip.reason for skip in skipped}


@pytest.mark.parametrize(("name", "target", "words"), [
    ("self.txt", "self.txt", "in a loop"),
    ("dot.txt", ".", "leads back into a folder"),
    ("up", "..", "outside the folder"),
    ("zero.txt", "/dev/zero", "outside the folder"),
    ("passwd.txt", "/etc/passwd", "outside the folder"),
    ("gone.txt", "no-such.txt", "does not exist"),
])
def test_paths_walk_skips_links_that_loop_or_lead_out(folder: Path, ingest: IngestSettings, name: str, target: str,
                                                       words: str) -> None:
    os.symlink(target, folder / name)
    paths, skipped = collect_paths([folder], settings=ingest)
    assert [p.relative_to(folder).as_posix() for p in paths] == ["a.txt", "sub/b.txt"]
    assert words in _reasons(skipped)[name]


def test_paths_walk_names_a_loop_deep_down(folder: Path, ingest: IngestSettings) -> None:
    os.symlink("../..", folder / "sub" / "loop")
    paths, skipped = collect_paths([folder, f"{folder}/**/*.txt"], settings=ingest)
    assert [p.relative_to(folder).as_posix() for p in paths] == ["a.txt", "sub/b.txt"]
    assert {skip.path for skip in skipped} == {str(folder / "sub" / "loop")}


def test_paths_walk_follows_links_inside_the_folder(folder: Path, ingest: IngestSettings) -> None:
    os.symlink("sub", folder / "alias")
    os.symlink("a.txt", folder / "link.txt")
    paths, skipped = collect_paths([folder], settings=ingest)
    assert skipped == [] and sorted(os.path.realpath(p) for p in paths) == sorted(
        os.path.realpath(folder / name) for name in ("a.txt", "sub/b.txt"))


def test_paths_walk_follows_links_out_when_allowed(folder: Path, ingest: IngestSettings) -> None:
    os.symlink(folder.parent / "outside.txt", folder / "outside.txt")
    paths, skipped = collect_paths([folder], settings=dataclasses.replace(ingest, follow_links=True))
    assert skipped == [] and folder / "outside.txt" in paths


def test_paths_named_link_is_read_wherever_it_leads(folder: Path, ingest: IngestSettings) -> None:
    os.symlink(folder.parent / "outside.txt", folder / "outside.txt")
    assert collect_paths([folder / "outside.txt"], settings=ingest) == ([folder / "outside.txt"], [])


@pytest.mark.parametrize("kind", ["fifo", "socket"])
def test_paths_walk_refuses_what_is_not_a_regular_file(folder: Path, ingest: IngestSettings, kind: str) -> None:
    target = folder / f"special.{'txt' if kind == 'fifo' else 'md'}"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        import socket

        with socket.socket(socket.AF_UNIX) as server:
            try:
                server.bind(str(target))
            except OSError:
                pytest.skip("no unix socket at this path length")
    for given in ([folder], [target]):
        paths, skipped = collect_paths(given, settings=ingest)
        assert target not in paths
        assert "not a regular file" in _reasons(skipped)[target.name]


def test_paths_glob_walks_only_below_its_fixed_part(tmp_path: Path, ingest: IngestSettings) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "other").mkdir()
    os.mkfifo(tmp_path / "other" / "never.txt")  # never looked at: not under data/
    paths, skipped = collect_paths([f"{tmp_path}/data/*.txt"], settings=ingest)
    assert paths == [tmp_path / "data" / "x.txt"] and skipped == []


def test_paths_undecodable_file_name_is_escaped(folder: Path, ingest: IngestSettings) -> None:
    raw = os.fsencode(folder) + b"/bad-\xff.txt"
    with open(raw, "wb") as handle:
        handle.write(ARTICLE.encode())
    paths, _ = collect_paths([folder], settings=ingest)
    assert path_text(next(p for p in paths if "bad" in str(p))) == f"{folder}/bad-\\xff.txt"

"""sources.csv beside the articles overrides the metadata ingest guessed (issue 16). The articles are fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.ingest import collect_paths, read_path
from rashomon.model import Document
from rashomon.settings import load_settings

TEXT = ("Ferry service between Port Alder and Wrenmouth resumed on Monday after the storm.\n\n"
        "Harbour officials said the crossing would run twice a day until the end of the month, "
        "and that the damaged pier at Wrenmouth would be repaired by the spring. This story is fictional.")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "ferry_1a2b3c4d5e6f7a8b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "pier.txt").write_text(TEXT.replace("Monday", "Tuesday"), encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "path,title,outlet,author,date\n"
        'ferry_1a2b3c4d5e6f7a8b.txt,"Ferries run again",The Alder Gazette,Tova Brenn,2031-04-07\n'
        "pier.txt,,,,07/04/2031\n"
        "missing.txt,A title,,,\n"
        "pier.txt,a,b,c,2031-04-08,extra\n", encoding="utf-8")
    return tmp_path


def _docs(path: Path) -> list[Document]:
    return [d for d in read_path(path, settings=load_settings().ingest) if isinstance(d, Document)]


@pytest.mark.issue(16)
def test_sidecar_overrides_guessed_metadata(folder: Path) -> None:
    doc = _docs(folder / "ferry_1a2b3c4d5e6f7a8b.txt")[0]
    assert (doc.title and doc.title.value, doc.outlet and doc.outlet.value, doc.author and doc.author.value,
            doc.published and doc.published.value) == ("Ferries run again", "The Alder Gazette", "Tova Brenn",
                                                       "2031-04-07")
    assert {m.source for m in (doc.title, doc.outlet, doc.author, doc.published) if m} == {"sidecar"}


@pytest.mark.issue(16)
def test_sidecar_bad_rows_name_file_and_line_and_the_rest_apply(folder: Path) -> None:
    paths, skipped = collect_paths([folder], settings=load_settings().ingest)
    assert sorted(p.name for p in paths) == ["ferry_1a2b3c4d5e6f7a8b.txt", "pier.txt"]
    where = {s.path.rsplit(":", 1)[1]: s.reason for s in skipped}
    assert set(where) == {"3", "4", "5"}
    assert "YYYY-MM-DD" in where["3"] and "missing.txt" in where["4"] and "columns" in where["5"]
    assert all(s.path.startswith(str(folder.resolve() / "sources.csv")) for s in skipped)
    pier = _docs(folder / "pier.txt")[0]  # both its rows were refused: nothing of theirs applies
    assert pier.published is None or pier.published.source != "sidecar"


@pytest.mark.issue(16)
@pytest.mark.parametrize("header, expected", [("file,title\n", "unknown column file"), ("path,titel\n", "titel")])
def test_sidecar_bad_header_is_refused_whole(tmp_path: Path, header: str, expected: str) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(header + "a.txt,A\n", encoding="utf-8")
    _, skipped = collect_paths([tmp_path], settings=load_settings().ingest)
    assert len(skipped) == 1 and "line 1" in skipped[0].reason and expected in skipped[0].reason
    title = _docs(tmp_path / "a.txt")[0].title
    assert title is None or title.source != "sidecar"


@pytest.mark.issue(17)
def test_sidecar_that_is_a_pipe_or_too_large_is_refused_unread(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from rashomon.ingest import sidecar

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "sources.csv")  # reading it would block for ever
    _, skipped = collect_paths([tmp_path], settings=load_settings().ingest)
    assert len(skipped) == 1 and "not a regular file" in skipped[0].reason
    assert _docs(tmp_path / "a.txt")[0].text.startswith("Ferry service")  # the article is still read
    (tmp_path / "sources.csv").unlink()
    (tmp_path / "sources.csv").write_text("path,title\na.txt,A\n", encoding="utf-8")
    monkeypatch.setattr(sidecar, "MAX_SIDECAR_BYTES", 10)
    _, skipped = collect_paths([tmp_path], settings=load_settings().ingest)
    assert len(skipped) == 1 and "larger than" in skipped[0].reason


@pytest.mark.issue(17)
def test_sidecar_that_csv_cannot_read_is_one_message(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sources.csv").write_text("path,title\na.txt," + "x" * 200_000 + "\n", encoding="utf-8")
    paths, skipped = collect_paths([tmp_path], settings=load_settings().ingest)
    assert [p.name for p in paths] == ["a.txt"]
    assert len(skipped) == 1 and "cannot read the metadata file as CSV" in skipped[0].reason
    assert _docs(tmp_path / "a.txt")[0].text.startswith("Ferry service")

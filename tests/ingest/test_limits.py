"""read_path's limits and guards (issue 17): a text past a limit, or any error while reading, becomes one
Skipped naming the file, the problem and what to do; nothing raises, nothing blocks."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import threading
from pathlib import Path

import pytest

from rashomon.ingest import formats as ingest_formats
from rashomon.ingest import read_path, readers
from rashomon.model import Document, Skipped
from rashomon.settings import IngestSettings, load_settings

pytestmark = pytest.mark.issue(17)

ARTICLE = ("Fictional. The mayor of Fenwick, Mara Quill, said on Sunday that the river had flooded the old market "
           "and that forty families had left their homes for the school hall.")


@pytest.fixture()
def ingest() -> IngestSettings:
    return load_settings().ingest


def _one(path: Path, ingest: IngestSettings) -> Document | Skipped:
    [item] = read_path(path, settings=ingest)
    return item


def _paragraphs(count: int) -> str:
    return "\n\n".join(f"{ARTICLE} It was report number {number}." for number in range(count))


@pytest.mark.parametrize(("text", "limits", "words"), [
    (_paragraphs(20), {"max_chars": 1000}, "characters after cleaning, over ingest.max_chars (1,000)"),
    (_paragraphs(200), {"max_chars": 1000}, "before cleaning"),
    (ARTICLE + " " + "word " * 3000, {"max_line_chars": 5000}, "line 1 is 15,"),
    ("\n".join([ARTICLE] * 50), {"max_lines": 40}, "50 lines, over ingest.max_lines (40)"),
    ("!?;:,.- " * 500, {}, "no letters or digits"),
], ids=["chars", "chars-before-cleaning", "line", "lines", "punctuation"])
def test_limits_text_past_a_limit_is_skipped_with_the_key(tmp_path: Path, ingest: IngestSettings, text: str,
                                                          limits: dict, words: str) -> None:
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    item = _one(path, dataclasses.replace(ingest, **limits))
    assert isinstance(item, Skipped) and words in item.reason, item


@pytest.mark.parametrize(("line", "words"), [
    ('{"text": "' + ARTICLE + '", "n": ' + "9" * 5000 + "}", "cannot read"),
    ('{"text": "x", "n": ' + "[" * 5000 + "]" * 5000 + "}", "5,001 deep, over ingest.max_json_depth (32)"),
    ('{"text": "x", "n": ' + '{"a": ' * 40 + "1" + "}" * 40 + "}", "41 deep"),
], ids=["big-int", "deep-arrays", "deep-objects"])
def test_limits_bad_jsonl_line_is_skipped_alone(tmp_path: Path, ingest: IngestSettings, line: str, words: str) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_text(line + "\n" + json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    first, second = read_path(path, settings=ingest)
    assert isinstance(first, Skipped) and first.path == f"{path}#1" and words in first.reason
    assert isinstance(second, Document)


def test_limits_many_bad_jsonl_lines_are_summed_up(tmp_path: Path, ingest: IngestSettings) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_text("{bad\n" * 500 + json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    items = read_path(path, settings=ingest)
    assert len(items) == 12 and isinstance(items[10], Document) and isinstance(items[11], Skipped)
    assert "490 more bad lines (of 500 in all)" in items[11].reason


def test_limits_lone_surrogates_become_replacement_characters(tmp_path: Path, ingest: IngestSettings) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_text('{"text": "\\ud800 ' + ARTICLE + '", "title": "Flood \\udfff report"}\n', encoding="utf-8")
    item = _one(path, ingest)
    assert isinstance(item, Document) and item.text.startswith("\ufffd ") and item.title is not None
    assert item.title.value == "Flood \ufffd report"
    item.text.encode("utf-8")


def test_limits_a_named_pipe_is_refused_at_once(tmp_path: Path, ingest: IngestSettings) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    found: list[Document | Skipped] = []
    reader = threading.Thread(target=lambda: found.extend(read_path(path, settings=ingest)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading a pipe blocked"
    assert isinstance(found[0], Skipped) and "not a regular file" in found[0].reason


def test_limits_device_is_refused(ingest: IngestSettings) -> None:
    item = _one(Path("/dev/zero"), ingest)
    assert isinstance(item, Skipped) and "character device" in item.reason


def test_limits_any_error_while_reading_is_that_files_skip(tmp_path: Path, ingest: IngestSettings,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def _broken(*args: object, **kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(readers, "find_metadata", _broken)
    item = _one(path, ingest)
    assert isinstance(item, Skipped) and "reading it failed (KeyError: 'surprise')" in item.reason
    assert "bug in rashomon" in item.reason


@pytest.mark.parametrize("error", [UnboundLocalError("cannot access local variable 'x'"), RecursionError(),
                                   MemoryError()])
def test_limits_pdf_library_errors_are_that_files_skip(tmp_path: Path, ingest: IngestSettings,
                                                       monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    import pypdf

    def _raise(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(pypdf, "PdfReader", _raise)
    path = tmp_path / "odd.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    item = _one(path, ingest)
    assert isinstance(item, Skipped) and item.path == str(path)
    assert "damaged" in item.reason or "memory" in item.reason


def test_limits_pypdf_messages_are_logged_once_with_the_files_name(tmp_path: Path, ingest: IngestSettings,
                                                                   caplog: pytest.LogCaptureFixture,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                     b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj trailer << /Root 1 0 R >>")
    with caplog.at_level(logging.INFO, logger="rashomon"):
        item = _one(path, ingest)
    assert isinstance(item, Skipped) and "pypdf also reported" in item.reason
    mine = [r.getMessage() for r in caplog.records if r.name == ingest_formats.__name__ and "pypdf reported" in
            r.getMessage()]
    assert len(mine) == 1 and str(path) in mine[0]
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert "EOF marker" not in capsys.readouterr().err

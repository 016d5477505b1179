"""Uploads: a rejected upload leaves nothing behind in the uploads folder; a stored one stays (issue 17)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.web import create_app

pytestmark = [pytest.mark.slow, pytest.mark.issue(17)]  # the examples store is analysed with the spaCy model

ARTICLE = ("Fictional report. Lira Tammet, the mayor of Ostrava Nova, said on Monday that 40 families had left the "
           "town after the river flooded the lower streets and the old market for the third time this year.\n")


def _uploads(db: Path) -> list[str]:
    folder = db.parent / f"{db.stem}-uploads"
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize(("name", "data", "status"), [
    ("short.txt", b"Only five words are here.", 422),
    ("binary.txt", bytes(range(256)) * 8, 422),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj trailer << /Root 1 0 R >>", 422),
    ("lines.jsonl", b'{"text": 5}\n[1, 2]\nnot json\n', 422),
    ("evil.exe", ARTICLE.encode(), 415),
    ("empty.txt", b"   \n", 400),
])
def test_workspace_rejected_upload_leaves_nothing(examples_copy: Path, name: str, data: bytes, status: int) -> None:
    client = TestClient(create_app(examples_copy))
    response = client.post("/api/documents", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code == status, response.text
    assert _uploads(examples_copy) == []


def test_workspace_upload_too_large_leaves_nothing(examples_copy: Path) -> None:
    client = TestClient(create_app(examples_copy, max_upload=100))
    response = client.post("/api/documents", files={"file": ("big.txt", ARTICLE.encode() * 5, "text/plain")})
    assert response.status_code == 413 and _uploads(examples_copy) == []


def test_workspace_duplicate_upload_is_not_kept(examples_copy: Path) -> None:
    client = TestClient(create_app(examples_copy))
    first = client.post("/api/documents", files={"file": ("flood.txt", ARTICLE.encode(), "text/plain")})
    assert first.status_code == 201 and _uploads(examples_copy) == ["flood.txt"]
    again = client.post("/api/documents", files={"file": ("flood.txt", ARTICLE.encode(), "text/plain")})
    assert again.status_code == 201 and again.json()["unchanged"]  # the same file: still the stored one's
    copy = client.post("/api/documents", files={"file": ("copy.txt", ARTICLE.encode("utf-16"), "text/plain")})
    assert copy.status_code == 201 and copy.json()["added"] == []
    assert _uploads(examples_copy) == ["flood.txt"]  # the UTF-16 copy of its text is not kept


def test_workspace_jsonl_upload_with_one_good_line_is_kept(examples_copy: Path) -> None:
    data = b'not json\n{"text": "' + ARTICLE.strip().encode() + b'"}\n'
    response = TestClient(create_app(examples_copy)).post("/api/documents",
                                                          files={"file": ("mixed.jsonl", data, "text/plain")})
    assert response.status_code == 201 and len(response.json()["added"]) == 1 and response.json()["skipped"]
    assert _uploads(examples_copy) == ["mixed.jsonl"]


def test_workspace_cached_is_made_once_per_store_version(examples_copy: Path) -> None:
    from rashomon.web.workspace import Workspace

    workspace = Workspace(examples_copy)
    made: list[int] = []

    def make(index: object) -> int:
        made.append(len(made))
        return len(made)

    assert workspace.cached("count", make) == workspace.cached("count", make) == 1
    assert workspace.index() is workspace.index()
    workspace.ingest([])  # the store is written (its version changes): the index and what was made are renewed
    examples_copy.touch()
    assert workspace.cached("count", make) == 2 and made == [0, 1]


def test_workspace_cached_is_bounded_per_store_version(examples_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rashomon.web import workspace as module

    monkeypatch.setattr(module, "CACHED_ITEMS", 4)
    monkeypatch.setattr(module, "CACHED_BYTES", 10)
    workspace = module.Workspace(examples_copy)
    def answer(key: int) -> Callable[[object], bytes]:
        return lambda index: b"x" * (key % 4)

    for key in range(20):  # a client asking for every offset cannot grow the cache past its bounds
        assert workspace.cached(key, answer(key)) == b"x" * (key % 4)
    kept = [key for key in range(20) if workspace.peek(key) is not None]
    assert 0 < len(kept) <= 4 and sum(key % 4 for key in kept) <= 10 and 19 in kept
    assert workspace.cached("big", lambda index: b"y" * 11) == b"y" * 11 and workspace.peek("big") is None

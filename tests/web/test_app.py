"""create_app is pure: building the app opens neither the store nor a settings file."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.web import create_app, workspace


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("create_app read the store or the settings while building the app")


def test_create_app_reads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workspace, "Store", _refuse)
    monkeypatch.setattr(workspace, "load_settings", _refuse)
    app = create_app(tmp_path / "new.duckdb", allow_dir=tmp_path)
    assert app.state.workspace.db == (tmp_path / "new.duckdb").resolve()
    assert list(tmp_path.iterdir()) == []


def test_create_app_serves_a_store_made_later(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "later.duckdb"))
    assert client.get("/api/status").json()["documents"] == 0
    assert list(tmp_path.iterdir()) == []

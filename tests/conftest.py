"""Shared fixtures. The real spaCy model loads once per test run (session scope)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.model import Document
from rashomon.settings import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "soleimani-2020"
EXAMPLES = REPO / "examples" / "zahrestan"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings):
    from rashomon.nlp import load_nlp

    return load_nlp(settings.nlp.model)


@pytest.fixture()
def make_doc():
    """Build a Document from a text, for unit tests: make_doc("Some text.", published="2020-01-06")."""

    def _make(text: str, *, path: str = "test.txt", published: str | None = None) -> Document:
        from rashomon.model import Meta

        meta = Meta(published, "jsonl") if published else None
        return Document.create(path=path, text=text, format="txt", published=meta)

    return _make


@pytest.fixture()
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} is not present: put the shared folder beside the repository")
    return SHARED_CORPUS


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite the golden outputs in tests/golden/ from this run (review the diff).")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))

"""The JSON export of the bundled examples and of the reference corpus, pinned.

A change that is meant to change what rashomon finds updates the pins with
    .venv/bin/python -m pytest tests/test_golden.py --update-golden
and the diff of tests/golden/ is reviewed with the change. A refactoring leaves them as they are.

The examples' export is kept whole (the examples are ours). The reference corpus is real articles, so only
the sha256 of its export is kept; on a mismatch the export is written beside the test's temporary files and
its path is in the failure message.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from rashomon.pipeline import analyze
from rashomon.render import write_json
from rashomon.store import Store

pytestmark = [pytest.mark.slow]

GOLDEN = Path(__file__).resolve().parent / "golden"
REPO = GOLDEN.parent.parent


def _export(inputs: str, tmp: Path, settings, monkeypatch: pytest.MonkeyPatch) -> str:
    """Analyse `inputs`, a path relative to the repository (documents keep the path they were read from), and
    export the store as `rashomon analyze --json` does."""
    monkeypatch.chdir(REPO)
    with Store(tmp / "store.duckdb") as store:
        result = analyze([inputs], store=store, settings=settings)
        assert not result.skipped, result.skipped
        corpus = store.load()
    write_json(corpus, tmp / "export.json")
    return (tmp / "export.json").read_text(encoding="utf-8")


def test_golden_examples_export_is_unchanged(tmp_path: Path, settings, update_golden: bool,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    text = _export("examples/zahrestan", tmp_path, settings, monkeypatch)
    golden = GOLDEN / "examples.export.json"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if text != expected:  # compare as data first, for a readable first difference
        assert json.loads(text) == json.loads(expected)
    assert text == expected


@pytest.mark.corpus
def test_golden_reference_corpus_export_is_unchanged(tmp_path: Path, settings, shared_corpus: Path,
                                                     update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _export("../shared/corpus/soleimani-2020", tmp_path, settings, monkeypatch)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    golden = GOLDEN / "soleimani-2020.export.sha256"
    if update_golden:
        golden.write_text(digest + "\n", encoding="utf-8")
    assert digest == golden.read_text(encoding="utf-8").strip(), (
        f"the reference corpus's JSON export changed; it is at {tmp_path / 'export.json'}: compare it with an "
        "export made before the change, and run with --update-golden if the change is meant")

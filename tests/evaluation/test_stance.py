"""The labelled stance set: well formed, and the method keeps its measured accuracy on it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.evaluation.stance import LABELS, evaluate_stance, format_evaluation, read_eval

SET = Path(__file__).resolve().parent.parent / "fixtures" / "perspective" / "stance_eval.jsonl"
# Floors a little under the numbers in docs/perspective.md; raise them with the method, never lower quietly.
FLOORS = {"dev": 0.90, "test": 0.85}


def test_stance_eval_set_is_well_formed() -> None:
    rows = read_eval(SET)
    assert len(rows) >= 120
    assert len({row["id"] for row in rows}) == len(rows)
    assert Counter(row["split"] for row in rows).keys() == {"dev", "test"}
    for row in rows:
        assert row["target"] in row["text"]
        assert row["label"] in LABELS and row.get("reported") in (None, *LABELS)
        assert (row.get("reported") is None) == (row.get("holder") is None)


@pytest.mark.slow
@pytest.mark.parametrize("split", sorted(FLOORS))
def test_evaluate_stance_stays_above_floor(nlp, split: str) -> None:
    rows = [row for row in read_eval(SET) if row["split"] == split]
    result = evaluate_stance(rows, nlp)
    assert result.macro_f1 >= FLOORS[split], format_evaluation(result)
    assert result.holder_correct >= 0.8 * result.reported_items


def test_eval_stance_command_names_a_missing_set(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "stance", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2  # the command could not run
    assert "missing.jsonl: cannot read the evaluation set" in result.stderr


def test_eval_stance_command_refuses_a_split_the_set_lacks() -> None:
    result = CliRunner().invoke(app, ["eval", "stance", str(SET), "--split", "train"])
    assert result.exit_code == 2
    assert "no items of split 'train'" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(("args", "headings"), [([], ["## split dev", "## split test"]),
                                                (["--split", "test"], ["## split test"])])
def test_eval_stance_command_scores_each_split(nlp, args: list[str], headings: list[str]) -> None:
    result = CliRunner().invoke(app, ["eval", "stance", str(SET), *args])
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if line.startswith("## ")] == headings
    assert "| favourable |" in result.stdout

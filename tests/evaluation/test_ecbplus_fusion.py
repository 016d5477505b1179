"""rashomon's event fusion scored on ECB+ (cross-document event coreference), on the real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.evaluation.ecbplus_fusion import evaluate_fusion

ECBPLUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus"


@pytest.mark.slow
def test_fusion_beats_same_lemma_baseline_on_ecbplus_dev(nlp) -> None:
    if not ECBPLUS.is_dir():
        pytest.skip(f"{ECBPLUS} is not present: put the shared folder beside the repository")

    result = evaluate_fusion(ECBPLUS, split="dev", nlp=nlp, predicted=False)
    assert result.fused.conll_f1 > result.baseline.conll_f1 + 0.02

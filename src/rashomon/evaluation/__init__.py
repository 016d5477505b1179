"""Evaluations against public gold data: time expressions (TimeBank / TempEval-3) and
cross-document event coreference (ECB+), with the coreference metrics they share."""

from __future__ import annotations

from .coref_metrics import PRF, CorefScores, b_cubed, ceaf_e, muc, score

__all__ = ["PRF", "CorefScores", "b_cubed", "ceaf_e", "muc", "score"]

"""Evaluations, each run by `rashomon eval ...`: time expressions on TimeBank / TempEval-3 (`timebank`),
cross-document event coreference on ECB+ (`ecbplus` reads the gold data and scores the same-lemma
baseline, `ecbplus_fusion` scores rashomon's event fusion) with the coreference metrics they share
(`coref_metrics`), and target-level stance on a labelled set of sentences (`stance`).

Evaluation code lives here only: the stages never import this package; it imports them."""

from __future__ import annotations

from .coref_metrics import PRF, CorefScores, b_cubed, ceaf_e, muc, score

__all__ = ["PRF", "CorefScores", "b_cubed", "ceaf_e", "muc", "score"]

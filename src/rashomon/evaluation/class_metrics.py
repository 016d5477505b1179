"""Precision, recall and F1 per class of a labelling, the scores both stance evaluations report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClassScores:
    label: str
    precision: float
    recall: float
    f1: float
    support: int  # items whose gold label is this one
    predicted: int  # items the method gave this label


def class_scores(labels: Sequence[str], gold: Sequence[str], predicted: Sequence[str]) -> tuple[ClassScores, ...]:
    """The scores of each of `labels`, in that order, rounded to three places (0 where undefined)."""
    found = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        found.append(ClassScores(label, round(precision, 3), round(recall, 3), round(f1, 3), n_gold, n_pred))
    return tuple(found)

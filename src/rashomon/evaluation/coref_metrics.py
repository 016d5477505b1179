"""Coreference scores: MUC, B-cubed, CEAF-e and their mean, the CoNLL F1.

A clustering is a sequence of clusters, each a collection of hashable mention ids. The key is the gold
clustering, the response the system's. Mentions are matched by id, and a mention may be present in
only one side. Such mentions are handled as in the CoNLL reference scorer (Pradhan et al. 2014,
"Scoring Coreference Partitions of Predicted Mentions: A Reference Implementation"), with no
mention manipulation:

- MUC: a key mention missing from the response counts as a singleton part of its key cluster when
  the key cluster is partitioned by the response (and the other way round for precision).
- B-cubed: a mention present on one side only adds its cluster's weight to that side's denominator
  and nothing to the numerator.
- CEAF-e: clusters are aligned one-to-one by the assignment that maximises the summed phi4
  similarity 2|K & R| / (|K| + |R|); an unaligned cluster adds nothing to the numerator but counts
  in the denominator (number of key clusters for recall, of response clusters for precision).

The optimal alignment is found with scipy's `linear_sum_assignment` (the Hungarian method's task),
run separately on each connected group of clusters that share mentions (clusters that share none have
similarity 0, so the split does not change the optimum and keeps the matrices small).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import DisjointSet
from scipy.optimize import linear_sum_assignment

Clusters = Sequence[Collection[Hashable]]


@dataclass(frozen=True, slots=True)
class PRF:
    """Recall and precision of one metric, with their harmonic mean."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 0.0 if total == 0 else 2 * self.recall * self.precision / total


@dataclass(frozen=True, slots=True)
class CorefScores:
    """MUC, B-cubed and CEAF-e of one response against one key, and what was compared."""

    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF
    key_mentions: int
    response_mentions: int
    key_clusters: int
    response_clusters: int

    @property
    def conll_f1(self) -> float:
        """The CoNLL F1: the unweighted mean of the MUC, B-cubed and CEAF-e F1s."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


def _ratio(numerator: float, denominator: float) -> float:
    return 0.0 if denominator == 0 else numerator / denominator


def _clean(clusters: Iterable[Collection[Hashable]], side: str) -> list[frozenset[Hashable]]:
    """Clusters as frozensets, empty ones dropped; a mention in two clusters is an error."""
    seen: set[Hashable] = set()
    cleaned: list[frozenset[Hashable]] = []
    for cluster in clusters:
        members = frozenset(cluster)
        if not members:
            continue
        doubled = seen & members
        if doubled:
            raise ValueError(
                f"{side} clustering: mention {sorted(map(str, doubled))[0]!r} is in more than one "
                f"cluster; a clustering must be a partition (merge those clusters or drop the copy)."
            )
        seen |= members
        cleaned.append(members)
    return cleaned


def _index(clusters: Sequence[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {mention: number for number, cluster in enumerate(clusters) for mention in cluster}


def _muc_side(gold: Sequence[frozenset[Hashable]], other: Sequence[frozenset[Hashable]]) -> tuple[int, int]:
    """MUC numerator and denominator of `gold` partitioned by `other` (recall; swap for precision)."""
    where = _index(other)
    numerator = denominator = 0
    for cluster in gold:
        parts = {where[m] for m in cluster if m in where}
        unmatched = sum(1 for m in cluster if m not in where)
        numerator += len(cluster) - (len(parts) + unmatched)
        denominator += len(cluster) - 1
    return numerator, denominator


def muc(key: Clusters, response: Clusters) -> PRF:
    """MUC (Vilain et al. 1995): the share of coreference links kept, counted through partitions."""
    gold, system = _clean(key, "key"), _clean(response, "response")
    r_num, r_den = _muc_side(gold, system)
    p_num, p_den = _muc_side(system, gold)
    return PRF(_ratio(r_num, r_den), _ratio(p_num, p_den))


def _b_cubed_side(gold: Sequence[frozenset[Hashable]], other: Sequence[frozenset[Hashable]]) -> float:
    where = _index(other)
    total = 0.0
    for cluster in gold:
        overlaps: dict[int, int] = {}
        for mention in cluster:
            if mention in where:
                overlaps[where[mention]] = overlaps.get(where[mention], 0) + 1
        total += sum(n * n for n in overlaps.values()) / len(cluster)
    return total


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    """B-cubed (Bagga and Baldwin 1998): per-mention overlap of its key and response clusters."""
    gold, system = _clean(key, "key"), _clean(response, "response")
    gold_mentions = sum(len(c) for c in gold)
    system_mentions = sum(len(c) for c in system)
    return PRF(_ratio(_b_cubed_side(gold, system), gold_mentions),
               _ratio(_b_cubed_side(system, gold), system_mentions))


def max_assignment(similarity: np.ndarray) -> list[tuple[int, int]]:
    """Rows and columns paired one-to-one so that the summed similarity is as large as possible.

    scipy's `linear_sum_assignment` (a shortest augmenting path Hungarian method): min(n, m) pairs for
    an n x m matrix, as (row, column) in row order.
    """
    matrix = np.asarray(similarity, dtype=float)
    if matrix.ndim != 2:
        raise ValueError(f"max_assignment needs a 2-D matrix; got shape {matrix.shape}.")
    if matrix.size == 0:
        return []
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    return [(int(row), int(column)) for row, column in zip(rows, columns, strict=True)]


def _phi4(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def _components(gold: Sequence[frozenset[Hashable]],
                system: Sequence[frozenset[Hashable]]) -> list[tuple[list[int], list[int]]]:
    """Groups of key and response clusters connected by shared mentions (union-find), in the order of
    their first key cluster."""
    nodes = DisjointSet(range(len(gold) + len(system)))
    where = _index(gold)
    for number, cluster in enumerate(system):
        for mention in cluster:
            if mention in where:
                nodes.merge(len(gold) + number, where[mention])
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for node in range(len(gold) + len(system)):
        keys, responses = groups.setdefault(nodes[node], ([], []))
        if node < len(gold):
            keys.append(node)
        else:
            responses.append(node - len(gold))
    return [group for group in groups.values() if group[0] and group[1]]


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    """Entity-based CEAF (Luo 2005) with the phi4 similarity and an optimal one-to-one alignment."""
    gold, system = _clean(key, "key"), _clean(response, "response")
    total = 0.0
    for keys, responses in _components(gold, system):
        similarity = np.array([[_phi4(gold[k], system[r]) for r in responses] for k in keys])
        total += sum(similarity[i, j] for i, j in max_assignment(similarity))
    return PRF(_ratio(total, len(gold)), _ratio(total, len(system)))


def drop_singletons(clusters: Clusters) -> list[frozenset[Hashable]]:
    """The clusters with more than one mention (the 'singletons excluded' setting)."""
    return [frozenset(c) for c in clusters if len(frozenset(c)) > 1]


def score(key: Clusters, response: Clusters, *, singletons: bool = True) -> CorefScores:
    """MUC, B-cubed and CEAF-e of `response` against `key`.

    With `singletons=False`, one-mention clusters are removed from both key and response first, as
    in Cattan et al. (2021), so a system earns nothing for leaving a mention alone.
    """
    gold = _clean(key, "key")
    system = _clean(response, "response")
    if not singletons:
        gold, system = drop_singletons(gold), drop_singletons(system)
    return CorefScores(
        muc=muc(gold, system),
        b_cubed=b_cubed(gold, system),
        ceaf_e=ceaf_e(gold, system),
        key_mentions=sum(len(c) for c in gold),
        response_mentions=sum(len(c) for c in system),
        key_clusters=len(gold),
        response_clusters=len(system),
    )


def format_scores(scores: CorefScores, *, label: str = "") -> str:
    """One line per metric (recall, precision, F1 in percent) and the CoNLL F1, for reports."""
    head = f"{label}: " if label else ""
    lines = [
        f"{head}{scores.key_mentions} key mentions in {scores.key_clusters} clusters, "
        f"{scores.response_mentions} response mentions in {scores.response_clusters} clusters"
    ]
    for name, prf in (("MUC", scores.muc), ("B3", scores.b_cubed), ("CEAF-e", scores.ceaf_e)):
        lines.append(f"  {name:<7} R {100 * prf.recall:5.1f}  P {100 * prf.precision:5.1f}  "
                     f"F1 {100 * prf.f1:5.1f}")
    lines.append(f"  CoNLL F1 {100 * scores.conll_f1:5.1f}")
    return "\n".join(lines)

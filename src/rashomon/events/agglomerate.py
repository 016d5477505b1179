"""Clustering primitives for fusion: agglomerative clustering, document similarity, copies of a story.

`agglomerate` merges clusters of mentions over a precomputed similarity matrix; `stories` groups
documents by tf-idf cosine; `source_groups` finds near-duplicate texts (copies of one wire story).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from scipy.cluster.hierarchy import DisjointSet

from ..model import Document
from ..settings import FusionSettings, Linkage, default_settings

__all__ = ["STOP_WORDS", "WORDS", "Linkage", "agglomerate", "document_similarity", "source_groups", "stories"]

WORDS = re.compile(r"[a-z0-9][a-z0-9'\-]*")
STOP_WORDS = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being has have had "
    "that this these those it its their his her they them he she we our you your i who which what when "
    "where while than then there here also not no more most some any all one two after before over into "
    "about against between during since until up out off will would could should may might can said "
    "says say".split())


def _link(block: np.ndarray, kind: Linkage, *, vetoes: bool = True) -> float:
    """The similarity of two clusters from the block of their mention similarities (`vetoes`: the
    block may hold -inf; False when the whole matrix holds none, to skip the check)."""
    if vetoes and np.isneginf(block).any():
        return float("-inf")
    if kind == "average":
        return float(block.mean())
    forward, backward = float(block.max(axis=1).mean()), float(block.max(axis=0).mean())
    return max(forward, backward) if kind == "attach" else (forward + backward) / 2


def _initial_links(matrix: np.ndarray, clusters: Sequence[Sequence[int]], kind: Linkage) -> np.ndarray:
    """The linkage of every pair of starting clusters at once (clusters x clusters)."""
    order = [i for cluster in clusters for i in cluster]
    starts = np.cumsum([0] + [len(cluster) for cluster in clusters[:-1]])
    sizes = np.array([len(cluster) for cluster in clusters], dtype=float)
    block = matrix[np.ix_(order, order)]
    forbidden = np.isneginf(block)
    vetoed = np.add.reduceat(np.add.reduceat(forbidden.astype(float), starts, axis=0), starts, axis=1)
    finite = np.where(forbidden, 0.0, block)
    if kind == "average":
        links = np.add.reduceat(np.add.reduceat(finite, starts, axis=0), starts, axis=1) / np.outer(sizes, sizes)
    else:
        best = np.maximum.reduceat(np.where(forbidden, -np.inf, block), starts, axis=1)
        best = np.where(np.isneginf(best), 0.0, best)  # each mention's best match in each cluster
        means = np.add.reduceat(best, starts, axis=0) / sizes[:, None]  # cluster A's mean best in B
        links = np.maximum(means, means.T) if kind == "attach" else (means + means.T) / 2
    links[vetoed > 0] = -np.inf
    return links


def agglomerate(matrix: np.ndarray, clusters: Sequence[Sequence[int]], *, threshold: float,
                allowed: np.ndarray | None = None, linkage: Linkage = "attach",
                joinable: Callable[[Sequence[int], Sequence[int]], bool] | None = None) -> list[list[int]]:
    """Agglomerative clustering over a symmetric mention similarity matrix.

    Starts from `clusters` (a partition of the rows) and merges the pair of clusters with the highest
    linkage while it reaches `threshold`. Linkages: "average", the mean pairwise similarity;
    "best-match", the mean over the mentions of both clusters of each one's best match in the other;
    "attach", the larger of the two clusters' mean best matches, so a small cluster joins a large one
    that holds its counterparts although the large one mixes words for one act ("strike",
    "killing"). A pair of mentions scored -inf never ends in one cluster. `allowed` (clusters x
    clusters, bool) limits which starting clusters may merge; `joinable(first, second)`, given the
    rows of two clusters about to merge, may refuse the merge (a rule on whole clusters).
    """
    count = len(clusters)
    if count == 0:
        return []
    groups: dict[int, list[int]] = {i: list(cluster) for i, cluster in enumerate(clusters)}
    permitted = np.ones((count, count), dtype=bool) if allowed is None else allowed.copy()
    scores = np.triu(_initial_links(matrix, clusters, linkage), k=1)
    scores[np.tril_indices(count)] = -np.inf
    scores[~permitted] = -np.inf
    vetoes = bool(np.isneginf(matrix).any())
    members = {i: np.array(group, dtype=np.intp) for i, group in groups.items()}
    while len(groups) > 1:
        row, column = divmod(int(np.argmax(scores)), count)
        if not np.isfinite(scores[row, column]) or scores[row, column] < threshold:
            break
        if joinable is not None and not joinable(groups[row], groups[column]):
            scores[row, column] = -np.inf
            continue
        groups[row].extend(groups.pop(column))
        members.pop(column)
        members[row] = np.array(groups[row], dtype=np.intp)
        permitted[row, :] |= permitted[column, :]
        permitted[:, row] |= permitted[:, column]
        scores[column, :] = -np.inf
        scores[:, column] = -np.inf
        rows_of_row = matrix.take(members[row], axis=0)  # the same blocks np.ix_ gives, cut faster
        for other in groups:
            if other == row:
                continue
            first, second = min(row, other), max(row, other)
            if not permitted[first, second]:
                scores[first, second] = float("-inf")
                continue
            if first == row:
                block = rows_of_row.take(members[other], axis=1)
            else:
                block = matrix.take(members[other], axis=0).take(members[row], axis=1)
            scores[first, second] = _link(block, linkage, vetoes=vetoes)
    return [sorted(group) for group in groups.values()]


def document_similarity(documents: Sequence[Document]) -> dict[tuple[str, str], float]:
    """Cosine similarity of the documents' tf-idf word vectors, for every pair of document ids."""
    bags = {doc.id: Counter(w for w in WORDS.findall(doc.text.lower()) if w not in STOP_WORDS and len(w) > 2)
            for doc in documents}
    frequency: Counter[str] = Counter(w for bag in bags.values() for w in bag)
    count = len(bags)
    vectors = {}
    for doc_id, bag in bags.items():
        vector = {w: n * math.log((1 + count) / (1 + frequency[w])) for w, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors[doc_id] = {w: v / norm for w, v in vector.items()}
    ids = list(vectors)
    products = _dot_products([vectors[doc_id] for doc_id in ids])
    result: dict[tuple[str, str], float] = {}
    for i, first in enumerate(ids):
        result[(first, first)] = 1.0
        row = products[i]
        for j in range(i + 1, len(ids)):
            second = ids[j]
            result[(first, second)] = result[(second, first)] = row[j]
    return result


def _dot_products(vectors: Sequence[Mapping[str, float]]) -> list[list[float]]:
    """The dot product of every pair of sparse vectors, rows[i][j] for i < j (the rest is not filled).

    Each pair is summed over the words of its shorter vector (the first of two of one length), in that
    vector's order, one product after another: the very floats a loop over its words would give
    (`np.cumsum` adds in sequence, unlike `np.sum`). An empty shorter vector gives 0.
    """
    count = len(vectors)
    sizes = [len(vector) for vector in vectors]
    columns: dict[str, int] = {}
    postings: list[tuple[list[int], list[float]]] = []  # per word: the rows that hold it, their values
    for row, vector in enumerate(vectors):
        for word, value in vector.items():
            column = columns.setdefault(word, len(columns))
            if column == len(postings):
                postings.append(([], []))
            postings[column][0].append(row)
            postings[column][1].append(value)
    rows = [np.array(p[0], dtype=np.intp) for p in postings]
    values = [np.array(p[1], dtype=np.float64) for p in postings]
    result = [[0.0] * count for _ in range(count)]
    for i, vector in enumerate(vectors):
        # the later rows j for which row i is the shorter vector, and the earlier ones it is for
        shorter = [j for j in range(i + 1, count) if sizes[i] <= sizes[j]]
        longer = [j for j in range(i) if sizes[i] < sizes[j]]
        if not shorter and not longer:
            continue
        if not vector:
            for j in shorter:
                result[i][j] = 0  # sum() of nothing
            for j in longer:
                result[j][i] = 0
            continue
        word_columns = [columns[word] for word in vector]
        own = np.fromiter(vector.values(), dtype=np.float64, count=len(vector))
        lengths = [len(rows[c]) for c in word_columns]
        table = np.zeros((len(vector), count), dtype=np.float64)
        table[np.repeat(np.arange(len(vector)), lengths), np.concatenate([rows[c] for c in word_columns])] = \
            np.concatenate([values[c] for c in word_columns])
        sums = np.cumsum(own[:, None] * table, axis=0)[-1].tolist()
        for j in shorter:
            result[i][j] = sums[j]
        for j in longer:
            result[j][i] = sums[j]
    return result


def stories(doc_ids: Sequence[str], closeness: Mapping[tuple[str, str], float], floor: float) -> dict[str, int]:
    """Document id -> story number: documents clustered by average cosine similarity above `floor`
    (all in story 0 when `floor` is 0)."""
    if floor <= 0:
        return {doc_id: 0 for doc_id in doc_ids}
    matrix = np.array([[closeness.get((a, b), 0.0) for b in doc_ids] for a in doc_ids])
    clusters = agglomerate(matrix, [[i] for i in range(len(doc_ids))], threshold=floor, linkage="average")
    return {doc_ids[index]: number for number, cluster in enumerate(clusters) for index in cluster}


def _shingles(text: str, size: int) -> frozenset[str]:
    words = WORDS.findall(text.lower())
    if len(words) < size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))


def source_groups(documents: Sequence[Document], *, settings: FusionSettings | None = None) -> dict[str, str]:
    """Document id -> the id of its group of near-duplicate texts (the group's first document).

    Two texts are copies of one story when more than `settings.duplicate_overlap` of the smaller
    one's word `settings.shingle`-grams are in the larger one (containment, so a wire story
    republished under a new headline with a paragraph added is still a copy); copies of copies join
    the same group. `settings`: the packaged [fusion] defaults when not given.
    """
    settings = settings or default_settings().fusion
    groups = DisjointSet(doc.id for doc in documents)
    shingles = [(doc.id, _shingles(doc.text, settings.shingle)) for doc in documents]
    for i, j in _overlapping_pairs([grams for _, grams in shingles], settings.duplicate_overlap):
        groups.merge(shingles[i][0], shingles[j][0])
    first: dict[str, str] = {}
    for doc in documents:
        first.setdefault(groups[doc.id], doc.id)
    return {doc.id: first[groups[doc.id]] for doc in documents}


def _overlapping_pairs(shingles: Sequence[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """The pairs (i < j), in order, whose shared shingles are more than `threshold` of the smaller set.

    Shared shingles are counted through an index of which texts hold each shingle, so pairs that
    share none (most of them) cost nothing; with a negative threshold every pair with shingles counts.
    """
    if threshold < 0:
        return [(i, j) for i in range(len(shingles)) for j in range(i + 1, len(shingles))
                if min(len(shingles[i]), len(shingles[j]))]
    holders: dict[str, list[int]] = {}
    for index, grams in enumerate(shingles):
        for gram in grams:
            holders.setdefault(gram, []).append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for indices in holders.values():
        if len(indices) > 1:
            for position, i in enumerate(indices):
                for j in indices[position + 1:]:
                    shared[(i, j)] += 1
    pairs = []
    for (i, j), common in shared.items():
        smaller = min(len(shingles[i]), len(shingles[j]))
        if smaller and common / smaller > threshold:
            pairs.append((i, j))
    return sorted(pairs)

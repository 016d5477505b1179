"""MUC, B-cubed, CEAF-e and CoNLL F1 against published and hand-worked examples.

Cases "TC-..." are the test cases of the CoNLL reference scorer (github.com/conll/reference-coreference-
scorers, test/TestCases.README and test/CorefMetricTestConfig.pm): key TC-A is {a} {bc} {def}; a
capital letter is a different mention from its small letter. TC-D/E come from the B-cubed paper (Bagga
and Baldwin 1998), TC-F to TC-L from the MUC paper (Vilain et al. 1995). Expected values are theirs,
written as the fractions they give.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.evaluation.coref_metrics import (
    PRF,
    b_cubed,
    ceaf_e,
    drop_singletons,
    max_assignment,
    muc,
    score,
)


def _clusters(text: str) -> list[set[str]]:
    """ "{a} {bc} {def}" -> [{"a"}, {"b", "c"}, {"d", "e", "f"}]; one character is one mention."""
    return [set(part.strip("{}")) for part in text.split()]


TC_A = _clusters("{a} {bc} {def}")


def _close(prf: PRF, recall: float, precision: float) -> bool:
    return prf.recall == pytest.approx(recall, abs=5e-5) and prf.precision == pytest.approx(precision, abs=5e-5)


@pytest.mark.parametrize(("case", "response", "expected_muc", "expected_b3"), [
    ("A1", "{a} {bc} {def}", (1, 1), (6 / 6, 6 / 6)),
    ("A2", "{a} {de}", (1 / 3, 1 / 1), ((7 / 3) / 6, 3 / 3)),
    ("A3", "{a} {bcx} {defy} {z}", (3 / 3, 3 / 5), (6 / 6, (4 + 7 / 12) / 9)),
    ("A4", "{a} {bcx} {dy} {z}", (1 / 3, 1 / 3), ((3 + 1 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7)),
    ("A5", "{a} {bcxB} {dy} {z}", (1 / 3, 1 / 4), ((3 + 1 / 3) / 6, 2.5 / 8)),
    ("A6", "{a} {bcx} {dy} {Bz}", (1 / 3, 1 / 4), ((10 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 8)),
    ("A10", "{a} {b} {c} {d} {e} {f}", (0, 0), (3 / 6, 6 / 6)),
    ("A11", "{abcdef}", (3 / 3, 3 / 5), (6 / 6, (1 / 6 + 2 * 2 / 6 + 3 * 3 / 6) / 6)),
    ("A12", "{a} {x} {y} {c} {d} {e} {z}", (0, 0), ((1 + 1 / 2 + 2 / 3) / 6, 4 / 7)),
    ("A13", "{axycdez}", (1 / 3, 1 / 6), ((1 + 1 / 2 + 2 * 2 / 3) / 6, (1 / 7 + 1 / 7 + 2 * 2 / 7) / 7)),
])
def test_muc_and_b_cubed_match_the_reference_scorer(case: str, response: str,
                                                    expected_muc: tuple[float, float],
                                                    expected_b3: tuple[float, float]) -> None:
    system = _clusters(response)
    assert _close(muc(TC_A, system), *expected_muc)
    assert _close(b_cubed(TC_A, system), *expected_b3)


@pytest.mark.parametrize(("case", "response", "recall", "precision"), [
    ("A1", "{a} {bc} {def}", 1, 1),
    # common = phi4(a,a) + phi4(def,de) = 1 + 2*2/5 = 1.8; R = 1.8/3, P = 1.8/2
    ("A2", "{a} {de}", 0.6, 0.9),
    # common = 1 + 2*2/5 + 2*3/7 = 2.657; R = 2.657/3, P = 2.657/4
    ("A3", "{a} {bcx} {defy} {z}", 0.88571, 0.66429),
    # common = 1 + 4/5 + 2/5 = 2.2; R = 2.2/3, P = 2.2/4
    ("A4", "{a} {bcx} {dy} {z}", 0.73333, 0.55),
    # common = 1 + 2*2/6 + 2/5 = 2.067
    ("A5", "{a} {bcxB} {dy} {z}", 0.68889, 0.51667),
    ("A6", "{a} {bcx} {dy} {Bz}", 0.73333, 0.55),
])
def test_ceaf_e_matches_the_reference_scorer(case: str, response: str, recall: float, precision: float) -> None:
    assert _close(ceaf_e(TC_A, _clusters(response)), recall, precision)


@pytest.mark.parametrize(("case", "key", "response", "expected_muc", "expected_b3"), [
    ("D1", "{12345} {67} {89ABC}", "{12345} {6789ABC}", (9 / 9, 9 / 10), (12 / 12, 16 / 21)),
    ("E1", "{12345} {67} {89ABC}", "{1234589ABC} {67}", (9 / 9, 9 / 10), (1, 7 / 12)),
])
def test_b_cubed_paper_examples(case: str, key: str, response: str, expected_muc: tuple[float, float],
                                expected_b3: tuple[float, float]) -> None:
    assert _close(muc(_clusters(key), _clusters(response)), *expected_muc)
    assert _close(b_cubed(_clusters(key), _clusters(response)), *expected_b3)


@pytest.mark.parametrize(("case", "key", "response", "recall", "precision"), [
    ("F1", "{ABCD}", "{AB} {CD}", 2 / 3, 2 / 2),
    ("G1", "{AB} {CD}", "{ABCD}", 2 / 2, 2 / 3),
    ("H1", "{ABCD}", "{ABCD}", 1, 1),
    ("J1", "{ABC}", "{AC}", 1 / 2, 1 / 1),
    ("K1", "{BCDEGHJ}", "{ABC} {DEF} {GHI}", 3 / 6, 3 / 6),
    ("L1", "{ABC} {DEFG}", "{AB} {CD} {FGH}", 2 / 5, 2 / 4),
    ("M2", "{abcdef}", "{a} {b} {c} {d} {e} {f}", 0, 0),
    ("N1", "{a} {b} {c} {d} {e} {f}", "{a} {b} {c} {d} {e} {f}", 0, 0),
])
def test_muc_paper_examples(case: str, key: str, response: str, recall: float, precision: float) -> None:
    assert _close(muc(_clusters(key), _clusters(response)), recall, precision)


def test_score_hand_worked_example() -> None:
    # key {abc} {defg}; response {ab} {cd} {fghi}  (e missed; h, i spurious)
    # MUC R: {abc} -> parts {ab}{c} = 3-2 = 1; {defg} -> {d}{e}{fg} = 4-3 = 1; R = 2 / (2+3) = 0.4
    # MUC P: {ab} -> 2-1 = 1; {cd} -> {c}{d} = 0; {fghi} -> {fg}{h}{i} = 1; P = 2 / (1+1+3) = 0.4
    # B3 R: {abc}: (2^2 + 1^2)/3 = 5/3; {defg}: (1^2 + 2^2)/4 = 5/4; R = (5/3 + 5/4)/7 = 35/84
    # B3 P: {ab}: 4/2 = 2; {cd}: (1+1)/2 = 1; {fghi}: 4/4 = 1; P = 4/8 = 0.5
    # CEAF-e: best pairs abc-ab (2*2/5 = 0.8) and defg-fghi (2*2/8 = 0.5): 1.3; R = 1.3/2, P = 1.3/3
    scores = score(_clusters("{abc} {defg}"), _clusters("{ab} {cd} {fghi}"))
    assert _close(scores.muc, 0.4, 0.4)
    assert _close(scores.b_cubed, 35 / 84, 0.5)
    assert _close(scores.ceaf_e, 0.65, 1.3 / 3)
    f1s = (0.4, 2 * (35 / 84) * 0.5 / (35 / 84 + 0.5), 2 * 0.65 * (1.3 / 3) / (0.65 + 1.3 / 3))
    assert scores.conll_f1 == pytest.approx(sum(f1s) / 3)
    sizes = (scores.key_mentions, scores.response_mentions, scores.key_clusters, scores.response_clusters)
    assert sizes == (7, 8, 2, 3)


def test_score_perfect_is_one() -> None:
    scores = score(TC_A, TC_A)
    assert scores.conll_f1 == pytest.approx(1.0)


def test_score_without_singletons_drops_them_on_both_sides() -> None:
    # key {a} {bc} {def} -> {bc} {def}; response {a} {bcx} {dy} {z} -> {bcx} {dy}
    scores = score(TC_A, _clusters("{a} {bcx} {dy} {z}"), singletons=False)
    assert (scores.key_clusters, scores.response_clusters) == (2, 2)
    # B3 R: {bc}: 4/2 = 2; {def}: 1/3; R = (2 + 1/3)/5.  P: {bcx}: 4/3; {dy}: 1/2; P = (4/3 + 1/2)/5
    assert _close(scores.b_cubed, (2 + 1 / 3) / 5, (4 / 3 + 1 / 2) / 5)


def test_drop_singletons() -> None:
    assert drop_singletons(_clusters("{a} {bc} {d}")) == [frozenset("bc")]


def test_score_rejects_a_mention_in_two_clusters() -> None:
    with pytest.raises(ValueError, match="more than one cluster"):
        score([{"a", "b"}, {"b", "c"}], [{"a"}])


@pytest.mark.parametrize(("matrix", "expected_total"), [
    ([[0.8, 0.4], [0.0, 0.5]], 1.3),
    # the outer product of (1, 2, 3): by the rearrangement inequality the diagonal wins, 1 + 4 + 9
    ([[1, 2, 3], [2, 4, 6], [3, 6, 9]], 14),
    ([[0.1, 0.9, 0.0]], 0.9),
    ([[0.1], [0.9], [0.3]], 0.9),
    ([], 0.0),
])
def test_max_assignment_examples(matrix: list[list[float]], expected_total: float) -> None:
    pairs = max_assignment(np.array(matrix, dtype=float).reshape(len(matrix), -1) if matrix else np.zeros((0, 0)))
    total = sum(matrix[r][c] for r, c in pairs)
    assert total == pytest.approx(expected_total)
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_max_assignment_equals_brute_force(rows: int, cols: int, data: st.DataObject) -> None:
    values = data.draw(st.lists(st.lists(st.sampled_from([0.0, 0.25, 0.4, 0.5, 2 / 3, 0.8, 1.0]),
                                         min_size=cols, max_size=cols), min_size=rows, max_size=rows))
    matrix = np.array(values)
    pairs = max_assignment(matrix)
    assert len(pairs) == min(rows, cols)
    small, large = (rows, cols) if rows <= cols else (cols, rows)
    view = matrix if rows <= cols else matrix.T
    best = max(sum(view[i, p[i]] for i in range(small)) for p in itertools.permutations(range(large), small))
    assert sum(matrix[r, c] for r, c in pairs) == pytest.approx(best)


@pytest.mark.parametrize("seed", range(20))
def test_max_assignment_equals_brute_force_on_seeded_random_matrices(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows, cols = (int(n) for n in rng.integers(1, 6, size=2))
    matrix = rng.random((rows, cols))
    pairs = max_assignment(matrix)
    assert len(pairs) == min(rows, cols) and pairs == sorted(pairs)
    small, large = (rows, cols) if rows <= cols else (cols, rows)
    view = matrix if rows <= cols else matrix.T
    best = max(sum(view[i, p[i]] for i in range(small)) for p in itertools.permutations(range(large), small))
    assert sum(matrix[r, c] for r, c in pairs) == pytest.approx(best, rel=1e-12)


def _brute_force_ceaf_e(key: list[set[int]], response: list[set[int]]) -> tuple[float, float]:
    """CEAF-e by trying every one-to-one alignment of key and response clusters (small cases only)."""
    small, large = (key, response) if len(key) <= len(response) else (response, key)
    best = max(sum(2 * len(a & large[j]) / (len(a) + len(large[j])) for a, j in zip(small, chosen, strict=True))
               for chosen in itertools.permutations(range(len(large)), len(small)))
    return best / len(key), best / len(response)


def _random_partition(rng: np.random.Generator, mentions: list[int]) -> list[set[int]]:
    """`mentions` shuffled and cut into one to five non-empty clusters."""
    shuffled = [int(m) for m in rng.permutation(mentions)]
    parts = np.array_split(np.arange(len(shuffled)), int(rng.integers(1, min(5, len(shuffled)) + 1)))
    return [{shuffled[i] for i in part} for part in parts if len(part)]


@pytest.mark.parametrize("seed", range(30))
def test_ceaf_e_equals_brute_force_alignment_on_seeded_random_clusterings(seed: int) -> None:
    rng = np.random.default_rng(seed)
    mentions = list(range(int(rng.integers(2, 12))))
    key = _random_partition(rng, mentions)
    extra = [100 + n for n in range(int(rng.integers(0, 3)))]  # mentions only the response has
    response = _random_partition(rng, [m for m in mentions if rng.random() < 0.85] + extra or [0])
    recall, precision = _brute_force_ceaf_e(key, response)
    found = ceaf_e(key, response)
    assert (found.recall, found.precision) == (pytest.approx(recall, rel=1e-12), pytest.approx(precision, rel=1e-12))

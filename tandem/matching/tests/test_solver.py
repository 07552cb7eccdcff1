"""The solver is exact: compared with brute force and with networkx min-cost max-flow on random instances."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.matching.solver import rank_candidates, solve
from tandem.matching.tests.oracle import brute_force, min_cost_flow, objective


def random_instance(rng: np.random.Generator, n: int, m: int, top: int) -> tuple[np.ndarray, ...]:
    scores = rng.integers(0, top + 1, size=(n, m))
    allowed = rng.random((n, m)) < rng.uniform(0.15, 1.0)
    capacities = rng.integers(1, 4, size=m)
    return scores, allowed, capacities


def test_tiny_instances_match_brute_force():
    for seed in range(200):
        rng = np.random.default_rng(seed)
        n, m = rng.integers(1, 7), rng.integers(1, 5)
        scores, allowed, capacities = random_instance(rng, n, m, top=[3, 20, 1000][seed % 3])
        expected = brute_force(scores, allowed, capacities)
        for candidates in (1, 2, 48):
            assignment = solve(scores, allowed, capacities, candidates=candidates)
            assert objective(assignment, scores, allowed, capacities) == expected, (
                f"seed {seed}, {candidates}"
            )


@pytest.mark.slow
def test_small_instances_match_min_cost_flow():
    for seed in range(80):
        rng = np.random.default_rng(1000 + seed)
        n, m = rng.integers(5, 40), rng.integers(2, 25)
        scores, allowed, capacities = random_instance(rng, n, m, top=[5, 10_000][seed % 2])
        expected = min_cost_flow(scores, allowed, capacities)
        for candidates in (1, 3, 48):
            assignment = solve(scores, allowed, capacities, candidates=candidates)
            assert objective(assignment, scores, allowed, capacities) == expected, (
                f"seed {seed}, {candidates}"
            )


def test_more_mentees_beat_a_higher_total():
    # Alone, A–m1 scores 100; but then B is left out. The optimum matches both for a total of 2.
    scores = np.array([[100, 1], [1, 0]])
    allowed = np.array([[True, True], [True, False]])
    assignment = solve(scores, allowed, np.array([1, 1]))
    assert assignment.tolist() == [1, 0]


def test_big_m_dominates_even_at_the_largest_scores():
    rng = np.random.default_rng(7)
    scores = rng.integers(990_000, 1_000_001, size=(30, 12))
    allowed = rng.random((30, 12)) < 0.3
    capacities = rng.integers(1, 4, size=12)
    result = objective(solve(scores, allowed, capacities), scores, allowed, capacities)
    assert result == min_cost_flow(scores, allowed, capacities)


def test_near_ties_are_not_lost_to_rounding():
    # Totals differ by 1 out of about 10^12: a float-scored solver could pick either.
    base = 10**6
    scores = np.array([[base + 1, base], [base, base - 1 + 1]])
    allowed = np.ones((2, 2), dtype=bool)
    assert objective(solve(scores, allowed, np.array([1, 1])), scores, allowed, np.array([1, 1])) == (
        2,
        2 * base + 1,
    )


def test_more_mentees_than_slots_uses_the_transposed_problem():
    rng = np.random.default_rng(3)
    scores = rng.integers(0, 50, size=(40, 5))
    allowed = rng.random((40, 5)) < 0.7
    capacities = np.array([1, 2, 1, 3, 1])
    result = objective(solve(scores, allowed, capacities), scores, allowed, capacities)
    assert result == min_cost_flow(scores, allowed, capacities)
    assert result[0] == 8


def test_rows_limits_who_is_placed_and_zero_capacity_mentors_take_nobody():
    scores = np.array([[5, 9], [7, 1], [3, 3]])
    allowed = np.ones((3, 2), dtype=bool)
    assignment = solve(scores, allowed, np.array([2, 0]), rows=np.array([0, 2]))
    assert assignment.tolist() == [0, -1, 0]


@pytest.mark.parametrize(("shape", "capacities"), [((0, 3), [1, 1, 1]), ((3, 0), []), ((2, 2), [0, 0])])
def test_empty_problems(shape, capacities):
    scores = np.zeros(shape, dtype=np.int64)
    assert (solve(scores, np.ones(shape, dtype=bool), np.array(capacities, dtype=np.int64)) == -1).all()


def test_nothing_allowed_leaves_everyone_unmatched():
    assert (
        solve(np.ones((3, 2), dtype=np.int64), np.zeros((3, 2), dtype=bool), np.array([1, 1])).tolist()
        == [-1] * 3
    )


def expected_ranking(scores: np.ndarray, allowed: np.ndarray, count: int) -> tuple[list, list]:
    cols, values = [], []
    for i in range(scores.shape[0]):
        best = sorted((-int(scores[i, j]), j) for j in range(scores.shape[1]) if allowed[i, j])[:count]
        best += [(1, -1)] * (count - len(best))
        cols.append([j for _, j in best])
        values.append([-s for s, _ in best])
    return cols, values


@pytest.mark.parametrize("top", [3, 10_000, 2**61])  # 2**61: too large for a combined key, sorted instead
def test_ranking_is_best_score_first_then_lowest_index(top):
    for seed in range(60):
        rng = np.random.default_rng(seed)
        n, m = rng.integers(0, 12), rng.integers(0, 40)
        scores = rng.integers(0, 4, size=(n, m)) * (top // 3)  # few distinct values: many ties
        allowed = rng.random((n, m)) < rng.uniform(0.0, 1.0)
        for count in (1, 4, 24, 60):
            ranking = rank_candidates(scores, allowed, count)
            assert (ranking.cols.tolist(), ranking.scores.tolist()) == expected_ranking(
                scores, allowed, count
            )


def test_a_ranking_from_the_caller_gives_the_same_optimum():
    for seed in range(80):
        rng = np.random.default_rng(2000 + seed)
        n, m = rng.integers(3, 40), rng.integers(2, 25)
        scores, allowed, capacities = random_instance(rng, n, m, top=[5, 10_000][seed % 2])
        if seed % 4 == 3:
            capacities[rng.integers(0, m)] = 0  # a mentor without room: the solver ranks on its own
        rows = np.sort(rng.choice(n, size=rng.integers(1, n + 1), replace=False))
        expected = min_cost_flow(scores[rows], allowed[rows], capacities)
        for count in (1, 3, 24):
            ranking = rank_candidates(scores, allowed, count)
            assignment = solve(scores, allowed, capacities, rows=rows, candidates=count, ranking=ranking)
            assert (assignment[np.setdiff1d(np.arange(n), rows)] == -1).all()
            assert objective(assignment, scores, allowed, capacities) == expected, f"seed {seed}, {count}"

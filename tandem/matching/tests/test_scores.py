"""Matching from a ready score table, including the peer cohorts' known optimum."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tandem.matching.engine import solve_scores
from tandem.matching.tables import read_capacities, read_scores
from tandem.matching.tests.oracle import min_cost_flow

PEER = Path(__file__).parent / "data" / "peer"


@pytest.mark.parametrize(("cohort", "matched", "total"), [("small", 50, 1338), ("large", 500, 16127)])
def test_peer_cohorts_reach_the_exact_optimum(cohort, matched, total):
    scores = read_scores(PEER / cohort / "SCORES.csv")
    capacities = read_capacities(PEER / cohort / "CAPACITIES.csv")
    result = solve_scores(scores, capacities)
    assert (result.matched, result.total_score) == (matched, total)
    listed = {(a, b) for a, b, _ in scores}
    assert all(pair in listed for pair in result.pairs.items())


def test_random_tables_with_locks_and_forbids_match_min_cost_flow():
    for seed in range(40):
        check_random_table(seed)


def check_random_table(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = rng.integers(3, 25), rng.integers(2, 12)
    listed = rng.random((n, m)) < 0.5
    values = rng.integers(0, 30, size=(n, m))
    capacities = {f"m{j}": int(c) for j, c in enumerate(rng.integers(1, 4, size=m))}
    rows = [(f"a{i}", f"m{j}", float(values[i, j])) for i, j in zip(*np.nonzero(listed), strict=True)]
    pairs = [(a, b) for a, b, _ in rows]
    picks = rng.permutation(len(pairs))
    locked, room = [], dict(capacities)
    for k in picks[: len(pairs) // 8]:
        a, b = pairs[k]
        if room[b] > 0 and a not in dict(locked):
            locked.append((a, b))
            room[b] -= 1
    forbidden = [pairs[k] for k in picks[len(pairs) // 8 : len(pairs) // 4] if pairs[k] not in locked]

    result = solve_scores(
        rows, capacities, mentee_ids=[f"a{i}" for i in range(n)], locked=locked, forbidden=forbidden
    )

    assert all(result.pairs[a] == b for a, b in locked)
    assert not set(forbidden) & set(result.pairs.items())
    allowed = listed.copy()
    for a, b in forbidden:
        allowed[int(a[1:]), int(b[1:])] = False
    free = [i for i in range(n) if f"a{i}" not in dict(locked)]
    caps = np.array([room[f"m{j}"] for j in range(m)])
    matched, total = min_cost_flow(values[free], allowed[free], caps)
    locked_total = sum(values[int(a[1:]), int(b[1:])] for a, b in locked)
    assert (result.matched, result.total_score) == (matched + len(locked), total + locked_total)
    assert len(result.results) == n


def test_decimal_scores_are_compared_exactly():
    # 0.1 + 0.2 > 0.3 in binary floating point; the table scale keeps the tie.
    rows = [("a", "x", 0.1), ("a", "y", 0.3), ("b", "x", 0.3), ("b", "y", 0.2)]
    result = solve_scores(rows, {"x": 1, "y": 1})
    assert result.total_score == pytest.approx(0.6)
    assert result.pairs == {"a": "y", "b": "x"}


def test_unlisted_mentees_and_mentors_default_capacity():
    result = solve_scores([("a", "x", 5), ("b", "x", 3)], mentee_ids=["c"])
    assert [r.mentee_id for r in result.results] == ["c", "a", "b"]
    assert result.pairs == {"a": "x"}
    reasons = {r.mentee_id: r.unmatched_reason.params for r in result.results if r.mentor_id is None}
    assert reasons == {"c": {"listed": 0}, "b": {"listed": 1}}


@pytest.mark.parametrize(
    ("rows", "capacities", "message"),
    [
        ([("a", "x", 1), ("a", "x", 2)], None, "listed twice"),
        ([("a", "x", -1)], None, "≥ 0"),
        ([("a", "x", float("nan"))], None, "≥ 0"),
        ([("a", "x", 1)], {"x": 0}, "at least 1"),
    ],
)
def test_bad_tables_are_refused(rows, capacities, message):
    with pytest.raises(ValueError, match=message):
        solve_scores(rows, capacities)

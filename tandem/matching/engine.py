"""The matching engine's entry points.

``match`` scores every mentee–mentor pair on the program's criteria, applies the hard rules, locked and
forbidden pairs, and assigns mentees to mentors exactly (most mentees matched, then the highest total
score; see ``solver``). ``solve_scores`` does the same from a ready score table. Both return a
``MatchResult`` with, per mentee, the mentor, the score and its per-criterion reasons, the next best
mentors, or why the mentee could not be matched. Render reasons with ``explain.describe``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tandem.matching.criteria import CRITERIA, WEIGHT_PRESETS
from tandem.matching.model import (
    Alternative,
    CriterionResult,
    HardRules,
    MatchResult,
    Mentee,
    MenteeResult,
    Mentor,
    Reason,
)
from tandem.matching.rules import RULES
from tandem.matching.scoring import SCORE_SCALE, Scorer, row_chunks
from tandem.matching.solver import solve

__all__ = [
    "CRITERIA",
    "WEIGHT_PRESETS",
    "ScoreMatrix",
    "match",
    "score_matrix",
    "solve_scores",
]

DEFAULT_RULES = HardRules()
ALTERNATIVES = 3
MAX_SCORE_DECIMALS = 6

Pair = tuple[str, str]


@dataclass(frozen=True)
class ScoreMatrix:
    """Every pair's score and whether it is allowed, as dense mentees × mentors arrays.

    ``scores`` holds integers; a pair's score in points is ``scores[i, j] / scale``.
    """

    mentee_ids: tuple[str, ...]
    mentor_ids: tuple[str, ...]
    scores: np.ndarray
    allowed: np.ndarray
    capacities: np.ndarray
    scale: int


def score_matrix(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    weights: Mapping[str, float] | None = None,
    rules: HardRules = DEFAULT_RULES,
    forbidden: Iterable[Pair] = (),
) -> ScoreMatrix:
    """Score all pairs (0–100 in hundredths) and apply the hard rules and forbidden pairs."""
    return _score(mentees, mentors, weights, rules, forbidden)[0]


def match(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    weights: Mapping[str, float] | None = None,
    rules: HardRules = DEFAULT_RULES,
    locked: Iterable[Pair] = (),
    forbidden: Iterable[Pair] = (),
) -> MatchResult:
    """Match mentees to mentors: the most mentees possible, then the highest total score.

    ``weights`` maps criterion names (``CRITERIA``) to weights ≥ 0, default ``WEIGHT_PRESETS["general"]``;
    criteria left out weigh 0. ``locked`` (mentee id, mentor id) pairs are kept and use the mentor's
    capacity, even against a hard rule; ``forbidden`` pairs never appear. Raises ValueError for
    duplicate or unknown ids, a pair both locked and forbidden, or locks beyond a mentor's capacity.
    """
    forbidden = list(forbidden)
    matrix, scorer = _score(mentees, mentors, weights, rules, forbidden)
    locks = _pair_indices(locked, matrix, "locked")
    clash = set(locks) & set(_pair_indices(forbidden, matrix, "forbidden"))
    if clash:
        i, j = sorted(clash)[0]
        raise ValueError(
            f"pair ({matrix.mentee_ids[i]}, {matrix.mentor_ids[j]}) is both locked and forbidden"
        )
    assignment = _assign(matrix, locks)

    in_occupation = _OccupationIndex(mentors)

    def why_unmatched(i: int) -> Reason:
        return _why_unmatched(i, matrix, scorer, mentees[i], in_occupation)

    return _result(matrix, assignment, set(locks), scorer.breakdown, why_unmatched)


def solve_scores(
    scores: Iterable[tuple[str, str, float]],
    capacities: Mapping[str, int] | None = None,
    *,
    mentee_ids: Sequence[str] = (),
    locked: Iterable[Pair] = (),
    forbidden: Iterable[Pair] = (),
) -> MatchResult:
    """Match from a ready score table: (mentee id, mentor id, score ≥ 0) rows; only listed pairs allowed.

    Mentors are those in ``capacities`` (default capacity 1 for mentors only in the table); mentees are
    ``mentee_ids`` plus those in the table. Same objective and rules for locks as ``match``. Scores are
    used exactly up to 6 decimals.
    """
    table = list(scores)
    mentee_index = _index([*mentee_ids, *(row[0] for row in table)], allow_repeats=True)
    mentor_index = _index([*(capacities or {}), *(row[1] for row in table)], allow_repeats=True)
    shape = (len(mentee_index), len(mentor_index))
    values = np.zeros(shape, dtype=np.float64)
    listed = np.zeros(shape, dtype=bool)
    for mentee_id, mentor_id, score in table:
        i, j = mentee_index[mentee_id], mentor_index[mentor_id]
        if listed[i, j]:
            raise ValueError(f"pair ({mentee_id}, {mentor_id}) is listed twice")
        if not score >= 0 or score == float("inf"):
            raise ValueError(f"score of ({mentee_id}, {mentor_id}) must be a number ≥ 0, not {score!r}")
        values[i, j], listed[i, j] = score, True
    integer_scores, scale = _integer_scores(values)
    caps = np.array([(capacities or {}).get(mentor_id, 1) for mentor_id in mentor_index], dtype=np.int64)
    if (caps < 1).any():
        raise ValueError("capacities must be at least 1")
    matrix = ScoreMatrix(tuple(mentee_index), tuple(mentor_index), integer_scores, listed.copy(), caps, scale)
    for i, j in _pair_indices(forbidden, matrix, "forbidden"):
        matrix.allowed[i, j] = False
    locks = _pair_indices(locked, matrix, "locked")
    clash = [(i, j) for i, j in locks if listed[i, j] and not matrix.allowed[i, j]]
    if clash:
        i, j = clash[0]
        raise ValueError(
            f"pair ({matrix.mentee_ids[i]}, {matrix.mentor_ids[j]}) is both locked and forbidden"
        )
    assignment = _assign(matrix, locks)

    def why_unmatched(i: int) -> Reason:
        return Reason("unmatched_no_pairs", {"listed": int(listed[i].sum())})

    def no_breakdown(mentees: np.ndarray, mentors: np.ndarray) -> list[tuple[CriterionResult, ...]]:
        return [() for _ in range(len(mentees))]

    return _result(matrix, assignment, set(locks), no_breakdown, why_unmatched)


# --- building blocks -------------------------------------------------------------------------------------


def _score(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Mapping[str, float] | None,
    rules: HardRules,
    forbidden: Iterable[Pair],
) -> tuple[ScoreMatrix, Scorer]:
    mentee_index = _index([m.id for m in mentees])
    mentor_index = _index([m.id for m in mentors])
    forbidden_idx = [
        (mentee_index[a], mentor_index[b])
        for a, b in _known_pairs(forbidden, mentee_index, mentor_index, "forbidden")
    ]
    scorer = Scorer(
        mentees, mentors, WEIGHT_PRESETS["general"] if weights is None else weights, rules, forbidden_idx
    )
    scores, allowed = scorer.matrices()
    capacities = np.array([m.capacity for m in mentors], dtype=np.int64)
    matrix = ScoreMatrix(tuple(mentee_index), tuple(mentor_index), scores, allowed, capacities, SCORE_SCALE)
    return matrix, scorer


def _index(ids: Iterable[str], allow_repeats: bool = False) -> dict[str, int]:
    index: dict[str, int] = {}
    for key in ids:
        if key in index and not allow_repeats:
            raise ValueError(f"duplicate id {key!r}")
        index.setdefault(key, len(index))
    return index


def _known_pairs(
    pairs: Iterable[Pair], mentee_index: Mapping[str, int], mentor_index: Mapping[str, int], what: str
) -> list[Pair]:
    pairs = list(pairs)
    for a, b in pairs:
        if a not in mentee_index or b not in mentor_index:
            raise ValueError(f"{what} pair ({a}, {b}) names an unknown mentee or mentor")
    return pairs


def _pair_indices(pairs: Iterable[Pair], matrix: ScoreMatrix, what: str) -> list[tuple[int, int]]:
    mentee_index = {key: i for i, key in enumerate(matrix.mentee_ids)}
    mentor_index = {key: j for j, key in enumerate(matrix.mentor_ids)}
    return [
        (mentee_index[a], mentor_index[b]) for a, b in _known_pairs(pairs, mentee_index, mentor_index, what)
    ]


def _assign(matrix: ScoreMatrix, locks: list[tuple[int, int]]) -> np.ndarray:
    """Mentor index per mentee (-1: unmatched): the locks, then the exact optimum for everyone else."""
    capacities = matrix.capacities.copy()
    locked_rows = np.zeros(len(matrix.mentee_ids), dtype=bool)
    for i, j in locks:
        if locked_rows[i]:
            raise ValueError(f"mentee {matrix.mentee_ids[i]} is locked to more than one mentor")
        locked_rows[i] = True
        capacities[j] -= 1
        if capacities[j] < 0:
            raise ValueError(f"mentor {matrix.mentor_ids[j]} has more locked mentees than capacity")
    assignment = solve(matrix.scores, matrix.allowed, capacities, rows=np.flatnonzero(~locked_rows))
    for i, j in locks:
        assignment[i] = j
    return assignment


def _top_candidates(matrix: ScoreMatrix, count: int) -> np.ndarray:
    """Per mentee, the ``count`` allowed mentors with the highest scores (best first, -1 fills)."""
    n, m = matrix.scores.shape
    best = np.full((n, count), -1, dtype=np.int64)
    if m == 0:
        return best
    value_type = np.int32 if matrix.scores.dtype.itemsize <= 2 else np.int64
    for rows in row_chunks(n, m):
        values = np.where(matrix.allowed[rows], matrix.scores[rows].astype(value_type), -1)
        if m > count:
            picked = np.argpartition(-values, count - 1, axis=1)[:, :count]
        else:
            picked = np.broadcast_to(np.arange(m), (len(rows), m))
        picked_values = np.take_along_axis(values, picked, axis=1)
        order = np.lexsort((picked, -picked_values), axis=1)  # highest score, then lowest index
        picked = np.take_along_axis(picked, order, axis=1)
        picked[np.take_along_axis(picked_values, order, axis=1) < 0] = -1
        best[rows, : picked.shape[1]] = picked
    return best


class _OccupationIndex:
    """Which mentors work within an SSYK group (their code starts with the group's), cached per code."""

    def __init__(self, mentors: Sequence[Mentor]):
        self._codes = np.array([m.occupation or "" for m in mentors], dtype=str)
        self._masks: dict[str, np.ndarray] = {}

    def __call__(self, code: str) -> np.ndarray:
        if code not in self._masks:
            self._masks[code] = np.char.startswith(self._codes, code)
        return self._masks[code]


def _why_unmatched(
    i: int, matrix: ScoreMatrix, scorer: Scorer, mentee: Mentee, in_occupation: _OccupationIndex
) -> Reason:
    n_mentors = len(matrix.mentor_ids)
    if not n_mentors:
        return Reason("unmatched_no_mentors")
    allowed = matrix.allowed[i]
    if not allowed.any():
        counts = scorer.rules.counts(i)
        rule = next((r for r in RULES if counts.get(r) == n_mentors), None)
        return Reason("unmatched_all_excluded", {"candidates": n_mentors, "rule": rule, "rules": counts})
    wanted = mentee.occupation_wanted
    params = {
        "candidates": int(allowed.sum()),
        "occupation": wanted,
        "occupation_candidates": int((allowed & in_occupation(wanted)).sum()) if wanted else 0,
    }
    return Reason("unmatched_capacity", params)


def _result(
    matrix: ScoreMatrix,
    assignment: np.ndarray,
    locked: set[tuple[int, int]],
    breakdown: Callable[[np.ndarray, np.ndarray], list[tuple[CriterionResult, ...]]],
    why_unmatched: Callable[[int], Reason],
) -> MatchResult:
    matched = np.flatnonzero(assignment >= 0)
    explained = dict(zip(matched.tolist(), breakdown(matched, assignment[matched]), strict=True))
    used = np.bincount(assignment[matched], minlength=len(matrix.mentor_ids))
    has_room = used < matrix.capacities
    best = _top_candidates(matrix, ALTERNATIVES + 1)
    results = []
    total = 0
    for i, mentee_id in enumerate(matrix.mentee_ids):
        j = int(assignment[i])
        alternatives = tuple(
            Alternative(matrix.mentor_ids[k], _points(matrix, i, k), bool(has_room[k]))
            for k in best[i].tolist()
            if k >= 0 and k != j
        )[:ALTERNATIVES]
        if j < 0:
            results.append(MenteeResult(mentee_id, None, None, False, (), why_unmatched(i), alternatives))
            continue
        total += int(matrix.scores[i, j])
        results.append(
            MenteeResult(
                mentee_id,
                matrix.mentor_ids[j],
                _points(matrix, i, j),
                (i, j) in locked,
                explained[i],
                None,
                alternatives,
            )
        )
    return MatchResult(tuple(results), len(matched), round(total / matrix.scale, MAX_SCORE_DECIMALS))


def _points(matrix: ScoreMatrix, i: int, j: int) -> float:
    return round(int(matrix.scores[i, j]) / matrix.scale, MAX_SCORE_DECIMALS)


def _integer_scores(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Scale scores to integers with the fewest decimals (at most 6) that keep them exact."""
    for decimals in range(MAX_SCORE_DECIMALS + 1):
        scaled = values * 10**decimals
        if np.all(np.abs(scaled - np.rint(scaled)) <= 1e-9 * np.maximum(1.0, scaled)):
            break
    return np.rint(scaled).astype(np.int64), 10**decimals

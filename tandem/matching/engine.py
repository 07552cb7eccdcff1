"""The matching engine's entry points.

``match`` scores every mentee–mentor pair on the program's criteria, applies the hard rules, locked and
forbidden pairs, and assigns mentees to mentors exactly (most mentees matched, then the highest total
score; see ``solver``). ``solve_scores`` does the same from a ready score table. Both return a
``MatchResult`` with, per mentee, the mentor, the score and its per-criterion reasons, the next best
mentors, or why the mentee could not be matched. ``explain_pairs`` judges pairs picked by hand (a swap,
another candidate) exactly as ``match`` would score and explain them. Render reasons with
``explain.describe``.
"""

from __future__ import annotations

import time
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
    PairExplanation,
    Reason,
)
from tandem.matching.rules import RULES
from tandem.matching.scoring import SCORE_SCALE, Scorer, row_chunks
from tandem.matching.solver import CANDIDATES, Ranking, rank_candidates, solve

__all__ = [
    "CRITERIA",
    "WEIGHT_PRESETS",
    "PairExplanation",
    "ScoreMatrix",
    "explain_pairs",
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
    return _score(mentees, mentors, weights, rules, forbidden, candidates=0)[0]


def match(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    weights: Mapping[str, float] | None = None,
    rules: HardRules = DEFAULT_RULES,
    locked: Iterable[Pair] = (),
    forbidden: Iterable[Pair] = (),
    timings: dict[str, float] | None = None,
) -> MatchResult:
    """Match mentees to mentors: the most mentees possible, then the highest total score.

    ``weights`` maps criterion names (``CRITERIA``) to weights ≥ 0, default ``WEIGHT_PRESETS["general"]``;
    criteria left out weigh 0. ``locked`` (mentee id, mentor id) pairs are kept and use the mentor's
    capacity, even against a hard rule; ``forbidden`` pairs never appear. Raises ValueError for
    duplicate or unknown ids, a pair both locked and forbidden, or locks beyond a mentor's capacity.
    ``timings``, if given, gets the CPU seconds of the phases "score", "solve" and "explain".
    """
    clock = _Clock(timings)
    forbidden = list(forbidden)
    matrix, scorer, ranking = _score(
        mentees, mentors, weights, rules, forbidden, max(CANDIDATES, ALTERNATIVES + 1)
    )
    clock.lap("score")
    locks = _pair_indices(locked, matrix, "locked")
    clash = set(locks) & set(_pair_indices(forbidden, matrix, "forbidden"))
    if clash:
        i, j = sorted(clash)[0]
        raise ValueError(
            f"pair ({matrix.mentee_ids[i]}, {matrix.mentor_ids[j]}) is both locked and forbidden"
        )
    assignment = _assign(matrix, locks, ranking)
    clock.lap("solve")

    in_occupation = _OccupationIndex(mentors)

    def why_unmatched(i: int) -> Reason:
        return _why_unmatched(i, matrix, scorer, mentees[i], in_occupation)

    result = _result(matrix, assignment, set(locks), scorer.breakdown, why_unmatched, ranking)
    clock.lap("explain")
    return result


def explain_pairs(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    pairs: Iterable[Pair],
    *,
    weights: Mapping[str, float] | None = None,
    rules: HardRules = DEFAULT_RULES,
    forbidden: Iterable[Pair] = (),
) -> list[PairExplanation]:
    """Score and explain the given (mentee id, mentor id) pairs of a cohort, in the order given.

    Same cohort, ``weights``, ``rules`` and ``forbidden`` as ``match`` gives the very score, breakdown and
    hard-rule verdict ``match`` would (scores depend on the whole cohort: the goals criterion weighs words
    by how common they are in it). Only the mentees named are scored. Raises ValueError for duplicate ids,
    a pair naming an unknown mentee or mentor, or bad weights.
    """
    pairs = list(pairs)
    scorer = _scorer(mentees, mentors, weights, rules, forbidden)
    mentee_index = {m.id: i for i, m in enumerate(mentees)}
    mentor_index = {m.id: j for j, m in enumerate(mentors)}
    _known_pairs(pairs, mentee_index, mentor_index, "explained")
    rows = np.array([mentee_index[a] for a, _ in pairs], dtype=np.int64)
    cols = np.array([mentor_index[b] for _, b in pairs], dtype=np.int64)
    unique_rows, position = np.unique(rows, return_inverse=True)
    scores = scorer.score_block(unique_rows)[position, cols]
    excluded = {
        rule: scorer.rules.rule_block(rule, unique_rows)[position, cols] for rule in scorer.rules.active
    }
    breakdowns = scorer.breakdown(rows, cols)
    explained = []
    for k, (mentee_id, mentor_id) in enumerate(pairs):
        broken = [rule for rule in RULES if rule in excluded and excluded[rule][k]]
        exclusion = Reason("pair_excluded", {"rules": broken}) if broken else None
        points = round(int(scores[k]) / SCORE_SCALE, MAX_SCORE_DECIMALS)
        explained.append(PairExplanation(mentee_id, mentor_id, points, breakdowns[k], exclusion))
    return explained


def solve_scores(
    scores: Iterable[tuple[str, str, float]],
    capacities: Mapping[str, int] | None = None,
    *,
    mentee_ids: Sequence[str] = (),
    locked: Iterable[Pair] = (),
    forbidden: Iterable[Pair] = (),
    timings: dict[str, float] | None = None,
) -> MatchResult:
    """Match from a ready score table: (mentee id, mentor id, score ≥ 0) rows; only listed pairs allowed.

    Mentors are those in ``capacities`` (default capacity 1 for mentors only in the table); mentees are
    ``mentee_ids`` plus those in the table. Same objective and rules for locks as ``match``. Scores are
    used exactly up to 6 decimals. ``timings`` as for ``match`` ("score": building the matrices).
    """
    clock = _Clock(timings)
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
    clock.lap("score")
    assignment = _assign(matrix, locks)
    clock.lap("solve")

    def why_unmatched(i: int) -> Reason:
        return Reason("unmatched_no_pairs", {"listed": int(listed[i].sum())})

    def no_breakdown(mentees: np.ndarray, mentors: np.ndarray) -> list[tuple[CriterionResult, ...]]:
        return [() for _ in range(len(mentees))]

    result = _result(matrix, assignment, set(locks), no_breakdown, why_unmatched)
    clock.lap("explain")
    return result


# --- building blocks -------------------------------------------------------------------------------------


class _Clock:
    """Adds the CPU time since the previous lap to ``timings[phase]`` (nothing without ``timings``)."""

    def __init__(self, timings: dict[str, float] | None):
        self._timings = timings
        self._last = time.process_time()

    def lap(self, phase: str) -> None:
        if self._timings is not None:
            now = time.process_time()
            self._timings[phase] = self._timings.get(phase, 0.0) + now - self._last
            self._last = now


def _score(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Mapping[str, float] | None,
    rules: HardRules,
    forbidden: Iterable[Pair],
    candidates: int,
) -> tuple[ScoreMatrix, Scorer, Ranking | None]:
    scorer = _scorer(mentees, mentors, weights, rules, forbidden)
    scores, allowed, ranking = scorer.matrices(candidates)
    capacities = np.array([m.capacity for m in mentors], dtype=np.int64)
    mentee_ids, mentor_ids = tuple(m.id for m in mentees), tuple(m.id for m in mentors)
    matrix = ScoreMatrix(mentee_ids, mentor_ids, scores, allowed, capacities, SCORE_SCALE)
    return matrix, scorer, ranking


def _scorer(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Mapping[str, float] | None,
    rules: HardRules,
    forbidden: Iterable[Pair],
) -> Scorer:
    mentee_index = _index([m.id for m in mentees])
    mentor_index = _index([m.id for m in mentors])
    forbidden_idx = [
        (mentee_index[a], mentor_index[b])
        for a, b in _known_pairs(forbidden, mentee_index, mentor_index, "forbidden")
    ]
    return Scorer(
        mentees, mentors, WEIGHT_PRESETS["general"] if weights is None else weights, rules, forbidden_idx
    )


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


def _assign(matrix: ScoreMatrix, locks: list[tuple[int, int]], ranking: Ranking | None = None) -> np.ndarray:
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
    assignment = solve(
        matrix.scores, matrix.allowed, capacities, rows=np.flatnonzero(~locked_rows), ranking=ranking
    )
    for i, j in locks:
        assignment[i] = j
    return assignment


def _ranking(matrix: ScoreMatrix, count: int) -> Ranking:
    """``rank_candidates`` for the whole matrix, block by block."""
    n, m = matrix.scores.shape
    parts = [rank_candidates(matrix.scores[rows], matrix.allowed[rows], count) for rows in row_chunks(n, m)]
    if not parts:
        return rank_candidates(matrix.scores, matrix.allowed, count)
    return Ranking(*(np.concatenate(p) for p in zip(*parts, strict=True)))


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
    ranking: Ranking | None = None,
) -> MatchResult:
    matched = np.flatnonzero(assignment >= 0)
    explained = dict(zip(matched.tolist(), breakdown(matched, assignment[matched]), strict=True))
    used = np.bincount(assignment[matched], minlength=len(matrix.mentor_ids))
    has_room = (used < matrix.capacities).tolist()
    if ranking is None:
        ranking = _ranking(matrix, ALTERNATIVES + 1)
    # Plain Python numbers from here on: one conversion per array instead of one per element.
    best = ranking.cols[:, : ALTERNATIVES + 1].tolist()
    best_scores = ranking.scores[:, : ALTERNATIVES + 1].tolist()
    chosen = assignment.tolist()
    chosen_array = np.zeros(len(assignment), dtype=np.int64)
    chosen_array[matched] = matrix.scores[matched, assignment[matched]]
    chosen_scores = chosen_array.tolist()
    mentor_ids, scale = matrix.mentor_ids, matrix.scale
    results = []
    for i, mentee_id in enumerate(matrix.mentee_ids):
        j = chosen[i]
        alternatives = tuple(
            Alternative(mentor_ids[k], round(score / scale, MAX_SCORE_DECIMALS), has_room[k])
            for k, score in zip(best[i], best_scores[i], strict=True)
            if k >= 0 and k != j
        )[:ALTERNATIVES]
        if j < 0:
            results.append(MenteeResult(mentee_id, None, None, False, (), why_unmatched(i), alternatives))
            continue
        results.append(
            MenteeResult(
                mentee_id,
                mentor_ids[j],
                round(chosen_scores[i] / scale, MAX_SCORE_DECIMALS),
                (i, j) in locked,
                explained[i],
                None,
                alternatives,
            )
        )
    total = sum(chosen_scores)
    return MatchResult(tuple(results), len(matched), round(total / matrix.scale, MAX_SCORE_DECIMALS))


def _integer_scores(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Scale scores to integers with the fewest decimals (at most 6) that keep them exact."""
    for decimals in range(MAX_SCORE_DECIMALS + 1):
        scaled = values * 10**decimals
        if np.all(np.abs(scaled - np.rint(scaled)) <= 1e-9 * np.maximum(1.0, scaled)):
            break
    return np.rint(scaled).astype(np.int64), 10**decimals

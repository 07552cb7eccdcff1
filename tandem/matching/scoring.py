"""Combine the criteria into 0–100 scores and the hard rules into an allowed mask, for whole cohorts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from tandem.matching.criteria import CRITERIA, CRITERION_CLASSES, NEUTRAL, TableCriterion
from tandem.matching.model import CriterionResult, HardRules, Mentee, Mentor
from tandem.matching.rules import RuleMasks
from tandem.matching.solver import Ranking, rank_candidates

SCORE_SCALE = 100
"""Scores are kept as integers in hundredths of a point (0–10,000): exact sums, no float ties."""
CHUNK_CELLS = 1 << 21


def row_chunks(n_rows: int, n_cols: int) -> Iterator[np.ndarray]:
    """Index arrays of consecutive rows, sized so that a float32 block stays around 8 MB."""
    step = max(1, CHUNK_CELLS // max(1, n_cols))
    for start in range(0, n_rows, step):
        yield np.arange(start, min(n_rows, start + step))


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    unknown = sorted(set(weights) - set(CRITERIA))
    if unknown:
        raise ValueError(f"unknown criteria {', '.join(unknown)}; known: {', '.join(CRITERIA)}")
    negative = sorted(name for name, w in weights.items() if not w >= 0)
    if negative:
        raise ValueError(f"weights must be 0 or more: {', '.join(negative)}")
    return {name: float(weights.get(name, 0.0)) for name in CRITERIA}


class Scorer:
    """Scores and allowed pairs for a cohort; explains single pairs."""

    def __init__(
        self,
        mentees: Sequence[Mentee],
        mentors: Sequence[Mentor],
        weights: Mapping[str, float],
        rules: HardRules,
        forbidden: Iterable[tuple[int, int]] = (),
    ):
        self.shape = (len(mentees), len(mentors))
        self.weights = check_weights(weights)
        self.criteria = [
            (CRITERION_CLASSES[name](mentees, mentors, rules), weight)
            for name, weight in self.weights.items()
            if weight > 0
        ]
        self.rules = RuleMasks(mentees, mentors, rules, forbidden)
        self._prepare_weighting()

    def _prepare_weighting(self) -> None:
        """Fold weights and the score scale into the criteria's tables, once, so that a block costs one
        gather and one addition per criterion. Criteria that may not apply also get a weight table."""
        scale = 100 * SCORE_SCALE
        self._tables: list[tuple[TableCriterion, np.ndarray, np.ndarray | None]] = []
        self._others: list[tuple[Any, float]] = []
        self._fixed_weight = 0.0
        for criterion, weight in self.criteria:
            if not isinstance(criterion, TableCriterion):
                self._others.append((criterion, weight * scale))
                self._fixed_weight += weight
                continue
            applies = ~np.isnan(criterion.table)
            values = np.where(applies, criterion.table * (weight * scale), 0).astype(np.float32)
            if applies.all():
                self._tables.append((criterion, values, None))
                self._fixed_weight += weight
            else:
                self._tables.append((criterion, values, (applies * weight).astype(np.float32)))
        self._weights = _Weights(
            [(c, w) for c, _, w in self._tables if w is not None], self._fixed_weight, self.shape
        )

    def score_block(self, rows: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """Scores (uint16, hundredths of a point) of the given mentee rows against all mentors."""
        total = np.empty((len(rows), self.shape[1]), dtype=np.float32)
        buffer = np.empty_like(total)
        started = False
        for criterion, values, _ in self._tables:
            if started:
                total += criterion.gather(values, rows, out=buffer)
            else:
                criterion.gather(values, rows, out=total)
                started = True
        weight = self._weights.block(rows)
        for criterion, factor in self._others:
            if started:
                total += criterion.block(rows, factor, out=buffer)
            else:
                criterion.block(rows, factor, out=total)
                started = True
        neutral = NEUTRAL * 100 * SCORE_SCALE
        if weight is not None:
            if self._weights.may_be_zero:
                unweighted = weight <= 0  # no criterion applies to the pair
                weight[unweighted] = 1
                total[unweighted] = neutral
            total /= weight
        elif self._fixed_weight > 0:
            total *= 1 / self._fixed_weight
        else:
            total[:] = neutral
        np.rint(total, out=total)
        if out is None:
            return total.astype(np.uint16)
        np.copyto(out, total, casting="unsafe")
        return out

    def matrices(self, candidates: int = 0) -> tuple[np.ndarray, np.ndarray, Ranking | None]:
        """The whole score matrix (uint16 hundredths) and allowed mask (bool), mentees × mentors, and
        with ``candidates`` > 0 each mentee's that many best allowed mentors (``solver.rank_candidates``),
        ranked block by block while the block is at hand."""
        scores = np.empty(self.shape, dtype=np.uint16)
        allowed = np.empty(self.shape, dtype=bool)
        ranked = []
        for rows in row_chunks(*self.shape):
            block = slice(rows[0], rows[-1] + 1)
            self.score_block(rows, out=scores[block])
            np.logical_not(self.rules.excluded(rows), out=allowed[block])
            if candidates > 0:
                ranked.append(rank_candidates(scores[block], allowed[block], candidates))
        if candidates <= 0:
            return scores, allowed, None
        if not ranked:
            ranked.append(rank_candidates(scores, allowed, candidates))
        return scores, allowed, Ranking(*(np.concatenate(parts) for parts in zip(*ranked, strict=True)))

    def breakdown(self, mentees: np.ndarray, mentors: np.ndarray) -> list[tuple[CriterionResult, ...]]:
        """Per pair (mentees[k], mentors[k]), every weighted criterion's value and reasons."""
        per_criterion = [self._results(c, w, mentees, mentors) for c, w in self.criteria]
        if not per_criterion:
            return [() for _ in range(len(mentees))]
        return [tuple(results) for results in zip(*per_criterion, strict=True)]

    @staticmethod
    def _results(
        criterion: Any, weight: float, mentees: np.ndarray, mentors: np.ndarray
    ) -> list[CriterionResult]:
        """One criterion's results; pairs the criterion judges with the same assessment share one object."""
        made: dict[int, CriterionResult] = {}
        results = []
        for assessment in criterion.assess(mentees, mentors):  # the list keeps every assessment alive
            result = made.get(id(assessment))
            if result is None:
                result = made[id(assessment)] = CriterionResult(criterion.name, weight, *assessment)
            results.append(result)
        return results


class _Weights:
    """Per pair, the sum of the weights of the criteria that apply to it: the fixed weight of those that
    always apply plus the weight tables of the others (criterion order, float32, as a block adds them).

    The weight tables are summed once, ahead, into one table over the joint keys of their criteria, as
    long as that table stays small; the criteria that do not fit are added block by block. Summed in the
    same order, the result is the same bit for bit.
    """

    def __init__(self, tables: list[tuple[TableCriterion, np.ndarray]], fixed: float, shape: tuple[int, int]):
        self.may_be_zero = False
        self._joint: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._rest = tables
        if not tables:
            return
        limit = max(shape[0] * shape[1] // 8, 1 << 16)
        merged = 1
        while merged < len(tables) and _joint_size(tables[: merged + 1]) <= limit:
            merged += 1
        if 0 in shape or _joint_size(tables[:merged]) > limit:
            merged = 0  # even one table is large: the fixed weight alone, then every table per block
        rows, row_groups = _joint_groups([c._rows for c, _ in tables[:merged]], shape[0])
        cols, col_groups = _joint_groups([c._cols for c, _ in tables[:merged]], shape[1])
        joint = np.full((len(row_groups), len(col_groups)), fixed, dtype=np.float32)
        for k, (_, table) in enumerate(tables[:merged]):
            joint += table[np.ix_(row_groups[:, k], col_groups[:, k])]
        self._joint, self._rest = (rows, cols, joint), tables[merged:]
        self.may_be_zero = bool((joint <= 0).any()) if not self._rest else True

    def block(self, rows: np.ndarray) -> np.ndarray | None:
        """The weights of the given mentee rows × all mentors (float32), None if every pair has the same."""
        if self._joint is None:
            return None
        row_ids, col_ids, joint = self._joint
        weight = np.take(joint[row_ids[rows]], col_ids, axis=1, mode="wrap")
        for criterion, table in self._rest:
            weight += criterion.gather(table, rows)
        return weight


def _joint_groups(ids: list[np.ndarray], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Group ``size`` elements by their ids under several groupings at once: each element's joint group
    and, per joint group, its id under each grouping (one column per grouping; no grouping: one group)."""
    if not ids or size == 0:
        return np.zeros(size, dtype=np.int64), np.zeros((1, len(ids)), dtype=np.int64)
    groups, inverse = np.unique(np.stack(ids, axis=1), axis=0, return_inverse=True)
    return inverse.reshape(-1).astype(np.int64), groups


def _joint_size(tables: list[tuple[TableCriterion, np.ndarray]]) -> int:
    rows = len(np.unique(np.stack([c._rows for c, _ in tables], axis=1), axis=0))
    cols = len(np.unique(np.stack([c._cols for c, _ in tables], axis=1), axis=0))
    return rows * cols

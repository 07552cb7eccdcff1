"""Combine the criteria into 0–100 scores and the hard rules into an allowed mask, for whole cohorts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from tandem.matching.criteria import CRITERIA, CRITERION_CLASSES, NEUTRAL, TableCriterion
from tandem.matching.model import CriterionResult, HardRules, Mentee, Mentor
from tandem.matching.rules import RuleMasks

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

    def score_block(self, rows: np.ndarray) -> np.ndarray:
        """Scores (uint16, hundredths of a point) of the given mentee rows against all mentors."""
        total = np.zeros((len(rows), self.shape[1]), dtype=np.float32)
        buffer = np.empty_like(total)
        weight = None
        for criterion, values, weights in self._tables:
            total += criterion.gather(values, rows, out=buffer)
            if weights is not None:
                if weight is None:
                    weight = np.full_like(total, self._fixed_weight)
                weight += criterion.gather(weights, rows, out=buffer)
        for criterion, factor in self._others:
            values = criterion.block(rows)
            values *= factor
            total += values
        neutral = NEUTRAL * 100 * SCORE_SCALE
        if weight is not None:
            np.divide(total, weight, out=total, where=weight > 0)
            total[weight <= 0] = neutral
        elif self._fixed_weight > 0:
            total *= 1 / self._fixed_weight
        else:
            total[:] = neutral
        return np.rint(total, out=total).astype(np.uint16)

    def matrices(self) -> tuple[np.ndarray, np.ndarray]:
        """The whole score matrix (uint16 hundredths) and allowed mask (bool), mentees × mentors."""
        scores = np.empty(self.shape, dtype=np.uint16)
        allowed = np.empty(self.shape, dtype=bool)
        for rows in row_chunks(*self.shape):
            block = slice(rows[0], rows[-1] + 1)
            scores[block] = self.score_block(rows)
            allowed[block] = ~self.rules.excluded(rows)
        return scores, allowed

    def breakdown(self, mentees: np.ndarray, mentors: np.ndarray) -> list[tuple[CriterionResult, ...]]:
        """Per pair (mentees[k], mentors[k]), every weighted criterion's value and reasons."""
        per_criterion = [
            [CriterionResult(c.name, w, value, reasons) for value, reasons in c.assess(mentees, mentors)]
            for c, w in self.criteria
        ]
        if not per_criterion:
            return [() for _ in range(len(mentees))]
        return [tuple(results) for results in zip(*per_criterion, strict=True)]

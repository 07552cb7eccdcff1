"""Score and explain pairs the coordinator picks by hand (a swap, another candidate), exactly as a run
would: same cohort, same weights, same hard rules.

The engine's public ``match`` solves the whole cohort; for a few hand-picked pairs we only need their
scores, whether the hard rules allow them, and their reasons, so this adapter asks the engine's scorer
for just those rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tandem.matching.scoring import SCORE_SCALE, Scorer
from tandem.pairs.engine_input import Cohort
from tandem.pairs.reasons import breakdown_to_json


class NotInPool(ValueError):
    """A mentee or mentor of the pair is no longer available (withdrawn, paired, or full)."""


@dataclass(frozen=True)
class Assessment:
    mentee_id: str
    mentor_id: str
    score: float
    allowed: bool
    reasons: list[dict[str, Any]]


def assess_pairs(cohort: Cohort, pairs: Sequence[tuple[str, str]]) -> list[Assessment]:
    """Score, hard-rule check and reasons for each (mentee id, mentor id), in the order given."""
    mentee_index = {m.id: i for i, m in enumerate(cohort.mentees)}
    mentor_index = {m.id: j for j, m in enumerate(cohort.mentors)}
    missing = [key for pair in pairs for key in pair if key not in mentee_index and key not in mentor_index]
    if missing or any(a not in mentee_index or b not in mentor_index for a, b in pairs):
        raise NotInPool(", ".join(missing))
    scorer = Scorer(cohort.mentees, cohort.mentors, cohort.weights, cohort.rules)
    rows = np.array([mentee_index[a] for a, _ in pairs], dtype=np.int64)
    cols = np.array([mentor_index[b] for _, b in pairs], dtype=np.int64)
    unique_rows, position = np.unique(rows, return_inverse=True)
    scores = scorer.score_block(unique_rows)
    excluded = scorer.rules.excluded(unique_rows)
    breakdowns = scorer.breakdown(rows, cols)
    return [
        Assessment(
            mentee_id=a,
            mentor_id=b,
            score=round(int(scores[position[k], cols[k]]) / SCORE_SCALE, 2),
            allowed=not bool(excluded[position[k], cols[k]]),
            reasons=breakdown_to_json(breakdowns[k]),
        )
        for k, (a, b) in enumerate(pairs)
    ]

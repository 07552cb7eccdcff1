"""Score and explain pairs the coordinator picks by hand (a swap, another candidate), exactly as a run
would: same cohort, same weights, same hard rules.

The engine's ``explain_pairs`` does the work; this adapter checks that the people are still in the pool
and turns its answers into what the pairs app stores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tandem.matching.engine import explain_pairs
from tandem.pairs.engine_input import Cohort
from tandem.pairs.reasons import breakdown_to_json, reason_to_json


class NotInPool(ValueError):
    """A mentee or mentor of the pair is no longer available (withdrawn, paired, or full)."""


@dataclass(frozen=True)
class Assessment:
    mentee_id: str
    mentor_id: str
    score: float
    allowed: bool
    reasons: list[dict[str, Any]]
    exclusion: dict[str, Any] | None = None
    """Why the hard rules exclude the pair (a stored reason: {"code", "params"}), if they do."""


def assess_pairs(cohort: Cohort, pairs: Sequence[tuple[str, str]]) -> list[Assessment]:
    """Score, hard-rule check and reasons for each (mentee id, mentor id), in the order given."""
    mentee_ids, mentor_ids = cohort.mentee_ids, cohort.mentor_ids
    missing = [key for pair in pairs for key in pair if key not in mentee_ids and key not in mentor_ids]
    if missing or any(a not in mentee_ids or b not in mentor_ids for a, b in pairs):
        raise NotInPool(", ".join(missing))
    explained = explain_pairs(
        cohort.mentees, cohort.mentors, pairs, weights=cohort.weights, rules=cohort.rules
    )
    return [
        Assessment(
            mentee_id=pair.mentee_id,
            mentor_id=pair.mentor_id,
            score=round(pair.score, 2),
            allowed=pair.allowed,
            reasons=breakdown_to_json(pair.breakdown),
            exclusion=reason_to_json(pair.exclusion) if pair.exclusion else None,
        )
        for pair in explained
    ]

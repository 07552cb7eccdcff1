"""Hand-picked pairs are scored and explained exactly as the run scored them (engine.explain_pairs)."""

from __future__ import annotations

import pytest

from tandem.matching.criteria import WEIGHT_PRESETS
from tandem.matching.engine import match
from tandem.matching.model import HardRules, Mentee, Mentor
from tandem.pairs.assess import NotInPool, assess_pairs
from tandem.pairs.engine_input import Cohort
from tandem.pairs.reasons import breakdown_to_json

COHORT = Cohort(
    mentees=[
        Mentee("1", occupation_wanted="2411", goals="redovisning och revision", employer="ICA"),
        Mentee("2", occupation_wanted="2221", meeting_format="online", languages={"sv": "B1"}),
    ],
    mentors=[
        Mentor("10", occupation="2411", expertise="revision", employer="ICA", capacity=2),
        Mentor("11", occupation="2221", meeting_format="either", languages={"sv": "C2"}),
        Mentor("12", occupation="2412", meeting_format="in_person", expertise="redovisning"),
    ],
    weights=dict(WEIGHT_PRESETS["general"]),
    rules=HardRules(),
)


def test_pairs_get_the_run_s_own_scores_and_reasons():
    result = match(COHORT.mentees, COHORT.mentors, weights=COHORT.weights, rules=COHORT.rules)
    run = {r.mentee_id: r for r in result.results if r.mentor_id}
    assessed = assess_pairs(COHORT, list(result.pairs.items()))
    for assessment in assessed:
        outcome = run[assessment.mentee_id]
        assert assessment.mentor_id == outcome.mentor_id
        assert assessment.score == round(outcome.score, 2)
        assert assessment.reasons == breakdown_to_json(outcome.breakdown)
        assert assessment.allowed


def test_pairs_the_hard_rules_exclude_are_not_allowed_and_order_is_kept():
    same_employer, wrong_format, fine = assess_pairs(COHORT, [("1", "10"), ("2", "12"), ("1", "12")])
    assert [a.mentor_id for a in (same_employer, wrong_format, fine)] == ["10", "12", "12"]
    assert not same_employer.allowed and not wrong_format.allowed and fine.allowed
    assert 0 <= fine.score <= 100 and {r["criterion"] for r in fine.reasons} >= {"occupation", "goals"}


@pytest.mark.parametrize("pair", [("1", "99"), ("99", "10"), ("10", "1")])
def test_people_no_longer_in_the_pool_are_refused(pair):
    with pytest.raises(NotInPool):
        assess_pairs(COHORT, [pair])

"""The scorer's shortcuts give the same bits as the plain way: weights summed ahead, goals on distinct
texts, candidates ranked block by block."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.matching import scoring
from tandem.matching.criteria import CRITERIA, NEUTRAL, WEIGHT_PRESETS
from tandem.matching.model import HardRules, Mentee, Mentor
from tandem.matching.scoring import SCORE_SCALE, Scorer
from tandem.matching.solver import rank_candidates
from tandem.matching.tests.strategies import cohorts

weights_strategy = st.sampled_from(list(WEIGHT_PRESETS.values())) | st.fixed_dictionaries(
    {c: st.sampled_from([0, 0.3, 1, 2.5]) for c in CRITERIA}
)


def plain_scores(scorer: Scorer) -> np.ndarray:
    """The weighted average written out: every criterion's block, NaN where it does not apply."""
    n, m = scorer.shape
    total = np.zeros((n, m), dtype=np.float64)
    weight = np.zeros((n, m), dtype=np.float64)
    for criterion, w in scorer.criteria:
        values = criterion.block(np.arange(n)).astype(np.float64)
        applies = ~np.isnan(values)
        total += np.where(applies, values * w, 0)
        weight += applies * w
    with np.errstate(invalid="ignore", divide="ignore"):
        average = np.where(weight > 0, total / weight, NEUTRAL)
    return average * 100 * SCORE_SCALE


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(cohorts(max_mentees=12, max_mentors=9), weights_strategy, st.booleans())
def test_matrices_are_the_weighted_average_and_rank_like_the_solver(cohort, weights, gender_rule):
    mentees, mentors = cohort
    scorer = Scorer(mentees, mentors, weights, HardRules(gender_wish=gender_rule))
    scores, allowed, ranking = scorer.matrices(candidates=5)

    assert np.abs(scores.astype(np.float64) - plain_scores(scorer)).max(initial=0) <= 0.51
    assert (scores == scorer.score_block(np.arange(len(mentees)))).all()
    expected = rank_candidates(scores, allowed, 5)
    assert (ranking.cols == expected.cols).all() and (ranking.scores == expected.scores).all()
    assert scorer.matrices()[2] is None


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(cohorts(max_mentees=10, max_mentors=8), weights_strategy)
def test_weights_summed_ahead_or_block_by_block_give_the_same_bits(cohort, weights):
    mentees, mentors = cohort
    merged = Scorer(mentees, mentors, weights, HardRules()).matrices()[0]
    original = scoring._joint_size
    try:
        scoring._joint_size = lambda tables: 1 << 62  # nothing fits: every weight table per block
        separate = Scorer(mentees, mentors, weights, HardRules()).matrices()[0]
        scoring._joint_size = lambda tables: 1 if len(tables) == 1 else 1 << 62  # only the first
        first_only = Scorer(mentees, mentors, weights, HardRules()).matrices()[0]
    finally:
        scoring._joint_size = original
    assert (merged == separate).all() and (merged == first_only).all()


def test_a_pair_no_criterion_applies_to_scores_neutral():
    mentees = [Mentee("a"), Mentee("b", mentor_age_wish="older", birth_year=1990)]
    mentors = [Mentor("m", birth_year=1970), Mentor("n", birth_year=1995)]
    scores, _, _ = Scorer(mentees, mentors, {"wishes": 1}, HardRules()).matrices()
    assert scores.tolist() == [[5000, 5000], [10000, 0]]


def test_goals_on_distinct_texts_match_the_cosines_pair_by_pair():
    texts = ["redovisning och revision", "", "och att", "software developer python", "revision"]
    mentees = [Mentee(f"a{i}", goals=t) for i, t in enumerate(texts * 3)]
    mentors = [Mentor(f"m{j}", expertise=t) for j, t in enumerate(texts[::-1] * 2)]
    goals = dict((c.name, c) for c, _ in Scorer(mentees, mentors, {"goals": 1}, HardRules()).criteria)[
        "goals"
    ]
    rows = np.arange(len(mentees))
    raw = goals.text.block(rows)
    expected = np.where(np.isnan(raw), np.float32(NEUTRAL), np.sqrt(raw)).astype(np.float32)
    assert (goals.block(rows) == expected).all()
    scaled = goals.block(rows, scale=2.5)
    assert (scaled == (expected * np.float32(2.5))).all()
    assert (scaled[1] == np.float32(NEUTRAL) * np.float32(2.5)).all()  # empty goals: neutral

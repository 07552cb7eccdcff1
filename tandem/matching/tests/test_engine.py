"""The engine end to end: every result keeps locks, forbids, capacities and hard rules, and is optimal."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.matching.criteria import CRITERIA, WEIGHT_PRESETS
from tandem.matching.engine import explain_pairs, match, score_matrix
from tandem.matching.model import HardRules, Mentee, Mentor
from tandem.matching.tests.oracle import min_cost_flow
from tandem.matching.tests.strategies import cohorts


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def broken_rules(mentee: Mentee, mentor: Mentor, rules: HardRules) -> set[str]:
    """The hard rules a pair breaks, written independently of the engine's vectorised masks."""
    broken = set()
    if rules.exclusions:
        if {_norm(t) for t in mentee.excluded} & ({_norm(mentor.id), _norm(mentor.employer)} - {""}):
            broken.add("mentee_exclusions")
        if {_norm(t) for t in mentor.excluded} & ({_norm(mentee.id), _norm(mentee.employer)} - {""}):
            broken.add("mentor_exclusions")
    if rules.same_employer and _norm(mentee.employer) and _norm(mentee.employer) == _norm(mentor.employer):
        broken.add("same_employer")
    wish = mentee.mentor_gender_wish
    if rules.gender_wish and wish in ("woman", "man") and mentor.gender != wish:
        broken.add("gender_wish")
    if rules.meeting_format and {mentee.meeting_format, mentor.meeting_format} == {"in_person", "online"}:
        broken.add("meeting_format")
    return broken


@st.composite
def programs(draw):
    mentees, mentors = draw(cohorts(max_mentees=9, max_mentors=5))
    rules = HardRules(*draw(st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans())))
    weights = draw(
        st.sampled_from(list(WEIGHT_PRESETS.values()))
        | st.fixed_dictionaries({c: st.sampled_from([0, 0.5, 1, 3]) for c in CRITERIA})
    )
    room = {m.id: m.capacity for m in mentors}
    locked = []
    for mentee in mentees:
        mentor = draw(st.none() | st.sampled_from(mentors))
        if mentor is not None and draw(st.integers(0, 3)) == 0 and room[mentor.id] > 0:
            room[mentor.id] -= 1
            locked.append((mentee.id, mentor.id))
    pairs = st.tuples(st.sampled_from([m.id for m in mentees]), st.sampled_from([m.id for m in mentors]))
    forbidden = [p for p in draw(st.lists(pairs, max_size=8)) if p not in locked]
    return mentees, mentors, rules, weights, locked, forbidden


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(programs())
def test_every_result_keeps_the_rules_and_is_optimal(program):
    mentees, mentors, rules, weights, locked, forbidden = program
    result = match(mentees, mentors, weights=weights, rules=rules, locked=locked, forbidden=forbidden)
    pairs = result.pairs
    by_id = {m.id: m for m in mentors}

    for mentee_id, mentor_id in locked:
        assert pairs[mentee_id] == mentor_id
    assert not set(forbidden) & set(pairs.items())
    load = Counter(pairs.values())
    assert all(load[m.id] <= m.capacity for m in mentors)
    for mentee in mentees:
        if mentee.id in pairs and (mentee.id, pairs[mentee.id]) not in locked:
            assert not broken_rules(mentee, by_id[pairs[mentee.id]], rules)

    # The engine's allowed mask is exactly "no active rule broken and not forbidden".
    matrix = score_matrix(mentees, mentors, weights=weights, rules=rules, forbidden=forbidden)
    expected_allowed = np.array(
        [[not broken_rules(a, b, rules) and (a.id, b.id) not in forbidden for b in mentors] for a in mentees]
    )
    assert (matrix.allowed == expected_allowed).all()
    assert matrix.scores.max(initial=0) <= 100 * matrix.scale

    # Optimal: the same (matched, total) as an independent min-cost max-flow on the remaining problem.
    locked_rows = {matrix.mentee_ids.index(a) for a, _ in locked}
    free = [i for i in range(len(mentees)) if i not in locked_rows]
    capacities = matrix.capacities - np.bincount(
        [matrix.mentor_ids.index(b) for _, b in locked], minlength=len(mentors)
    )
    locked_total = sum(
        int(matrix.scores[matrix.mentee_ids.index(a), matrix.mentor_ids.index(b)]) for a, b in locked
    )
    matched, total = min_cost_flow(matrix.scores[free], expected_allowed[free], capacities)
    assert result.matched == matched + len(locked)
    assert round(result.total_score * matrix.scale) == total + locked_total

    # Whoever is left unmatched has no allowed mentor with room left (else the optimum would take it).
    for i, outcome in enumerate(result.results):
        if outcome.mentor_id is None:
            assert outcome.unmatched_reason is not None
            assert all(load[b.id] >= b.capacity for j, b in enumerate(mentors) if expected_allowed[i, j])
        else:
            assert outcome.score == matrix.scores[i, matrix.mentor_ids.index(outcome.mentor_id)] / 100
            assert outcome.locked == ((outcome.mentee_id, outcome.mentor_id) in locked)
            assert outcome.breakdown or not any(weights.values())  # all weights 0: no criteria
        assert len(outcome.alternatives) <= 3
        assert outcome.mentor_id not in [a.mentor_id for a in outcome.alternatives]


def test_result_explains_the_pair_and_lists_next_best_mentors():
    mentee = Mentee("a", occupation_wanted="2411", languages={"ar": "C1"}, municipality="0180")
    mentors = [
        Mentor("best", occupation="2411", languages={"ar": "B2"}, municipality="0184"),
        Mentor("second", occupation="2412", languages={"ar": "B2"}, municipality="0184"),
        Mentor("third", occupation="5120", municipality="2584"),
    ]
    outcome = match([mentee], mentors).results[0]
    assert outcome.mentor_id == "best"
    assert [a.mentor_id for a in outcome.alternatives] == ["second", "third"]
    assert all(a.has_capacity for a in outcome.alternatives)
    codes = {r.code for c in outcome.breakdown for r in c.reasons}
    assert {"occupation_match", "language_shared", "place_distance"} <= codes


def test_unmatched_reasons():
    mentors = [Mentor("m1", occupation="2611", meeting_format="in_person"), Mentor("m2", occupation="2611")]
    mentees = [
        Mentee("lawyer1", occupation_wanted="2611", goals="x"),
        Mentee("lawyer2", occupation_wanted="2611"),
        Mentee("lawyer3", occupation_wanted="2611"),
        Mentee("online", meeting_format="online", excluded=("m2",)),
        Mentee("picky", excluded=("m1", "m2")),
    ]
    result = {r.mentee_id: r for r in match(mentees, mentors).results}
    reasons = {k: r.unmatched_reason for k, r in result.items() if r.mentor_id is None}
    assert reasons["picky"].code == "unmatched_all_excluded"
    assert reasons["picky"].params["rule"] == "mentee_exclusions"
    assert reasons["online"].params["rules"] == {"mentee_exclusions": 1, "meeting_format": 1}
    capacity = [r for k, r in reasons.items() if k.startswith("lawyer")]
    assert len(capacity) == 1
    assert capacity[0].params == {"candidates": 2, "occupation": "2611", "occupation_candidates": 2}


def test_locked_pair_is_kept_even_against_a_hard_rule_and_uses_capacity():
    mentees = [Mentee("a", meeting_format="online"), Mentee("b")]
    mentors = [Mentor("m", meeting_format="in_person")]
    result = match(mentees, mentors, locked=[("a", "m")])
    assert result.pairs == {"a": "m"}
    assert result.results[0].locked
    assert result.results[1].unmatched_reason.code == "unmatched_capacity"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"locked": [("a", "m")], "forbidden": [("a", "m")]}, "both locked and forbidden"),
        ({"locked": [("a", "m"), ("b", "m")]}, "more locked mentees than capacity"),
        ({"locked": [("a", "zz")]}, "unknown"),
        ({"forbidden": [("zz", "m")]}, "unknown"),
        ({"weights": {"charisma": 1}}, "unknown criteria"),
        ({"weights": {"goals": -1}}, "0 or more"),
    ],
)
def test_inconsistent_input_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        match([Mentee("a"), Mentee("b")], [Mentor("m")], **kwargs)


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate id"):
        match([Mentee("a"), Mentee("a")], [Mentor("m")])


@pytest.mark.parametrize(
    ("factory", "kwargs"),
    [
        (Mentee, {"meeting_format": "sometimes"}),
        (Mentee, {"languages": {"sv": "B3"}}),
        (Mentee, {"occupation_wanted": "24111"}),
        (Mentor, {"capacity": 0}),
        (Mentor, {"gender": "x"}),
    ],
)
def test_dataclasses_refuse_impossible_values(factory, kwargs):
    with pytest.raises(ValueError):
        factory("x", **kwargs)


def test_all_weights_zero_still_matches_as_many_as_possible():
    mentees = [Mentee(f"a{i}") for i in range(4)]
    mentors = [Mentor("m1", capacity=2), Mentor("m2")]
    result = match(mentees, mentors, weights={})
    assert result.matched == 3
    assert {r.score for r in result.results if r.mentor_id} == {50.0}


def test_no_mentors_at_all():
    result = match([Mentee("a")], [])
    assert result.matched == 0
    assert result.results[0].unmatched_reason.code == "unmatched_no_mentors"


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(programs(), st.randoms(use_true_random=False))
def test_explain_pairs_agrees_with_match_and_the_rules(program, random):
    mentees, mentors, rules, weights, locked, forbidden = program
    result = match(mentees, mentors, weights=weights, rules=rules, locked=locked, forbidden=forbidden)
    matrix = score_matrix(mentees, mentors, weights=weights, rules=rules, forbidden=forbidden)
    every_pair = [(a.id, b.id) for a in mentees for b in mentors]
    pairs = [*result.pairs.items(), *random.sample(every_pair, min(len(every_pair), 12))]

    explained = explain_pairs(mentees, mentors, pairs, weights=weights, rules=rules, forbidden=forbidden)

    assert [(e.mentee_id, e.mentor_id) for e in explained] == pairs
    by_id = {r.mentee_id: r for r in result.results}
    for e in explained[: len(result.pairs)]:  # the matched pairs: the run's own score and reasons
        assert (e.score, e.breakdown) == (by_id[e.mentee_id].score, by_id[e.mentee_id].breakdown)
    mentee_at = {m.id: (i, m) for i, m in enumerate(mentees)}
    mentor_at = {m.id: (j, m) for j, m in enumerate(mentors)}
    for e in explained:
        (i, mentee), (j, mentor) = mentee_at[e.mentee_id], mentor_at[e.mentor_id]
        assert e.score == matrix.scores[i, j] / matrix.scale
        assert e.allowed == matrix.allowed[i, j]
        expected = broken_rules(mentee, mentor, rules) | (
            {"forbidden"} if (mentee.id, mentor.id) in forbidden else set()
        )
        assert set(e.exclusion.params["rules"] if e.exclusion else ()) == expected
        if e.exclusion:
            assert e.exclusion.code == "pair_excluded"


def test_explain_pairs_names_the_rule_that_excludes_a_pair():
    mentees = [Mentee("a", occupation_wanted="2411", employer="ICA", meeting_format="online")]
    mentors = [
        Mentor("same", occupation="2411", employer="ica ", meeting_format="in_person"),
        Mentor("other", occupation="2411", meeting_format="either"),
    ]
    same, other, again = explain_pairs(mentees, mentors, [("a", "same"), ("a", "other"), ("a", "same")])
    assert same.exclusion.params == {"rules": ["same_employer", "meeting_format"]}
    assert not same.allowed and other.allowed and other.exclusion is None
    assert again == same
    assert {c.criterion for c in other.breakdown} == {c for c, w in WEIGHT_PRESETS["general"].items() if w}
    relaxed = explain_pairs(mentees, mentors, [("a", "same")], rules=HardRules(same_employer=False))
    assert relaxed[0].exclusion.params == {"rules": ["meeting_format"]}
    forbidden = explain_pairs(mentees, mentors, [("a", "other")], forbidden=[("a", "other")])
    assert forbidden[0].exclusion.params == {"rules": ["forbidden"]}
    assert explain_pairs(mentees, mentors, []) == []


@pytest.mark.parametrize(
    ("pairs", "kwargs", "message"),
    [
        ([("zz", "m")], {}, "unknown"),
        ([("a", "zz")], {}, "unknown"),
        ([("a", "m")], {"weights": {"charisma": 1}}, "unknown criteria"),
        ([("a", "m")], {"forbidden": [("a", "zz")]}, "unknown"),
    ],
)
def test_explain_pairs_refuses_unknown_people_and_bad_weights(pairs, kwargs, message):
    with pytest.raises(ValueError, match=message):
        explain_pairs([Mentee("a")], [Mentor("m")], pairs, **kwargs)

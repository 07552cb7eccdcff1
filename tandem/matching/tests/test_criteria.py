"""Each criterion's rules, and the vectorised tables agreeing with the plain per-pair rules."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.matching.criteria import (
    CRITERION_CLASSES,
    NEUTRAL,
    Experience,
    Language,
    MeetingFormat,
    Occupation,
    Place,
    Wishes,
    ssyk_shared_digits,
)
from tandem.matching.model import HardRules, Mentee, Mentor
from tandem.matching.tests.strategies import cohorts

RULES = HardRules()


def assess(criterion_class, mentee: Mentee, mentor: Mentor, rules: HardRules = RULES):
    criterion = criterion_class([mentee], [mentor], rules)
    table_value = float(criterion.block(np.array([0]))[0, 0])
    (value, reasons), *_ = criterion.assess(np.array([0]), np.array([0]))
    assert (value is None and math.isnan(table_value)) or value == pytest.approx(table_value, abs=1e-6)
    return value, reasons


def test_ssyk_shared_digits():
    assert ssyk_shared_digits("2411", "2411") == 4
    assert ssyk_shared_digits("2411", "2412") == 3
    assert ssyk_shared_digits("2411", "2421") == 2
    assert ssyk_shared_digits("2411", "2511") == 1
    assert ssyk_shared_digits("2411", "5120") == 0
    assert ssyk_shared_digits("24", "2411") == 2


def test_occupation_levels_rank_unit_minor_submajor_major_other():
    def value(mentor_code: str) -> float:
        return assess(Occupation, Mentee("a", occupation_wanted="2411"), Mentor("m", occupation=mentor_code))[
            0
        ]

    values = [value(code) for code in ("2411", "2412", "2421", "2511", "5120")]
    assert values[0] == 1.0
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == 5
    assert values[-1] == 0.0


def test_occupation_codes_at_different_levels_compare_on_the_shared_prefix():
    coarse, reasons = assess(Occupation, Mentee("a", occupation_wanted="24"), Mentor("m", occupation="2411"))
    assert (
        coarse == assess(Occupation, Mentee("a", occupation_wanted="2421"), Mentor("m", occupation="2411"))[0]
    )
    assert reasons[0].params == {"level": 2, "code": "24", "via": "wanted"}


def test_earlier_occupation_counts_slightly_less_than_the_wanted_one():
    mentor = Mentor("m", occupation="2212")
    via_earlier, reasons = assess(
        Occupation, Mentee("a", occupation_wanted="2221", occupation_earlier="2212"), mentor
    )
    via_wanted, _ = assess(Occupation, Mentee("a", occupation_wanted="2212"), mentor)
    assert 0.8 < via_earlier < via_wanted == 1.0
    assert reasons[0].params["via"] == "earlier"


@pytest.mark.parametrize(
    ("mentee", "mentor", "side"),
    [
        (Mentee("a"), Mentor("m", occupation="2411"), "mentee"),
        (Mentee("a", occupation_wanted="2411"), Mentor("m"), "mentor"),
    ],
)
def test_unknown_occupation_is_neutral_and_says_so(mentee, mentor, side):
    value, reasons = assess(Occupation, mentee, mentor)
    assert value == NEUTRAL
    assert reasons[0].code == "occupation_unknown"
    assert reasons[0].params == {"side": side}


def test_language_uses_the_lower_level_and_b1_both_is_good():
    def value(a: dict, b: dict) -> float:
        return assess(Language, Mentee("a", languages=a), Mentor("m", languages=b))[0]

    assert value({"ar": "C1"}, {"ar": "B2"}) == value({"ar": "B2"}, {"ar": "C2"})
    assert value({"sv": "B1"}, {"sv": "C2"}) >= 0.75
    assert value({"sv": "A2"}, {"sv": "C2"}) < value({"sv": "B1"}, {"sv": "B1"})
    assert value({"sv": "A1"}, {"en": "C2"}) == 0.0
    assert value({}, {"en": "C2"}) == NEUTRAL


def test_language_reason_names_the_best_shared_language_and_both_levels():
    _, reasons = assess(
        Language,
        Mentee("a", languages={"ar": "C1", "sv": "A2"}),
        Mentor("m", languages={"ar": "B2", "sv": "C2"}),
    )
    assert reasons[0].code == "language_shared"
    assert reasons[0].params == {"language": "ar", "mentee_level": "C1", "mentor_level": "B2"}


def test_stockholm_to_goteborg_is_about_400_km():
    value, reasons = assess(Place, Mentee("a", municipality="0180"), Mentor("m", municipality="1480"))
    assert 380 <= reasons[0].params["km"] <= 420
    assert value < 0.1


def test_place_same_municipality_then_same_county_then_distance():
    def value(code: str) -> float:
        return assess(Place, Mentee("a", municipality="0180"), Mentor("m", municipality=code))[0]

    assert value("0180") == 1.0
    assert 0.8 <= value("0184") < 1.0  # Solna, same county
    assert value("0380") < value("0184")  # Uppsala, other county
    assert value("2584") < value("0380")  # Kiruna


def test_place_does_not_apply_when_either_meets_online_only():
    value, reasons = assess(
        Place, Mentee("a", municipality="0180", meeting_format="online"), Mentor("m", municipality="2584")
    )
    assert value is None
    assert reasons[0].code == "place_online"


def test_unknown_municipality_is_neutral():
    assert assess(Place, Mentee("a"), Mentor("m", municipality="0180"))[0] == NEUTRAL


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("in_person", "online", 0.0),
        ("in_person", "either", 1.0),
        ("online", "online", 1.0),
        ("either", "either", 1.0),
        (None, "online", NEUTRAL),
    ],
)
def test_meeting_format(a, b, expected):
    assert assess(MeetingFormat, Mentee("a", meeting_format=a), Mentor("m", meeting_format=b))[0] == expected


def test_gender_wish_is_a_soft_criterion_only_when_the_rule_is_off():
    mentee = Mentee("a", mentor_gender_wish="woman")
    rule_off = HardRules(gender_wish=False)
    assert assess(Wishes, mentee, Mentor("m", gender="woman"), rule_off)[0] == 1.0
    assert assess(Wishes, mentee, Mentor("m", gender="man"), rule_off)[0] == 0.0
    assert assess(Wishes, mentee, Mentor("m"), rule_off)[0] == NEUTRAL
    assert assess(Wishes, mentee, Mentor("m", gender="man"))[0] is None  # the hard rule handles it


def test_age_wish():
    older = Mentee("a", mentor_age_wish="older", birth_year=1990)
    assert assess(Wishes, older, Mentor("m", birth_year=1970))[0] == 1.0
    assert assess(Wishes, older, Mentor("m", birth_year=1995))[0] == 0.0
    similar = Mentee("a", mentor_age_wish="similar", birth_year=1990)
    assert assess(Wishes, similar, Mentor("m", birth_year=1985))[0] == 1.0
    assert assess(Wishes, similar, Mentor("m", birth_year=1960))[0] == 0.0
    assert assess(Wishes, Mentee("a"), Mentor("m"))[0] is None


def test_experience_prefers_the_more_experienced_mentor_and_falls_back_to_age():
    mentee = Mentee("a", birth_year=1990, experience_years=2)
    more = assess(Experience, mentee, Mentor("m", experience_years=15))
    less = assess(Experience, mentee, Mentor("m", experience_years=1))
    assert more[0] == 1.0 and less[0] < NEUTRAL
    assert more[1][0].params == {"years": 13, "basis": "experience"}
    by_age = assess(Experience, mentee, Mentor("m", birth_year=1980))
    assert by_age[0] == 1.0 and by_age[1][0].params == {"years": 10, "basis": "age"}
    assert assess(Experience, Mentee("a"), Mentor("m", birth_year=1980))[0] == NEUTRAL


@settings(max_examples=25, deadline=None)
@given(cohorts(max_mentees=8, max_mentors=6), st.booleans())
def test_tables_agree_with_the_per_pair_rules(cohort, gender_rule):
    mentees, mentors = cohort
    rules = HardRules(gender_wish=gender_rule)
    rows, cols = np.meshgrid(np.arange(len(mentees)), np.arange(len(mentors)), indexing="ij")
    for criterion_class in CRITERION_CLASSES.values():
        criterion = criterion_class(mentees, mentors, rules)
        block = criterion.block(np.arange(len(mentees)))
        assert block.shape == (len(mentees), len(mentors))
        assessed = criterion.assess(rows.ravel(), cols.ravel())
        for (value, reasons), table_value in zip(assessed, block.ravel().tolist(), strict=True):
            assert reasons
            if value is None:
                assert math.isnan(table_value), criterion_class.name
            else:
                assert 0.0 <= value <= 1.0
                assert value == pytest.approx(table_value, abs=1e-5), criterion_class.name

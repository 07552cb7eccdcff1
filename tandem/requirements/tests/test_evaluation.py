"""The requirement profile's evaluation: every kind of criterion, met, failed and unknown."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from tandem.reference.choices import CriterionKind as Kind
from tandem.reference.choices import Importance
from tandem.requirements.evaluation import (
    FAILED,
    UNKNOWN,
    ApplicantFacts,
    CriterionSpec,
    Reason,
    evaluate,
    occupation_matches,
)

TODAY = date(2026, 3, 1)
MUST, SHOULD = Importance.MUST, Importance.SHOULD


def must(kind: str, **params) -> CriterionSpec:
    return CriterionSpec(kind=kind, importance=MUST, params=params)


def should(kind: str, weight: int = 1, **params) -> CriterionSpec:
    return CriterionSpec(kind=kind, importance=SHOULD, params=params, weight=weight)


def mentee(**facts) -> ApplicantFacts:
    return ApplicantFacts(role="mentee", **facts)


def mentor(**facts) -> ApplicantFacts:
    return ApplicantFacts(role="mentor", **facts)


def outcome(criterion: CriterionSpec, facts: ApplicantFacts) -> str:
    """ "met", "failed" or "unknown" for one must-criterion."""
    result = evaluate([criterion], facts, today=TODAY)
    if result.failed_musts:
        return FAILED
    if result.unknowns:
        return UNKNOWN
    assert result.passes
    return "met"


# --- Each kind: met, failed, unknown ----------------------------------------------------------------

CASES = [
    # employment status
    (must(Kind.EMPLOYMENT_STATUS, statuses=["job_seeking"]), mentee(employment_status="job_seeking"), "met"),
    (must(Kind.EMPLOYMENT_STATUS, statuses=["job_seeking"]), mentee(employment_status="employed"), FAILED),
    (must(Kind.EMPLOYMENT_STATUS, statuses=["job_seeking"]), mentee(), UNKNOWN),
    # Swedish level, CEFR and SFI
    (must(Kind.SWEDISH_LEVEL, min_level="B1"), mentee(swedish_level="B2"), "met"),
    (must(Kind.SWEDISH_LEVEL, min_level="B1"), mentee(swedish_level="B1"), "met"),
    (must(Kind.SWEDISH_LEVEL, min_level="B1"), mentee(swedish_level="A2"), FAILED),
    (must(Kind.SWEDISH_LEVEL, min_level="B1"), mentee(swedish_level="SFI_D"), "met"),
    (must(Kind.SWEDISH_LEVEL, min_level="B1"), mentee(swedish_level="SFI_C"), FAILED),
    (must(Kind.SWEDISH_LEVEL, min_level="A2"), mentee(swedish_level="SFI_B"), "met"),
    (must(Kind.SWEDISH_LEVEL, min_level="A2"), mentee(swedish_level="SFI_A"), FAILED),
    (must(Kind.SWEDISH_LEVEL, min_level="B1"), mentee(), UNKNOWN),
    # another language
    (must(Kind.LANGUAGE, code="en", min_level="B2"), mentor(languages={"en": "C1"}), "met"),
    (must(Kind.LANGUAGE, code="en", min_level="B2"), mentor(languages={"en": "B1"}), FAILED),
    (must(Kind.LANGUAGE, code="en", min_level="B2"), mentor(languages={"ar": "C2"}), FAILED),
    (must(Kind.LANGUAGE, code="en", min_level="B2"), mentor(languages={}), FAILED),
    (must(Kind.LANGUAGE, code="en", min_level="B2"), mentor(languages=None), UNKNOWN),
    (must(Kind.LANGUAGE, code="sv", min_level="B1"), mentor(swedish_level="C2", languages={}), "met"),
    # occupation: the mentee's wanted one, the mentor's current one
    (must(Kind.OCCUPATION, codes=["2411"], match_digits=4), mentee(occupation_wanted="2411"), "met"),
    (must(Kind.OCCUPATION, codes=["2411"], match_digits=4), mentee(occupation_wanted="2412"), FAILED),
    (must(Kind.OCCUPATION, codes=["2411"], match_digits=3), mentee(occupation_wanted="2412"), "met"),
    (must(Kind.OCCUPATION, codes=["2411"], match_digits=3), mentee(occupation_wanted="2421"), FAILED),
    (must(Kind.OCCUPATION, codes=["24"], match_digits=4), mentee(occupation_wanted="2421"), "met"),
    (must(Kind.OCCUPATION, codes=["2411"], match_digits=4), mentee(occupation_now="2411"), UNKNOWN),
    (must(Kind.OCCUPATION, codes=["2411"], match_digits=4), mentor(occupation_now="2411"), "met"),
    (must(Kind.OCCUPATION, codes=["2411"], match_digits=4), mentor(occupation_wanted="2411"), UNKNOWN),
    # years of experience
    (must(Kind.EXPERIENCE_YEARS, min=3), mentor(experience_years=3), "met"),
    (must(Kind.EXPERIENCE_YEARS, min=3), mentor(experience_years=2), FAILED),
    (must(Kind.EXPERIENCE_YEARS, min=3), mentor(), UNKNOWN),
    # years in Sweden: newcomers, at most 5 years
    (must(Kind.YEARS_IN_SWEDEN, min=None, max=5), mentee(years_in_sweden=0), "met"),
    (must(Kind.YEARS_IN_SWEDEN, min=None, max=5), mentee(years_in_sweden=6), FAILED),
    (must(Kind.YEARS_IN_SWEDEN, min=1, max=5), mentee(years_in_sweden=0), FAILED),
    (must(Kind.YEARS_IN_SWEDEN, min=None, max=5), mentee(), UNKNOWN),
    # region: county or municipality
    (must(Kind.REGION, counties=["12"], municipalities=[]), mentee(municipality_code="1280"), "met"),
    (must(Kind.REGION, counties=["12"], municipalities=[]), mentee(municipality_code="0180"), FAILED),
    (must(Kind.REGION, counties=[], municipalities=["0180"]), mentee(municipality_code="0180"), "met"),
    (must(Kind.REGION, counties=["12"], municipalities=["0180"]), mentee(municipality_code="0180"), "met"),
    (must(Kind.REGION, counties=["12"], municipalities=[]), mentee(), UNKNOWN),
    # age band: the age reached this calendar year (born 1990 → 36 in 2026)
    (must(Kind.AGE_BAND, min=18, max=36), mentee(birth_year=1990), "met"),
    (must(Kind.AGE_BAND, min=18, max=35), mentee(birth_year=1990), FAILED),
    (must(Kind.AGE_BAND, min=37, max=None), mentee(birth_year=1990), FAILED),
    (must(Kind.AGE_BAND, min=18, max=None), mentee(), UNKNOWN),
    # meeting format: "either" suits every program
    (must(Kind.MEETING_FORMAT, formats=["in_person"]), mentee(meeting_format="in_person"), "met"),
    (must(Kind.MEETING_FORMAT, formats=["in_person"]), mentee(meeting_format="either"), "met"),
    (must(Kind.MEETING_FORMAT, formats=["in_person"]), mentee(meeting_format="online"), FAILED),
    (must(Kind.MEETING_FORMAT, formats=["in_person", "online"]), mentee(meeting_format="online"), "met"),
    (must(Kind.MEETING_FORMAT, formats=["in_person"]), mentee(), UNKNOWN),
]


@pytest.mark.parametrize(("criterion", "facts", "expected"), CASES)
def test_each_kind_of_criterion_is_met_failed_or_unknown(criterion, facts, expected):
    assert outcome(criterion, facts) == expected


def test_every_kind_has_cases_for_met_failed_and_unknown():
    seen = {(case[0].kind, case[2]) for case in CASES}
    for kind in Kind.values:
        if kind == Kind.CUSTOM_QUESTION:
            continue  # never unknown (unanswered fails), and its facts are answers: test_custom_question.py
        assert {(kind, "met"), (kind, FAILED), (kind, UNKNOWN)} <= seen, kind


# --- Musts, shoulds and the score ------------------------------------------------------------------


def test_an_applicant_who_meets_every_must_passes_with_no_reasons():
    result = evaluate(
        [must(Kind.EMPLOYMENT_STATUS, statuses=["job_seeking"]), must(Kind.SWEDISH_LEVEL, min_level="A2")],
        mentee(employment_status="job_seeking", swedish_level="B1"),
        today=TODAY,
    )
    assert result.passes
    assert result.failed_musts == [] and result.unknowns == []
    assert result.score == 100


def test_a_failed_must_makes_the_applicant_not_pass_and_says_why():
    result = evaluate([must(Kind.SWEDISH_LEVEL, min_level="B1")], mentee(swedish_level="A2"), today=TODAY)
    assert not result.passes
    [reason] = result.failed_musts
    assert (reason.kind, reason.outcome, reason.actual) == (Kind.SWEDISH_LEVEL, FAILED, "A2")
    assert not result.needs_check


def test_an_unknown_must_is_not_a_failure_but_the_applicant_is_not_confirmed_to_pass():
    result = evaluate([must(Kind.SWEDISH_LEVEL, min_level="B1")], mentee(), today=TODAY)
    assert not result.passes
    assert result.failed_musts == []
    assert [r.outcome for r in result.unknowns] == [UNKNOWN]
    assert result.needs_check


def test_the_score_is_the_weighted_share_of_should_criteria_met():
    result = evaluate(
        [
            should(Kind.EXPERIENCE_YEARS, weight=3, min=5),  # met
            should(Kind.MEETING_FORMAT, weight=1, formats=["in_person"]),  # failed
        ],
        mentor(experience_years=10, meeting_format="online"),
        today=TODAY,
    )
    assert result.passes  # shoulds never stop anyone
    assert result.score == 75
    assert [r.kind for r in result.failed_shoulds] == [Kind.MEETING_FORMAT]


def test_an_unknown_should_counts_neither_for_nor_against():
    criteria = [should(Kind.EXPERIENCE_YEARS, weight=1, min=5), should(Kind.AGE_BAND, weight=5, min=30)]
    result = evaluate(criteria, mentor(experience_years=10), today=TODAY)
    assert result.score == 100
    assert [r.kind for r in result.unknowns] == [Kind.AGE_BAND]
    assert result.passes and not result.needs_check


def test_with_no_should_criteria_the_score_is_full():
    assert evaluate([], mentee(), today=TODAY).score == 100


def test_with_only_failed_shoulds_the_score_is_zero():
    result = evaluate([should(Kind.EXPERIENCE_YEARS, min=5)], mentor(experience_years=1), today=TODAY)
    assert result.score == 0


def test_reasons_survive_a_round_trip_through_json():
    result = evaluate(
        [must(Kind.REGION, counties=["12"], municipalities=[]), should(Kind.SWEDISH_LEVEL, min_level="C1")],
        mentee(municipality_code="0180"),
        today=TODAY,
    )
    flags = result.flags()
    assert [Reason.from_json(flag) for flag in flags] == [*result.failed_musts, *result.unknowns]


# --- Reasons in words ----------------------------------------------------------------------------


@pytest.mark.parametrize(("criterion", "facts", "expected"), [c for c in CASES if c[2] != "met"])
def test_every_reason_can_be_put_in_words_in_both_staff_languages(criterion, facts, expected):
    [reason] = (
        evaluate([criterion], facts, today=TODAY).failed_musts
        or evaluate([criterion], facts, today=TODAY).unknowns
    )
    for language in ("sv", "en"):
        with translation.override(language):
            assert reason.message.strip()


def test_reasons_name_the_values_in_plain_words():
    def message(criterion, facts):
        [reason] = evaluate([criterion], facts, today=TODAY).failed_musts
        with translation.override("en"):
            return reason.message

    assert message(must(Kind.SWEDISH_LEVEL, min_level="B1"), mentee(swedish_level="SFI_C")) == (
        "Swedish at level SFI course C (about A2); at least B1 is needed."
    )
    assert message(
        must(Kind.REGION, counties=["12"], municipalities=[]), mentee(municipality_code="0180")
    ) == ("Lives in Stockholm, outside the program's region.")
    assert "2411 Accountants" in message(
        must(Kind.OCCUPATION, codes=["2411"], match_digits=4), mentee(occupation_wanted="2611")
    )
    assert message(must(Kind.YEARS_IN_SWEDEN, min=None, max=5), mentee(years_in_sweden=8)) == (
        "8 years in Sweden; the profile asks for at most 5."
    )
    with translation.override("en"):
        [unknown] = evaluate([must(Kind.AGE_BAND, min=18)], mentee(), today=TODAY).unknowns
        assert unknown.message == "Not known: Age."


def test_occupation_codes_match_on_the_chosen_number_of_digits():
    assert occupation_matches("2411", ["2411"], 4)
    assert occupation_matches("2412", ["2411"], 3)
    assert not occupation_matches("2412", ["2411"], 4)
    assert occupation_matches("2611", ["2"], 4)
    assert not occupation_matches("3611", ["2"], 1)
    assert occupation_matches("2611", ["2411", "2611"], 4)


def test_an_occupation_in_own_words_needs_mapping_and_never_passes_silently():
    from tandem.requirements.evaluation import NEEDS_MAPPING

    criterion = {"codes": ["2221"], "match_digits": 4}
    facts = mentee(occupation_wanted_unmapped=True)
    as_should = evaluate([should(Kind.OCCUPATION, **criterion)], facts, today=TODAY)
    assert as_should.passes and as_should.score == 0  # counts as not met until mapped, not left out
    assert [r.outcome for r in as_should.failed_shoulds] == [NEEDS_MAPPING]
    as_must = evaluate([must(Kind.OCCUPATION, **criterion)], facts, today=TODAY)
    assert not as_must.passes and as_must.needs_check and not as_must.failed_musts
    assert [r.outcome for r in as_must.unknowns] == [NEEDS_MAPPING]
    with translation.override("en"):
        assert "Needs mapping" in as_must.unknowns[0].message
    # A mentor is compared by the occupation now: the wanted one's own words do not count.
    assert (
        evaluate([must(Kind.OCCUPATION, **criterion)], mentor(occupation_wanted_unmapped=True), today=TODAY)
        .unknowns[0]
        .outcome
        == UNKNOWN
    )
    mapped = evaluate([must(Kind.OCCUPATION, **criterion)], mentee(occupation_wanted="2221"), today=TODAY)
    assert mapped.passes

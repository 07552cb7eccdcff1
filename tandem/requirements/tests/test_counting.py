"""The live pass count computed by the database gives the same figures as checking every applicant with
`evaluate`, for every kind of criterion and for profiles mixing them, on a varied cohort."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tandem.applications import counting
from tandem.applications.models import Application
from tandem.applications.rechecks import FACT_COLUMNS
from tandem.factories import build_applications
from tandem.reference.choices import CriterionKind as Kind
from tandem.reference.choices import Importance
from tandem.requirements.applicants import PassCount
from tandem.requirements.evaluation import ApplicantFacts, CriterionSpec, evaluate
from tandem.requirements.tests.test_evaluation import CASES, TODAY

pytestmark = pytest.mark.django_db


def count_by_evaluating_each(applications, criteria, *, today: date) -> PassCount:
    """The count as Tandem computed it before: every applicant loaded and checked in Python."""
    passing = needs_check = total = 0
    for application in applications.only(*FACT_COLUMNS):
        result = evaluate(criteria, application.facts(), today=today)
        total += 1
        passing += result.passes
        needs_check += result.needs_check
    return PassCount(passing=passing, total=total, needs_check=needs_check)


def stored(program, facts: ApplicantFacts) -> Application:
    languages = facts.languages
    return Application.objects.create(
        program=program,
        role=facts.role,
        first_name="Test",
        last_name="Testsson",
        email="test@example.org",
        employment_status=facts.employment_status or "",
        swedish_level=facts.swedish_level or "",
        other_languages=None
        if languages is None
        else [{"code": c, "level": v} for c, v in languages.items()],
        occupation_now=facts.occupation_now or "",
        occupation_wanted=facts.occupation_wanted or "",
        experience_years=facts.experience_years,
        years_in_sweden=facts.years_in_sweden,
        municipality=facts.municipality_code or "",
        birth_year=facts.birth_year,
        meeting_format=facts.meeting_format or "",
    )


@pytest.mark.parametrize(("criterion", "facts", "expected"), CASES)
def test_each_case_of_each_kind_counts_as_evaluate_says(program, criterion, facts, expected):
    application = stored(program, facts)
    applications = Application.objects.filter(pk=application.pk)
    figures = counting.count_passing(applications, facts.role, [criterion], today=TODAY)
    assert figures == PassCount(
        passing=int(expected == "met"), total=1, needs_check=int(expected == "unknown")
    )


def random_criterion(rng: random.Random) -> CriterionSpec:
    kind = rng.choice([k for k in Kind if k != Kind.CUSTOM_QUESTION])  # those: test_custom_question.py
    params: dict = {
        Kind.EMPLOYMENT_STATUS: lambda: {"statuses": rng.sample(["job_seeking", "studying", "employed"], 2)},
        Kind.SWEDISH_LEVEL: lambda: {"min_level": rng.choice(["A1", "A2", "B1", "B2", "C1"])},
        Kind.LANGUAGE: lambda: {
            "code": rng.choice(["ar", "en", "fa", "sv"]),
            "min_level": rng.choice(["A2", "B2"]),
        },
        Kind.OCCUPATION: lambda: {
            "codes": rng.sample(["2411", "2512", "22", "2142", "3"], 2),
            "match_digits": rng.choice([1, 2, 3, 4]),
        },
        Kind.EXPERIENCE_YEARS: lambda: {"min": rng.choice([1, 3, 5, 10])},
        Kind.YEARS_IN_SWEDEN: lambda: {"min": rng.choice([None, 1]), "max": rng.choice([None, 3, 5])},
        Kind.REGION: lambda: {"counties": rng.sample(["01", "12", "14"], 1), "municipalities": ["1880"]},
        Kind.AGE_BAND: lambda: {"min": rng.choice([None, 25, 30]), "max": rng.choice([None, 40, 55])},
        Kind.MEETING_FORMAT: lambda: {"formats": rng.sample(["in_person", "online"], rng.randint(1, 2))},
    }[kind]()
    importance = rng.choice([Importance.MUST, Importance.MUST, Importance.SHOULD])
    return CriterionSpec(kind=kind, importance=importance, params=params, weight=rng.randint(1, 3))


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_random_profiles_count_as_evaluating_each_applicant(program, role):
    build_applications(program, mentees=150, mentors=150, seed=7, status="received")
    applications = Application.objects.filter(program=program, role=role)
    rng = random.Random(role)
    for _ in range(60):
        criteria = [random_criterion(rng) for _ in range(rng.randint(1, 4))]
        expected = count_by_evaluating_each(applications, criteria, today=TODAY)
        assert counting.count_passing(applications, role, criteria, today=TODAY) == expected, criteria


def test_without_a_language_must_the_count_is_one_query(program, django_assert_num_queries):
    build_applications(program, mentees=20, seed=1)
    criteria = [random_criterion(random.Random(n)) for n in range(8)]
    criteria = [c for c in criteria if c.kind != Kind.LANGUAGE or c.params["code"] == "sv"]
    with django_assert_num_queries(1):
        counting.count_passing(Application.objects.filter(program=program), "mentee", criteria, today=TODAY)

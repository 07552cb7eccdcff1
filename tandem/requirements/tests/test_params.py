"""A criterion's parameters are checked and normalised before they are stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tandem.reference.choices import CriterionKind as Kind
from tandem.requirements.models import Criterion, RequirementProfile
from tandem.requirements.params import clean_params


@pytest.mark.parametrize(
    ("kind", "params", "expected"),
    [
        (Kind.EMPLOYMENT_STATUS, {"statuses": ["job_seeking", "job_seeking"]}, {"statuses": ["job_seeking"]}),
        (Kind.SWEDISH_LEVEL, {"min_level": "SFI_D"}, {"min_level": "B1"}),
        (Kind.LANGUAGE, {"code": "en", "min_level": "B2"}, {"code": "en", "min_level": "B2"}),
        (Kind.OCCUPATION, {"codes": ["2411", "24"]}, {"codes": ["24", "2411"], "match_digits": 4}),
        (Kind.EXPERIENCE_YEARS, {"min": 2}, {"min": 2}),
        (Kind.YEARS_IN_SWEDEN, {"max": 5}, {"min": None, "max": 5}),
        (Kind.REGION, {"counties": ["12"]}, {"counties": ["12"], "municipalities": []}),
        (Kind.AGE_BAND, {"min": 18, "max": 67}, {"min": 18, "max": 67}),
        (Kind.MEETING_FORMAT, {"formats": ["online"]}, {"formats": ["online"]}),
    ],
)
def test_good_parameters_are_normalised(kind, params, expected):
    assert clean_params(kind, params) == expected


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        (Kind.EMPLOYMENT_STATUS, {"statuses": []}),
        (Kind.EMPLOYMENT_STATUS, {"statuses": ["astronaut"]}),
        (Kind.SWEDISH_LEVEL, {"min_level": "D1"}),
        (Kind.LANGUAGE, {"code": "English", "min_level": "B2"}),
        (Kind.OCCUPATION, {"codes": ["9999"]}),
        (Kind.OCCUPATION, {"codes": ["2411"], "match_digits": 5}),
        (Kind.EXPERIENCE_YEARS, {"min": -1}),
        (Kind.EXPERIENCE_YEARS, {"min": True}),
        (Kind.YEARS_IN_SWEDEN, {}),
        (Kind.YEARS_IN_SWEDEN, {"min": 6, "max": 5}),
        (Kind.REGION, {"counties": [], "municipalities": []}),
        (Kind.REGION, {"municipalities": ["9999"]}),
        (Kind.AGE_BAND, {"min": "18"}),
        (Kind.MEETING_FORMAT, {"formats": ["either"]}),
        (Kind.MEETING_FORMAT, {"formats": ["online"], "extra": 1}),
        (Kind.MEETING_FORMAT, ["online"]),
        ("telepathy", {}),
    ],
)
def test_bad_parameters_are_refused(kind, params):
    with pytest.raises(ValidationError):
        clean_params(kind, params)


def test_a_criterion_row_validates_its_parameters_as_a_field_error(program):
    profile = RequirementProfile.objects.create(program=program, role="mentee")
    criterion = Criterion(
        profile=profile, kind=Kind.SWEDISH_LEVEL, importance="must", params={"min_level": "X"}
    )
    with pytest.raises(ValidationError) as error:
        criterion.full_clean()
    assert "params" in error.value.message_dict


def test_one_profile_per_program_and_role(program):
    from django.db import IntegrityError, transaction

    RequirementProfile.objects.create(program=program, role="mentee")
    RequirementProfile.objects.create(program=program, role="mentor")
    with pytest.raises(IntegrityError), transaction.atomic():
        RequirementProfile.objects.create(program=program, role="mentee")

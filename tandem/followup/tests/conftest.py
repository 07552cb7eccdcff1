"""The cast's program running with two pairs (Amira–Eva, Bashir–Johan: see mentoring/tests/people.py),
a program goal, and Amira's own goal."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.mentoring.models import PersonalGoal
from tandem.mentoring.tests.people import two_pairs
from tandem.programs.models import Goal


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def mentorships(program, now):
    pairs = two_pairs(program, now=now)
    Goal.objects.create(
        program=program,
        description="Jobb inom yrket",
        indicator="Andel adepter i kvalificerat arbete",
        target_value=60,
    )
    PersonalGoal.objects.create(mentorship=pairs["a"], text="Bli legitimerad sjuksköterska")
    return pairs

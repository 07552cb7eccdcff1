"""The cast's program running with two pairs (Amira–Eva, Bashir–Johan: see mentoring/tests/people.py),
a program goal, and Amira's own goal; a mid-term round open today with the ready surveys, and Amira's and
Eva's invitations to it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.followup.models import Invitation
from tandem.followup.tests.helpers import opened_round
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


@pytest.fixture
def round_(program, mentorships, now):
    return opened_round(program, step="midterm", short_code="QR7KX3", now=now)


@pytest.fixture
def amira(round_):
    return Invitation.objects.get(round=round_, email="amira.haddad@example.org")


@pytest.fixture
def eva(round_, mentorships):
    return Invitation.objects.get(round=round_, application=mentorships["a"].pair.mentor)

"""The cast's program running with two pairs (Amira–Eva, Bashir–Johan: see mentoring/tests/people.py),
a program goal, and Amira's own goal; a mid-term round open today with the ready surveys, and Amira's and
Eva's invitations to it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tandem.followup import rounds
from tandem.followup.models import Invitation, Round
from tandem.followup.services import copy_template
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
    today = timezone.localdate(now)
    found = Round.objects.create(
        program=program,
        step="midterm",
        mentee_survey=copy_template(program, "midterm", "mentee", by=None, now=now),
        mentor_survey=copy_template(program, "midterm", "mentor", by=None, now=now),
        opens_on=today,
        closes_on=today + timedelta(days=14),
        short_code="QR7KX3",
    )
    rounds.open_round(found, now=now)
    found.refresh_from_db()
    return found


@pytest.fixture
def amira(round_):
    return Invitation.objects.get(round=round_, email="amira.haddad@example.org")


@pytest.fixture
def eva(round_, mentorships):
    return Invitation.objects.get(round=round_, application=mentorships["a"].pair.mentor)

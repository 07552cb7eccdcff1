"""Two running pairs in the cast's program (Amira–Eva, Bashir–Johan: see mentoring/tests/people.py) and
its planned kickoff and mid-program meeting."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.mentoring.tests.people import two_pairs


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def mentorships(program, now):
    return two_pairs(program, now=now)

"""Fixtures for the pair's space: two running pairs in the cast's program (see `people.py`)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from tandem.mentoring.tests.people import two_pairs


@pytest.fixture(autouse=True)
def no_rate_limit_counts_from_other_tests():
    cache.clear()


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def mentorships(program, now):
    return two_pairs(program, now=now)


@pytest.fixture
def amira(mentorships):
    return mentorships["a"].pair.mentee


@pytest.fixture
def eva(mentorships):
    return mentorships["a"].pair.mentor

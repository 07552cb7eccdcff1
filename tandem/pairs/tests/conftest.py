"""Fixtures for the matching workflow: the small cohort of `people.py` in the cast's program."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.pairs.tests.people import build_cohort


@pytest.fixture
def cohort(program):
    return build_cohort(program)


@pytest.fixture
def now():
    return timezone.now()

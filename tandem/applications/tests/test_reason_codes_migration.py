"""Migration 0003: the English reasons Tandem used to store become codes; what staff typed stays."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from tandem.applications.models import StatusChange
from tandem.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("tandem.applications.migrations.0003_status_change_reason_code")


def test_stored_english_reasons_become_codes_and_back(program):
    application = ApplicationFactory(program=program)
    now = timezone.now()
    rows = [
        StatusChange.objects.create(application=application, to_status="withdrawn", reason=text, at=now)
        for text in ("Withdrawn by the applicant.", "Waitlisted for the next program.", "Flyttar till Oslo.")
    ]

    migration.to_codes(apps, None)

    stored = [StatusChange.objects.get(pk=row.pk) for row in rows]
    assert [(c.reason_code, c.reason) for c in stored] == [
        ("withdrawn_by_applicant", ""),
        ("waitlisted_for_next_program", ""),
        ("", "Flyttar till Oslo."),
    ]

    migration.to_texts(apps, None)

    assert [StatusChange.objects.get(pk=row.pk).reason for row in rows] == [
        "Withdrawn by the applicant.",
        "Waitlisted for the next program.",
        "Flyttar till Oslo.",
    ]

"""Migration 0007: of the steps stored without a person, only the applicant's own become theirs."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from tandem.applications.models import StatusChange
from tandem.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("tandem.applications.migrations.0007_status_change_by_applicant")


def test_only_the_sent_web_form_and_the_applicants_withdrawal_become_the_applicants(program, coordinator):
    web = ApplicationFactory(program=program)
    paper = ApplicationFactory(program=program, channel="paper")
    StatusChange.objects.all().delete()
    now = timezone.now()
    rows = [
        StatusChange.objects.create(application=web, to_status="received", at=now),
        StatusChange.objects.create(application=web, from_status="received", to_status="accepted", at=now),
        StatusChange.objects.create(
            application=web,
            from_status="accepted",
            to_status="withdrawn",
            reason_code="withdrawn_by_applicant",
        ),
        StatusChange.objects.create(application=paper, to_status="received", at=now),  # staff's account gone
        StatusChange.objects.create(application=paper, to_status="received", by=coordinator, at=now),
    ]

    migration.mark_the_applicants_own_steps(apps, None)

    assert [StatusChange.objects.get(pk=row.pk).by_applicant for row in rows] == [
        True,
        False,
        True,
        False,
        False,
    ]

"""The lists as spreadsheets: columns in the reader's language, formulas neutralised, dates as dates,
audited; personal data, so viewers get 403 and outsiders 404."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tandem.applications.models import Application
from tandem.audit.models import AuditEvent
from tandem.mentoring.models import MeetingLog
from tandem.reports.tests.world import build_world


@pytest.mark.django_db
def test_every_list_downloads_in_both_formats_with_formulas_neutralised(client, coordinator, program):
    build_world(program, mentees=12, mentors=8, meetings=40)
    Application.objects.filter(program=program).update(first_name='=HYPERLINK("http://evil.example","x")')
    client.force_login(coordinator)
    for kind in ("participants", "pairs", "meetings", "attendance"):
        url = reverse("reports:export_file", args=[program.pk, kind, "xlsx"])
        book = load_workbook(io.BytesIO(client.get(url).content))
        rows = list(book.active.iter_rows(values_only=True))
        assert rows[0][0] in ("Par", "Träff")  # Swedish column names: the coordinator's language
        for row in rows[1:]:
            for value in row:
                assert not (isinstance(value, str) and value and value[0] in "=+-@"), value
        if kind == "meetings":
            assert len(rows) - 1 == MeetingLog.objects.filter(mentorship__pair__program=program).count()
            assert isinstance(rows[1][3], date)
        text = client.get(reverse("reports:export_file", args=[program.pk, kind, "csv"])).content.decode(
            "utf-8-sig"
        )
        for row in list(csv.reader(io.StringIO(text)))[1:]:
            assert not any(cell and cell[0] in "=+-@" for cell in row)
    participants = client.get(reverse("reports:export_file", args=[program.pk, "participants", "csv"]))
    assert "'=HYPERLINK" in participants.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="reports.list_exported", program=program).count() == 9


@pytest.mark.django_db
def test_a_viewer_cannot_export_personal_data_and_an_outsider_sees_nothing(client, viewer, outsider, program):
    url = reverse("reports:export_file", args=[program.pk, "participants", "csv"])
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404

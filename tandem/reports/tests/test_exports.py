"""The lists as spreadsheets, made by the worker: the exports page starts a job, whose page offers the file
to the person who asked and to nobody else. Columns in the reader's language, formulas neutralised, dates
as dates; made and downloaded are audited; files are deleted after a week; personal data, so viewers get
403 and outsiders 404."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tandem.applications.models import Application
from tandem.audit.models import AuditEvent
from tandem.jobs.models import Job
from tandem.jobs.services import CRASHED, run_job
from tandem.lib.testing.jobs import post_and_run
from tandem.lib.testing.pages import EN, SV, field_error, text
from tandem.mentoring.models import MeetingLog
from tandem.pairs.models import Pair
from tandem.reports import export_jobs, exports
from tandem.reports.models import ExportFile
from tandem.reports.tests.world import build_world

pytestmark = pytest.mark.django_db


def exports_url(program) -> str:
    return reverse("reports:exports", kwargs={"pk": program.pk})


def start(client, program, value: str, **headers):
    """Ask for the list `value` ("participants.xlsx") and let the worker make it: the job's page."""
    response = post_and_run(client, exports_url(program), {"confirm": "on", "export": value}, **headers)
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response["Location"], **headers)


def download_url(page) -> str:
    match = re.search(r'href="(/programs/\d+/exports/\d+/file)"', page.content.decode())
    assert match, text(page)
    return match.group(1)


def download(client, program, value: str, **headers) -> bytes:
    response = client.get(download_url(start(client, program, value, **headers)))
    assert response.status_code == 200
    return response.content


def xlsx_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_every_list_is_made_by_the_worker_in_both_formats_with_formulas_neutralised(
    client, coordinator, program
):
    build_world(program, mentees=12, mentors=8, meetings=40)
    Application.objects.filter(program=program).update(first_name='=HYPERLINK("http://evil.example","x")')
    client.force_login(coordinator)
    for kind in ("participants", "pairs", "meetings", "attendance"):
        rows = xlsx_rows(download(client, program, f"{kind}.xlsx", **SV))
        assert rows[0][0] in ("Par", "Träff")  # Swedish column names: the coordinator's language
        for row in rows[1:]:
            for value in row:
                assert not (isinstance(value, str) and value and value[0] in "=+-@"), value
        if kind == "meetings":
            assert len(rows) - 1 == MeetingLog.objects.filter(mentorship__pair__program=program).count()
            assert isinstance(rows[1][3], datetime)  # openpyxl reads a date cell back as a datetime
            assert isinstance(rows[1][4], int)
        for row in csv_rows(download(client, program, f"{kind}.csv", **SV))[1:]:
            assert not any(cell and cell[0] in "=+-@" for cell in row)
    participants = csv_rows(download(client, program, "participants.csv", **SV))
    assert participants[0][:3] == ["Par", "Roll", "Förnamn"]
    assert len(participants) - 1 == 2 * Pair.objects.filter(program=program, status__in=Pair.LIVE).count()
    assert participants[1][2] == '\'=HYPERLINK("http://evil.example","x")'
    pairs = csv_rows(download(client, program, "pairs.csv", **EN))
    assert pairs[0][:3] == ["Pair", "Mentee", "Mentor"]  # the language of the one who asked
    assert date.fromisoformat(pairs[1][4])  # dates as ISO dates in CSV
    assert ExportFile.objects.count() == 10 and Job.objects.filter(kind=export_jobs.KIND).count() == 10


def test_the_made_file_and_its_download_are_audited(client, coordinator, program):
    build_world(program, mentees=6, mentors=4, meetings=10)
    client.force_login(coordinator)
    page = start(client, program, "meetings.xlsx", **EN)
    assert "Exporting “Pair meetings” (XLSX)" in text(page)
    assert "The file is ready:" in text(page) and "Only the person who asked for it can download it" in text(
        page
    )
    made = AuditEvent.objects.get(action="reports.list_exported")
    found = ExportFile.objects.get()
    assert made.actor == coordinator and made.program == program
    assert made.data == {
        "list": "meetings",
        "format": "xlsx",
        "rows": found.rows,
        "job": found.job_id,
        "round": None,
    }
    assert found.rows == MeetingLog.objects.filter(mentorship__pair__program=program).count()
    assert not AuditEvent.objects.filter(action="reports.export_downloaded").exists()
    client.get(download_url(page))
    listed = client.get(exports_url(program), **EN)
    assert "Your exported files" in text(listed) and download_url(page) in listed.content.decode()
    client.get(download_url(page))
    downloads = AuditEvent.objects.filter(action="reports.export_downloaded")
    assert downloads.count() == 2
    assert {(e.actor_id, e.target_id) for e in downloads} == {(coordinator.pk, str(found.pk))}


def test_only_the_person_who_asked_downloads_the_file(
    client, admin, coordinator, partner_coordinator, viewer, outsider, program
):
    build_world(program, mentees=4, mentors=3, meetings=4)
    client.force_login(coordinator)
    page = start(client, program, "participants.csv")
    url = download_url(page)
    assert client.get(url)["Content-Disposition"].endswith('.csv"')
    client.force_login(admin)  # an editor of the program, but not the one who asked
    other = client.get(page.request["PATH_INFO"])
    assert other.status_code == 200 and "/file" not in other.content.decode()
    assert url not in client.get(exports_url(program)).content.decode()  # not among the admin's files
    assert client.get(url).status_code == 404
    client.force_login(partner_coordinator)
    assert client.get(url).status_code == 404
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    client.force_login(outsider)  # a coordinator of another organisation's program
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert AuditEvent.objects.filter(action="reports.export_downloaded").count() == 1


def test_a_viewer_cannot_export_personal_data_and_an_outsider_sees_nothing(client, viewer, outsider, program):
    data = {"confirm": "on", "export": "participants.csv"}
    client.force_login(viewer)
    assert client.get(exports_url(program)).status_code == 403
    assert client.post(exports_url(program), data).status_code == 403
    client.force_login(outsider)
    assert client.get(exports_url(program)).status_code == 404
    assert client.post(exports_url(program), data).status_code == 404
    assert not Job.objects.exists()


def test_the_warning_is_confirmed_before_a_file_is_made(client, coordinator, program):
    client.force_login(coordinator)
    page = client.get(exports_url(program), **EN)
    assert "Personal data is about to leave Tandem" in text(page)
    refused = client.post(exports_url(program), {"export": "participants.xlsx"}, **EN)
    assert refused.status_code == 200
    assert field_error(refused, "id_confirm") == "Confirm that personal data may leave Tandem."
    unknown = client.post(exports_url(program), {"confirm": "on", "export": "salaries.xlsx"}, **EN)
    assert unknown.status_code == 200 and "Choose a list." in text(unknown)
    assert not Job.objects.exists()


def test_a_double_submit_finds_the_same_job(client, coordinator, program):
    client.force_login(coordinator)
    data = {"confirm": "on", "export": "pairs.xlsx"}
    first = client.post(exports_url(program), data)  # not committed yet: the worker has not run it
    second = client.post(exports_url(program), data)
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1
    other_format = client.post(exports_url(program), {**data, "export": "pairs.csv"})
    assert other_format["Location"] != first["Location"]


def test_the_file_is_deleted_after_a_week(client, coordinator, program):
    build_world(program, mentees=4, mentors=3, meetings=4)
    client.force_login(coordinator)
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False):
        page = start(client, program, "pairs.xlsx", **EN)
        assert "it is deleted on 8 December 2026" in text(page)
    url, job_page = download_url(page), page.request["PATH_INFO"]
    with time_machine.travel(datetime(2026, 12, 8, 8, 0, tzinfo=timezone.get_current_timezone()), tick=False):
        assert export_jobs.purge_export_files(now=timezone.now()) == 0
        client.force_login(coordinator)  # a new day, a new session
        assert client.get(url).status_code == 200
    with time_machine.travel(datetime(2026, 12, 8, 9, 1, tzinfo=timezone.get_current_timezone()), tick=False):
        from tandem.reports.tasks import purge_export_files_task

        purge_export_files_task.call_local()
        assert not ExportFile.objects.exists()
        client.force_login(coordinator)
        assert client.get(url).status_code == 404
        assert "The file has been deleted" in text(client.get(job_page, **EN))


def test_an_export_that_fails_leaves_no_file(client, coordinator, program, monkeypatch):
    build_world(program, mentees=4, mentors=3, meetings=8)

    def failing(program):
        headers, rows = exports._meetings(program)

        def broken():
            yield from list(rows)[:2]
            raise RuntimeError("the database went away")

        return headers, broken()

    monkeypatch.setitem(exports.EXPORTS, "meetings", replace(exports.EXPORTS["meetings"], build=failing))
    client.force_login(coordinator)
    page = start(client, program, "meetings.xlsx", **EN)
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and job.error_code == CRASHED
    assert "No file was made." in text(page) and "/file" not in page.content.decode()
    assert not ExportFile.objects.exists()
    assert not AuditEvent.objects.filter(action="reports.list_exported").exists()


def test_the_job_reports_its_progress_as_it_writes_the_rows(client, coordinator, program, monkeypatch):
    build_world(program, mentees=8, mentors=6, meetings=23)
    monkeypatch.setattr(export_jobs, "REPORT_EVERY", 5)
    reports = []
    real = export_jobs.Progress.report

    def spy(self, done, **kwargs):
        reports.append((done, kwargs.get("total")))
        real(self, done, **kwargs)

    monkeypatch.setattr(export_jobs.Progress, "report", spy)
    client.force_login(coordinator)
    start(client, program, "meetings.csv")
    total = MeetingLog.objects.filter(mentorship__pair__program=program).count()
    assert reports == [(0, total)] + [(done, total) for done in range(5, total + 1, 5)]
    assert Job.objects.get().status == Job.Status.DONE


def test_a_job_cut_off_after_it_stored_its_file_takes_the_file_back(client, coordinator, program):
    build_world(program, mentees=4, mentors=3, meetings=4)
    now = timezone.now()
    job = export_jobs.start_export(program, exports.choices(program)[1], "csv", by=coordinator, now=now)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    export_jobs.build_file(job, export_jobs.Progress(job))
    assert ExportFile.objects.filter(job=job).exists()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED)  # marked interrupted meanwhile
    job.refresh_from_db()
    assert export_jobs._file(job) is not None and not export_jobs._links(job, coordinator)
    client.force_login(coordinator)
    url = reverse("reports:export_download", kwargs={"pk": program.pk, "job": job.pk})
    assert client.get(url).status_code == 404  # a failed job's file is never offered
    export_jobs._undo(job)
    assert not ExportFile.objects.exists()


def test_the_participants_file_is_built_in_a_fixed_number_of_queries(
    program, other_program, django_assert_num_queries
):
    build_world(program, mentees=6, mentors=4, meetings=4)
    build_world(other_program, mentees=40, mentors=30, meetings=4)
    sizes = []
    for each in (program, other_program):
        with django_assert_num_queries(2):  # the count (for the progress) and the pairs with their people
            content, count = exports.render(exports.table(each, "participants"), "xlsx")
        sizes.append(count)
    assert sizes[0] < sizes[1]


def test_the_whole_job_runs_in_the_same_number_of_queries_whatever_the_size(
    coordinator, program, other_program
):
    build_world(program, mentees=6, mentors=4, meetings=4)
    build_world(other_program, mentees=40, mentors=30, meetings=4)
    counts = []
    for each in (program, other_program):
        job = export_jobs.start_export(
            each, exports.choices(each)[0], "xlsx", by=coordinator, now=timezone.now()
        )
        with CaptureQueriesContext(connection) as queries:
            run_job(job.pk)
        assert Job.objects.get(pk=job.pk).status == Job.Status.DONE
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_survey_answers_of_a_round_are_exported(client, coordinator, program):
    from tandem.followup.models import Invitation
    from tandem.followup.tests.helpers import answer_all, opened_round
    from tandem.mentoring.tests.people import two_pairs

    now = timezone.now()
    two_pairs(program, now=now)
    round_ = opened_round(program, step="midterm", short_code="EXP778", now=now)
    invitations = list(Invitation.objects.filter(round=round_)[:3])
    for invitation in invitations:
        answer_all(invitation, now=now)
    Invitation.objects.filter(pk=invitations[0].pk).update(name="@SUM(1+1)")
    client.force_login(coordinator)
    page = client.get(exports_url(program), **EN)
    assert "Survey answers: Mid-term evaluation" in text(page)
    rows = xlsx_rows(download(client, program, f"answers-{round_.pk}.xlsx", **EN))
    assert rows[0][:3] == ("Response", "Name", "Role") and len(rows) == 1 + 3
    assert isinstance(rows[1][5], datetime)  # sent: a date and time
    assert all(not (isinstance(v, str) and v[:1] in "=+-@") for row in rows for v in row)
    table = csv_rows(download(client, program, f"answers-{round_.pk}.csv", **EN))
    assert len(table) == 1 + 3 and "'@SUM(1+1)" in [row[1] for row in table]
    made = AuditEvent.objects.filter(action="reports.list_exported", data__list="answers")
    assert made.count() == 2 and made.first().data["round"] == round_.pk


def test_a_round_deleted_before_the_worker_ran_fails_with_a_reason(client, coordinator, program):
    from tandem.followup.models import Round

    today = timezone.localdate()
    round_ = Round.objects.create(
        program=program,
        step="startup",
        opens_on=today,
        closes_on=today + timedelta(days=7),
        short_code="GONE01",
    )
    client.force_login(coordinator)
    response = client.post(exports_url(program), {"confirm": "on", "export": f"answers-{round_.pk}.csv"})
    round_.delete()
    job = Job.objects.get()
    run_job(job.pk)
    page = client.get(response["Location"], **EN)
    assert "what it was to list no longer exists" in text(page)
    assert not ExportFile.objects.exists()


def test_the_participants_list_names_the_municipality_not_its_code(client, coordinator, program):
    """Walkthrough: the "Kommun" column held "1480"; it names Göteborg (tandem.reference data, no query)."""
    build_world(program, mentees=6, mentors=4, meetings=0)
    Application.objects.filter(program=program).update(municipality="1480")
    client.force_login(coordinator)
    rows = csv_rows(download(client, program, "participants.csv", **SV))
    column = rows[0].index("Kommun")
    assert len(rows) > 1 and {row[column] for row in rows[1:]} == {"Göteborg"}

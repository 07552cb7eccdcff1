"""The import runs as a job in the worker: its status page, one job per upload, all or nothing, crashes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from tandem.applications.models import Application, ConsentText
from tandem.intake import tables, tasks
from tandem.intake.models import HEARTBEAT_LOST_AFTER, INTERRUPTED_AFTER, ImportJob
from tandem.intake.tasks import purge_stale_import_files
from tandem.intake.tests.importing import (
    GOOD_ROWS,
    csv_bytes,
    mapping_data,
    post_and_run,
    upload,
    upload_and_check,
    upload_and_import,
)
from tandem.outbox.models import OutboxMessage

RECEIVED = "applications/emails/received"


@pytest.fixture
def signed_in(client, coordinator, settings):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def job_url(job: ImportJob) -> str:
    return reverse("intake:import_job", args=[job.program_id, job.pk])


def stored_files(program) -> list[str]:
    storage = tables.PrivateStorage()
    folder = f"{tables.IMPORT_FOLDER}/{program.pk}"
    return storage.listdir(folder)[1] if storage.exists(folder) else []


def start_without_running(client, program, content: bytes, **extra):
    """Upload and press "Check and import", but keep the worker from starting: the job stays queued."""
    check_url = upload(client, program, content)["Location"]
    data = mapping_data(client.get(check_url), action="import", consent="on", **extra)
    response = client.post(check_url, data)
    assert response.status_code == 302
    return check_url, data, ImportJob.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


# --- A job from start to end -------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "you_are_here"), [("en", "You are here"), ("sv", "Du är här")])
def test_an_import_job_stores_the_applications_and_its_page_shows_the_result(
    signed_in, settings, coordinator, mentee_form, language, you_are_here
):
    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))
    job = response.context["job"]
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = signed_in.get(job_url(job))

    job.refresh_from_db()
    assert (job.status, job.imported, job.duplicates, job.rows_checked) == (ImportJob.Status.DONE, 3, 0, 3)
    assert job.created_by == coordinator and job.error == ""
    assert Application.objects.filter(channel="import", entered_by=coordinator).count() == 3
    html = page.content.decode()
    with translation.override(language):  # the result is worded when the page is shown, in its language
        result = ngettext(
            "Imported %(count)s application. %(duplicates)s of them may be duplicates of earlier ones.",
            "Imported %(count)s applications. %(duplicates)s of them may be duplicates of earlier ones.",
            3,
        ) % {"count": 3, "duplicates": 0}
    assert f'<html lang="{language}"' in html and you_are_here in html
    assert result in html
    assert reverse("screening:queue", args=[mentee_form.program.pk]) + "?role=mentee" in html
    assert 'aria-live="polite"' in html
    assert "hx-trigger" not in html and "http-equiv" not in html  # finished: nothing refreshes
    assert stored_files(mentee_form.program) == []


def test_only_checking_stores_nothing_and_leads_back_to_the_same_columns(signed_in, mentee_form):
    response = upload_and_check(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))

    job = response.context["job"]
    assert (job.status, job.import_requested, job.rows_checked) == (ImportJob.Status.CHECKED, False, 3)
    assert "All 3 rows are fine and ready to import." in response.content.decode()
    assert not Application.objects.exists()
    back = reverse("intake:import_check", args=[mentee_form.program.pk, job.token]) + f"?job={job.pk}"
    assert back in response.content.decode()
    job.mapping[3] = ""  # as if the coordinator had left out the year of birth
    job.save()
    mapping_page = signed_in.get(back)
    assert mapping_data(mapping_page)["column_3"] == ""
    assert mapping_data(mapping_page)["column_0"] == "first_name"


def test_a_file_with_broken_rows_ends_with_its_problems_and_stores_nothing(signed_in, mentee_form):
    rows = [GOOD_ROWS[0], ["Omar", "Said", "not-an-address", "", "", "", ""], GOOD_ROWS[2]]

    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(rows))

    job = response.context["job"]
    assert (job.status, job.problem_count, job.imported) == (ImportJob.Status.PROBLEMS, 1, 0)
    assert job.problems == [{"row": 3, "field": "E-mail address", "message": "Enter a valid email address."}]
    html = response.content.decode()
    assert "Nothing was imported: 1 problem in the file" in html
    assert "Row 3, E-mail address: Enter a valid email address." in html
    assert "Back to the columns" in html and "Upload a corrected file" in html
    assert not Application.objects.exists()
    assert not ConsentText.objects.filter(form__isnull=True).exists()
    assert len(stored_files(mentee_form.program)) == 1  # kept: the coordinator may change the columns


def test_only_the_first_500_problems_are_kept_with_the_count_of_the_rest(signed_in, mentee_form):
    rows = [["", "Said", f"not-an-address-{n}", "", "", "", ""] for n in range(300)]

    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(rows))

    job = response.context["job"]
    assert (job.problem_count, len(job.problems), job.hidden_problems) == (600, 500, 100)
    assert "…and 100 more problems." in response.content.decode()


# --- One job per upload ------------------------------------------------------------------------------


def test_a_double_click_on_import_starts_one_job_and_imports_once(signed_in, mentee_form):
    check_url = upload(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))["Location"]
    data = mapping_data(signed_in.get(check_url), action="import", consent="on")

    first = post_and_run(signed_in, check_url, data)
    second = post_and_run(signed_in, check_url, data)  # the file is imported and gone by now

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ImportJob.objects.count() == 1
    assert Application.objects.count() == 3


def test_a_second_click_while_the_job_waits_gets_the_same_job(
    signed_in, mentee_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        check_url, data, job = start_without_running(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))
        again = signed_in.post(check_url, data)

    assert again["Location"] == job_url(job)
    jobs = [c for c in queued if c.__qualname__.startswith("start_import_job")]  # (the upload's reading ran)
    assert len(jobs) == 1  # the worker is asked once
    jobs[0]()
    assert ImportJob.objects.get().status == ImportJob.Status.DONE
    assert Application.objects.count() == 3


def test_an_upload_cannot_get_two_running_jobs_even_in_a_race(mentee_form, coordinator):
    from django.db import IntegrityError, transaction

    ImportJob.objects.create(program=mentee_form.program, form=mentee_form, role="mentee", token="a" * 32)

    with pytest.raises(IntegrityError), transaction.atomic():
        ImportJob.objects.create(program=mentee_form.program, form=mentee_form, role="mentee", token="a" * 32)


def test_a_finished_check_does_not_hold_the_upload(signed_in, mentee_form):
    response = upload_and_check(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))
    job = response.context["job"]
    check_url = reverse("intake:import_check", args=[mentee_form.program.pk, job.token])

    data = mapping_data(signed_in.get(check_url), action="import", consent="on")
    imported = post_and_run(signed_in, check_url, data, follow=True)

    assert imported.context["job"].pk != job.pk
    assert imported.context["job"].status == ImportJob.Status.DONE


# --- Who sees a job ----------------------------------------------------------------------------------


def test_another_organisations_people_get_404_for_a_job(
    client, signed_in, mentee_form, outsider, other_program
):
    job = upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS)).context["job"]
    client.force_login(outsider)

    assert client.get(job_url(job)).status_code == 404
    # nor through their own program's address
    assert client.get(reverse("intake:import_job", args=[other_program.pk, job.pk])).status_code == 404


def test_a_viewer_may_not_see_a_job(client, signed_in, mentee_form, viewer):
    job = upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS)).context["job"]
    client.force_login(viewer)

    assert client.get(job_url(job)).status_code == 403


# --- Nothing half-written ----------------------------------------------------------------------------


def test_an_import_that_fails_half_way_stores_nothing_and_says_so(
    signed_in, mentee_form, monkeypatch, caplog
):
    from tandem.applications import bulk

    def fails_after_the_applications_are_written(*args, **kwargs):
        assert Application.objects.count() == 3  # stored, not committed
        raise RuntimeError("omar@example.org broke the database")

    monkeypatch.setattr(bulk, "log_actions", fails_after_the_applications_are_written)

    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS), send_confirmation="on")

    job = response.context["job"]
    assert (job.status, job.error, job.imported) == (ImportJob.Status.FAILED, ImportJob.Error.CRASHED, 0)
    assert "Something went wrong; nothing was imported." in response.content.decode()
    assert not Application.objects.exists()
    assert not ConsentText.objects.filter(form__isnull=True).exists()
    assert not OutboxMessage.objects.exists()
    assert len(stored_files(mentee_form.program)) == 1  # kept, to start again
    assert "omar" not in caplog.text  # the log names the kind of error, not what it said


def test_the_error_is_told_in_the_readers_language(signed_in, settings, mentee_form, monkeypatch):
    from tandem.applications import bulk
    from tandem.intake.views import job_error_message

    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(bulk, "store_applications", broken)
    job = upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS)).context["job"]
    assert job.error == "crashed"  # a code: the job stores no text

    for language in ("sv", "en"):
        signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = signed_in.get(job_url(job))
        with translation.override(language):
            expected = str(job_error_message("crashed"))
        assert page.context["error_message"] == expected
        assert expected.replace("'", "&#x27;") in page.content.decode()


# --- A worker that stops -----------------------------------------------------------------------------


def test_a_running_job_page_refreshes_itself_with_and_without_javascript(signed_in, mentee_form):
    _url, _data, job = start_without_running(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))

    page = signed_in.get(job_url(job))
    update = signed_in.get(job_url(job), HTTP_HX_REQUEST="true")

    html = page.content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert "Waiting for the worker to start" in html
    assert update.status_code == 200
    assert 'id="import-job-status" hx-swap-oob="innerHTML"' in update.content.decode()
    assert "<html" not in update.content.decode()

    tasks.run_job(job.pk)
    done = signed_in.get(job_url(job), HTTP_HX_REQUEST="true")
    assert done.status_code == 286  # htmx stops asking
    assert "Imported 3 applications" in done.content.decode()


def test_the_page_shows_how_far_the_job_has_come(signed_in, mentee_form):
    _url, _data, job = start_without_running(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS * 100))

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING, rows_checked=250)
    assert "Checking the rows: 250 of 300." in signed_in.get(job_url(job)).content.decode()

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING, rows_checked=300)
    from django.core.cache import cache

    cache.set(tasks._progress_key(job.pk), 250)
    assert "Importing: 250 of 300." in signed_in.get(job_url(job)).content.decode()


def test_a_job_the_worker_left_is_shown_as_interrupted_and_can_be_started_again(signed_in, mentee_form):
    check_url, data, job = start_without_running(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)

    with time_machine.travel(timezone.now() + INTERRUPTED_AFTER + timedelta(minutes=1)):
        page = signed_in.get(job_url(job))
        html = page.content.decode()
        assert "The import was interrupted; nothing was imported. Start it again." in html
        assert "hx-trigger" not in html
        assert f"{check_url}?job={job.pk}" in html

        again = post_and_run(signed_in, check_url, data, follow=True)

    assert again.context["job"].pk != job.pk
    assert again.context["job"].status == ImportJob.Status.DONE
    job.refresh_from_db()
    assert (job.status, job.error) == (ImportJob.Status.FAILED, ImportJob.Error.INTERRUPTED)
    assert Application.objects.count() == 3


def test_a_job_that_waited_too_long_for_the_worker_is_not_run_late(signed_in, mentee_form):
    _url, _data, job = start_without_running(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))

    with time_machine.travel(timezone.now() + INTERRUPTED_AFTER + timedelta(minutes=1)):
        tasks.run_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.error) == (ImportJob.Status.FAILED, ImportJob.Error.INTERRUPTED)
    assert not Application.objects.exists()


def test_an_import_cut_off_while_it_ran_is_rolled_back(signed_in, mentee_form, monkeypatch):
    """The page said "interrupted" and the coordinator started again, while the first worker was still
    storing rows: when the first worker finishes, its transaction is rolled back. (Here the mark is made
    on the worker's own connection, so it is rolled back with the rest; in real life it stays.)"""
    from tandem.applications import bulk

    _url, _data, job = start_without_running(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))
    real = bulk.store_applications

    def meanwhile_marked_interrupted(*args, **kwargs):
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, error="interrupted")
        return real(*args, **kwargs)

    monkeypatch.setattr(bulk, "store_applications", meanwhile_marked_interrupted)
    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status != ImportJob.Status.DONE
    assert not Application.objects.exists()
    assert not ConsentText.objects.filter(form__isnull=True).exists()


# --- Confirmation e-mails ----------------------------------------------------------------------------


def test_imported_applicants_get_no_e_mail_unless_the_coordinator_asks(signed_in, mentee_form):
    check_url = upload(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))["Location"]
    page = signed_in.get(check_url)

    assert not page.context["mapping_form"]["send_confirmation"].value()  # off by default
    [box] = re.findall(r"<input[^>]*name=\"send_confirmation\"[^>]*>", page.content.decode())
    assert "checked" not in box and "aria-describedby" in box
    assert "may be surprised" in page.content.decode()
    post_and_run(signed_in, check_url, mapping_data(page, action="import", consent="on"))

    assert Application.objects.count() == 3
    assert not OutboxMessage.objects.filter(kind=RECEIVED).exists()


def test_with_the_box_ticked_each_imported_applicant_gets_the_confirmation(signed_in, mentee_form):
    response = upload_and_import(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS), send_confirmation="on")

    assert response.context["job"].send_confirmation
    messages = OutboxMessage.objects.filter(kind=RECEIVED)
    assert sorted(address for message in messages for address in message.to) == [
        "amira@example.org",
        "lina@example.org",
        "omar@example.org",
    ]


# --- Housekeeping and cost ---------------------------------------------------------------------------


def test_old_jobs_go_with_their_files(signed_in, mentee_form):
    upload_and_import(signed_in, mentee_form.program, csv_bytes([["", "Said", "x", "", "", "", ""]]))
    assert ImportJob.objects.count() == 1 and len(stored_files(mentee_form.program)) == 1

    purge_stale_import_files.call_local()
    assert ImportJob.objects.count() == 1

    with time_machine.travel(timezone.now() + tables.STALE_AFTER + timedelta(minutes=5)):
        purge_stale_import_files.call_local()

    assert not ImportJob.objects.exists() and stored_files(mentee_form.program) == []


def test_the_status_page_needs_few_queries(signed_in, mentee_form, django_assert_num_queries):
    rows = [["", "Said", f"not-an-address-{n}", "", "", "", ""] for n in range(300)]
    job = upload_and_import(signed_in, mentee_form.program, csv_bytes(rows)).context["job"]

    # session, user, program, admin membership, program role, the job with its form
    with django_assert_num_queries(6):
        response = signed_in.get(job_url(job))
    assert len(response.context["job"].problems) == 500


def test_a_job_whose_worker_crashed_is_interrupted_within_minutes_and_can_be_retried(signed_in, mentee_form):
    """Issue 12, item 7: a crash mid-import showed "in progress" for 30 minutes and blocked a retry.
    A working worker beats every few seconds; two minutes without a beat mean it is gone."""
    check_url, data, job = start_without_running(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING)

    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        assert "interrupted" not in signed_in.get(job_url(job)).content.decode()
    with time_machine.travel(timezone.now() + HEARTBEAT_LOST_AFTER + timedelta(seconds=10)):
        assert "The import was interrupted" in signed_in.get(job_url(job)).content.decode()
        again = post_and_run(signed_in, check_url, data, follow=True)

    assert again.context["job"].status == ImportJob.Status.DONE
    assert Application.objects.count() == 3


def test_a_queued_job_waiting_for_a_busy_worker_is_not_called_interrupted_early(signed_in, mentee_form):
    _url, _data, job = start_without_running(signed_in, mentee_form.program, csv_bytes(GOOD_ROWS))

    with time_machine.travel(timezone.now() + HEARTBEAT_LOST_AFTER + timedelta(minutes=1)):
        job.refresh_from_db()
        assert not job.is_interrupted(timezone.now())

"""In a real browser: a coordinator imports a file (following the job on its status page), and types in
a paper application."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tandem.applications.models import Application
from tandem.intake import tables, tasks
from tandem.intake.models import ImportJob
from tandem.intake.tests.importing import GOOD_ROWS, csv_bytes
from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.outbox.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose_file(page, content: bytes, name: str = "ansokningar.csv") -> None:
    page.set_input_files(
        "input[name=file]", files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )


def test_a_coordinator_fixes_a_broken_row_and_imports_the_file(page, coordinator, mentee_form):
    broken = [
        GOOD_ROWS[0],
        ["Omar", "Said", "omar(at)example.org", "1985", "1480", "2412", "en"],
        GOOD_ROWS[2],
    ]
    log_in(page, coordinator.email)
    page.goto(reverse("intake:home", args=[mentee_form.program.pk]))
    assert_accessible(page)

    page.goto(reverse("intake:import", args=[mentee_form.program.pk]))
    assert_accessible(page)
    choose_file(page, csv_bytes(broken))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Amira" in page.locator("table").inner_text()  # the preview
    assert page.locator("input[name=send_confirmation]").is_checked() is False
    assert_accessible(page)

    page.click("button[name=action][value=check]")  # the worker checks; here it runs at once
    page.wait_for_load_state()
    assert "/import/jobs/" in page.url
    assert page.locator("#problems li").count() == 1
    assert "3" in page.locator("#problems li").inner_text()  # row 3 of the file
    assert page.locator("[aria-live=polite]#import-job-status").count() == 1
    assert_accessible(page)
    assert not Application.objects.exists()

    upload_url = reverse("intake:import", args=[mentee_form.program.pk])
    page.click(f"#import-job-details a[href='{upload_url}?role=mentee']")  # upload a corrected file
    page.wait_for_load_state()
    choose_file(page, csv_bytes(GOOD_ROWS))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.check("input[name=consent]")
    page.click("button[name=action][value=import]")
    page.wait_for_load_state()

    assert "/import/jobs/" in page.url
    status = page.locator("#import-job-status")
    assert status.get_attribute("role") == "status" and "3" in status.inner_text()
    queue = reverse("screening:queue", args=[mentee_form.program.pk])
    assert page.locator(f"#import-job-details a[href='{queue}?role=mentee']").count() == 1
    assert_accessible(page)
    assert Application.objects.filter(channel="import").count() == 3
    assert not OutboxMessage.objects.filter(kind="applications/emails/received").exists()


def test_the_status_page_follows_a_job_while_the_worker_runs_it(page, coordinator, mentee_form):
    """The page polls with htmx and swaps the result in place, without reloading."""
    token = tables.store_upload(
        ContentFile(csv_bytes(GOOD_ROWS), name="lista.csv"),
        program_id=mentee_form.program.pk,
        role="mentee",
        kind="csv",
    )
    job = ImportJob.objects.create(
        program=mentee_form.program,
        form=mentee_form,
        role="mentee",
        token=token,
        rows=3,
        mapping=[
            "first_name",
            "last_name",
            "email",
            "birth_year",
            "municipality",
            "occupation_wanted",
            "language",
        ],
        language="sv",
        import_requested=True,
        consent_text="Samtycke",
        created_by=coordinator,
    )
    log_in(page, coordinator.email)
    page.goto(reverse("intake:import_job", args=[mentee_form.program.pk, job.pk]))
    page.wait_for_load_state()
    assert page.locator("#import-job-details [role=progressbar]").count() == 1
    assert_accessible(page)
    page.evaluate("window.notReloaded = true")

    tasks.run_job(job.pk)  # the worker, meanwhile

    page.wait_for_selector("#import-job-status .alert-success")
    assert page.evaluate("window.notReloaded") is True  # swapped in place
    assert page.locator("#import-job-details [role=progressbar]").count() == 0
    queue = reverse("screening:queue", args=[mentee_form.program.pk])
    assert page.locator("#import-job-details a").first.get_attribute("href") == f"{queue}?role=mentee"
    assert_accessible(page)
    assert Application.objects.filter(channel="import").count() == 3


def test_a_coordinator_types_in_a_paper_application(page, coordinator, mentee_form):
    log_in(page, coordinator.email)
    page.goto(reverse("intake:paper", args=[mentee_form.program.pk]) + "?role=mentee")
    assert_accessible(page)

    page.fill("input[name=first_name]", "Amira")
    page.fill("input[name=last_name]", "Haddad")
    page.click("main form button.btn-primary")  # forgot the e-mail and the consent
    page.wait_for_load_state()
    assert page.locator("#id_email_error").count() == 1
    assert page.locator("input[name=first_name]").input_value() == "Amira"
    assert_accessible(page)

    page.fill("input[name=email]", "amira@example.org")
    page.fill("input[name=occupation_wanted_query]", "auditor")
    page.press("input[name=occupation_wanted_query]", "Enter")  # searches, saves nothing
    page.wait_for_selector("#occupation_wanted-results input[value='2411']")
    assert not Application.objects.exists()
    assert page.locator("input[name=email]").input_value() == "amira@example.org"
    page.check("#occupation_wanted-results input[value='2411']")
    page.check("input[name=consent]")
    page.click("main form button.btn-primary")
    page.wait_for_load_state()

    application = Application.objects.get()
    assert (application.channel, application.occupation_wanted) == ("paper", "2411")
    assert application.reference in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto(reverse("intake:interview", args=[mentee_form.program.pk]) + "?role=mentee")
    assert_accessible(page)

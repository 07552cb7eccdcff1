"""In a real browser: a coordinator imports a file, and types in a paper application."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.applications.models import Application
from tandem.applications.tests.intake.importing import GOOD_ROWS, csv_bytes
from tandem.lib.testing.browser import assert_accessible, log_in

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
    assert_accessible(page)

    page.click("button[name=action][value=check]")
    page.wait_for_load_state()
    assert page.locator("#problems li").count() == 1
    assert "3" in page.locator("#problems li").inner_text()  # row 3 of the file
    assert page.locator("button[name=action][value=import]").count() == 0
    assert_accessible(page)
    assert not Application.objects.exists()

    page.click("#problems a")  # upload a corrected file
    page.wait_for_load_state()
    choose_file(page, csv_bytes(GOOD_ROWS))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.click("button[name=action][value=check]")
    page.wait_for_load_state()
    assert_accessible(page)
    page.check("input[name=consent]")
    page.click("button[name=action][value=import]")
    page.wait_for_load_state()

    assert page.locator("[role=status]").count() == 1
    assert_accessible(page)
    assert Application.objects.filter(channel="import").count() == 3


def test_a_coordinator_types_in_a_paper_application(page, coordinator, mentee_form):
    log_in(page, coordinator.email)
    page.goto(reverse("intake:paper", args=[mentee_form.program.pk]) + "?role=mentee")
    assert_accessible(page)

    page.fill("input[name=first_name]", "Amira")
    page.fill("input[name=last_name]", "Haddad")
    page.click("main form button[type=submit]")  # forgot the e-mail and the consent
    page.wait_for_load_state()
    assert page.locator("#id_email_error").count() == 1
    assert page.locator("input[name=first_name]").input_value() == "Amira"
    assert_accessible(page)

    page.fill("input[name=email]", "amira@example.org")
    page.select_option("select[name=occupation_wanted]", "2411")
    page.check("input[name=consent]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    application = Application.objects.get()
    assert (application.channel, application.occupation_wanted) == ("paper", "2411")
    assert application.reference in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto(reverse("intake:interview", args=[mentee_form.program.pk]) + "?role=mentee")
    assert_accessible(page)

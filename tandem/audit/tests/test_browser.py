"""An organisation admin looks up who saw an applicant, in a real browser: the search, then the breach
report (axe on each page)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandem.audit.services import log_action
from tandem.factories import ApplicationFactory
from tandem.lib.testing.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_finds_who_saw_an_applicant_and_gets_the_breach_report(page, admin, coordinator, org, program):
    amira = ApplicationFactory(
        program=program, first_name="Amira", last_name="Haddad", email="amira@example.org"
    )
    log_action("application.viewed", actor=coordinator, program=program, target=amira)
    log_in(page, admin.email)

    page.goto(f"/audit/{org.pk}/")
    assert_accessible(page)
    page.fill("input[name=whom]", "amira@example.org")
    page.click("main form button[type=submit]")
    expect(page.locator("tbody tr")).to_have_count(1)  # waits for the results page (a busy machine is slow)
    expect(page.locator("tbody")).to_contain_text("Amira Haddad")
    assert_accessible(page)

    page.goto(f"/audit/{org.pk}/report/")
    page.fill("input[name=whom]", "Amira Haddad")
    page.fill("input[name=since]", "2026-01-01")
    page.fill("input[name=until]", "2027-12-31")
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text(coordinator.email)
    assert_accessible(page)

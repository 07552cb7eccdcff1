"""An organisation admin finds a failed e-mail in the outbox and sends it again, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.outbox.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_sends_a_failed_email_again(page, admin, program, make_message):
    make_message(organisation=program.organisation, status=OutboxMessage.Status.SENT, subject="Välkommen")
    failed = make_message(
        organisation=program.organisation,
        program=program,
        status=OutboxMessage.Status.FAILED,
        attempts=6,
        last_error="SMTPDataError 554",
        subject="Kallelse till uppstartsträffen",
        body_html="<p>Välkommen</p>",
    )
    log_in(page, admin.email)

    page.goto("/outbox/")
    assert_accessible(page)
    page.select_option("select[name=status]", "failed")
    page.click("main button[type=submit]")
    expect(page.locator("tbody tr")).to_have_count(1)  # waits for the filtered page
    assert_accessible(page)

    page.click("text=Kallelse till uppstartsträffen")
    assert page.url.endswith(f"/outbox/{failed.pk}/")
    assert_accessible(page)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    assert page.url.endswith(f"/outbox/{failed.pk}/")
    assert page.locator("[role=status]").count() == 1
    assert_accessible(page)
    failed.refresh_from_db()
    assert failed.status == OutboxMessage.Status.SENT

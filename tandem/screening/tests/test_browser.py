"""A coordinator screens applicants in a real browser, with axe-core on every page."""

from __future__ import annotations

import pytest

from tandem.applications.models import Application
from tandem.factories import PASSWORD, ApplicationFactory
from tandem.lib.testing.browser import assert_accessible
from tandem.lib.testing.sessions import exempt_from_second_factor
from tandem.outbox.models import OutboxMessage
from tandem.screening.tests.factories import add_criterion, screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_filters_accepts_one_and_rejects_two_at_once(page, coordinator, program):
    add_criterion(program, "mentee", "swedish_level", min_level="B1")
    amira = ApplicationFactory(program=program, first_name="Amira", last_name="Haddad", language="ar")
    daniel = ApplicationFactory(program=program, first_name="Daniel", last_name="Okafor", language="en")
    sara = ApplicationFactory(program=program, first_name="Sara", last_name="Lind", language="sv")
    yonas = ApplicationFactory(program=program, first_name="Yonas", last_name="Tesfaye", swedish_level="A2")
    erik = ApplicationFactory(program=program, role="mentor", first_name="Erik", last_name="Berg")
    screen(program)

    exempt_from_second_factor(coordinator)  # as log_in() does: this journey is not about the second factor
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.fill("input[name=username]", coordinator.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/programs/")
    assert_accessible(page)

    page.goto(f"/programs/{program.pk}/applications/")
    assert page.locator("h1").inner_text() == "Anmälningar"
    assert_accessible(page)

    page.select_option("#id_role", "mentee")
    page.select_option("#id_passes", "yes")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**passes=yes**")
    assert_accessible(page)
    shown = page.locator("tbody tr").all_inner_texts()
    assert len(shown) == 3
    assert not any(person.last_name in row for row in shown for person in (yonas, erik))

    page.get_by_role("link", name=amira.reference).click()
    page.wait_for_url(f"**/applications/{amira.pk}/")
    assert_accessible(page)
    page.select_option("#id_to", "accepted")
    page.fill("#id_reason", "Stark motivering och rätt yrke")
    assert page.is_checked("#id_send_email")
    page.click("main form[action$='/status/'] button[type=submit]")
    page.wait_for_load_state()
    assert "Statusen är nu" in page.locator("[role=status]").inner_text()
    assert_accessible(page)

    page.go_back()
    page.go_back()  # the filtered queue again
    page.reload()
    assert_accessible(page)
    page.check(f"#select-{daniel.pk}")
    page.check(f"#select-{sara.pk}")
    page.select_option("#id_to", "rejected")
    page.fill("#bulk #id_reason", "Programmet är fullt")
    page.click("#bulk button[value=ticked]")
    page.wait_for_url("**/jobs/*/")  # the job's progress page; the worker runs at once in the tests
    summary = page.locator("[role=status]").inner_text()
    assert "2 anmälningar flyttades till" in summary
    assert_accessible(page)
    page.get_by_role("link", name="Tillbaka till anmälningarna").first.click()
    assert "passes=yes" in page.url  # back to the same filtered view

    statuses = dict(Application.objects.values_list("first_name", "status"))
    assert statuses == {
        "Amira": "accepted",
        "Daniel": "rejected",
        "Sara": "rejected",
        "Yonas": "received",
        "Erik": "received",
    }
    emails = {message.to[0]: message for message in OutboxMessage.objects.all()}
    assert set(emails) == {amira.email, daniel.email, sara.email}
    assert emails[amira.email].body_text.startswith("مرحبًا Amira")
    assert emails[daniel.email].body_text.startswith("Hello Daniel")
    assert emails[sara.email].body_text.startswith("Hej Sara")

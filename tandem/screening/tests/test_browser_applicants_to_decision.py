"""From the public form to the decision e-mail, in one real browser (Chromium), axe-core on every page.

A mentee applies in Arabic (right to left) and a mentor in English through the public form. The
coordinator logs in (Swedish), finds both in the screening queue with their language, requirement flags
and score, opens each record (every view is audited), moves the mentee to "under review" and then
accepts her, and rejects the mentor with a reason. Each gets the decision in their own language, and
the history says who decided what, when and why.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext

from tandem.applications.models import Application
from tandem.applications.tests.applicants import (
    apply_as_arabic_mentee,
    browser_page,
    fill_in_as_english_mentor,
    published,
    send_application,
)
from tandem.audit.models import AuditEvent
from tandem.factories import PASSWORD
from tandem.lib.testing.browser import assert_accessible
from tandem.lib.testing.sessions import exempt_from_second_factor
from tandem.outbox.models import OutboxMessage
from tandem.requirements.evaluation import Reason
from tandem.screening.tests.factories import add_criterion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNDER_REVIEW_REASON = "Rätt yrke; vi läser hennes CV"
ACCEPT_REASON = "Stark motivering, och Malmö har plats"
REJECT_REASON = "Programmet kräver minst 20 års erfarenhet av mentorer"


@pytest.fixture(autouse=True)
def clean_slate(settings, tmp_path):
    """CVs in a temporary folder, and no rate-limit counts left over from other tests."""
    settings.PRIVATE_STORAGE_DIR = tmp_path / "private"
    cache.clear()
    yield
    cache.clear()


def sv(text: str) -> str:
    """Our English msgid as the Swedish UI shows it."""
    with translation.override("sv"):
        return gettext(text)


def change_status(page, to: str, reason: str) -> None:
    page.select_option("#id_to", to)
    page.fill("#id_reason", reason)
    assert page.is_checked("#id_send_email")
    page.click("main form[action$='/status/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=status]").count() == 1
    assert_accessible(page)


def test_the_coordinator_screens_an_arabic_mentee_and_an_english_mentor(
    browser, live_server, page, program, coordinator, tmp_path
):
    add_criterion(program, "mentee", "swedish_level", min_level="A2")
    add_criterion(program, "mentee", "region", importance="should", counties=["12"])
    add_criterion(program, "mentee", "years_in_sweden", importance="should", max=5)
    add_criterion(program, "mentor", "experience_years", min=20)
    mentee_form, mentor_form = published(program, "mentee"), published(program, "mentor")

    # --- The applicants, each in a browser of their own ------------------------------------------
    with browser_page(browser, live_server.url, "ar") as amira_page:
        amira_reference = apply_as_arabic_mentee(amira_page, mentee_form, tmp_path)
    with browser_page(browser, live_server.url, "en-GB") as erik_page:
        fill_in_as_english_mentor(erik_page, mentor_form, mentees=2)
        erik_reference = send_application(erik_page, "Send the application")
    amira = Application.objects.get(reference=amira_reference)
    erik = Application.objects.get(reference=erik_reference)
    assert (amira.language, amira.role, erik.language, erik.role) == ("ar", "mentee", "en", "mentor")
    assert amira.passes_requirements is True and amira.requirement_score is not None
    assert erik.passes_requirements is False and erik.mentee_capacity == 2
    confirmations = OutboxMessage.objects.count()
    assert confirmations == 2

    # --- The coordinator logs in, in Swedish -----------------------------------------------------
    exempt_from_second_factor(coordinator)  # as log_in() does: this journey is not about the second factor
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page)
    page.fill("input[name=username]", coordinator.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/programs/")
    assert_accessible(page)

    # The queue: both, with their language, requirement flags and score
    page.goto(f"/programs/{program.pk}/applications/")
    assert page.locator("h1").inner_text() == "Anmälningar"
    assert_accessible(page)
    assert page.locator("tbody tr").count() == 2
    amira_row = page.locator(f"#application-{amira.pk}").inner_text()
    erik_row = page.locator(f"#application-{erik.pk}").inner_text()
    assert "أميرة حداد" in amira_row and "العربية" in amira_row
    assert sv("Meets all") in amira_row and str(amira.requirement_score) in amira_row
    with translation.override("sv"):
        failed = [Reason.from_json(flag).message for flag in erik.requirement_flags]
    assert "Erik Svensson" in erik_row and "English" in erik_row
    assert failed[0] in erik_row
    assert page.locator(f"#application-{erik.pk} .badge.text-bg-danger").inner_text() == "1"

    # The language filter offers both languages and narrows the queue to one
    options = page.locator("#id_language option").all_inner_texts()
    assert "العربية" in options and "English" in options
    page.select_option("#id_language", "ar")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**language=ar**")
    assert_accessible(page)
    assert page.locator("tbody tr").count() == 1
    assert page.locator(f"#application-{amira.pk}").count() == 1
    page.select_option("#id_language", "en")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**language=en**")
    assert_accessible(page)
    assert [row for row in page.locator("tbody tr").all_inner_texts()] == [erik_row]

    # --- Amira: her record, "under review", then accepted ---------------------------------------
    page.select_option("#id_language", "")
    page.click("#filters button[type=submit]")
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.locator("tbody tr").count() == 2
    page.get_by_role("link", name=amira.reference).click()
    page.wait_for_url(f"**/applications/{amira.pk}/")
    assert_accessible(page)
    assert "العربية" in page.locator("main p.text-muted").first.inner_text()
    screening = page.locator("section[aria-labelledby=screening-heading]").inner_text()
    assert sv("Meets every must-criterion") in screening
    assert sv("Should-criteria left out of the score (no answer)") in screening  # years in Sweden
    assert viewed(amira, coordinator) == 1

    change_status(page, "under_review", UNDER_REVIEW_REASON)
    assert OutboxMessage.objects.count() == confirmations  # no e-mail for "under review"
    change_status(page, "accepted", ACCEPT_REASON)
    history = page.locator("#history").inner_text()
    assert UNDER_REVIEW_REASON in history and ACCEPT_REASON in history
    assert history.count(coordinator.full_name) == 2

    # --- Erik: his record, then rejected with a reason --------------------------------------------
    page.get_by_role("navigation", name=sv("Breadcrumb")).get_by_role("link", name="Anmälningar").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name=erik.reference).click()
    page.wait_for_url(f"**/applications/{erik.pk}/")
    assert_accessible(page)
    screening = page.locator("section[aria-labelledby=screening-heading]").inner_text()
    assert sv("Fails a must-criterion") in screening and failed[0] in screening
    label = sv("Mentees at the same time")
    capacity = page.locator(f"xpath=//dt[normalize-space()='{label}']/following-sibling::dd[1]")
    assert capacity.inner_text() == "2"  # his own answer, for matching
    assert viewed(erik, coordinator) == 1

    change_status(page, "rejected", REJECT_REASON)
    assert REJECT_REASON in page.locator("#history").inner_text()

    # --- The decisions, in each applicant's language ----------------------------------------------
    amira.refresh_from_db()
    erik.refresh_from_db()
    assert (amira.status, erik.status) == ("accepted", "rejected")
    decisions = {m.to[0]: m for m in OutboxMessage.objects.filter(kind="screening/emails/decision")}
    assert set(decisions) == {"amira@example.org", "erik@example.org"}
    accepted, rejected = decisions["amira@example.org"], decisions["erik@example.org"]
    assert accepted.subject == f"مرحبًا بك في {program.name}"
    assert accepted.body_text.startswith("مرحبًا أميرة،")
    assert "لقد حصلت على مكان" in accepted.body_text and amira.reference in accepted.body_text
    assert rejected.subject == f"Your application to {program.name}"
    assert rejected.body_text.startswith("Hello Erik,")
    assert "this time we cannot offer you a place" in rejected.body_text

    # --- Who, when and why ----------------------------------------------------------------------
    steps = list(amira.status_changes.values_list("from_status", "to_status", "by", "reason"))
    assert steps == [
        ("", "received", None, ""),
        ("received", "under_review", coordinator.pk, UNDER_REVIEW_REASON),
        ("under_review", "accepted", coordinator.pk, ACCEPT_REASON),
    ]
    steps = list(erik.status_changes.values_list("from_status", "to_status", "by", "reason"))
    assert steps == [("", "received", None, ""), ("received", "rejected", coordinator.pk, REJECT_REASON)]
    for application in (amira, erik):
        moments = list(application.status_changes.values_list("at", flat=True))
        assert moments == sorted(moments) and application.submitted_at <= moments[0] <= timezone.now()
    decided = AuditEvent.objects.filter(action="application.status_changed", actor=coordinator)
    assert sorted(e.data["to"] for e in decided) == ["accepted", "rejected", "under_review"]


def viewed(application: Application, user) -> int:
    """How many times the audit trail says `user` opened the application's record."""
    return AuditEvent.objects.filter(
        action="application.viewed", actor=user, target_id=str(application.pk)
    ).count()

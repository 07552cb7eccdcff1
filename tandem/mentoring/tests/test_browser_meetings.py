"""A Swedish mentee without JavaScript logs a meeting; her mentor, on a 375 px phone, logs nothing but
confirms it. Axe on every page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.lib.testing.browser import assert_accessible, assert_accessible_without_js
from tandem.mentoring import signin
from tandem.mentoring.models import MeetingLog, PrivateNote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def open_link(page, application) -> None:
    """Follow a sign-in link from an e-mail and press its one button."""
    url = signin.space_link_for_application(application, timezone.now())
    page.goto("/" + url.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.wait_for_load_state()


def test_a_mentee_without_javascript_logs_a_meeting_and_her_mentor_confirms_it_on_his_phone(
    browser, live_server, mentorships
):
    b = mentorships["b"]
    bashir, johan = b.pair.mentee, b.pair.mentor

    no_js = browser.new_context(base_url=live_server.url, locale="sv", java_script_enabled=False)
    page = no_js.new_page()
    page.set_default_timeout(10_000)
    open_link(page, bashir)
    assert page.url.endswith(f"/space/{b.pk}/")
    assert_accessible_without_js(page)
    page.get_by_role("link", name="Träffar", exact=True).click()
    page.wait_for_load_state()
    assert_accessible_without_js(page)
    today = timezone.localdate()
    page.get_by_label("Datum").first.fill(today.isoformat())
    page.get_by_label("Längd i minuter").fill("50")
    page.get_by_label("På plats").check()
    page.get_by_label("En kort anteckning för er båda (frivilligt)").fill("Vi gick igenom mitt CV.")
    page.get_by_label("En privat anteckning som bara du ser (frivilligt)").fill("Fråga om lön nästa gång.")
    page.get_by_role("button", name="Spara träffen").click()
    page.wait_for_load_state()
    assert "Er träff är loggad." in page.locator(".alert-success").inner_text()
    assert "Fråga om lön nästa gång." in page.locator("#meeting-logs").inner_text()
    assert_accessible_without_js(page)
    log = MeetingLog.objects.get(mentorship=b)
    assert (log.logged_by_side, log.minutes, log.format, log.held_on) == ("mentee", 50, "in_person", today)
    no_js.close()

    phone_context = browser.new_context(base_url=live_server.url, locale="sv")
    phone = phone_context.new_page()
    phone.set_default_timeout(10_000)
    phone.set_viewport_size(PHONE)
    open_link(phone, johan)
    assert phone.locator("#confirm-prompt").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    phone.get_by_role("link", name="Bekräfta eller rätta").click()
    phone.wait_for_load_state()
    assert "Vi gick igenom mitt CV." in phone.locator(f"#confirm-{log.pk}").inner_text()
    assert "Fråga om lön" not in phone.content()  # Bashir's private note
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    phone.get_by_role("button", name="Ja, vi träffades").click()
    phone.wait_for_load_state()
    assert "Tack! Träffen är bekräftad." in phone.locator(".alert-success").inner_text()
    assert_accessible(phone)
    phone_context.close()

    log.refresh_from_db()
    assert log.confirmed_at is not None
    assert MeetingLog.objects.count() == 1
    assert list(PrivateNote.objects.values_list("side", flat=True)) == ["mentee"]

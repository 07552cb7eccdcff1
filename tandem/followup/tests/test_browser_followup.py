"""A mid-term round in a real browser with axe on every page: Amira answers in Arabic on a 375 px phone
from her e-mail's link, leaves halfway and comes back; Johan answers on site through the short link with
JavaScript off; the coordinator reads the round, enters Eva's answers from a phone call, shows the QR
code and edits a question."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandem.followup.models import Invitation, Response
from tandem.followup.tests.helpers import opened_round
from tandem.lib.testing.browser import assert_accessible, assert_accessible_without_js, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def round_(program, mentorships, now):
    return opened_round(program, step="midterm", short_code="QR7KX3", now=now)


def phone(browser, live_server, *, locale: str, javascript: bool = True):
    context = browser.new_context(base_url=live_server.url, locale=locale, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.set_viewport_size(PHONE)
    return context, page


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    assert_accessible(page)


def test_participants_answer_by_link_and_on_site(browser, live_server, round_, mentorships):
    amira = Invitation.objects.get(round=round_, email="amira.haddad@example.org")
    link = f"/survey/{amira.token}/"
    context, page = phone(browser, live_server, locale="ar")
    page.goto(link)
    assert page.get_attribute("html", "dir") == "rtl"
    fits(page)
    page.check("input[name=q_how_often][value='0']")
    page.check("input[name=q_useful][value='4']")
    page.get_by_role("button", name="التالي").click()
    page.wait_for_load_state()
    fits(page)
    assert "Bli legitimerad sjuksköterska" in page.inner_text("main")
    page.locator("input[type=radio][value='3']").first.check()
    page.get_by_role("button", name="احفظ وأكمل لاحقاً").click()
    page.wait_for_load_state()
    fits(page)
    context.close()

    context, page = phone(browser, live_server, locale="ar")  # another day, the same link
    page.goto(link + "?page=2")
    assert page.locator("input[type=radio][value='3']").first.is_checked()
    page.get_by_role("button", name="التالي").click()
    page.wait_for_load_state()
    page.fill("textarea[name=q_comment]", "شكراً على كل شيء")
    page.get_by_role("button", name="أرسل إجاباتي").click()
    page.wait_for_load_state()
    assert "شكراً على إجاباتك" in page.inner_text("main")
    fits(page)
    context.close()
    assert Response.objects.get(invitation=amira).is_complete

    johan = Invitation.objects.get(round=round_, application=mentorships["b"].pair.mentor)
    context, page = phone(browser, live_server, locale="sv-SE", javascript=False)
    page.goto(f"/f/{round_.short_code}/")
    assert_accessible_without_js(page)
    page.fill("input[name=code]", johan.code)
    page.get_by_role("button", name="Börja svara").click()
    page.wait_for_load_state()
    assert_accessible_without_js(page)
    page.check("input[name=q_how_often][value='0']")
    page.check("input[name=q_useful][value='5']")
    page.get_by_role("button", name="Nästa").click()
    page.wait_for_load_state()
    page.locator("input[type=radio][value='4']").first.check()
    page.get_by_role("button", name="Nästa").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Skicka mina svar").click()
    page.wait_for_load_state()
    assert "Tack för dina svar" in page.inner_text("main")
    context.close()
    response = Response.objects.get(invitation=johan)
    assert response.is_complete and response.channel == "on_site"


def test_the_coordinator_reads_the_round_enters_a_phone_answer_and_edits_a_question(
    page, round_, mentorships, coordinator, program
):
    eva = Invitation.objects.get(round=round_, application=mentorships["a"].pair.mentor)
    log_in(page, coordinator.email)
    page.goto(f"/programs/{program.pk}/")
    page.get_by_role(
        "link", name="Enkäter och omgångar: uppstart, halvtid, målutvärdering och effektutvärdering"
    ).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Halvtidsutvärdering").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert "Eva Berg" in page.inner_text("#missing")

    page.locator("#missing tr", has_text="Eva Berg").get_by_role("link").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.check("input[name=channel][value='phone']")
    page.check("input[name=q_how_often][value='1']")
    page.check("input[name=q_useful][value='4']")
    page.get_by_role("button", name="Spara svaren").click()
    page.wait_for_load_state()
    assert "Eva Berg" not in page.inner_text("#missing")
    assert_accessible(page)
    response = Response.objects.get(invitation=eva)
    assert response.channel == "phone" and response.entered_by == coordinator

    page.get_by_role("link", name="Svaren fråga för fråga").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Visa QR-koden och den korta länken (för en skärm eller utskrift)").click()
    page.wait_for_load_state()
    assert_accessible(page)

    page.goto(f"/programs/{program.pk}/follow-up/surveys/{round_.mentee_survey_id}/")
    assert_accessible(page)
    page.get_by_role("link", name="Redigera 2").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Fråga (English)").fill("The mentorship helps me.")
    page.get_by_role("button", name="Spara frågan").click()
    page.wait_for_load_state()
    assert "The mentorship helps me." in page.inner_text("#questions")
    first = page.locator("#questions tbody tr td:nth-child(2)").first.inner_text()
    page.get_by_role("button", name="Flytta ned 1").click()  # htmx swaps the table in place
    expect(page.locator("#questions tbody tr td:nth-child(2)").nth(1)).to_contain_text(first.splitlines()[0])
    assert_accessible(page)

"""Applicants in a real browser (Chromium): a mentee in Arabic, a mentor in English, and a whole
application without JavaScript. axe-core checks every page on the way, right-to-left included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tandem.applications.models import Application
from tandem.applications.tests.applicants import (
    REFERENCE,
    apply_as_arabic_mentee,
    fill_in_as_english_mentor,
    next_page,
    published,
    send_application,
)
from tandem.lib.testing.browser import assert_accessible, assert_accessible_without_js, log_in
from tandem.outbox.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mentee_applies_in_arabic(page, program, tmp_path):
    form = published(program, "mentee")

    reference = apply_as_arabic_mentee(page, form, tmp_path)

    application = Application.objects.get(reference=reference)
    assert (application.language, application.role, application.first_name) == ("ar", "mentee", "أميرة")
    assert (application.occupation_wanted, application.swedish_level, application.municipality) == (
        "2411",
        "SFI_D",
        "1280",
    )
    assert application.cv_original_name == "سيرتي.pdf"
    assert (application.birth_year, application.phone) == (1990, "0701234567")  # typed in ٠–٩
    assert application.mentee_capacity is None  # a question for mentors only
    assert OutboxMessage.objects.get().subject == f"لقد استلمنا طلبك – \u2066{reference}\u2069"


def test_a_mentor_applies_in_english(page, program):
    form = published(program, "mentor")

    fill_in_as_english_mentor(page, form, mentees=2)
    # Change an answer from the summary, and come back to it
    page.get_by_role("link", name=re.compile(r"^Change\W+Contact details$")).click()
    page.get_by_label("First name").fill("Erika")
    next_page(page, "Save and go to the summary")
    assert "Erika" in page.content()
    reference = send_application(page, "Send the application")

    application = Application.objects.get(reference=reference)
    assert (application.language, application.role, application.first_name) == ("en", "mentor", "Erika")
    assert (application.occupation_now, application.experience_years, application.meeting_format) == (
        "2411",
        15,
        "in_person",
    )
    assert application.mentee_capacity == 2
    assert application.consent.language == "en"


def test_the_whole_form_works_without_javascript(browser, live_server, program):
    form = published(program, "mentee")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"/apply/{form.slug}/")  # the browser's language decides: Swedish
        assert page.url.endswith(f"/apply/{form.slug}/sv/")
        assert_accessible_without_js(page)
        page.locator("main a.btn-primary").click()

        assert_accessible_without_js(page)
        page.fill("#id_first_name", "Amira")
        page.fill("#id_last_name", "Haddad")
        page.fill("#id_email", "amira@example.org")
        page.locator("main form button.btn-primary").click()

        assert_accessible_without_js(page)
        page.check("#id_employment_status_2")
        page.set_viewport_size({"width": 375, "height": 667})  # a phone: the results are far down
        page.fill("#id_occupation_wanted_query", "sjuksköterska")
        page.press("#id_occupation_wanted_query", "Enter")  # without JavaScript too: searches, not "Next"
        assert "/occupation/" in page.url
        # The results are where the eyes are: right under the search box, on the screen, focus there.
        assert page.locator("#occupation_wanted-results[autofocus]").count() == 1
        # The browser scrolls to the #fragment once the page (and its styles) has loaded: wait for that.
        page.wait_for_load_state("load")
        expect(page.locator("#occupation_wanted-results")).to_be_in_viewport()
        page.set_viewport_size({"width": 1280, "height": 720})
        first = page.locator("#occupation_wanted-results label").first.inner_text()
        assert first.startswith("Sjuksköterska – Grundutbildade sjuksköterskor"), first
        assert "(2221)" not in first  # no SSYK code where the lines differ anyway
        assert_accessible_without_js(page)
        page.locator("#occupation_wanted-results input[value='2221']").check()
        page.locator("main form button.btn-primary").click()

        assert_accessible_without_js(page)
        page.check("#id_swedish_level_2")
        page.locator("main form button.btn-primary").click()
        assert_accessible_without_js(page)
        page.fill("#id_motivation", "Jag vill arbeta som sjuksköterska.")
        page.locator("main form button.btn-primary").click()
        assert_accessible_without_js(page)
        page.locator("main form button.btn-primary").click()  # no CV
        assert_accessible_without_js(page)
        page.check("#id_consent")
        page.locator("main form button.btn-primary").click()

        assert "/summary/" in page.url
        assert_accessible_without_js(page)
        page.locator("main form button.btn-primary").click()
        reference = page.locator("#reference").inner_text()
        assert REFERENCE.fullmatch(reference)
        assert_accessible_without_js(page)
        assert Application.objects.get(reference=reference).occupation_wanted == "2221"
    finally:
        context.close()


def test_a_coordinator_sets_up_the_mentee_form(page, program, coordinator):
    log_in(page, coordinator.email)
    page.goto(f"/applications/programs/{program.pk}/forms/")
    assert_accessible(page)
    page.locator("form:has(input[value=mentee]) button").click()
    page.wait_for_load_state()

    assert "/applications/forms/" in page.url  # the new form's settings
    assert_accessible(page)
    page.locator("#id_contact_email").fill("fragor@framat.example")
    page.locator("#id_is_published").check()
    page.locator("main form button[type=submit]").first.click()  # "Spara" (the rate-limit box follows)
    page.wait_for_load_state()

    form = program.application_forms.get(role="mentee")
    page.locator(f"a[href='/applications/forms/{form.pk}/questions/']").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("#id_custom_type").select_option("single_choice")
    page.locator("#id_label").fill("Hur hörde du om programmet?")
    page.locator("#id_choices").fill("Från en vän\nPå webben")
    page.locator("form[action$='/questions/add/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Hur hörde du om programmet?" in page.content()
    assert_accessible(page)

    page.locator(f"a[href='/applications/forms/{form.pk}/translations/']").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("#id_language").fill("fa")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/translations/fa/")
    assert_accessible(page)

    page.locator(f"a[href='/applications/forms/{form.pk}/consent/']").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    form.refresh_from_db()
    assert form.is_published and form.questions.filter(custom_type="single_choice").exists()

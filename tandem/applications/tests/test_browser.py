"""Applicants in a real browser (Chromium): a mentee in Arabic, a mentor in English, and a whole
application without JavaScript. axe-core checks every page on the way, right-to-left included."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tandem.applications.models import Application
from tandem.applications.services import create_default_form
from tandem.applications.tests.documents import PDF
from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.outbox.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REFERENCE = re.compile(r"TDM-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")


def published(program, role: str):
    form = create_default_form(program, role, now=timezone.now())
    form.is_published = True
    form.contact_email = "mentorskap@framat.example"
    form.intro = "Ett program för dig som vill in i ditt yrke i Sverige."
    form.save()
    return form


def next_page(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).last.click()
    page.wait_for_load_state()


def test_a_mentee_applies_in_arabic(page, program, tmp_path):
    form = published(program, "mentee")
    cv = tmp_path / "سيرتي.pdf"
    cv.write_bytes(PDF)

    page.goto(f"/apply/{form.slug}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert_accessible(page)
    page.get_by_role("link", name="ابدأ الطلب").click()

    # Contact details
    assert page.get_by_role("heading", level=1).inner_text() == "معلومات التواصل"
    assert "الخطوة 1 من 7" in page.locator("#progress-label").inner_text()
    assert_accessible(page)
    page.get_by_label("الاسم الأول").fill("أميرة")
    page.get_by_label("اسم العائلة").fill("حداد")
    page.get_by_label("البريد الإلكتروني").fill("amira@example.org")
    page.get_by_label("سنة الميلاد").fill("1990")
    next_page(page, "التالي")

    # Work and education: the occupation wanted, with live suggestions (htmx)
    assert_accessible(page)
    page.get_by_label("أبحث عن عمل").check()
    page.locator("#id_occupation_wanted_query").fill("revisor")
    page.locator("#occupation_wanted-results input[value='2411']").check()
    assert_accessible(page)
    next_page(page, "التالي")

    # Languages and place
    assert_accessible(page)
    page.get_by_label("أنهيت دورة SFI المستوى D").check()
    page.get_by_label("اللغة 1", exact=True).select_option("ar")
    page.get_by_label("المستوى في اللغة 1").select_option("C2")
    page.get_by_label("في أي بلدية تسكن؟").select_option("1280")
    next_page(page, "التالي")

    # About you: try without the required answer first
    next_page(page, "التالي")
    assert page.locator("#id_motivation_error").is_visible()
    assert_accessible(page)
    page.get_by_label("لماذا تريد أن تشارك كمتدرّب؟").fill("أريد أن أعمل محاسبة في السويد.")
    next_page(page, "التالي")

    # CV
    assert_accessible(page)
    page.set_input_files("#id_cv", str(cv))
    next_page(page, "التالي")

    # Consent
    assert_accessible(page)
    page.get_by_label("قرأت النص أعلاه وأوافق عليه.").check()
    next_page(page, "التالي")

    # Summary, then send
    assert page.get_by_role("heading", level=1).inner_text() == "راجع إجاباتك"
    assert "أميرة" in page.content() and "سيرتي.pdf" in page.content()
    assert_accessible(page)
    next_page(page, "أرسل الطلب")

    assert page.locator("html").get_attribute("dir") == "rtl"
    reference = page.locator("#reference").inner_text()
    assert REFERENCE.fullmatch(reference)
    assert_accessible(page)
    application = Application.objects.get(reference=reference)
    assert (application.language, application.role, application.first_name) == ("ar", "mentee", "أميرة")
    assert (application.occupation_wanted, application.swedish_level, application.municipality) == (
        "2411",
        "SFI_D",
        "1280",
    )
    assert application.cv_original_name == "سيرتي.pdf"
    assert OutboxMessage.objects.get().subject == f"لقد استلمنا طلبك – {reference}"


def test_a_mentor_applies_in_english(page, program):
    form = published(program, "mentor")

    page.goto(f"/apply/{form.slug}/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert_accessible(page)
    page.get_by_role("link", name="Start the application").click()

    assert_accessible(page)
    page.get_by_label("First name").fill("Erik")
    page.get_by_label("Last name").fill("Svensson")
    page.get_by_label("E-mail address").fill("erik@example.org")
    next_page(page, "Next")

    # The occupation they have now, searched with the Search button
    assert_accessible(page)
    page.get_by_label("Employed").check()
    page.get_by_label("Where do you work now?").fill("Revisionsbyrån AB")
    page.locator("#id_occupation_now_query").fill("auktoriserad revisor")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    page.locator("#occupation_now-results input[value='2411']").check()
    page.get_by_label("How many years have you worked in your occupation?").fill("15")
    assert_accessible(page)
    next_page(page, "Next")

    assert_accessible(page)
    page.get_by_label("C2 – fluent, like my mother tongue").check()
    page.get_by_label("In person", exact=True).check()
    next_page(page, "Next")

    assert_accessible(page)
    page.get_by_label("Why do you want to be a mentor?").fill("I want to give back.")
    next_page(page, "Next")

    assert_accessible(page)  # CV: optional, skipped
    next_page(page, "Next")

    assert_accessible(page)
    page.get_by_label("I have read the text above and I agree.").check()
    next_page(page, "Next")

    assert_accessible(page)
    # Change an answer from the summary, and come back to it
    page.get_by_role("link", name=re.compile(r"^Change\W+Contact details$")).click()
    page.get_by_label("First name").fill("Erika")
    next_page(page, "Save and go to the summary")
    assert "Erika" in page.content()
    next_page(page, "Send the application")

    reference = page.locator("#reference").inner_text()
    assert REFERENCE.fullmatch(reference)
    assert_accessible(page)
    application = Application.objects.get(reference=reference)
    assert (application.language, application.role, application.first_name) == ("en", "mentor", "Erika")
    assert (application.occupation_now, application.experience_years, application.meeting_format) == (
        "2411",
        15,
        "in_person",
    )
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
        page.fill("#id_occupation_wanted_query", "sjuksköterska")
        page.locator("button[name=search][value=occupation_wanted]").click()
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


def assert_accessible_without_js(page) -> None:
    """axe-core is JavaScript itself, so it checks the very same HTML at the same address in a second
    context where scripts run (the stylesheets load from the live server as usual)."""
    html, url = page.content(), page.url
    other = page.context.browser.new_context()
    try:
        copy = other.new_page()
        copy.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
        copy.goto(url)
        assert_accessible(copy)
    finally:
        other.close()


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
    page.locator("main form button[type=submit]").click()
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

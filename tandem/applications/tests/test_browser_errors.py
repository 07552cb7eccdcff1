"""Errors reach the person, in a real browser (issue 13, item 13): after a failed step the focus is on
the error summary at the top, the title starts with the word for error in the page's language, and each
item of the summary takes the keyboard to its field. With and without JavaScript; axe on every page."""

from __future__ import annotations

import pytest

from tandem.applications.tests.applicants import next_page, published
from tandem.lib.testing.browser import assert_accessible, assert_accessible_without_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEXT = {"sv": "Nästa", "en": "Next", "ar": "التالي"}
TITLE = {"sv": "Fel: ", "en": "Error: ", "ar": "خطأ: "}


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
def test_after_a_failed_step_the_focus_is_on_the_error_summary_and_the_title_says_error(page, program, lang):
    form = published(program, "mentee")
    page.goto(f"/apply/{form.slug}/{lang}/step/contact/")
    assert not page.title().startswith(TITLE[lang])
    assert_accessible(page)
    page.locator("#id_email").fill("amira@")
    page.locator("#id_birth_year").fill("1800")
    next_page(page, NEXT[lang])

    assert page.title().startswith(TITLE[lang])
    assert focused_id(page) == "error-summary"
    assert_accessible(page)
    links = page.locator("#error-summary a")
    assert links.count() == 4  # first name, last name, e-mail, year of birth
    page.keyboard.press("Tab")  # from the summary to its first item, and Enter to that field
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_first_name"
    page.keyboard.press("Enter")
    assert focused_id(page) == "id_first_name"
    links.nth(3).click()
    assert focused_id(page) == "id_birth_year"


def test_without_javascript_the_focus_lands_on_the_summary_too(browser, live_server, program):
    form = published(program, "mentee")
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"/apply/{form.slug}/sv/step/contact/")
        next_page(page, NEXT["sv"])
        assert page.title().startswith("Fel: ")
        assert page.locator("#error-summary[autofocus]").count() == 1
        assert_accessible_without_js(page)
    finally:
        context.close()


def test_the_closed_form_and_a_broken_link_read_well_in_arabic(page, program):
    """Items 1 and 15 in a real browser: the pages an applicant lands on when the road is closed."""
    form = published(program, "mentee")
    program.state = program.State.CLOSED
    program.save(update_fields=["state"])
    page.goto(f"/apply/{form.slug}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "انتهى التسجيل في هذا البرنامج" in page.content()
    assert_accessible(page)
    page.goto(f"/apply/{form.slug}/ar/step/nowhere/")
    assert page.locator("h1").inner_text() == "الصفحة غير موجودة"
    assert_accessible(page)

"""The applicant's pages on a phone (375 px wide): no menu button with nothing behind it, the languages in
sight and reachable, nothing wider than the screen, and axe-core clean, right to left included."""

from __future__ import annotations

import pytest

from tandem.applications.tests.applicants import browser_page, published
from tandem.lib.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser, live_server):
    with browser_page(browser, live_server.url, "ar") as page:
        page.set_viewport_size(PHONE)
        yield page


def assert_fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_an_applicant_on_a_phone_sees_the_languages_and_no_empty_menu_button(phone, program):
    form = published(program, "mentee")

    phone.goto(f"/apply/{form.slug}/ar/")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert phone.locator(".navbar-toggler").count() == 0
    languages = phone.locator("header nav")
    assert languages.get_attribute("aria-label") == "اللغة"
    for name in ("Svenska", "English", "العربية"):
        assert languages.get_by_role("link", name=name, exact=True).is_visible()
    assert languages.locator("[aria-current=page]").inner_text() == "العربية"
    assert_fits_the_screen(phone)
    assert_accessible(phone)

    phone.get_by_role("link", name="ابدأ الطلب").click()
    phone.wait_for_load_state()
    assert phone.locator(".navbar-toggler").count() == 0
    assert_fits_the_screen(phone)
    assert_accessible(phone)

    phone.locator("header nav").get_by_role("link", name="English", exact=True).click()
    phone.wait_for_load_state()
    assert phone.url.endswith(f"/apply/{form.slug}/en/step/contact/")  # the same page, in English
    assert phone.locator("html").get_attribute("dir") == "ltr"
    assert phone.locator(".navbar-toggler").count() == 0
    assert phone.get_by_label("First name").is_visible()
    assert_fits_the_screen(phone)
    assert_accessible(phone)


def test_staff_pages_on_a_phone_fold_the_menu_behind_a_named_button(phone):
    phone.goto("/accounts/login/")
    toggler = phone.locator(".navbar-toggler")
    assert toggler.is_visible()
    assert toggler.get_attribute("aria-label")
    language = phone.locator("#language-switch")
    assert not language.is_visible()
    toggler.click()
    language.wait_for(state="visible")  # the button opens something: the language choice
    assert_fits_the_screen(phone)
    assert_accessible(phone)

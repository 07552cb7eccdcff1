"""The applicant's pages on a phone (375 px wide): no menu button with nothing behind it, the languages in
sight and reachable, nothing wider than the screen, and axe-core clean, right to left included."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.applications.models import Application
from tandem.applications.tests.applicants import browser_page, published
from tandem.applications.tests.helpers import MENTEE_ANSWERS
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


LONG_EMAIL = "internationellamentorskapsprogrammetfornyanlanda@arbetsmarknadsforvaltningen.example"
NEXT = {"sv": "Nästa", "ar": "التالي"}
SEND = {"sv": "Skicka anmälan", "ar": "أرسل الطلب"}
OCCUPATION = {"sv": ("revisor", "2411"), "ar": ("ممرضة", "2221")}
# Sets the answers of the page by field name (radio buttons and check boxes by value), ignoring the rest.
FILL = """answers => { for (const [name, value] of Object.entries(answers)) {
  for (const field of document.getElementsByName(name)) {
    if (field.type === "radio" || field.type === "checkbox") {
      field.checked = field.value === value || (field.type === "checkbox" && value === "on");
    } else { field.value = value; }
  } } }"""


def check_the_page(page) -> None:
    assert_fits_the_screen(page)
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_every_public_page_fits_a_phone_with_a_long_contact_address(browser, live_server, program, lang):
    """Landing page, every step, the summary, the thank-you page and the withdraw page: none wider than
    375 px, also with a long address for questions and a Swedish-only introduction on the Arabic pages."""
    form = published(program, "mentee")
    form.contact_email = LONG_EMAIL
    form.intro = "Det här tar ungefär tio minuter att fylla i. Frågor? Skriv till oss."
    form.save()
    with browser_page(browser, live_server.url, lang) as page:
        page.set_viewport_size(PHONE)
        page.goto(f"/apply/{form.slug}/{lang}/")
        check_the_page(page)
        assert page.get_by_role("link", name=LONG_EMAIL).is_visible()
        if lang == "ar":
            intro = page.locator(".lead[lang=sv]")
            assert intro.get_attribute("dir") == "auto"
            assert intro.evaluate("element => getComputedStyle(element).direction") == "ltr"
            # nothing is pushed out to the left either: the header and content start on the screen
            assert page.locator("header .container").bounding_box()["x"] >= 0
            assert page.locator("main").bounding_box()["x"] >= 0
        page.locator("main a.btn-primary").click()
        page.wait_for_load_state()

        for step, answers in MENTEE_ANSWERS.items():
            assert f"/step/{step}/" in page.url
            check_the_page(page)
            page.evaluate(FILL, {k: v for k, v in answers.items() if not k.startswith("occupation")})
            if step == "occupation":
                word, code = OCCUPATION[lang]
                page.locator("#id_occupation_wanted_query").fill(word)
                page.locator(f"#occupation_wanted-results input[value='{code}']").check()
                check_the_page(page)
            next_page_button = page.get_by_role("button", name=NEXT[lang], exact=True).last
            next_page_button.click()
            page.wait_for_load_state()
            if step == "about":  # the CV page, left empty
                assert "/step/cv/" in page.url
                check_the_page(page)
                page.get_by_role("button", name=NEXT[lang], exact=True).last.click()
                page.wait_for_load_state()

        assert page.url.endswith("/summary/")
        check_the_page(page)
        page.get_by_role("button", name=SEND[lang], exact=True).click()
        page.wait_for_load_state()
        assert page.locator("#reference").is_visible()
        check_the_page(page)

        page.goto(reverse("apply:withdraw", args=[Application.objects.get().withdraw_token]))
        check_the_page(page)


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

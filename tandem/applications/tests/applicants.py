"""Applicants in a real browser: the steps through the public form that several browser tests share.

`apply_as_arabic_mentee` and `fill_in_as_english_mentor` walk the default forms of `published` the way a
person does, with axe-core on every page; `send_application` sends from the summary page and returns the
reference number shown.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

from django.utils import timezone

from tandem.applications.services import create_default_form
from tandem.applications.tests.documents import PDF
from tandem.lib.testing.browser import assert_accessible

REFERENCE = re.compile(r"TDM-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")


def published(program, role: str):
    """The program's default form for `role`, published, with an address for questions; the program
    recruiting (the form takes applications only then)."""
    program.state = program.State.RECRUITING
    program.save(update_fields=["state"])
    form = create_default_form(program, role, now=timezone.now())
    form.is_published = True
    form.contact_email = "mentorskap@framat.example"
    form.intro = "Ett program för dig som vill in i ditt yrke i Sverige."
    form.save()
    return form


@contextmanager
def browser_page(browser, base_url: str, locale: str):
    """A page in a browser context of its own (its own cookies), e.g. one per person in a test."""
    context = browser.new_context(base_url=base_url, locale=locale)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


def next_page(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).last.click()
    page.wait_for_load_state()


def apply_as_arabic_mentee(page, form, tmp_path: Path) -> str:
    """Amira Haddad applies in Arabic, right to left: an accountant looking for work in Malmö, with a CV.
    She first forgets the required motivation. Returns the reference number on the last page."""
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
    page.get_by_label("سنة الميلاد").fill("١٩٩٠")  # Arabic-Indic digits, as her phone types them
    page.locator("#id_phone").fill("٠٧٠١٢٣٤٥٦٧")
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
    reference = send_application(page, "أرسل الطلب")
    assert page.locator("html").get_attribute("dir") == "rtl"
    return reference


def fill_in_as_english_mentor(page, form, *, mentees: int | None = None) -> None:
    """Erik Svensson, an authorised public accountant, fills in the mentor form in English up to the
    summary page (not sent). `mentees`: his answer to how many mentees he can take on (else the default)."""
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
    capacity = page.get_by_role("group", name="How many mentees can you take on at the same time?")
    assert capacity.get_by_label("1", exact=True).is_checked()  # the default
    if mentees is not None:
        capacity.get_by_label(str(mentees), exact=True).check()
    next_page(page, "Next")

    assert_accessible(page)
    page.get_by_label("Why do you want to be a mentor?").fill("I want to give back.")
    next_page(page, "Next")

    assert_accessible(page)  # CV: optional, skipped
    next_page(page, "Next")

    assert_accessible(page)
    page.get_by_label("I have read the text above and I agree.").check()
    next_page(page, "Next")

    assert page.url.endswith("/summary/")
    assert_accessible(page)


def send_application(page, label: str) -> str:
    """Send from the summary page; the reference number on the page that follows (checked with axe)."""
    next_page(page, label)
    reference = page.locator("#reference").inner_text()
    assert REFERENCE.fullmatch(reference)
    assert_accessible(page)
    return reference

"""An Arabic-speaking mentee on a 375 px phone signs in by link and writes her goals; axe on every page."""

from __future__ import annotations

import re

import pytest

from tandem.lib.testing.browser import assert_accessible
from tandem.mentoring.models import PersonalGoal
from tandem.outbox.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ar")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.set_viewport_size(PHONE)
    yield page
    context.close()


def check(page) -> None:
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    assert_accessible(page)


def click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()


def test_an_arabic_speaking_mentee_signs_in_on_her_phone_and_writes_her_goals(phone, mentorships, amira):
    mentorship = mentorships["a"]
    phone.goto("/space/sign-in/?lang=ar")
    check(phone)
    phone.get_by_label("بريدك الإلكتروني").fill(amira.email)
    click(phone, "button", "أرسل لي رابط تسجيل الدخول")
    assert phone.locator("#link-sent").is_visible()
    check(phone)

    (message,) = OutboxMessage.objects.filter(kind="mentoring/emails/sign_in_link")
    link = re.search(r"https?://\S+/space/sign-in/\S+/", message.body_text).group(0)
    phone.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    check(phone)  # the page behind the link only offers a button: a mail scanner uses nothing up
    click(phone, "button", "تسجيل الدخول")
    assert phone.url.endswith(f"/space/{mentorship.pk}/")
    assert phone.get_by_role("heading", name="مرشدك: Eva").is_visible()
    check(phone)

    click(phone, "link", "اكتب أهدافك")
    check(phone)
    for goal in ("أن أعمل محاسبة في السويد", "أن أتعلم قواعد المحاسبة السويدية"):
        phone.get_by_label("هدفك").fill(goal)
        click(phone, "button", "حفظ الهدف")
        assert phone.get_by_role("heading", name=goal).is_visible()
    check(phone)
    first = PersonalGoal.objects.get(mentorship=mentorship, order=1)
    phone.locator(f"#rate-{first.pk}-3").check()
    phone.locator("form", has=phone.locator(f"#rate-{first.pk}-3")).get_by_role("button").click()
    phone.wait_for_load_state()
    assert "3/5" in phone.locator(f"section[aria-labelledby='goal-{first.pk}']").inner_text()
    check(phone)

    for name in ("اللقاءات", "المواضيع", "المساعدة"):
        click(phone, "link", name)
        check(phone)
    phone.goto(f"/space/{mentorship.pk}/settings/")
    check(phone)
    assert list(mentorship.goals.values_list("text", flat=True)) == [
        "أن أعمل محاسبة في السويد",
        "أن أتعلم قواعد المحاسبة السويدية",
    ]

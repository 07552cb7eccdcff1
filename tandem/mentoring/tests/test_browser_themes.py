"""A coordinator follows the program's pairs in Swedish and schedules a theme; the Arabic-speaking mentee
opens it on her 375 px phone and marks it used. axe-core on every page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.mentoring import signin
from tandem.mentoring.models import HelpRequest, ProgramTheme, ThemeUse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()
    assert_accessible(page)


def test_the_coordinator_handles_a_help_request_and_schedules_a_theme_the_mentee_then_uses(
    page, browser, live_server, coordinator, program, mentorships, amira
):
    a = mentorships["a"]
    request = HelpRequest.objects.create(
        mentorship=a, side="mentor", kind="no_contact", text="Amira svarar inte i telefon."
    )
    log_in(page, coordinator.email)
    page.goto(f"/programs/{program.pk}/")
    assert_accessible(page)
    click(page, "link", "Mentorskap")
    assert page.locator("#mentorships").get_by_text("Bashir Rahimi").is_visible()
    page.locator("#mentorship-filters").get_by_role("link", name="Med öppna hjälpförfrågningar").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert not page.locator("#mentorships").get_by_text("Bashir Rahimi").is_visible()
    click(page, "link", "Amira Haddad")
    assert page.get_by_text("Amira svarar inte i telefon.").is_visible()
    page.get_by_label("Vad som gjordes").fill("Ringde Amira; hon hade bytt nummer.")
    click(page, "button", "Markera som hanterad")
    assert page.get_by_text("Hjälpförfrågan är markerad som hanterad.").is_visible()
    request.refresh_from_db()
    assert request.handled_by == coordinator

    page.goto(f"/programs/{program.pk}/mentoring/")
    click(page, "link", "Teman per månad")
    page.get_by_label("Månad för Nätverk och den dolda arbetsmarknaden").fill("1")
    click(page, "button", "Välj Nätverk och den dolda arbetsmarknaden")
    assert (
        page.locator("#picked")
        .get_by_role("cell", name="Nätverk och den dolda arbetsmarknaden", exact=True)
        .is_visible()
    )
    pick = ProgramTheme.objects.get(program=program)
    assert pick.month == 1 and pick.item.starter_key == "theme-networks"

    context = browser.new_context(base_url=live_server.url, locale="ar")
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    phone.set_viewport_size(PHONE)
    try:
        link = signin.space_link_for_application(amira, timezone.now())
        phone.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
        click(phone, "button", "تسجيل الدخول")
        click(phone, "link", "المواضيع")
        first = phone.locator("#themes li").first
        assert "هذا الشهر" in first.inner_text() and "الشبكات وسوق العمل الخفي" in first.inner_text()
        click(phone, "link", "الشبكات وسوق العمل الخفي")
        assert phone.locator("html").get_attribute("dir") == "rtl"
        assert phone.locator("#theme-text [lang=sv]").is_visible()  # no Arabic full text: the Swedish, marked
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        click(phone, "button", "لقد استخدمنا هذا")
        assert phone.locator("#theme-used").is_visible()
        assert ThemeUse.objects.filter(mentorship=a, item=pick.item, side="mentee").exists()
    finally:
        context.close()

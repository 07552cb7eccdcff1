"""A coordinator finds the handbook from the program overview and adds a section of their own; the
Arabic-speaking mentee opens the handbook from "My pair" on her phone and reads it, section included.
axe-core on every page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.handbook.models import HandbookSection
from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.mentoring import signin
from tandem.programs.models import Goal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()
    assert_accessible(page)


def test_the_coordinator_adds_a_section_and_the_mentee_reads_the_handbook(
    page, browser, live_server, coordinator, program, mentorships, amira
):
    Goal.objects.create(program=program, description="Fler adepter får arbete", indicator="Andel i arbete")
    log_in(page, coordinator.email)
    page.goto(f"/programs/{program.pk}/")
    click(page, "link", "Handboken för mentorer och adepter: förhandsvisning, PDF och era egna avsnitt")
    assert page.get_by_text("Fler adepter får arbete").is_visible()
    click(page, "link", "Lägg till ett avsnitt")
    page.get_by_label("Rubrik").fill("Lokalen")
    page.get_by_label("Text").fill("Vi ses på Järntorget 3.")
    click(page, "button", "Spara")
    assert page.get_by_text("Vi ses på Järntorget 3.").is_visible()
    assert HandbookSection.objects.filter(program=program, title="Lokalen").exists()

    context = browser.new_context(base_url=live_server.url, locale="ar")
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    phone.set_viewport_size(PHONE)
    try:
        link = signin.space_link_for_application(amira, timezone.now())
        phone.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
        click(phone, "button", "تسجيل الدخول")
        click(phone, "link", "اقرأ الدليل")
        assert phone.locator("html").get_attribute("dir") == "rtl"
        assert phone.get_by_role("heading", name="ما هو المتوقع من المتدرب").is_visible()
        assert phone.get_by_text("Vi ses på Järntorget 3.").is_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()

"""The health page in a real browser with axe on every page: the coordinator opens it from the program
overview, follows a silent pair to its page, comes back and marks it "contacted" (htmx), sees who followed
up when, and the page is usable on a 375 px phone."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.health.tests.people import health_world
from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.mentoring.models import FollowUpNote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def test_the_coordinator_follows_a_silent_pair_up_from_the_health_page(page, program, coordinator):
    world = health_world(program, today=timezone.localdate())
    silent = world["silent"][0]
    name = silent.pair.mentee.full_name
    # Bootstrap fades a clicked button's colours (.15 s); axe must not measure it half-way: no transitions.
    page.emulate_media(reduced_motion="reduce")
    log_in(page, coordinator.email)
    page.goto(f"/programs/{program.pk}/")
    page.get_by_role("link", name="Programmets hälsa: vilka par behöver åtgärd").click()
    # wait_for_load_state() can return on the page being left: wait for what the new page shows
    expect(page.get_by_role("heading", name="Det här behöver åtgärdas")).to_be_visible()
    page.wait_for_load_state()  # and its styles, before axe measures contrast
    assert_accessible(page)

    page.get_by_role("link", name=f"{name} – {silent.pair.mentor.full_name}").click()
    page.wait_for_url(f"**/mentoring/{silent.pk}/")  # waits for the load, styles included
    assert_accessible(page)

    page.go_back()
    page.wait_for_load_state()
    row = page.locator(f"#pair-{silent.pk}")
    row.get_by_label(f"Uppföljning av par {silent.pk}").select_option("contacted")
    row.get_by_label(f"Anteckning om par {silent.pk} (frivillig)").fill("Ringde adepten")
    row.get_by_role("button", name="Markera").click()
    page.locator(f"#pair-{silent.pk} .follow-up", has_text="Karin Koordinator").wait_for()
    assert "Kontaktad" in page.locator(f"#pair-{silent.pk} .follow-up").inner_text()
    assert FollowUpNote.objects.get(mentorship=silent).kind == "contacted"
    assert_accessible(page)

    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "Karin Koordinator" in page.locator(f"#pair-{silent.pk}").inner_text()
    assert page.get_by_role("link", name=f"{name} – {silent.pair.mentor.full_name}").is_visible()
    assert_accessible(page)

"""The life cycle in a real browser, axe on every page: the coordinator's retention page, a pair's page
to the person's export and erasure, the admin's record of processing, and a mentee's withdrawal in Arabic."""

from __future__ import annotations

import pytest

from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.privacy.models import Anonymised
from tandem.privacy.tests.world import sentinel_person
from tandem.privacy.withdrawal import forget_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_retention_export_erasure_record_and_withdrawal(
    page, browser, live_server, admin, program, settings, tmp_path
):
    settings.PRIVATE_STORAGE_DIR = tmp_path
    world = sentinel_person(program)
    log_in(page, admin.email)

    page.goto(f"/privacy/programs/{program.pk}/retention/")
    assert_accessible(page)
    page.fill("#id_rejected", "3")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.input_value("#id_rejected") == "3"
    assert_accessible(page)

    page.goto(f"/programs/{program.pk}/mentoring/{world['mentorship'].pk}/")
    page.get_by_role("link", name="Allt Tandem har (export)").first.click()
    page.wait_for_load_state()
    assert "Sentinelname" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("link", name="Radera personens uppgifter").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.fill("#id_reason", "Personen bad om det per telefon")
    page.check("#id_confirm")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert Anonymised.objects.filter(application=world["person"]).exists()
    assert_accessible(page)

    page.goto(f"/privacy/organisations/{program.organisation.pk}/record/")
    assert program.name in page.inner_text("main")
    assert_accessible(page)

    mentee = world["b"].pair.mentee  # Bashir, of the other pair
    mentee.language = "ar"
    mentee.save()
    other = browser.new_context(base_url=live_server.url, locale="ar")
    try:
        visitor = other.new_page()
        visitor.goto(f"/privacy/forget/{forget_token(program.pk, mentee.email)}/")
        assert visitor.get_attribute("html", "dir") == "rtl"
        assert_accessible(visitor)
        visitor.click("main form button[type=submit]")
        visitor.wait_for_load_state()
        assert "تم حذف معلوماتك" in visitor.inner_text("main")
        assert_accessible(visitor)
    finally:
        other.close()
    assert Anonymised.objects.filter(application=mentee, cause="withdrawal").exists()

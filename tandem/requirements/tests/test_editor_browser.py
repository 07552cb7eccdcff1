"""The requirement-profile editor in a real browser: the pass count follows the form as it is filled in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandem.factories import ApplicationFactory
from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.requirements.models import Criterion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pass_count_updates_live_while_a_criterion_is_written(page, coordinator, program):
    for level in ("A2", "B1", "B2", "C1"):
        ApplicationFactory(program=program, swedish_level=level)
    log_in(page, coordinator.email)

    page.goto(f"/programs/{program.pk}/requirements/mentee/")
    assert "4 av 4 nuvarande sökande skulle gå vidare" in page.inner_text("main")
    assert_accessible(page)

    page.select_option("#id_kind", "swedish_level")
    page.click("main form[method=get] button[type=submit]")
    page.wait_for_url("**/add/?kind=swedish_level")
    assert_accessible(page)

    page.select_option("#id_min_level", "B2")  # htmx posts the form and swaps in the new count
    expect(page.locator("#pass-count")).to_contain_text("2 av 4")  # no string eval: the CSP forbids it
    page.select_option("#id_min_level", "SFI_D")  # SFI D counts as B1
    expect(page.locator("#pass-count")).to_contain_text("3 av 4")
    assert_accessible(page)
    assert not Criterion.objects.exists()  # nothing is saved while previewing

    page.click("main button[value=save]")
    page.wait_for_url(f"**/programs/{program.pk}/requirements/mentee/")
    assert "Svenska minst B1" in page.inner_text("main")
    assert "3 av 4 nuvarande sökande skulle gå vidare" in page.inner_text("main")
    assert_accessible(page)

"""The occupation picker in a real browser: search, tick, search again, tick, save, with and without
JavaScript, by keyboard too, and axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandem.factories import ApplicationFactory
from tandem.lib.testing.browser import assert_accessible, assert_accessible_without_js, log_in
from tandem.requirements.models import Criterion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _count(page, text: str) -> None:
    expect(page.locator("#pass-count")).to_contain_text(text)  # no string eval: the CSP forbids it


def test_search_tick_search_again_tick_and_save(page, coordinator, program):
    for wanted in ("2221", "2411", "5120"):
        ApplicationFactory(program=program, occupation_wanted=wanted)
    log_in(page, coordinator.email)

    page.goto(f"/programs/{program.pk}/requirements/mentee/")
    page.select_option("#id_kind", "occupation")
    page.click("main form[method=get] button[type=submit]")
    page.wait_for_url("**/add/?kind=occupation")
    assert not page.locator("#occupation-chosen input").count()
    assert_accessible(page)

    page.fill("#id_query", "sjuksköterska")  # htmx posts the form while typing and swaps in the hits
    page.wait_for_selector("#occupation-hit-2221")
    assert "222 Sjuksköterskor" in page.inner_text("#occupation-hits")
    assert page.inner_text("#occupation-hit-count").startswith("16 ")  # "16 groups found", announced
    assert_accessible(page)
    page.check("#occupation-hit-2221")  # the pass count follows the ticked box
    _count(page, "1 av 3")

    # Search again by keyboard only: the chosen group moves up to the chosen list and stays ticked.
    page.focus("#id_query")
    page.keyboard.press("Control+A")
    page.keyboard.type("revisor")
    page.wait_for_selector("#occupation-hit-2411")
    assert page.is_checked("#occupation-chosen-2221")
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the first hit: 2411 Revisorer m.fl.
    assert page.evaluate("document.activeElement.id") == "occupation-hit-2411"
    page.keyboard.press("Space")
    assert page.is_checked("#occupation-hit-2411")
    _count(page, "2 av 3")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # Enter in the search box searches again, in place (htmx)
    page.wait_for_timeout(300)
    assert page.url.endswith("/add/?kind=occupation")
    assert page.is_checked("#occupation-chosen-2221") and page.is_checked("#occupation-chosen-2411")
    assert_accessible(page)
    assert not Criterion.objects.exists()  # nothing is saved while searching

    page.press("#id_weight", "Enter")  # Enter in any other field saves, as in every other form
    page.wait_for_url(f"**/programs/{program.pk}/requirements/mentee/")
    main = page.inner_text("main")
    assert "2221 Grundutbildade sjuksköterskor" in main and "2411 Revisorer m.fl." in main
    assert "2 av 3 nuvarande sökande skulle gå vidare" in main
    assert Criterion.objects.get().params["codes"] == ["2221", "2411"]
    assert_accessible(page)

    # Editing it again shows both as chosen.
    page.click("main a.btn-outline-primary")
    assert page.is_checked("#occupation-chosen-2221") and page.is_checked("#occupation-chosen-2411")
    assert_accessible(page)


def test_without_javascript_the_search_button_lists_hits_and_keeps_the_choice(
    browser, live_server, coordinator, program
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        log_in(page, coordinator.email)
        page.goto(f"/programs/{program.pk}/requirements/mentee/add/?kind=occupation")
        page.check("#id_importance_1")  # should
        page.fill("#id_weight", "4")

        page.fill("#id_query", "barnmorska")
        page.press("#id_query", "Enter")  # the form's first button: Search
        page.wait_for_selector("#occupation-hit-2222")
        assert "2222 Barnmorskor" in page.inner_text("#occupation-hits")
        assert_accessible_without_js(page)
        page.check("#occupation-hit-2222")

        page.fill("#id_query", "kock")
        page.click("#occupation-search button[value=search]")
        page.wait_for_selector("#occupation-hit-5120")
        assert page.is_checked("#occupation-chosen-2222")
        assert page.is_checked("#id_importance_1") and page.input_value("#id_weight") == "4"
        assert not Criterion.objects.exists()
        page.check("#occupation-hit-5120")
        assert_accessible_without_js(page)

        page.click("main button[value=save]")
        page.wait_for_url(f"**/programs/{program.pk}/requirements/mentee/")
        assert "2222 Barnmorskor" in page.inner_text(
            "main"
        ) and "5120 Kockar och kallskänkor" in page.inner_text("main")
        criterion = Criterion.objects.get()
        assert (criterion.importance, criterion.weight, criterion.params["codes"]) == (
            "should",
            4,
            ["2222", "5120"],
        )
        assert_accessible_without_js(page)
    finally:
        context.close()

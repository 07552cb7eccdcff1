"""The pages around logging in, checked in a real browser with axe-core."""

import pytest
from playwright.sync_api import expect

from tandem.lib.testing.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lockout_and_password_reset_pages_are_accessible(page, coordinator):
    for _attempt in range(5):
        log_in(page, coordinator.email, "not the password")
    assert page.locator("h1").count() == 1
    assert page.locator("main a[href='/accounts/password-reset/']").is_visible()
    assert_accessible(page)

    page.click("main a[href='/accounts/password-reset/']")
    assert_accessible(page)
    page.fill("#id_email", coordinator.email)
    page.click("main button[type=submit]")
    page.wait_for_url("**/password-reset/sent/")
    assert_accessible(page)


def test_my_settings_page_is_accessible_also_with_an_error(page, coordinator):
    log_in(page, coordinator.email)
    page.click("header a[href='/accounts/me/']")
    page.wait_for_url("**/accounts/me/")
    assert_accessible(page)

    page.fill("#id_full_name", "")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#id_full_name_error").is_visible()
    assert_accessible(page)


def test_the_organisation_settings_and_the_accessibility_statement_are_accessible(
    page, live_server, admin, org
):
    log_in(page, admin.email)
    page.goto(f"{live_server.url}/accounts/organisations/{org.pk}/settings/")
    page.fill("#id_reply_to_email", "not an address")
    page.fill("#id_accessibility_email", "tillganglighet@framat.example")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#id_reply_to_email_error").is_visible()
    assert_accessible(page)

    page.fill("#id_reply_to_email", "mentor@framat.example")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.click("main a[href$='/sv/']")  # "See the accessibility statement"
    expect(page.locator("main a[href='mailto:tillganglighet@framat.example']")).to_be_visible()
    assert_accessible(page)
    page.click("header a[hreflang='ar']")
    page.wait_for_url("**/ar/")
    assert page.locator("html[dir='rtl']").count() == 1
    assert_accessible(page)

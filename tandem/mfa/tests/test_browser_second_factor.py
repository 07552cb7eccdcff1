"""A coordinator's first log-in sets up the authenticator app, a later one asks for its code, and a
recovery code works once, in a real browser with axe on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.mfa.services import confirmed_authenticator
from tandem.mfa.tests.helpers import app_code, code_for_secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page) -> None:
    page.click("header form[action$='/accounts/logout/'] button")
    page.wait_for_url("**/accounts/login/")


def test_a_coordinator_sets_up_the_app_logs_in_with_a_code_and_uses_a_recovery_code(page, coordinator):
    log_in(page, coordinator.email, second_factor=True)
    page.wait_for_url("**/accounts/second-factor/set-up/**")
    assert page.locator("main svg.mfa-qr").is_visible()
    assert_accessible(page)

    secret = page.locator("#secret").inner_text()
    page.fill("#id_code", "000000")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#id_code_error").is_visible()  # a wrong code: said next to the field
    assert_accessible(page)
    page.fill("#id_code", code_for_secret(secret))
    page.click("main button[type=submit]")
    page.wait_for_url("**/recovery-codes/")
    codes = page.locator("ul.mfa-codes li").all_inner_texts()
    assert len(codes) == 10
    assert page.locator("[data-print]").is_visible()  # the script shows the print button
    assert_accessible(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/programs/")
    assert_accessible(page)
    log_out(page)

    with time_machine.travel(timezone.now() + timedelta(seconds=31)):  # the app's next code
        log_in(page, coordinator.email, second_factor=True)
        page.wait_for_url("**/accounts/second-factor/verify/**")
        assert_accessible(page)
        page.fill("#id_code", app_code(confirmed_authenticator(coordinator)))
        page.click("main button[type=submit]")
        page.wait_for_url("**/programs/")
        log_out(page)

        log_in(page, coordinator.email, second_factor=True)
        page.wait_for_url("**/accounts/second-factor/verify/**")
        page.fill("#id_code", codes[0])
        page.click("main button[type=submit]")
        page.wait_for_url("**/programs/")
        assert page.locator("[role=status]").first.is_visible()  # how many codes are left
        assert_accessible(page)
        log_out(page)

        log_in(page, coordinator.email, second_factor=True)  # the same recovery code again
        page.fill("#id_code", codes[0])
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("#id_code_error").is_visible()
        assert_accessible(page)

"""Playwright + Debian's Chromium for browser tests, with axe-core on every page.

Under CI=true a missing browser fails the run; on a developer's machine it skips the browser tests.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def without_motion(browser) -> None:
    """Make every context of this browser prefer reduced motion, so Bootstrap drops its transitions.

    Axe measures colours as they are at that instant: run right after a click, it could measure a
    button half-way through Bootstrap's 0.15 s fade and report a contrast failure that no person sees.
    Chromium's --force-prefers-reduced-motion switch does nothing headless, so the default goes on
    `new_context` itself (tests that pass `reduced_motion` still choose for themselves).
    """
    new_context = browser.new_context

    def new_context_without_motion(**options):
        options.setdefault("reduced_motion", "reduce")
        return new_context(**options)

    browser.new_context = new_context_without_motion


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


def require_chromium() -> None:
    if chromium_available():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Chromium is missing at {CHROMIUM}; CI must install it (make browser-deps)")
    pytest.skip("Chromium is not installed (make browser-deps installs it)")


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now: no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    serious = [v for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious] + [
        page.url
    ]


def assert_accessible_without_js(page) -> None:
    """For a page opened with JavaScript off: axe-core is JavaScript itself, so it checks the very same
    HTML at the same address in a second context where scripts run (stylesheets load as usual)."""
    html, url = page.content(), page.url
    other = page.context.browser.new_context()
    try:
        copy = other.new_page()
        copy.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
        copy.goto(url)
        assert_accessible(copy)
    finally:
        other.close()


def log_in(page, email: str, password: str | None = None, *, second_factor: bool = False) -> None:
    """Log in through the real login form (the cast's password by default).

    Journeys not about the second factor exempt the person from it (as the demo's accounts are);
    with `second_factor=True` the journey meets the set-up or code page itself."""
    from tandem.accounts.models import User
    from tandem.factories import PASSWORD
    from tandem.lib.testing.sessions import exempt_from_second_factor

    if not second_factor:
        exempt_from_second_factor(User.objects.get(email=email))

    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password or PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()

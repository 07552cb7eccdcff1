import pytest

from tandem.lib.testing.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_and_program_list_are_accessible(page, coordinator):
    page.goto("/accounts/login/")
    assert_accessible(page)
    log_in(page, coordinator.email)
    assert page.url.endswith("/programs/")
    assert_accessible(page)

"""An admin invites a colleague, who joins from the e-mail's link: in Swedish, and in English."""

import pytest

from tandem.accounts.models import Membership, User
from tandem.accounts.tests.helpers import link_path
from tandem.lib.testing.browser import assert_accessible, log_in
from tandem.outbox.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD_PASSWORD = "mentorskap ger vingar"


def page_language(page) -> str:
    return page.locator("html").get_attribute("lang")


def switch_language(page, language: str) -> None:
    page.select_option("#language-switch", language)
    page.click("header form[action$='/i18n/setlang/'] button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_admin_invites_a_colleague_who_joins_from_the_email(
    page, browser, live_server, admin, org, language
):
    email = f"nykomling-{language}@framat.example"
    log_in(page, admin.email)
    assert_accessible(page)
    if language != "sv":
        switch_language(page, language)
        assert_accessible(page)
    assert page_language(page) == language

    page.click("header a[href='/accounts/organisations/']")
    page.wait_for_url(f"**/accounts/organisations/{org.pk}/")
    assert_accessible(page)
    page.click(f"main a[href='/accounts/organisations/{org.pk}/people/']")
    page.wait_for_url("**/people/")
    assert_accessible(page)
    page.click(f"main a[href='/accounts/organisations/{org.pk}/invitations/']")
    page.wait_for_url("**/invitations/")
    assert_accessible(page)
    page.fill("#id_email", email)
    page.select_option("#id_language", language)
    page.click("main form[novalidate] button[type=submit]")
    page.wait_for_load_state()
    assert page.get_by_role("rowheader", name=email).is_visible()
    assert_accessible(page)

    link = link_path(OutboxMessage.objects.get(to=[email]), "/accounts/invitations/")
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    newcomer = context.new_page()
    newcomer.set_default_timeout(10_000)
    newcomer.goto(link)
    assert page_language(newcomer) == language
    assert_accessible(newcomer)

    newcomer.fill("#id_full_name", "Nora Nykomling")
    newcomer.fill("#id_password1", "kort")
    newcomer.fill("#id_password2", "kort")
    newcomer.click("main button[type=submit]")
    newcomer.wait_for_load_state()
    assert newcomer.locator("#id_password2_error").is_visible()
    assert newcomer.locator("#id_full_name").input_value() == "Nora Nykomling"
    assert_accessible(newcomer)

    newcomer.fill("#id_password1", GOOD_PASSWORD)
    newcomer.fill("#id_password2", GOOD_PASSWORD)
    newcomer.click("main button[type=submit]")
    newcomer.wait_for_url("**/accounts/login/?next=*")  # the same answer had the address an account
    assert_accessible(newcomer)
    newcomer.fill("input[name=username]", email)
    newcomer.fill("input[name=password]", GOOD_PASSWORD)
    newcomer.click("main button[type=submit]")
    newcomer.wait_for_url("**/accounts/invitations/**")
    newcomer.click("main form button[type=submit]")
    newcomer.wait_for_url(f"**/accounts/organisations/{org.pk}/")
    assert newcomer.locator("header form[action$='/accounts/logout/'] button").is_visible()
    assert page_language(newcomer) == language
    assert_accessible(newcomer)
    context.close()

    user = User.objects.get(email=email)
    assert user.language == language
    assert Membership.objects.filter(user=user, organisation=org).count() == 1
    admin.refresh_from_db()
    assert admin.language == language  # the admin's navbar choice is remembered too

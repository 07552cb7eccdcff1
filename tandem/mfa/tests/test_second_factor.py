"""Staff's second factor: set-up on first log-in, the code after the password, recovery codes, the
optional case, the admin's reset, throttled guessing and the demo's exemption."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.audit.models import AuditEvent
from tandem.factories import PASSWORD
from tandem.lib.testing.pages import EN, field_error, points_at_error, shown_messages, text
from tandem.lib.testing.sessions import log_in_with_password_only
from tandem.mfa import services
from tandem.mfa.models import Exemption
from tandem.mfa.tests.helpers import app_code, code_for_secret, shown_recovery_codes, shown_secret

SET_UP = "/accounts/second-factor/set-up/"
VERIFY = "/accounts/second-factor/verify/"
CODES = "/accounts/second-factor/recovery-codes/"
PROGRAMS = "/programs/"


def set_up_authenticator(client, user) -> tuple[TOTPDevice, list[str]]:
    """Go through the set-up page as a person would; the device and the recovery codes shown."""
    page = client.get(SET_UP, **EN)
    done = client.post(SET_UP, {"code": code_for_secret(shown_secret(page.content.decode()))}, **EN)
    assert done["Location"] == CODES
    codes = shown_recovery_codes(client.get(CODES, **EN).content.decode())
    return TOTPDevice.objects.get(user=user, confirmed=True), codes


def log_in_again(client, user) -> None:
    client.logout()
    log_in_with_password_only(client, user)


def test_a_coordinator_cannot_reach_any_staff_page_before_setting_up_a_second_factor(client, coordinator):
    log_in_with_password_only(client, coordinator)

    for url in (PROGRAMS, reverse("accounts:me"), reverse("outbox:list")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(SET_UP + "?next=")
    assert client.post(reverse("accounts:me"), {"full_name": "X", "language": "sv"})["Location"] == SET_UP


def test_an_organisation_admin_must_set_one_up_too(client, admin):
    log_in_with_password_only(client, admin)

    assert client.get(PROGRAMS)["Location"].startswith(SET_UP)


def test_the_set_up_page_shows_the_qr_code_inline_and_the_secret_to_type(client, coordinator):
    log_in_with_password_only(client, coordinator)

    page = client.get(SET_UP, **EN)

    html = page.content.decode()
    assert page.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "<img" not in html
    assert len(shown_secret(html).replace(" ", "")) == 32
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    # The same secret on a second visit (a code scanned a minute ago still fits).
    assert shown_secret(client.get(SET_UP).content.decode()) == shown_secret(html)


def test_a_wrong_first_code_is_refused_next_to_the_field_and_nothing_is_turned_on(client, coordinator):
    log_in_with_password_only(client, coordinator)
    client.get(SET_UP)

    response = client.post(SET_UP, {"code": "000000"}, **EN)

    assert response.status_code == 200
    assert "does not fit" in field_error(response, "id_code")
    assert points_at_error(response, "id_code")
    assert not services.has_second_factor(coordinator)
    assert client.get(PROGRAMS)["Location"].startswith(SET_UP)


def test_the_first_code_turns_it_on_and_shows_ten_recovery_codes_once(client, coordinator):
    log_in_with_password_only(client, coordinator)
    client.get(f"{SET_UP}?next=/accounts/me/")
    page = client.get(SET_UP, **EN)

    confirmed = client.post(
        SET_UP, {"code": code_for_secret(shown_secret(page.content.decode())), "next": "/accounts/me/"}
    )

    assert confirmed["Location"] == CODES
    codes = shown_recovery_codes(client.get(CODES).content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    download = client.get(reverse("mfa:recovery_codes_download"), **EN)
    assert download["Content-Disposition"].startswith("attachment")
    assert all(code in download.content.decode() for code in codes)
    assert client.post(reverse("mfa:recovery_codes_done"))["Location"] == "/accounts/me/"
    assert shown_recovery_codes(client.get(CODES).content.decode()) == []  # shown only once
    assert client.get(PROGRAMS).status_code == 200
    assert AuditEvent.objects.filter(action="mfa.enabled", actor=coordinator).count() == 1


def test_after_the_password_the_code_from_the_app_lets_the_person_in(client, coordinator):
    log_in_with_password_only(client, coordinator)
    device, _ = set_up_authenticator(client, coordinator)
    log_in_again(client, coordinator)

    assert client.get("/accounts/me/")["Location"] == f"{VERIFY}?next=%2Faccounts%2Fme%2F"
    session_before = client.cookies["sessionid"].value
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):  # the next code (each works once)
        response = client.post(VERIFY, {"code": app_code(device), "next": "/accounts/me/"})

    assert response["Location"] == "/accounts/me/"
    assert client.cookies["sessionid"].value != session_before  # a new session key once verified
    assert client.get("/accounts/me/").status_code == 200


def test_a_wrong_code_says_so_and_the_person_stays_outside(client, coordinator):
    log_in_with_password_only(client, coordinator)
    set_up_authenticator(client, coordinator)
    log_in_again(client, coordinator)

    response = client.post(VERIFY, {"code": "123456"}, **EN)

    assert "does not fit" in field_error(response, "id_code")
    assert client.get(PROGRAMS)["Location"].startswith(VERIFY)


def test_five_wrong_codes_pause_even_the_right_one_for_fifteen_minutes(client, coordinator):
    log_in_with_password_only(client, coordinator)
    device, _ = set_up_authenticator(client, coordinator)
    log_in_again(client, coordinator)
    for _attempt in range(5):
        client.post(VERIFY, {"code": "123456"})

    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        paused = client.post(VERIFY, {"code": app_code(device)}, **EN)
    assert paused.status_code == 429
    assert "Too many wrong codes" in text(paused)
    assert client.get(PROGRAMS)["Location"].startswith(VERIFY)

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert client.post(VERIFY, {"code": app_code(device)})["Location"] == PROGRAMS


def test_a_recovery_code_works_once(client, coordinator):
    log_in_with_password_only(client, coordinator)
    _, codes = set_up_authenticator(client, coordinator)
    log_in_again(client, coordinator)

    used = client.post(VERIFY, {"code": codes[0].upper()}, **EN)

    assert used["Location"] == PROGRAMS
    assert "9 are left" in shown_messages(client.get(PROGRAMS, **EN))[0]
    log_in_again(client, coordinator)
    again = client.post(VERIFY, {"code": codes[0]}, **EN)
    assert again.status_code == 200 and "does not fit" in field_error(again, "id_code")
    assert StaticToken.objects.filter(device__user=coordinator).count() == 9
    assert AuditEvent.objects.filter(action="mfa.recovery_code_used", actor=coordinator).count() == 1


def test_new_recovery_codes_replace_the_old_ones(client, coordinator):
    log_in_with_password_only(client, coordinator)
    _, old = set_up_authenticator(client, coordinator)

    made = client.post(reverse("mfa:recovery_codes_new"))

    assert made["Location"] == CODES
    new = shown_recovery_codes(client.get(CODES).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    log_in_again(client, coordinator)
    assert client.post(VERIFY, {"code": old[1]}).status_code == 200  # refused
    assert client.post(VERIFY, {"code": new[1]})["Location"] == PROGRAMS


def test_the_password_alone_cannot_replace_the_authenticator(client, coordinator):
    log_in_with_password_only(client, coordinator)
    device, _ = set_up_authenticator(client, coordinator)
    log_in_again(client, coordinator)

    assert client.get(SET_UP)["Location"].startswith(VERIFY)
    assert client.post(SET_UP, {"code": "000000"})["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=coordinator)) == [device]


@pytest.mark.parametrize("person", ["viewer", "partner_coordinator"])
def test_viewers_and_partner_coordinators_may_go_without(client, cast, person):
    log_in_with_password_only(client, cast[person])

    assert client.get(PROGRAMS).status_code == 200
    assert "Set up a second factor" in text(client.get(reverse("mfa:security"), **EN))


def test_a_viewer_turns_it_on_from_the_account_page_and_off_again(client, viewer):
    log_in_with_password_only(client, viewer)
    device, _ = set_up_authenticator(client, viewer)
    log_in_again(client, viewer)
    assert client.get(PROGRAMS)["Location"].startswith(VERIFY)  # on: asked for like everyone else
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        client.post(VERIFY, {"code": app_code(device)})

    off = client.post(reverse("mfa:turn_off"), **EN)

    assert off["Location"] == reverse("mfa:security")
    assert not services.has_second_factor(viewer)
    log_in_again(client, viewer)
    assert client.get(PROGRAMS).status_code == 200


def test_a_coordinator_cannot_turn_it_off(client, coordinator):
    log_in_with_password_only(client, coordinator)
    set_up_authenticator(client, coordinator)

    response = client.post(reverse("mfa:turn_off"), **EN, follow=True)

    assert "must keep a second factor" in text(response)
    assert services.has_second_factor(coordinator)


def test_an_admin_resets_a_members_second_factor_and_it_is_audited(client, admin, coordinator):
    log_in_with_password_only(client, coordinator)
    set_up_authenticator(client, coordinator)
    lost_phone = Client()  # the member's other browser, signed in with the second factor passed
    lost_phone.force_login(coordinator)
    assert lost_phone.get(PROGRAMS).status_code == 200
    membership = coordinator.memberships.get()
    client.force_login(admin)

    listing = client.get(reverse("mfa:organisation", kwargs={"pk": membership.organisation_id}), **EN)
    assert "Karin Koordinator" in text(listing)
    reset = client.post(
        reverse("mfa:member_reset", kwargs={"pk": membership.organisation_id, "membership_pk": membership.pk})
    )

    assert reset.status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not StaticToken.objects.filter(device__user=coordinator).exists()
    event = AuditEvent.objects.get(action="mfa.reset")
    assert event.actor == admin and event.data == {"user_id": coordinator.pk}
    ended = lost_phone.get(PROGRAMS)  # every session the member had open has ended
    assert ended.status_code == 302 and ended["Location"].startswith(reverse("accounts:login"))
    coordinator.refresh_from_db()  # as a log-in reads the account
    log_in_again(client, coordinator)
    assert client.get(PROGRAMS)["Location"].startswith(SET_UP)  # a new one at the next log-in


def test_the_member_list_takes_a_fixed_number_of_queries(client, admin, org, django_assert_num_queries):
    from tandem.factories import MembershipFactory, UserFactory

    for _ in range(5):
        MembershipFactory(organisation=org, user=UserFactory())
    client.force_login(admin)
    url = reverse("mfa:organisation", kwargs={"pk": org.pk})
    client.get(url)
    # session, user, the admin check, the count, the page's memberships, their devices
    with django_assert_num_queries(6):
        client.get(url)


def test_an_exempt_account_logs_in_with_the_password_alone(client, coordinator):
    Exemption.objects.create(user=coordinator, reason="demo account")
    response = client.post("/accounts/login/", {"username": coordinator.email, "password": PASSWORD})

    assert client.get(response["Location"]).status_code == 200


def test_recovery_codes_are_stored_as_keyed_hashes(client, coordinator):
    log_in_with_password_only(client, coordinator)
    _, codes = set_up_authenticator(client, coordinator)

    stored = set(StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True))

    assert len(stored) == 10
    assert not stored & {code.replace("-", "") for code in codes}


def test_an_htmx_request_without_the_second_factor_loads_the_set_up_page_whole(client, coordinator):
    log_in_with_password_only(client, coordinator)

    response = client.get(PROGRAMS, HTTP_HX_REQUEST="true")

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(SET_UP)


def test_a_verified_session_costs_the_middleware_no_query(rf, coordinator, django_assert_num_queries):
    from django.contrib.sessions.backends.cache import SessionStore

    from tandem.mfa.middleware import SecondFactorMiddleware

    request = rf.get(PROGRAMS)
    request.user = coordinator
    request.session = SessionStore()
    services.mark_verified(request.session, coordinator)
    middleware = SecondFactorMiddleware(lambda request: "the page")

    with django_assert_num_queries(0):
        assert middleware(request) == "the page"

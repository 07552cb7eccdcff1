from datetime import timedelta

import time_machine
from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import tandem.settings
from tandem.accounts.tests.helpers import in_english
from tandem.factories import PASSWORD

LOGIN = "/accounts/login/"


def test_production_settings_hash_passwords_with_argon2():
    assert tandem.settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=tandem.settings.PASSWORD_HASHERS):
        assert identify_hasher(make_password("a long secret phrase")).algorithm == "argon2"


def test_staff_log_in_with_email_and_password_and_land_on_the_program_list(client, viewer):
    response = client.post(LOGIN, {"username": viewer.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("programs:list")
    assert client.get(reverse("accounts:me")).status_code == 200  # a viewer needs no second factor


def test_the_email_address_is_not_case_sensitive(client, coordinator):
    response = client.post(LOGIN, {"username": coordinator.email.upper(), "password": PASSWORD})

    assert response.status_code == 302


def test_login_page_links_to_password_reset(client):
    response = client.get(LOGIN)

    assert reverse("accounts:password_reset").encode() in response.content


def test_wrong_password_says_so_without_telling_whether_the_address_exists(client, coordinator):
    in_english(client)
    wrong_password = client.post(LOGIN, {"username": coordinator.email, "password": "not the password"})
    unknown_address = client.post(LOGIN, {"username": "nobody@framat.example", "password": "whatever 123"})

    assert wrong_password.status_code == unknown_address.status_code == 200
    message = "The e-mail address or the password is wrong."
    assert message in wrong_password.content.decode()
    assert message in unknown_address.content.decode()
    assert (
        wrong_password.context["form"].non_field_errors()
        == unknown_address.context["form"].non_field_errors()
    )
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_pause_the_login_for_fifteen_minutes(client, coordinator):
    in_english(client)
    wrong = {"username": coordinator.email, "password": "not the password"}
    shouting = {"username": coordinator.email.upper(), "password": "not the password"}
    for attempt in range(4):  # the address counts the same in any case
        assert client.post(LOGIN, shouting if attempt % 2 else wrong).status_code == 200

    locked = client.post(LOGIN, wrong)

    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    assert "try again in 15 minutes" in locked.content.decode()
    # Even the right password is refused while the pause lasts ...
    assert client.post(LOGIN, {"username": coordinator.email, "password": PASSWORD}).status_code == 429
    # ... but only for this address from this computer.
    other_computer = client.post(
        LOGIN, {"username": coordinator.email, "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert other_computer.status_code == 302

    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        response = client.post(LOGIN, {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 302


def test_the_lockout_page_is_in_the_active_language(client, coordinator):
    client.cookies["django_language"] = "sv"
    wrong = {"username": coordinator.email, "password": "not the password"}
    for _attempt in range(5):
        response = client.post(LOGIN, wrong)

    assert response.status_code == 429
    assert '<html lang="sv"' in response.content.decode()


def test_behind_a_proxy_one_clients_wrong_passwords_do_not_lock_out_the_others(client, coordinator, settings):
    """Issue 12, item 2: every client used to have the proxy's address, so five wrong passwords from
    anyone locked the real user out everywhere."""
    settings.TRUSTED_PROXY_COUNT = 1
    wrong = {"username": coordinator.email, "password": "not the password"}
    for _attempt in range(5):
        response = client.post(LOGIN, wrong, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert response.status_code == 429

    right = {"username": coordinator.email, "password": PASSWORD}
    real_user = client.post(LOGIN, right, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert real_user.status_code == 302


def test_one_computer_trying_many_addresses_is_paused(client, coordinator, settings):
    """Issue 12, item 6: axes counted per address + computer, so one computer could try every address."""
    settings.LOGIN_CLIENT_FAILURE_LIMIT = 4
    in_english(client)
    for number in range(4):
        response = client.post(LOGIN, {"username": f"guess{number}@framat.example", "password": "x" * 12})
        assert response.status_code == 200

    paused = client.post(LOGIN, {"username": coordinator.email, "password": PASSWORD})

    assert paused.status_code == 429
    assert "Too many failed log-ins have come from this computer" in paused.content.decode()
    assert "_auth_user_id" not in client.session
    other_computer = client.post(
        LOGIN, {"username": coordinator.email, "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert other_computer.status_code == 302
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        assert client.post(LOGIN, {"username": coordinator.email, "password": PASSWORD}).status_code == 302


def test_an_unknown_address_costs_one_check_against_a_fixed_dummy_hash_and_no_new_hash(
    client, db, monkeypatch
):
    """Issue 12, item 6: an unknown user made a fresh (100 MiB Argon2) hash; now it costs one check,
    like a known user's, so the timing stays flat and no salt or hash is made per attempt."""
    from django.contrib.auth import hashers

    from tandem.accounts import backends

    made, checked = [], []
    real_make, real_check = hashers.make_password, hashers.check_password
    backends.dummy_password_hash()  # made once per process, before any attempt
    monkeypatch.setattr(
        "django.contrib.auth.hashers.make_password", lambda *a, **k: made.append(a) or real_make(*a, **k)
    )

    def check(password, encoded):
        checked.append(encoded)
        return real_check(password, encoded)

    monkeypatch.setattr(backends, "check_password", check)

    client.post(LOGIN, {"username": "nobody@framat.example", "password": "whatever 123"})
    client.post(LOGIN, {"username": "someone@framat.example", "password": "whatever 456"})

    assert made == []
    assert checked == [backends.dummy_password_hash()] * 2

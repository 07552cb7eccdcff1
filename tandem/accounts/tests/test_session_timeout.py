"""Staff sessions end after SESSION_IDLE_TIMEOUT minutes without a request and SESSION_ABSOLUTE_LIFETIME
hours after the log-in; the log-in page then says why, in the person's language."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tandem.factories import PASSWORD
from tandem.lib.testing.pages import shown_messages
from tandem.lib.testing.sessions import pass_second_factor

PROGRAMS = "/programs/"


@pytest.fixture(autouse=True)
def clock_on(settings):
    settings.SESSION_IDLE_TIMEOUT = 30
    settings.SESSION_ABSOLUTE_LIFETIME = 12


@pytest.fixture
def signed_in(client, viewer):
    client.post("/accounts/login/", {"username": viewer.email, "password": PASSWORD})
    return client


def test_a_request_within_the_idle_time_keeps_the_session(signed_in):
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=29)):
        assert signed_in.get(PROGRAMS).status_code == 200
    with time_machine.travel(start + timedelta(minutes=58)):  # 29 minutes after the last request
        assert signed_in.get(PROGRAMS).status_code == 200


def test_thirty_idle_minutes_log_out_and_the_log_in_page_says_why_in_swedish(signed_in):
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = signed_in.get(PROGRAMS)

        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=%2Fprograms%2F"
        page = signed_in.get(response["Location"])
    assert "30 minuter" in shown_messages(page)[0]
    assert signed_in.get(PROGRAMS)["Location"].startswith("/accounts/login/")  # really logged out


def test_the_message_is_in_the_persons_language(client, viewer):
    viewer.language = "en"
    viewer.save()
    client.post("/accounts/login/", {"username": viewer.email, "password": PASSWORD})
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get(PROGRAMS, follow=True)
    assert "had not used Tandem for 30 minutes" in shown_messages(response)[0]


def test_the_session_ends_twelve_hours_after_the_log_in_however_busy(signed_in):
    start = timezone.now()
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert signed_in.get(PROGRAMS).status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=1)):
        response = signed_in.get(PROGRAMS, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "12 timmar" in shown_messages(response)[0]


def test_zero_turns_the_idle_timeout_off(signed_in, settings):
    settings.SESSION_IDLE_TIMEOUT = 0
    with time_machine.travel(timezone.now() + timedelta(hours=5)):
        assert signed_in.get(PROGRAMS).status_code == 200


def test_a_coordinators_verified_session_times_out_too(client, coordinator):
    client.force_login(coordinator)
    pass_second_factor(client, coordinator)
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert client.get(PROGRAMS)["Location"].startswith("/accounts/login/")


def test_an_htmx_request_after_the_timeout_sends_the_whole_page_to_the_log_in(signed_in):
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = signed_in.get(
            "/programs/?part=1", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://testserver/programs/"
        )
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Fprograms%2F"

"""Signed-in test clients as a real log-in leaves them: the second factor passed, the session's clock
started. conftest applies `pass_second_factor` to every `Client.force_login`."""

from __future__ import annotations

from django.test import Client

from tandem.accounts.middleware import start_session_clock
from tandem.mfa.models import Exemption
from tandem.mfa.services import mark_verified


def pass_second_factor(client: Client, user) -> None:
    """Mark the client's session as one that passed the second factor (as the code page does)."""
    session = client.session
    mark_verified(session, user)
    start_session_clock(session)
    session.save()


def log_in_with_password_only(client: Client, user) -> None:
    """`force_login` without the second factor: the state right after the password."""
    client.force_login(user, second_factor=False)  # type: ignore[call-arg]


def exempt_from_second_factor(user) -> None:
    """For browser journeys that log in through the form but are not about the second factor."""
    Exemption.objects.get_or_create(user=user, defaults={"reason": "test"})

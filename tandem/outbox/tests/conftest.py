"""Fixtures for the outbox: a real SMTP server, and messages as the worker finds them."""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

from tandem.outbox.models import OutboxMessage
from tandem.outbox.testing import running_smtp_server

_numbers = itertools.count(1)


@pytest.fixture
def smtp_server(settings):
    """Deliver through a real SMTP server on 127.0.0.1 instead of the in-memory backend."""
    with running_smtp_server() as server:
        settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_TIMEOUT = 5
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield server


@pytest.fixture
def make_message(db):
    """A stored message, as `queue_email` leaves it (without kicking the worker)."""

    def make(**fields) -> OutboxMessage:
        number = next(_numbers)
        defaults = {
            "from_email": "Tandem <tandem@framat.example>",
            "to": [f"adept{number}@example.org"],
            "subject": f"Välkommen till programmet #{number}",
            "body_text": "Hej!\n\nVälkommen.",
            "message_id": OutboxMessage.new_message_id("framat.example"),
            "next_attempt_at": timezone.now(),
        }
        return OutboxMessage.objects.create(**{**defaults, **fields})

    return make

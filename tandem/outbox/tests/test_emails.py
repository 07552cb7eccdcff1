"""`send_templated_email`: three templates, rendered in the recipient's language, queued in the outbox."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import translation

from tandem.outbox.emails import send_templated_email
from tandem.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).parent / "templates"
CONTEXT = {"name": "Amira", "organisation": "Svensson & Co", "when": datetime(2026, 3, 2, 12, tzinfo=UTC)}


@pytest.fixture(autouse=True)
def test_templates(settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES]}, *settings.TEMPLATES[1:]]


@pytest.mark.parametrize(("language", "month"), [("sv", "mars"), ("en", "March")])
def test_the_email_is_rendered_in_the_recipients_language(language, month):
    with translation.override("sv" if language == "en" else "en"):  # whatever the request's language
        message = send_templated_email(
            "outbox_tests/welcome", to="amira@example.org", context=CONTEXT, language=language
        )

    assert f"2 {month} 2026" in message.body_text
    welcome = {"sv": "Välkommen", "en": "Welcome"}[language]
    assert message.subject == f"{welcome} Amira – {month}"  # one line, whitespace collapsed
    assert f'<p lang="{language}">' in message.body_html


def test_text_parts_are_not_html_escaped_but_the_html_part_is():
    message = send_templated_email(
        "outbox_tests/welcome", to=["amira@example.org"], context=CONTEXT, language="sv"
    )

    assert message.body_text.startswith("Amira & Svensson & Co:")
    assert "Svensson &amp; Co" in message.body_html


def test_the_email_is_queued_under_its_program(program, org):
    message = send_templated_email(
        "outbox_tests/welcome", to="amira@example.org", context=CONTEXT, language="sv", program=program
    )

    assert OutboxMessage.objects.get() == message
    assert (message.to, message.kind) == (["amira@example.org"], "outbox_tests/welcome")
    assert (message.organisation, message.program) == (org, program)

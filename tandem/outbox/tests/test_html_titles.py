"""Every HTML e-mail has a title and a language (issue 13, item 21): mail programs and screen readers
announce the title, and read the text in the right language and direction."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandem.outbox.emails import build_templated_email

TANDEM = Path(__file__).resolve().parents[2]
HTML_EMAILS = sorted(TANDEM.glob("*/templates/*/emails/*.html"))


def test_there_are_html_emails_to_check():
    assert len(HTML_EMAILS) >= 8


@pytest.mark.parametrize("template", HTML_EMAILS, ids=lambda path: str(path.relative_to(TANDEM)))
def test_every_html_email_template_has_a_title_and_a_language(template):
    source = template.read_text()
    assert "<title>" in source and "</title>" in source
    assert '<html lang="{{' in source


def test_the_title_is_the_subject_in_the_recipients_language(db):
    message = build_templated_email(
        "screening/emails/decision",
        to="amira@example.org",
        context={"subject": "قرار بشأن طلبك", "body": "مرحبًا"},
        language="ar",
    )
    assert f"<title>{message.subject}</title>" in message.body_html
    assert '<html lang="ar" dir="rtl">' in message.body_html

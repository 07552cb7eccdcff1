"""Small helpers for accounts' tests."""

from __future__ import annotations

import re

from tandem.outbox.models import OutboxMessage


def in_english(client):
    """Ask for English pages, so that tests can read our own (English) texts.

    Swedish is the default language; once the catalogues are translated, a Swedish page no longer
    shows the English msgids.
    """
    client.cookies["django_language"] = "en"
    return client


def link_path(message: OutboxMessage, prefix: str) -> str:
    """The path of the first link in an e-mail's text that starts with `prefix`."""
    match = re.search(rf"https?://[^/\s]+({re.escape(prefix)}\S*)", message.body_text)
    assert match, message.body_text
    return match.group(1)

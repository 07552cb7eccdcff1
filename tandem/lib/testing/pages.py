"""Reading our pages in tests: the request headers for each staff language, a field's error text, the
messages shown after a redirect, and the page's plain text."""

from __future__ import annotations

import re
from html import unescape

SV = {"HTTP_ACCEPT_LANGUAGE": "sv"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def field_error(response, field_id: str) -> str:
    """The text of the error tied to a field (the element with id `<field id>_error`), or ""."""
    html = response.content.decode()
    match = re.search(rf'id="{re.escape(field_id)}_error"[^>]*>(.*?)</', html, re.S)
    return unescape(match.group(1)).strip() if match else ""


def points_at_error(response, field_id: str) -> bool:
    """The field (or each of its choices) names its error text with aria-describedby."""
    html = response.content.decode()
    tags = re.findall(rf'<(?:input|select|textarea)[^>]*id="{re.escape(field_id)}(?:_\d+)?"[^>]*>', html)
    return bool(tags) and all(f"{field_id}_error" in tag and 'aria-invalid="true"' in tag for tag in tags)


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def text(response) -> str:
    """The page's text without tags and with collapsed white space, for plain assertions."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())

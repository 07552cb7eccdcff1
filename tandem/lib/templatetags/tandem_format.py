"""Formatting of money, percentages and lists for the active language, and left-to-right islands (phone
numbers, reference numbers, e-mail addresses, links) in right-to-left text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi

register = template.Library()


def format_sek(amount: Decimal | int | float | None) -> str:
    """12 345 kr in Swedish, SEK 12,345 in English; öre only when there are any."""
    if amount is None:
        return "–"
    value = Decimal(amount)
    places = 0 if value == value.to_integral_value() else 2
    number = formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    if (get_language() or "sv").startswith("sv"):
        return f"{number}\u00a0kr"
    return f"SEK\u00a0{number}"


def format_percent(value: Decimal | float | None, places: int = 0) -> str:
    if value is None:
        return "–"
    number = formats.number_format(Decimal(value), decimal_pos=places, use_l10n=True)
    if (get_language() or "sv").startswith("sv"):
        return f"{number}\u00a0%"
    return f"{number}%"


@register.filter(name="sek")
def sek(amount: Decimal | int | float | None) -> str:
    return format_sek(amount)


@register.filter(name="percent")
def percent(value: Decimal | float | None, places: int = 0) -> str:
    return format_percent(value, places)


def list_separator() -> str:
    """What separates the items of a list in the active language: the Arabic comma "، " in Arabic, else
    ", ". A language's format module (tandem/formats) may set LIST_SEPARATOR; Django hands back the name
    itself for a language whose modules do not."""
    separator = str(formats.get_format("LIST_SEPARATOR"))
    return ", " if separator == "LIST_SEPARATOR" else separator


def join_list(items: Iterable[object]) -> str:
    """The items as one list in the active language: "Svenska, Arabiska" or "السويدية، العربية"."""
    return list_separator().join(str(item) for item in items)


@register.filter(name="list_join", needs_autoescape=True)
def list_join(items: Iterable[object], autoescape: bool = True) -> SafeString:
    """`join:", "` in the active language (each item escaped, as `join` does)."""
    escape = conditional_escape if autoescape else str
    return mark_safe(list_separator().join(str(escape(item)) for item in items))


@register.simple_tag(name="list_separator")
def list_separator_tag() -> str:
    """The separator alone, between two items a template writes out ("a title, a date")."""
    return list_separator()


@register.filter(name="date_time", expects_localtime=True)
def date_time(value: datetime | None, day_format: str = "j F Y") -> str:
    """A day and its time with the active language's separator between them: "3 december 2026, 17:00",
    "3 ديسمبر 2026، 17:00" (a date format with a comma in it would put a Latin comma into Arabic text)."""
    if value is None:
        return ""
    return f"{formats.date_format(value, day_format)}{list_separator()}{formats.time_format(value, 'H:i')}"


# Unicode's LEFT-TO-RIGHT ISOLATE, FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: plain text's
# <bdi dir="ltr"> and <bdi>.
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


BARE_LINK = re.compile(r"^(?:https?://|mailto:)\S+$")


def isolate_ltr_text(value: object) -> str:
    """`value` as a left-to-right island in plain text when the active language is written right to left
    (Arabic, Persian): "070-123 45 67" keeps its order and the punctuation after it stays in its place.
    Unchanged in a left-to-right language, where the marks would only be noise, and for a link: mail
    programs turn a bare URL into a link up to the next space, invisible marks included, and a link with a
    mark at its end leads nowhere (the templates put links on a line of their own instead)."""
    text = "" if value is None else str(value)
    if not text or not get_language_bidi() or BARE_LINK.match(text):
        return text
    return f"{LRI}{text}{PDI}"


@register.filter(name="ltr")
def ltr(value: object) -> SafeString:
    """A phone number, reference number, e-mail address or link as a left-to-right island on a page or in
    an HTML e-mail: `<bdi dir="ltr">…</bdi>` (escaped)."""
    return format_html('<bdi dir="ltr">{}</bdi>', "" if value is None else value)


@register.filter(name="ltr_text")
def ltr_text(value: object) -> str:
    """The same for plain-text e-mails: Unicode isolates, on right-to-left languages only."""
    return isolate_ltr_text(value)


def isolate_auto_text(value: object) -> str:
    """`value` as an island that takes the direction of its own first letter, in plain text on right-to-left
    languages: a Swedish name or street address inside Arabic text ("Storgatan 5") keeps its order and
    does not pull the punctuation around it along."""
    text = "" if value is None else str(value)
    if not text or not get_language_bidi():
        return text
    return f"{FSI}{text}{PDI}"


@register.filter(name="auto")
def auto(value: object) -> SafeString:
    """A name, title or address whose language we do not know, on a page or in an HTML e-mail: `<bdi>`
    (direction from its first letter, escaped)."""
    return format_html("<bdi>{}</bdi>", "" if value is None else value)


@register.filter(name="auto_text")
def auto_text(value: object) -> str:
    """The same for plain-text e-mails: Unicode's first strong isolate, on right-to-left languages only."""
    return isolate_auto_text(value)

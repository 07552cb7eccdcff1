"""Formatting of money and percentages for the active language."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import get_language

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

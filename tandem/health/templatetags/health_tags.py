"""How a count changed since last week, as a signed number: "+2", "−1", "±0" (nothing in a first week)."""

from __future__ import annotations

from django import template
from django.utils import formats

register = template.Library()


@register.filter(name="change")
def change(value: int | None) -> str:
    if value is None:
        return ""
    number = formats.number_format(abs(value), use_l10n=True, force_grouping=True)
    if value > 0:
        return f"+{number}"
    if value < 0:
        return f"\u2212{number}"
    return "\u00b10"


@register.simple_tag
def digest_settings_url(user) -> str:
    """The page where the person turns their weekly digest on or off (the same signed page the digest
    links to), for "My settings"."""
    from django.urls import reverse

    from tandem.health.digest import opt_out_token

    return reverse("health_digest:off", args=[opt_out_token(user)])

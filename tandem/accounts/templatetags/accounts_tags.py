"""Small helpers for accounts' templates."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def from_now(delta: timedelta | None) -> datetime | None:
    """The moment `delta` from now, e.g. when a locked-out log-in opens again."""
    if delta is None:
        return None
    return timezone.now() + delta


@register.filter
def in_minutes(delta: timedelta | None) -> int:
    if delta is None:
        return 0
    return max(1, round(delta.total_seconds() / 60))

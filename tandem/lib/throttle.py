"""Fixed-window counters for rate limits, atomic on SQLite and PostgreSQL alike.

Each count is one short transaction that locks the key's row (SELECT … FOR UPDATE on PostgreSQL; SQLite's
IMMEDIATE transactions take the write lock at BEGIN), so parallel requests are counted one after the
other and never all see "below the limit". Keys name what is counted and never hold personal data in
the clear: e-mail addresses go through `hashed` first.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.lib.models import RateCounter


def hashed(value: str) -> str:
    """A key part for a personal value (an e-mail address): case and spaces ignored."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


def count(key: str, *, window: timedelta, now: datetime | None = None) -> int:
    """Count one event for `key`; how many there have been in its current window, this one included."""
    now = now or timezone.now()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                counter = RateCounter.objects.select_for_update().filter(key=key).first()
                if counter is None:
                    RateCounter.objects.create(key=key, window_ends=now + window, count=1)
                    return 1
                if counter.window_ends <= now:
                    counter.window_ends, counter.count = now + window, 1
                else:
                    counter.count += 1
                counter.save(update_fields=["window_ends", "count"])
                return counter.count
        except IntegrityError:  # another request created the row first; count on it
            continue
    raise RuntimeError(f"could not count {key!r}")


def peek(key: str, *, now: datetime | None = None) -> int:
    """How many events `key` has in its current window, without counting one."""
    now = now or timezone.now()
    counter = RateCounter.objects.filter(key=key, window_ends__gt=now).first()
    return counter.count if counter else 0


def allow(key: str, *, limit: int, window: timedelta, now: datetime | None = None) -> bool:
    """Count one event; False when it is over `limit` in the window."""
    return count(key, window=window, now=now) <= limit


def purge_expired(*, now: datetime) -> int:
    deleted, _by_model = RateCounter.objects.filter(window_ends__lte=now).delete()
    return deleted

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
    return count_all([key], window=window, now=now)[key]


def count_all(keys: list[str], *, window: timedelta, now: datetime | None = None) -> dict[str, int]:
    """Count one event for each of `keys` in ONE transaction; the count of each, this one included.

    Requests that count the same keys (an address and an e-mail) are counted in the same order for all of
    them: the rows are locked in sorted order and held until the commit, so "the first five" are the
    same five for every key, and no two requests can deadlock.
    """
    now = now or timezone.now()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return {key: _count_locked(key, window=window, now=now) for key in sorted(set(keys))}
        except IntegrityError:  # another request created a row first; count again on it
            continue
    raise RuntimeError(f"could not count {keys!r}")


def _count_locked(key: str, *, window: timedelta, now: datetime) -> int:
    counter = RateCounter.objects.select_for_update().filter(key=key).first()
    if counter is None:
        with transaction.atomic():  # a savepoint: a lost race rolls back only this INSERT, then retries
            RateCounter.objects.create(key=key, window_ends=now + window, count=1)
        return 1
    if counter.window_ends <= now:
        counter.window_ends, counter.count = now + window, 1
    else:
        counter.count += 1
    counter.save(update_fields=["window_ends", "count"])
    return counter.count


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

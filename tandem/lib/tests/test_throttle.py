"""Rate-limit counters: the check-and-count is atomic, also without Redis (issue 12, item 5)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tandem.applications.ratelimit import allow_submission
from tandem.lib.models import RateCounter
from tandem.lib.throttle import allow, count, peek, purge_expired

HOUR = timedelta(hours=1)


def in_parallel(task, times: int) -> list:
    results: list = []
    barrier = threading.Barrier(times)

    def run():
        try:
            barrier.wait()
            results.append(task())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_sends_from_one_address_are_let_through_exactly_five_times(settings, tmp_path):
    # Without Redis, Tandem's cache is a file cache, whose add + incr raced (23 of 30 got through).
    file_cache = "django.core.cache.backends.filebased.FileBasedCache"
    settings.CACHES = {"default": {"BACKEND": file_cache, "LOCATION": str(tmp_path)}}
    settings.APPLICATION_RATE_LIMIT = 5

    results = in_parallel(lambda: allow_submission("203.0.113.7", "same@example.org"), 30)

    assert len(results) == 30
    assert results.count(True) == 5
    assert peek("apply:ip:203.0.113.7") == 30


@pytest.mark.django_db(transaction=True)
def test_parallel_counts_on_a_fresh_key_lose_none():
    results = in_parallel(lambda: count("fresh", window=HOUR), 12)

    assert sorted(results) == list(range(1, 13))


@pytest.mark.django_db
def test_a_window_starts_again_when_it_has_passed():
    start = timezone.now()
    assert [allow("k", limit=2, window=HOUR, now=start) for _ in range(3)] == [True, True, False]

    later = start + HOUR + timedelta(seconds=1)
    assert allow("k", limit=2, window=HOUR, now=later) is True
    assert peek("k", now=later) == 1


@pytest.mark.django_db
def test_expired_counters_are_purged():
    start = timezone.now()
    count("old", window=HOUR, now=start - 2 * HOUR)
    count("new", window=HOUR, now=start)

    assert purge_expired(now=start) == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["new"]

"""lib's periodic job: rate-limit counters whose window has passed are removed."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tandem.lib.throttle import purge_expired


@db_periodic_task(crontab(minute="*/30"))
def purge_expired_rate_counters() -> None:
    purge_expired(now=timezone.now())

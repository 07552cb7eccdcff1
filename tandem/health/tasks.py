"""The worker's periodic jobs for program health: the weekly snapshot and the weekly digest."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tandem.health import digest, services


@db_periodic_task(crontab(hour="5", minute="40"))
def take_weekly_snapshots() -> None:
    """Daily: the first run of an ISO week stores each running program's counts for "change since last
    week" (a day the worker was down is made up the next day)."""
    services.take_snapshots(now=timezone.now(), today=timezone.localdate())


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="10"))
def send_weekly_digests() -> None:
    """Mondays at 07:10: the weekly digest to the coordinators of every running program (each once a
    week: `tandem.health.digest`)."""
    digest.send_weekly_digests(now=timezone.now(), today=timezone.localdate())

"""The worker's jobs: deliver the outbox when a transaction stored mail, and every minute."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tandem.outbox.services import deliver_due, purge_old_messages


@db_task()
def deliver_outbox() -> None:
    """Kicked after a commit that stored e-mail. Returns nothing, so huey stores no result."""
    deliver_due(now=timezone.now())


@db_periodic_task(crontab(minute="*"))
def deliver_outbox_every_minute() -> None:
    """Retries that came due, and anything a missed kick left behind (e.g. the queue was down)."""
    deliver_due(now=timezone.now())


@db_periodic_task(crontab(hour="3", minute="17"))
def purge_old_outbox_messages() -> None:
    """Nightly: forget sent and failed e-mail past the retention period."""
    purge_old_messages(now=timezone.now())

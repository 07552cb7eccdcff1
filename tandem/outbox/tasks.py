"""The worker's jobs: deliver the outbox when a transaction stored mail, and every minute.

A delivery job keeps sending while messages are due, for at most DELIVERY_BUDGET_SECONDS; then it
queues itself again for the rest, so that other jobs get their turn and a graceful stop (SIGTERM)
never waits long. When it finds a backlog it first queues one more delivery job, so that another
worker thread or process joins in; that one does the same while the backlog lasts, until every
worker is delivering. Jobs that find nothing due end at once.
"""

from __future__ import annotations

import time
from datetime import datetime

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import deliver_due, purge_old_messages

DELIVERY_BUDGET_SECONDS = 10.0
BACKLOG = 50  # due messages beyond which a delivery job asks another worker to help


@db_task()
def deliver_outbox() -> None:
    """Kicked after a commit that stored e-mail. Returns nothing, so huey stores no result."""
    deliver_for_a_while()


@db_periodic_task(crontab(minute="*"))
def deliver_outbox_every_minute() -> None:
    """Retries that came due, and anything a missed kick left behind (e.g. the queue was down)."""
    deliver_for_a_while()


@db_periodic_task(crontab(hour="3", minute="17"))
def purge_old_outbox_messages() -> None:
    """Nightly: forget sent and failed e-mail past the retention period."""
    purge_old_messages(now=timezone.now())


def deliver_for_a_while(budget: float = DELIVERY_BUDGET_SECONDS) -> None:
    now = timezone.now()
    # Inline (HUEY immediate, the tests) a job queued here would run at once, inside this one.
    queued = not HUEY.immediate
    if queued and has_backlog(now):
        deliver_outbox()
    report = deliver_due(now=now, deadline=time.monotonic() + budget)
    if queued and report.stopped_early:
        deliver_outbox()


def has_backlog(now: datetime) -> bool:
    due = OutboxMessage.objects.due(now).order_by().values_list("pk", flat=True)
    return bool(due[BACKLOG : BACKLOG + 1])

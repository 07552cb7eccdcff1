"""The worker's jobs: large matching runs, and the hourly reminders about unanswered introductions."""

from __future__ import annotations

import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tandem.pairs.models import MatchingRun
from tandem.pairs.publishing import send_due_reminders
from tandem.pairs.services import compute_run

logger = logging.getLogger(__name__)


@db_task()
def compute_run_in_background(run_pk: int) -> None:
    """A run too large for a web request. A crash marks the run failed instead of leaving it running."""
    try:
        compute_run(run_pk, now=timezone.now())
    except Exception:
        logger.exception("matching run %s crashed", run_pk)
        MatchingRun.objects.filter(pk=run_pk, status=MatchingRun.Status.RUNNING).update(
            status=MatchingRun.Status.FAILED, error="crashed", finished_at=timezone.now()
        )
        raise


@db_periodic_task(crontab(minute="7"))
def remind_unanswered_pairs() -> None:
    """Hourly; each pair is reminded at most once (``Pair.reminded_at``)."""
    send_due_reminders(now=timezone.now())

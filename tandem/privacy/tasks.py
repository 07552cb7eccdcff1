"""The nightly retention run (huey periodic task)."""

from __future__ import annotations

import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from tandem.privacy.retention import run_retention

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="3", minute="20"))
@lock_task("privacy-retention")
def nightly_retention() -> None:
    """Anonymise what is due tonight; the log keeps the counts (no data)."""
    counts = run_retention(now=timezone.now())
    logger.info("retention run: %s", dict(counts))

"""The audit log's nightly clean-up."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tandem.audit.services import purge_old_events


@db_periodic_task(crontab(hour="3", minute="41"))
def purge_old_audit_events() -> None:
    """Nightly: forget events past AUDIT_RETENTION_DAYS."""
    purge_old_events(now=timezone.now())

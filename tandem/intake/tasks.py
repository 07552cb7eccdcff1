"""The worker removes import files that were uploaded but never imported (after a day)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tandem.applications.intake.tables import purge_stale_uploads


@db_periodic_task(crontab(minute="23"))
def purge_stale_import_files() -> None:
    purge_stale_uploads(now=timezone.now())

"""The worker's side of reports: exported lists are deleted a week after they were made (the export
itself runs as a job, `export_jobs`)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="53"))
def purge_export_files_task() -> None:
    from django.utils import timezone

    from tandem.reports.export_jobs import purge_export_files

    purge_export_files(now=timezone.now())

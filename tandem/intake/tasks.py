"""The worker's jobs: imports of application files, and the hourly clean-up of import files and jobs."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tandem.applications.intake import jobs
from tandem.applications.intake.tables import purge_stale_uploads


@db_task()
def run_import_job(job_pk: int) -> None:
    """Queued by `jobs.start_import_job` once the job is committed. Returns nothing (no stored result)."""
    jobs.run_job(job_pk)


@db_periodic_task(crontab(minute="23"))
def purge_stale_import_files() -> None:
    """Import files uploaded more than a day ago, and the jobs that ran on them."""
    now = timezone.now()
    purge_stale_uploads(now=now)
    jobs.purge_old_jobs(now=now)

"""The worker's side of jobs: run one job (queued by `services.start_job` once it is committed), and
forget finished jobs after a while."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def run_job_task(job_pk: int) -> None:
    from tandem.jobs.services import run_job

    run_job(job_pk)


@db_periodic_task(crontab(minute="41"))
def purge_old_jobs_task() -> None:
    from django.utils import timezone

    from tandem.jobs.services import purge_old_jobs

    purge_old_jobs(now=timezone.now())

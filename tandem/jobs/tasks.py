"""The worker's side of jobs: run one job (queued by `services.start_job` once it is committed)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def run_job_task(job_pk: int) -> None:
    from tandem.jobs.services import run_job

    run_job(job_pk)

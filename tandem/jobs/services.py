"""Starting a job, running it in the worker, and noticing a job that was cut off.

One pattern for bulk work: the web request checks what it can, calls `start_job` and redirects to the
job's progress page; the worker runs the kind (`tandem.jobs.kinds`) once the job is committed. The kind
writes in chunks, each in a short transaction, and reports after each chunk through `Progress`, which is
also the job's sign of life. A job that fails records a code (never text or personal data) and its kind
undoes what the job left half-done; a job whose worker died is noticed later (`mark_interrupted`).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tandem.jobs.kinds import kind_of
from tandem.jobs.models import INTERRUPTED_AFTER, Job

logger = logging.getLogger(__name__)

Status = Job.Status
CRASHED = "crashed"
INTERRUPTED = "interrupted"
KEPT_FOR = timedelta(days=30)  # finished jobs are deleted after this long (`purge_old_jobs`)
CHUNK_PAUSE = 0.15  # seconds between two chunks' transactions on SQLite (see `between_chunks`)


class JobError(Exception):
    """A failure the kind can name: `code` is worded on the progress page."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class JobCutOff(Exception):
    """The job is no longer running (marked interrupted meanwhile): stop, and roll back the chunk."""


# --- Starting ------------------------------------------------------------------------------------------


def start_job(
    kind: str, program, *, by, params: dict[str, Any], total: int = 0, key: str = "", now: datetime
) -> Job:
    """A new job, queued for the worker once the caller's transaction commits.

    With a `key`, at most one job per key is queued or running: a double submit gets the first one.
    """
    if key:
        for stale in Job.objects.filter(
            key=key, status__in=Job.RUNNING, heartbeat_at__lt=now - INTERRUPTED_AFTER
        ):
            mark_interrupted(stale, now=now)
        if (running := Job.objects.filter(key=key, status__in=Job.RUNNING).first()) is not None:
            return running
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                program=program,
                created_by=by,
                key=key,
                params=params,
                total=total,
                created_at=now,
                heartbeat_at=now,
            )
    except IntegrityError:
        # A simultaneous request with the same key created its job first.
        if (running := Job.objects.filter(key=key, status__in=Job.RUNNING).first()) is not None:
            return running
        raise
    transaction.on_commit(lambda: _queue(job.pk), robust=True)
    return job


def _queue(job_pk: int) -> None:
    from tandem.jobs.tasks import run_job_task

    run_job_task(job_pk)


def running_job(key: str, *, now: datetime) -> Job | None:
    """The job queued or running under `key`, if any (and not cut off)."""
    found = Job.objects.filter(key=key, status__in=Job.RUNNING).first()
    return found if found is not None and not found.is_stale(now) else None


def mark_interrupted(job: Job, *, now: datetime) -> bool:
    """A job that gave no sign of life for long is failed as interrupted, and its kind undoes what it
    left. False when it was no longer running (it finished, or someone else marked it)."""
    marked = Job.objects.filter(
        pk=job.pk, status__in=Job.RUNNING, heartbeat_at__lt=now - INTERRUPTED_AFTER
    ).update(status=Status.FAILED, error_code=INTERRUPTED, finished_at=now)
    if marked:
        _undo(job)
        job.refresh_from_db()
    return bool(marked)


# --- Running (the worker) --------------------------------------------------------------------------------


class Progress:
    """The running job's progress: each report is also its sign of life, and says whether it still runs."""

    def __init__(self, job: Job):
        self.job = job

    def report(self, done: int, *, total: int | None = None, **result: Any) -> None:
        """Store how far the job has come (and any counts so far). Raises JobCutOff when the job is no
        longer running; called inside a chunk's transaction, that rolls the chunk back."""
        fields: dict[str, Any] = {"done": done, "heartbeat_at": timezone.now()}
        if total is not None:
            fields["total"] = total
        if result:
            fields["result"] = {**self.job.result, **result}
        if not Job.objects.filter(pk=self.job.pk, status=Status.RUNNING).update(**fields):
            raise JobCutOff
        for name, value in fields.items():
            setattr(self.job, name, value)


def run_job(job_pk: int) -> None:
    """Run a queued job once: the worker claims it, runs its kind, and records the result or the failure."""
    now = timezone.now()
    queued = Job.objects.filter(pk=job_pk, status=Status.QUEUED)
    # A job that waited so long that its page says "interrupted" stays so (the worker was down).
    queued.filter(heartbeat_at__lt=now - INTERRUPTED_AFTER).update(
        status=Status.FAILED, error_code=INTERRUPTED, finished_at=now
    )
    if not queued.update(status=Status.RUNNING, started_at=now, heartbeat_at=now):
        return
    job = Job.objects.select_related("program__organisation", "created_by").get(pk=job_pk)
    try:
        result = kind_of(job).run(job, Progress(job))
    except JobCutOff:
        logger.warning("job %s (%s) was marked interrupted while it ran", job.pk, job.kind)
        _undo(job)
        return
    except JobError as error:
        _fail(job, error.code)
        return
    except Exception as error:  # the message may quote personal data: log the kind only
        logger.exception("job %s (%s) failed: %s", job.pk, job.kind, type(error).__name__)
        _fail(job, CRASHED)
        return
    now = timezone.now()
    Job.objects.filter(pk=job.pk, status=Status.RUNNING).update(
        status=Status.DONE, result={**job.result, **result}, finished_at=now, heartbeat_at=now
    )


def _fail(job: Job, code: str) -> None:
    _undo(job)
    now = timezone.now()
    Job.objects.filter(pk=job.pk, status=Status.RUNNING).update(
        status=Status.FAILED, error_code=code, finished_at=now, heartbeat_at=now
    )


def _undo(job: Job) -> None:
    undo = kind_of(job).undo
    if undo is None:
        return
    try:
        undo(job)
    except Exception as error:
        logger.exception("undoing job %s (%s) failed: %s", job.pk, job.kind, type(error).__name__)


def purge_old_jobs(*, now: datetime) -> int:
    """Delete finished jobs after `KEPT_FOR` (their parameters may hold a reason staff typed)."""
    deleted, _by_model = Job.objects.filter(
        status__in=[Status.DONE, Status.FAILED], created_at__lt=now - KEPT_FOR
    ).delete()
    return deleted


def between_chunks() -> None:
    """Let others write between two of a job's transactions. SQLite has one write lock, and a request
    waiting for it polls only every 100 ms or so: a job that began its next transaction at once could
    keep a public applicant waiting for seconds."""
    if connection.vendor == "sqlite":
        time.sleep(CHUNK_PAUSE)

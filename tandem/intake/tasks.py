"""The worker's jobs: imports of application files, and the hourly clean-up of import files and jobs.

The worker reads a stored file and imports it, while the coordinator watches the status. Even reading
the header and the first rows runs in the worker (`read_upload`): the upload step only checks the file's
kind and size, so a tiny hostile spreadsheet (one cell at row 20,000,000, millions of shared strings)
never holds a web worker (issue 12, finding 3). Checking every row and storing them runs in the worker
too (`run_import_job`), because a large file takes longer than a web request may (see
bench/import_bench.py). One job at a time per upload: a double submit gets the job the first one started.
The import itself is one transaction, so a job that fails or is cut off leaves nothing behind;
the job records why as a code (`ImportJob.Error`), never as text or personal data.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tandem.applications.models import ApplicationForm
from tandem.applications.services import FormClosed
from tandem.intake import tables
from tandem.intake.answers import active_questions
from tandem.intake.columns import targets_for
from tandem.intake.imports import SHOWN_PROBLEMS, check_rows, prepare_import, store_import
from tandem.intake.models import (
    HEARTBEAT_EVERY,
    HEARTBEAT_LOST_AFTER,
    INTERRUPTED_AFTER,
    ImportJob,
    UploadReading,
)
from tandem.programs.models import Program

logger = logging.getLogger(__name__)

Status = ImportJob.Status
Error = ImportJob.Error
PROGRESS_SECONDS = 60 * 60  # how long the cache keeps an import's progress


class JobCutOff(Exception):
    """The job was marked interrupted while the worker was still importing: roll the import back."""


# --- Reading an upload (the worker) ------------------------------------------------------------------


def start_reading(program: Program, token: str, *, language: str, by, now: datetime) -> UploadReading:
    """The reading of the stored upload `token`, queued for the worker once the transaction commits;
    the one there is if it was started already (a reload of the page starts nothing new)."""
    reading, created = UploadReading.objects.get_or_create(
        token=token,
        defaults={
            "program": program,
            "language": language,
            "created_by": by,
            "created_at": now,
            "updated_at": now,
        },
    )
    if created:
        transaction.on_commit(lambda: run_reading(reading.pk))
    return reading


@db_task()
def run_reading(reading_pk: int) -> None:
    """Queued by `start_reading`. Returns nothing (no stored result)."""
    read_upload(reading_pk)


def read_upload(reading_pk: int) -> None:
    """Read the file within the limits of `tables`: the header, the first rows and the count, or the
    reason it cannot be imported, in the staff member's language. Runs once per reading."""
    now = timezone.now()
    claimed = UploadReading.objects.filter(pk=reading_pk, status=UploadReading.Status.QUEUED).update(
        status=UploadReading.Status.READING, updated_at=now
    )
    if not claimed:
        return
    reading = UploadReading.objects.get(pk=reading_pk)
    upload = tables.find_upload(program_id=reading.program_id, token=reading.token)
    fields: dict = {}
    with translation.override(reading.language):
        if upload is None:
            fields = {"status": UploadReading.Status.FAILED, "error": str(_file_gone())}
        else:
            try:
                with upload.open() as file:
                    table = tables.read_table(file, upload.kind)
            except tables.TableError as error:  # the message names limits and rows, never cells
                fields = {"status": UploadReading.Status.FAILED, "error": str(error)}
            except Exception as error:  # the message may quote the file: log the kind only
                logger.error("reading of import file %s failed: %s", reading.pk, type(error).__name__)
                fields = {"status": UploadReading.Status.FAILED, "error": str(_unreadable())}
            else:
                fields = {
                    "status": UploadReading.Status.READY,
                    "header": table.header,
                    "preview": [[number, cells] for number, cells in table.preview],
                    "row_count": table.row_count,
                }
    UploadReading.objects.filter(pk=reading.pk).update(updated_at=timezone.now(), **fields)
    if fields["status"] == UploadReading.Status.FAILED and upload is not None:
        tables.delete_upload(upload)  # a file that cannot be imported is kept no longer


def _file_gone() -> str:
    return gettext("The file is no longer here (files are kept for a day). Upload it again.")


def _unreadable() -> str:
    return gettext("The file could not be read. Save it again and upload it.")


def preview_table(reading: UploadReading) -> tables.Table:
    """The header and first rows the worker read, as the mapping page uses them."""
    return tables.Table(
        header=list(reading.header),
        preview=[(int(number), list(cells)) for number, cells in reading.preview],
        row_count=reading.row_count,
    )


# --- Starting a job ------------------------------------------------------------------------------------


def job_holding_upload(program: Program, token: str, *, now: datetime) -> ImportJob | None:
    """The job that runs on this upload, or that imported it; None if the upload is free."""
    found = ImportJob.objects.filter(program=program, token=token, status__in=ImportJob.HOLDS_UPLOAD).first()
    if found is not None and found.is_interrupted(now):
        return None
    return found


def start_import_job(
    form: ApplicationForm,
    *,
    token: str,
    rows: int,
    mapping: list[str],
    default_language: str,
    language: str,
    import_requested: bool,
    send_confirmation: bool,
    consent_text: str,
    by,
    now: datetime,
) -> ImportJob:
    """A new job for the stored upload `token`, queued for the worker once the transaction commits.

    Idempotent per upload: while a job runs on it, or after one imported it, that job is returned
    instead (a double click on "Import" starts one import). A job cut off by a crashed worker is marked
    interrupted first, so that the upload can be started again.
    """
    _mark_interrupted(form.program_id, token, now=now)
    if (running := job_holding_upload(form.program, token, now=now)) is not None:
        return running
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                program_id=form.program_id,
                form=form,
                role=form.role,
                token=token,
                rows=rows,
                mapping=mapping,
                default_language=default_language,
                language=language,
                import_requested=import_requested,
                send_confirmation=send_confirmation and import_requested,
                consent_text=consent_text if import_requested else "",
                created_by=by,
                created_at=now,
                updated_at=now,
            )
    except IntegrityError:
        # A simultaneous request for the same upload created its job first.
        if (running := job_holding_upload(form.program, token, now=now)) is not None:
            return running
        raise
    transaction.on_commit(lambda: run_import_job(job.pk))
    return job


def _mark_interrupted(program_id: int, token: str, *, now: datetime) -> None:
    waited = Q(status=Status.QUEUED, updated_at__lt=now - INTERRUPTED_AFTER)
    lost = Q(status__in=ImportJob.RUNNING, updated_at__lt=now - HEARTBEAT_LOST_AFTER) & ~Q(
        status=Status.QUEUED
    )
    ImportJob.objects.filter(waited | lost, program_id=program_id, token=token).update(
        status=Status.FAILED, error=Error.INTERRUPTED, finished_at=now
    )


# --- Progress --------------------------------------------------------------------------------------------


def _progress_key(job_pk: int) -> str:
    return f"intake:import-job:{job_pk}:stored"


def rows_stored(job: ImportJob) -> int:
    """How many rows an importing job has made ready so far (they are stored at the end in one short
    transaction: all of them, or none)."""
    return cache.get(_progress_key(job.pk), 0) if job.status == Status.IMPORTING else 0


# --- Running a job (the worker) -------------------------------------------------------------------------


@db_task()
def run_import_job(job_pk: int) -> None:
    """Queued by `start_import_job` once the job is committed. Returns nothing (no stored result)."""
    run_job(job_pk)


def run_job(job_pk: int) -> None:
    """Check the job's file and, if asked and nothing is wrong, import it. Runs once per job: the worker
    claims a queued job, and a job that is no longer queued (taken, or marked interrupted) is left alone."""
    now = timezone.now()
    queued = ImportJob.objects.filter(pk=job_pk, status=Status.QUEUED)
    # A job that waited so long that its page says "interrupted" stays so (the worker was down).
    queued.filter(updated_at__lt=now - INTERRUPTED_AFTER).update(
        status=Status.FAILED, error=Error.INTERRUPTED, finished_at=now
    )
    claimed = queued.update(status=Status.CHECKING, started_at=now, updated_at=now)
    if not claimed:
        return
    job = ImportJob.objects.select_related("form", "program", "created_by").get(pk=job_pk)
    try:
        _run(job)
    except JobCutOff:
        logger.warning("import job %s was marked interrupted while it ran; nothing was imported", job.pk)
    except Exception as error:  # the message may quote the file: log the kind only
        logger.error("import job %s failed: %s", job.pk, type(error).__name__)
        _finish(job, Status.FAILED, error=Error.CRASHED)
    finally:
        cache.delete(_progress_key(job.pk))


def _run(job: ImportJob) -> None:
    upload = tables.find_upload(program_id=job.program_id, token=job.token)
    if upload is None:
        _finish(job, Status.FAILED, error=Error.FILE_GONE)
        return
    form = job.form
    form.program = job.program
    questions = active_questions(form)
    with translation.override(job.language):
        targets = targets_for(questions, job.language)
        try:
            checked = check_rows(
                upload,
                job.mapping,
                targets,
                staff_language=job.language,
                default_language=job.default_language,
                progress=lambda count: _heartbeat(job, rows_checked=count),
            )
        except tables.TableError:
            _finish(job, Status.FAILED, error=Error.UNREADABLE)
            return
        problems = [
            {"row": problem.row, "field": str(problem.field), "message": str(problem.message)}
            for problem in checked.problems[:SHOWN_PROBLEMS]
        ]
    checked_rows = len(checked.rows) + len({problem.row for problem in checked.problems})
    if checked.problems:
        _finish(
            job,
            Status.PROBLEMS,
            rows_checked=checked_rows,
            problems=problems,
            problem_count=len(checked.problems),
        )
        return
    if not checked.rows:
        _finish(job, Status.FAILED, error=Error.NO_ROWS)
        return
    if not job.import_requested:
        _finish(job, Status.CHECKED, rows_checked=checked_rows)
        return
    _heartbeat(job, status=Status.IMPORTING, rows_checked=checked_rows)
    now = timezone.now()
    try:
        # Before the transaction: building, checking and rendering take the time; storing is quick.
        prepared = prepare_import(
            form,
            questions,
            checked.rows,
            by=job.created_by,
            now=now,
            send_confirmation=job.send_confirmation,
            progress=lambda count: _importing_progress(job, count),
        )
        with transaction.atomic():
            result = store_import(prepared, consent_text=job.consent_text, consent_language=job.language)
            # In the same transaction: if the job was marked interrupted meanwhile, nothing is stored.
            finished = ImportJob.objects.filter(pk=job.pk, status=Status.IMPORTING).update(
                status=Status.DONE,
                imported=result.imported,
                duplicates=result.duplicates,
                finished_at=timezone.now(),
                updated_at=timezone.now(),
            )
            if finished != 1:
                raise JobCutOff
    except FormClosed:
        _finish(job, Status.FAILED, error=Error.UNPUBLISHED)
        return
    tables.delete_upload(upload)


def _importing_progress(job: ImportJob, count: int) -> None:
    cache.set(_progress_key(job.pk), count, PROGRESS_SECONDS)
    if job.updated_at < timezone.now() - HEARTBEAT_EVERY:
        _heartbeat(job)


def _heartbeat(job: ImportJob, **fields) -> None:
    """Store progress (and the time, the job's sign of life) while the job is still ours."""
    job.updated_at = timezone.now()
    ImportJob.objects.filter(pk=job.pk, status__in=ImportJob.RUNNING).update(
        updated_at=job.updated_at, **fields
    )


def _finish(job: ImportJob, status: str, **fields) -> None:
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk, status__in=ImportJob.RUNNING).update(
        status=status, finished_at=now, updated_at=now, **fields
    )


# --- Housekeeping ---------------------------------------------------------------------------------------


def purge_old_jobs(*, now: datetime) -> int:
    """Delete jobs as old as the files they ran on (the problems they list quote the files)."""
    deleted, _by_model = ImportJob.objects.filter(created_at__lt=now - tables.STALE_AFTER).delete()
    UploadReading.objects.filter(created_at__lt=now - tables.STALE_AFTER).delete()  # they quote the files
    return deleted


@db_periodic_task(crontab(minute="23"))
def purge_stale_import_files() -> None:
    """Import files uploaded more than a day ago, and the jobs that ran on them."""
    now = timezone.now()
    tables.purge_stale_uploads(now=now)
    purge_old_jobs(now=now)

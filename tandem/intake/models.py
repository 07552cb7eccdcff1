"""The record of an interview in which a person registered their interest, and the jobs that import
applications from a file."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.reference.choices import Role


class InterviewRecord(models.Model):
    """Who held the interview, when, and the interviewer's notes: kept with the application it made."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="interview_record"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    held_on = models.DateField(_("date of the interview"))
    notes = models.TextField(_("interview notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("interview record")
        verbose_name_plural = _("interview records")

    def __str__(self) -> str:
        return f"Interview #{self.pk}"


# An import job still waiting this long after it was queued, or checking or importing this long after its
# last heartbeat (the worker beats at least every HEARTBEAT_EVERY while it works), was cut off (the
# worker stopped or crashed): the page says so, nothing was imported (one transaction), and it can be
# started again.
INTERRUPTED_AFTER = timedelta(minutes=30)
HEARTBEAT_EVERY = timedelta(seconds=15)
HEARTBEAT_LOST_AFTER = timedelta(minutes=2)


class ImportJob(models.Model):
    """One run over a stored import file (see tandem.intake.tasks): the worker checks every row
    against the column mapping and, if the coordinator asked to import and nothing is wrong, stores
    every row in one transaction. The status page follows it.

    The job keeps codes and counts, never an applicant's data, with one exception: the problems found
    in the rows (row, field and message, as the check wrote them in `language`), which the coordinator
    needs to correct the file. Jobs are deleted with the files, a day after the upload
    (`tandem.intake.tasks.purge_stale_import_files`).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        CHECKING = "checking", _("Checking the rows")
        CHECKED = "checked", _("Checked, no problems")
        PROBLEMS = "problems", _("Checked, with problems")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    class Error(models.TextChoices):
        """Why a job failed, as a code: the status page says it in the reader's language."""

        INTERRUPTED = "interrupted", "interrupted"
        FILE_GONE = "file_gone", "file gone"
        UNREADABLE = "unreadable", "unreadable"
        UNPUBLISHED = "unpublished", "form not published"
        NO_ROWS = "no_rows", "no rows"
        CRASHED = "crashed", "crashed"

    RUNNING = (Status.QUEUED, Status.CHECKING, Status.IMPORTING)
    # One job at a time per upload, and none after its file was imported: a double submit finds the first.
    HOLDS_UPLOAD = (*RUNNING, Status.DONE)

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="import_jobs")
    form = models.ForeignKey("applications.ApplicationForm", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    token = models.CharField(max_length=32, help_text="The stored upload's token (tables.find_upload).")
    mapping = models.JSONField(default=list, help_text="The target key of each column, or an empty string.")
    default_language = models.CharField(max_length=16, default="sv")
    language = models.CharField(
        max_length=16, default="sv", help_text="The staff member's language: the check writes problems in it."
    )
    import_requested = models.BooleanField(default=False)
    send_confirmation = models.BooleanField(default=False)
    consent_text = models.TextField(blank=True, help_text="The statement the coordinator confirmed.")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    rows = models.PositiveIntegerField(default=0, help_text="Rows of applicants in the file.")
    rows_checked = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    problems = models.JSONField(
        default=list, help_text='The first problems: [{"row": 3, "field": "…", "message": "…"}, …].'
    )
    problem_count = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=32, choices=Error.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now, help_text="The last sign of life.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["token"],
                condition=models.Q(status__in=["queued", "checking", "importing", "done"]),
                name="one_running_or_done_import_job_per_upload",
            )
        ]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"Import job #{self.pk}"

    def is_running(self, now: datetime) -> bool:
        return self.status in self.RUNNING and not self.is_interrupted(now)

    def is_interrupted(self, now: datetime) -> bool:
        """Failed because it was cut off, or still marked running long after its last sign of life."""
        if self.status == self.Status.FAILED:
            return self.error == self.Error.INTERRUPTED
        if self.status == self.Status.QUEUED:
            return self.updated_at < now - INTERRUPTED_AFTER
        return self.status in self.RUNNING and self.updated_at < now - HEARTBEAT_LOST_AFTER

    @property
    def hidden_problems(self) -> int:
        return max(0, self.problem_count - len(self.problems))


# A reading still queued or running this long after its last sign of life was cut off (the worker
# stopped): the page says so and the coordinator uploads the file again.
READING_LOST_AFTER = timedelta(minutes=5)


class UploadReading(models.Model):
    """The worker's reading of an uploaded import file (issue 12, finding 3): the upload returns at
    once, the worker reads the file within the limits of `tables` (rows, columns, cell length, shared
    strings), and the mapping page shows the header and the first rows once they are here.

    It holds the file's header and first rows, which may be personal data: it is deleted with the
    file, a day after the upload (`tasks.purge_stale_import_files`). `error` is the reason the file
    cannot be imported, written by the worker in the staff member's `language` (no cell contents)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be read")
        READING = "reading", _("Being read")
        READY = "ready", _("Read")
        FAILED = "failed", _("Cannot be read")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=32, unique=True, help_text="The stored upload's token.")
    language = models.CharField(max_length=16, default="sv")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    header = models.JSONField(default=list)
    preview = models.JSONField(default=list, help_text="[[row number, [cells]], …] of the first rows.")
    row_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reading of an import file")
        verbose_name_plural = _("readings of import files")

    def __str__(self) -> str:
        return f"Reading #{self.pk}"

    def is_waiting(self, now: datetime) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.READING) and not self.is_lost(now)

    def is_lost(self, now: datetime) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.READING) and (
            self.updated_at < now - READING_LOST_AFTER
        )

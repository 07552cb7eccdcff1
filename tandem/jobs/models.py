"""A piece of bulk work the worker does for a program while a coordinator watches its progress page.

The job stores codes and counts, never text: its kind words them in the reader's language when the page
is shown (see `tandem.jobs.kinds`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A job still queued or running this long after its last sign of life was cut off (the worker stopped or
# crashed): it is marked interrupted, and its kind undoes what it left (see `services.mark_interrupted`).
INTERRUPTED_AFTER = timedelta(minutes=10)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    RUNNING = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField(max_length=32)
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    key = models.CharField(
        max_length=100,
        blank=True,
        help_text="At most one queued or running job per key: a double submit finds it.",
    )
    params = models.JSONField(default=dict, help_text="What the kind needs to run: ids and codes, no text.")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, help_text="Counts and ids the kind words when the page is shown.")
    error_code = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(default=timezone.now, help_text="The last sign of life.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(status__in=["queued", "running"]) & ~models.Q(key=""),
                name="one_running_job_per_key",
            )
        ]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"Job #{self.pk} ({self.kind})"

    def is_running(self, now: datetime) -> bool:
        return self.status in self.RUNNING and not self.is_stale(now)

    def is_stale(self, now: datetime) -> bool:
        """Still marked queued or running long after its last sign of life."""
        return self.status in self.RUNNING and self.heartbeat_at < now - INTERRUPTED_AFTER

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.done / self.total))

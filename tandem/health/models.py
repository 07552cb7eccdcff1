"""Program health: a program's health settings, the weekly snapshot of its counts (for "change since last
week"), the weekly digest e-mails sent (one per program, coordinator and ISO week) and who turned the
digest off.

The pairs, their meetings, help requests and follow-up marks live in `tandem.mentoring`; this app only
reads them through `mentoring.follow_up`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NOT_STARTED_WEEKS = 3  # the default: a pair with no meeting logged this many weeks after its start


class HealthSettings(models.Model):
    """How a program's health page judges its pairs (the quiet time is mentoring's `quiet_weeks`)."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="health_settings"
    )
    not_started_weeks = models.PositiveSmallIntegerField(
        _("a pair has not started when nothing is logged this many weeks after its start"),
        default=NOT_STARTED_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )

    def __str__(self) -> str:
        return f"Health settings of program {self.program_id}"


class WeeklySnapshot(models.Model):
    """A program's health counts as they were in one ISO week (`week`: its Monday)."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    counts = models.JSONField(default=dict)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "week"], name="one_health_snapshot_per_week"),
        ]

    def __str__(self) -> str:
        return f"Snapshot of program {self.program_id}, week of {self.week}"


class DigestSent(models.Model):
    """The weekly digest went to this coordinator about this program in this ISO week (its Monday)."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "user", "week"], name="one_digest_per_week"),
        ]

    def __str__(self) -> str:
        return f"Digest of program {self.program_id} to user {self.user_id}, week of {self.week}"


class DigestOptOut(models.Model):
    """This person gets no weekly digest (about any program) until they turn it on again."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Digest off for user {self.user_id}"

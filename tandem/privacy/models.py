"""Retention policies, extended cases, who was anonymised and the log of what the nightly job removed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionPolicy(models.Model):
    """How long a program keeps personal data (the issue's defaults; the coordinator edits them)."""

    program = models.OneToOneField("programs.Program", on_delete=models.CASCADE, related_name="retention")
    rejected_months = models.PositiveSmallIntegerField(
        _("rejected applicants: months after the decision"), default=6
    )
    withdrawn_months = models.PositiveSmallIntegerField(
        _("withdrawn applicants: months after the withdrawal"), default=6
    )
    participant_months = models.PositiveSmallIntegerField(
        _("participants and other applicants: months after the program closes"), default=24
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("retention policy")

    def __str__(self) -> str:
        return f"Retention of program #{self.program_id}"


class Extension(models.Model):
    """A coordinator keeps one person's data longer than the policy says, with a reason."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="retention_extensions"
    )
    until = models.DateField(_("keep until"))
    reason = models.TextField(_("reason"), max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-until"]

    def __str__(self) -> str:
        return f"Extension #{self.pk}"


class Anonymised(models.Model):
    """An application whose person has been anonymised, when and why (so a re-run skips it)."""

    class Cause(models.TextChoices):
        RETENTION = "retention", _("Retention period over")
        ERASURE = "erasure", _("Erased on request")
        WITHDRAWAL = "withdrawal", _("Withdrew consent")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="anonymised"
    )
    cause = models.CharField(max_length=16, choices=Cause.choices)
    at = models.DateTimeField()
    reason = models.TextField(blank=True)  # why staff erased it (what they typed); empty otherwise

    def __str__(self) -> str:
        return f"Anonymised #{self.application_id}"


class RemovalLog(models.Model):
    """What one run removed: counts per program and kind, never the data."""

    run_at = models.DateTimeField(db_index=True)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=32)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-run_at", "kind"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.count}"

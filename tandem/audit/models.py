"""The audit trail of staff decisions: who did what, to what, when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One decision. `data` holds ids and codes, never personal data such as names or e-mails."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    program = models.ForeignKey(
        "programs.Program", on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The admins' search: an organisation's events, newest first, by action or by staff member.
            models.Index(fields=["organisation", "-created_at"], name="audit_org_time"),
            models.Index(fields=["actor", "-created_at"], name="audit_actor_time"),
            # "Who looked at this person": events whose target is the person.
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.action} #{self.pk}"


class AuditSubject(models.Model):
    """A person an event concerns, beyond its target: a page that shows fifty applicants is one event
    with fifty subjects, so that "who looked at this person" finds it. Ids only, never names.

    `kind` names what the id counts (`SubjectKind`); the app that owns those people tells the audit log
    how to find them by name or e-mail and how to show them (`tandem.audit.subjects`)."""

    event = models.ForeignKey(AuditEvent, on_delete=models.CASCADE, related_name="subjects")
    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id"], name="audit_subject")]
        verbose_name = _("audit subject")
        verbose_name_plural = _("audit subjects")

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}"

"""Screening (urval): the decision e-mails a program sends, and staff notes on applications.

The queue and the decisions themselves work on `tandem.applications` (Application, StatusChange).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    """The status changes that send the applicant an e-mail (the value is the status it follows)."""

    INTERVIEW_BOOKED = "interview_booked", _("Interview booked")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")


class DecisionTemplate(models.Model):
    """A program's own wording of one decision e-mail in one language.

    Without a row the default wording in `decisions.DEFAULTS` is used; see `decisions.template_for`.
    """

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="decision_templates"
    )
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    language = models.CharField(_("language code"), max_length=16)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "kind", "language"], name="one_decision_template_per_language"
            ),
        ]
        ordering = ["program_id", "kind", "language"]
        verbose_name = _("decision e-mail")
        verbose_name_plural = _("decision e-mails")

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"


class Note(models.Model):
    """A staff note on an application: seen by the program's staff only, never by the applicant."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"Note #{self.pk}"

"""The record of an interview in which a person registered their interest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

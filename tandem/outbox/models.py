"""Outgoing e-mail, stored first and delivered by the worker exactly once (see services.py)."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet["OutboxMessage"]):
    def due(self, now: datetime) -> OutboxMessageQuerySet:
        """Messages waiting for their (next) delivery attempt at `now`."""
        return self.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    program = models.ForeignKey(
        "programs.Program", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=64, blank=True)
    from_email = models.CharField(max_length=254)
    to = models.JSONField(_("recipients"), default=list)
    cc = models.JSONField(_("copy to"), default=list, blank=True)
    bcc = models.JSONField(_("blind copy to"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # At most one attachment, text only (a calendar invitation): its file name, MIME type and text.
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment_text = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"OutboxMessage #{self.pk} ({self.status})"

    @staticmethod
    def new_message_id(domain: str = "tandem.local") -> str:
        return f"<{uuid.uuid4().hex}@{domain}>"

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def recipients(self) -> list[str]:
        return [*self.to, *self.cc, *self.bcc]

    def to_email(self, connection: BaseEmailBackend | None = None) -> EmailMultiAlternatives:
        """The stored message as Django e-mail, identical on every attempt (same Message-ID and Date)."""
        email = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body_text,
            from_email=self.from_email,
            to=self.to,
            cc=self.cc,
            bcc=self.bcc,
            reply_to=self.reply_to,
            headers={**self.headers, "Message-ID": self.message_id},
            connection=connection,
        )
        if self.body_html:
            email.attach_alternative(self.body_html, "text/html")
        if self.attachment_name:
            email.attach(self.attachment_name, self.attachment_text, self.attachment_type)
        return email

    def attach_text(self, name: str, text: str, mimetype: str) -> None:
        """Carry one text attachment, e.g. ``("invitation.ics", ics, "text/calendar; method=REQUEST")``."""
        if not mimetype.startswith("text/"):
            raise ValueError("The outbox carries text attachments only")
        self.attachment_name, self.attachment_text, self.attachment_type = name, text, mimetype

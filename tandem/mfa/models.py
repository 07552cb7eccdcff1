"""The one model of mfa: who may sign in without a second factor. The devices are django-otp's."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Exemption(models.Model):
    """This person signs in with the password alone, even as an admin or coordinator.

    Only the demo loader (`tandem.demo`) makes these, for its printed accounts, so that someone trying
    `make demo` is not stopped by a second factor. Nothing in production code creates one.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Exemption #{self.pk}"

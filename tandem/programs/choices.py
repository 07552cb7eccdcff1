"""The program's choices that participants read (the handbook shows the goals' units, the common meetings'
kinds and the working group's roles): kept apart from models.py so that `make check-messages` requires
their Arabic (PARTICIPANT_PAGES in the Makefile) without requiring it for every staff-only label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalUnit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("number")


class CommonMeetingKind(models.TextChoices):
    KICKOFF = "kickoff", _("Kickoff")
    MIDPOINT = "midpoint", _("Mid-program meeting")
    CLOSING = "closing", _("Closing meeting")
    OTHER = "other", _("Other common meeting")


class ProgramRoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Program coordinator")
    PARTNER_COORDINATOR = "partner_coordinator", _("Partner coordinator")
    VIEWER = "viewer", _("Read-only viewer")

"""The worker's jobs: invitations to many people, and the reminders two days before a meeting."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tandem.gatherings import services
from tandem.gatherings.models import Gathering


@db_task()
def invite_in_background(gathering_pk: int) -> None:
    gathering = Gathering.objects.filter(pk=gathering_pk).first()
    if gathering is None:
        return
    try:
        services.invite(gathering, by=None, now=timezone.now())
    except (services.GatheringClosed, services.NowhereToMeet):  # cancelled, over or its place removed
        return


@db_periodic_task(crontab(minute="23"))
def remind_common_meetings() -> None:
    """Hourly; each invitee is reminded at most once (``Invitation.reminded_at``)."""
    services.send_due_reminders(now=timezone.now())

"""The worker's follow-up jobs: a pass every hour that opens, reminds and closes rounds (each step once)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tandem.followup import rounds
from tandem.followup.models import Round


@db_periodic_task(crontab(minute="41"))
def run_followup_rounds() -> None:
    rounds.run_due(now=timezone.now())


@db_task()
def open_in_background(round_pk: int) -> None:
    """A coordinator opened a round by hand: the invitations go out from the worker."""
    found = Round.objects.filter(pk=round_pk).first()
    if found is not None:
        rounds.open_round(found, now=timezone.now())

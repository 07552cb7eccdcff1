"""The worker's jobs for the pairs' space: sign-in links, opening the mentorships of new pairs, reminders."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tandem.mentoring import reminders, services, signin


@db_task()
def send_sign_in_link(email: str, language: str, next_path: str = "") -> None:
    """Looked up and written by the worker, so the sign-in page answers as fast for every address."""
    signin.request_sign_in_link(email, language=language, now=timezone.now(), next_path=next_path)


@db_periodic_task(crontab(minute="*/15"))
def open_new_mentorships() -> None:
    """Every 15 minutes: a pair that became active gets its mentorship and suggested meetings, and the
    mentorship of a pair a coordinator dissolved ends."""
    now = timezone.now()
    services.open_new_mentorships(now=now)
    services.end_dissolved_mentorships(now=now)


@db_periodic_task(crontab(minute="23"))
def send_meeting_reminders() -> None:
    """Hourly: reminders before planned meetings, "did you meet?" after them, nudges to quiet pairs; each
    sent once (`tandem.mentoring.reminders`)."""
    reminders.send_all_due(now=timezone.now())

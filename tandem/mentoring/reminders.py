"""The reminders the worker sends the pairs: safe to run twice, each e-mail sent once.

- a few days before a planned meeting (`MentoringSettings.reminder_days`; `PlannedMeeting.reminded_at`);
- "did you meet?" the day after a planned meeting nobody logged (`PlannedMeeting.asked_about_at`);
- a nudge when a running pair has logged nothing for `MentoringSettings.quiet_weeks` (`Mentorship.nudged_at`;
  again at most every quiet_weeks).

Only running mentorships of active pairs get them (none once paused or ended), and only participants who
left reminders on. Each row is locked and checked again before it is marked, so two workers (or a second
run) send nothing twice. Every e-mail carries a fresh sign-in link to the space, in the reader's language.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tandem.mentoring import emails
from tandem.mentoring.models import MentoringSettings, Mentorship, PlannedMeeting
from tandem.mentoring.signin import participant_for
from tandem.pairs.models import Pair

ASK_WITHIN = timedelta(days=14)  # planned meetings further back are not asked about (e.g. after an upgrade)
MAX_REMINDER_DAYS = 14


def _settings(program_id: int, cache: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(reminder_days, quiet_weeks) of a program, the defaults when it has no settings."""
    if program_id not in cache:
        found = (
            MentoringSettings.objects.filter(program_id=program_id)
            .values_list("reminder_days", "quiet_weeks")
            .first()
        )
        if found is None:
            fields = MentoringSettings._meta
            found = (fields.get_field("reminder_days").default, fields.get_field("quiet_weeks").default)
        cache[program_id] = found
    return cache[program_id]


def _running() -> Q:
    return Q(mentorship__status=Mentorship.Status.RUNNING, mentorship__pair__status=Pair.Status.ACTIVE)


def _recipients(mentorship: Mentorship):
    """(participant, side) of both sides who want reminders."""
    for side in ("mentee", "mentor"):
        participant = participant_for(mentorship.pair.person(side))
        if participant.reminders:
            yield participant, side


def _locked_meeting(pk: int) -> PlannedMeeting:
    return (
        PlannedMeeting.objects.select_for_update(of=("self",))
        .select_related("mentorship__pair__program", "mentorship__pair__mentee", "mentorship__pair__mentor")
        .get(pk=pk)
    )


def _still_running(mentorship: Mentorship) -> bool:
    return mentorship.status == Mentorship.Status.RUNNING and mentorship.pair.status == Pair.Status.ACTIVE


def send_due_meeting_reminders(*, now: datetime) -> int:
    """Remind both sides of a planned meeting `reminder_days` before it (0: never). Returns e-mails sent."""
    today = timezone.localdate(now)
    cache: dict[int, tuple[int, int]] = {}
    due = PlannedMeeting.objects.filter(
        _running(),
        dropped_at__isnull=True,
        reminded_at__isnull=True,
        log__isnull=True,
        planned_on__gte=today,
        planned_on__lte=today + timedelta(days=MAX_REMINDER_DAYS),
    ).values_list("pk", "mentorship__pair__program_id", "planned_on")
    sent = 0
    for pk, program_id, planned_on in due:
        days = _settings(program_id, cache)[0]
        if days and today >= planned_on - timedelta(days=days):
            sent += _remind(pk, now=now, today=today)
    return sent


def _remind(pk: int, *, now: datetime, today: date) -> int:
    with transaction.atomic():
        meeting = _locked_meeting(pk)
        if (
            meeting.reminded_at is not None
            or meeting.dropped_at is not None
            or meeting.planned_on < today
            or not _still_running(meeting.mentorship)
        ):
            return 0
        meeting.reminded_at = now
        meeting.save(update_fields=["reminded_at"])
        sent = 0
        for participant, side in _recipients(meeting.mentorship):
            emails.send_meeting_reminder(participant, meeting=meeting, side=side, now=now)
            sent += 1
    return sent


def send_due_questions(*, now: datetime) -> int:
    """Ask both sides "did you meet?" once, after a planned meeting's day passed without a log."""
    today = timezone.localdate(now)
    due = PlannedMeeting.objects.filter(
        _running(),
        dropped_at__isnull=True,
        asked_about_at__isnull=True,
        log__isnull=True,
        planned_on__lt=today,
        planned_on__gte=today - ASK_WITHIN,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in due:
        with transaction.atomic():
            meeting = _locked_meeting(pk)
            if (
                meeting.asked_about_at is not None
                or meeting.dropped_at is not None
                or hasattr(meeting, "log")
                or meeting.planned_on < meeting.mentorship.started_on
                or not _still_running(meeting.mentorship)
            ):
                continue
            meeting.asked_about_at = now
            meeting.save(update_fields=["asked_about_at"])
            for participant, side in _recipients(meeting.mentorship):
                emails.send_did_you_meet(participant, meeting=meeting, side=side, now=now)
                sent += 1
    return sent


def send_due_nudges(*, now: datetime) -> int:
    """Nudge both sides of a running pair that has logged nothing for `quiet_weeks` (counted from its last
    meeting, or its start), again at most every `quiet_weeks`."""
    today = timezone.localdate(now)
    cache: dict[int, tuple[int, int]] = {}
    a_week_ago = today - timedelta(weeks=1)  # the shortest quiet_weeks: the rest is checked per program
    candidates = (
        Mentorship.objects.filter(status=Mentorship.Status.RUNNING, pair__status=Pair.Status.ACTIVE)
        .filter(
            Q(last_meeting_on__lte=a_week_ago) | Q(last_meeting_on__isnull=True, started_on__lte=a_week_ago)
        )
        .values_list("pk", "pair__program_id")
    )
    sent = 0
    for pk, program_id in candidates:
        weeks = _settings(program_id, cache)[1]
        with transaction.atomic():
            mentorship = (
                Mentorship.objects.select_for_update(of=("self",))
                .select_related("pair__program", "pair__mentee", "pair__mentor")
                .get(pk=pk)
            )
            if not _quiet_too_long(mentorship, weeks=weeks, now=now, today=today):
                continue
            mentorship.nudged_at = now
            mentorship.save(update_fields=["nudged_at"])
            for participant, side in _recipients(mentorship):
                emails.send_nudge(participant, mentorship=mentorship, side=side, weeks=weeks, now=now)
                sent += 1
    return sent


def _quiet_too_long(mentorship: Mentorship, *, weeks: int, now: datetime, today: date) -> bool:
    if not _still_running(mentorship) or weeks <= 0:
        return False
    if mentorship.ends_on is not None and today > mentorship.ends_on:
        return False
    quiet = timedelta(weeks=weeks)
    last = max(mentorship.last_meeting_on or mentorship.started_on, mentorship.started_on)
    if today - last < quiet:
        return False
    return mentorship.nudged_at is None or now - mentorship.nudged_at >= quiet


def send_all_due(*, now: datetime) -> dict[str, int]:
    return {
        "reminders": send_due_meeting_reminders(now=now),
        "questions": send_due_questions(now=now),
        "nudges": send_due_nudges(now=now),
    }

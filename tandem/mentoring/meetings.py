"""The pair's meetings: the plan (move, add, drop) and the log (log, confirm, correct, "it didn't happen").

One function each, `verb(obj, *, side, now)`, atomic and audited with ids only (never what people wrote).
Bad input raises `MentoringError` with a message for the page and stores nothing; a double submit of the
same form (the same `submission_key`) stores one log.

Every change to a planned meeting raises its `sequence`, so a calendar that shows it from the feed takes
the new version; a move to another day also forgets that it was reminded and asked about.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from tandem.accounts.models import User

from tandem.mentoring import plan
from tandem.mentoring.models import (
    MAX_NOTE,
    MeetingFormat,
    MeetingLog,
    Mentorship,
    PlannedMeeting,
    PrivateNote,
    Side,
    ThemeItem,
)
from tandem.mentoring.services import (
    MentoringError,
    _audit,
    _check_open,
    _check_side,
    _clean_text,
    _locked,
)

MIN_MINUTES = 5
MAX_MINUTES = 600
MAX_PLACE = 200
PLAN_AHEAD = timedelta(days=2 * 366)  # a planned meeting at most two years ahead


def program_themes(mentorship: Mentorship):
    """The themes and exercises the pair's program picked: what a log may say was touched."""
    return ThemeItem.objects.filter(
        program_uses__program_id=mentorship.pair.program_id, archived_at__isnull=True
    ).order_by("program_uses__month", "title", "id")


def coming(mentorship: Mentorship, *, today: date):
    """The plan from today on: planned meetings nobody dropped and no log made held (a meeting held a
    few days early counts as the planned one, so the plan moves on to the next)."""
    return mentorship.planned_meetings.filter(
        dropped_at__isnull=True, log__isnull=True, planned_on__gte=today
    )


def unlogged_past(mentorship: Mentorship, *, today: date):
    """Planned meetings whose day has passed without a log and that nobody dropped: "did you meet?"."""
    return mentorship.planned_meetings.filter(
        dropped_at__isnull=True, log__isnull=True, planned_on__lt=today, planned_on__gte=mentorship.started_on
    ).order_by("planned_on", "id")


def waiting_for(mentorship: Mentorship, *, side: str):
    """Logs the other side wrote that `side` has neither confirmed nor corrected."""
    other = Side.MENTOR if side == Side.MENTEE else Side.MENTEE
    return mentorship.meeting_logs.filter(
        logged_by_side=other, confirmed_at__isnull=True, corrected_at__isnull=True
    )


# --- The plan -------------------------------------------------------------------------------------


def _check_plan(planned_on: date, starts_at: time | None, place: str, *, now: datetime) -> str:
    today = timezone.localdate(now)
    if planned_on < today:
        raise MentoringError(_("Choose a day from today on."))
    if planned_on > today + PLAN_AHEAD:
        raise MentoringError(_("Choose a day within the next two years."))
    return _clean_text(place, limit=MAX_PLACE, required=False)


def add_planned_meeting(
    mentorship: Mentorship,
    *,
    side: str,
    planned_on: date,
    starts_at: time | None = None,
    place: str = "",
    now: datetime,
) -> PlannedMeeting:
    """The pair adds a meeting to its plan (the same day, time and place again is a double submit)."""
    _check_side(side)
    place = _check_plan(planned_on, starts_at, place, now=now)
    with transaction.atomic():
        mentorship = _locked(mentorship)
        _check_open(mentorship)
        same = mentorship.planned_meetings.filter(
            planned_on=planned_on, starts_at=starts_at, place=place, dropped_at__isnull=True
        ).first()
        if same is not None:
            return same
        meeting = PlannedMeeting.objects.create(
            mentorship=mentorship,
            planned_on=planned_on,
            starts_at=starts_at,
            place=place,
            origin=PlannedMeeting.Origin.ADDED,
        )
        _audit("meeting.planned", mentorship, now=now, side=side, planned_meeting=meeting.pk)
    return meeting


def move_planned_meeting(
    meeting: PlannedMeeting,
    *,
    side: str,
    planned_on: date,
    starts_at: time | None = None,
    place: str = "",
    now: datetime,
) -> PlannedMeeting:
    """The pair moves a planned meeting to another day, time or place."""
    _check_side(side)
    place = _check_plan(planned_on, starts_at, place, now=now)
    with transaction.atomic():
        mentorship = _locked(meeting.mentorship)
        _check_open(mentorship)
        meeting = PlannedMeeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.dropped_at is not None or MeetingLog.objects.filter(planned=meeting).exists():
            raise MentoringError(_("This meeting can no longer be changed."))
        if (meeting.planned_on, meeting.starts_at, meeting.place) == (planned_on, starts_at, place):
            return meeting  # nothing changed (or a double submit)
        if meeting.planned_on != planned_on:
            meeting.reminded_at = None
            meeting.asked_about_at = None
        meeting.planned_on, meeting.starts_at, meeting.place = planned_on, starts_at, place
        meeting.sequence += 1
        meeting.save()
        _audit("meeting.moved", mentorship, now=now, side=side, planned_meeting=meeting.pk)
    return meeting


def drop_planned_meeting(
    meeting: PlannedMeeting, *, side: str, now: datetime, held: bool = True
) -> PlannedMeeting:
    """The pair drops a planned meeting (`held=False`: it was planned and did not happen)."""
    _check_side(side)
    with transaction.atomic():
        mentorship = _locked(meeting.mentorship)
        _check_open(mentorship)
        meeting = PlannedMeeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.dropped_at is not None:
            return meeting  # a double submit
        if MeetingLog.objects.filter(planned=meeting).exists():
            raise MentoringError(_("This meeting is logged; it can no longer be dropped."))
        meeting.dropped_at = now
        meeting.sequence += 1
        meeting.save(update_fields=["dropped_at", "sequence"])
        action = "meeting.dropped" if held else "meeting.not_held"
        _audit(action, mentorship, now=now, side=side, planned_meeting=meeting.pk)
    return meeting


# --- The log --------------------------------------------------------------------------------------


def log_meeting(
    mentorship: Mentorship,
    *,
    side: str,
    held_on: date,
    minutes: int,
    format: str,
    themes: Iterable[int] = (),
    shared_note: str = "",
    private_note: str = "",
    submission_key: str = "",
    planned: PlannedMeeting | None = None,
    by: User | None = None,
    now: datetime,
) -> MeetingLog:
    """A held meeting, logged by the mentee or the mentor (the other side is asked to confirm it), or by a
    coordinator after a phone call (`side="staff"`, `by` the coordinator; nobody is asked to confirm).

    The log makes one planned meeting held (see `_planned_for_log`): `planned` if it is still open, else
    the meeting planned for that day (also one they had said did not happen), else the nearest open
    planned meeting a few days away. `Mentorship.last_meeting_on` follows the latest log."""
    if side == Side.STAFF:
        if by is None:
            raise MentoringError(_("Only the mentee and the mentor can do this."))
        if private_note:
            raise MentoringError(_("A coordinator writes no private note."))
    else:
        _check_side(side)
    today = timezone.localdate(now)
    if not isinstance(held_on, date) or held_on > today:
        raise MentoringError(_("A meeting you log must have happened: choose today or an earlier day."))
    if not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise MentoringError(
            _("The length is in minutes, from %(min)s to %(max)s.") % {"min": MIN_MINUTES, "max": MAX_MINUTES}
        )
    if format not in MeetingFormat.values:
        raise MentoringError(_("Choose how you met."))
    shared_note = _clean_text(shared_note, limit=MAX_NOTE, required=False)
    private_note = _clean_text(private_note, limit=MAX_NOTE, required=False)
    submission_key = (submission_key or "")[:64]
    theme_ids = sorted({int(pk) for pk in themes})
    with transaction.atomic():
        mentorship = _locked(mentorship)
        if submission_key:
            same = MeetingLog.objects.filter(mentorship=mentorship, submission_key=submission_key).first()
            if same is not None:
                return same  # a double submit
        _check_open(mentorship)
        if held_on < mentorship.started_on:
            raise MentoringError(_("This day is before your mentorship started."))
        allowed = set(program_themes(mentorship).filter(pk__in=theme_ids).values_list("pk", flat=True))
        if allowed != set(theme_ids):
            raise MentoringError(_("Choose among the program's themes."))
        if planned is not None:
            planned = (
                mentorship.planned_meetings.select_for_update(of=("self",)).filter(pk=planned.pk).first()
            )
            if planned is None or MeetingLog.objects.filter(planned=planned).exists():
                planned = None
        if planned is None:
            planned = _planned_for_log(mentorship, held_on)
        log = MeetingLog.objects.create(
            mentorship=mentorship,
            planned=planned,
            held_on=held_on,
            minutes=minutes,
            format=format,
            shared_note=shared_note,
            logged_by_side=side,
            logged_by_staff=by if side == Side.STAFF else None,
            created_at=now,
            submission_key=submission_key,
        )
        log.themes.set(theme_ids)
        if planned is not None and (planned.dropped_at is not None or planned.planned_on != held_on):
            # "It didn't happen" — but it did; or it happened on another day: the calendar feed moves the
            # event to the day it was held, so its SEQUENCE goes up.
            PlannedMeeting.objects.filter(pk=planned.pk).update(dropped_at=None, sequence=F("sequence") + 1)
        if private_note:
            PrivateNote.objects.create(meeting=log, side=side, text=private_note)
        _update_last_meeting(mentorship)
        planned_pk = planned.pk if planned is not None else None
        _audit("meeting.logged", mentorship, now=now, side=side, meeting=log.pk, planned_meeting=planned_pk)
    return log


def _planned_for_log(mentorship: Mentorship, day: date) -> PlannedMeeting | None:
    """The planned meeting a log for `day` makes held, so the plan and "your next meeting" move on.

    The rule: the meeting planned for that very day (`_planned_for_day`); else the nearest open planned
    meeting (neither held nor dropped) within the window of `plan.match_window` before or after the day
    (half the rule's interval, at most 7 days), the earlier one on a tie; else none: an extra meeting.
    Each log holds one planned meeting, so two logs in one window hold two planned meetings only when two
    are open within their windows; a second meeting close to a held one is an extra meeting.
    """
    same_day = _planned_for_day(mentorship, day)
    if same_day is not None:
        return same_day
    rules = [rule.span for rule in mentorship.pair.program.meeting_rules.all()]
    window = plan.match_window(rules, start=mentorship.started_on, day=day)
    near = mentorship.planned_meetings.select_for_update(of=("self",)).filter(
        dropped_at__isnull=True, log__isnull=True, planned_on__range=(day - window, day + window)
    )
    return min(
        near,
        key=lambda meeting: (abs((meeting.planned_on - day).days), meeting.planned_on, meeting.pk),
        default=None,
    )


def _planned_for_day(mentorship: Mentorship, day: date) -> PlannedMeeting | None:
    """The planned meeting a log for `day` makes held: the one kept for that day, else one the pair said
    did not happen (or dropped) that day, when no other is kept for it (one kept per day)."""
    planned = mentorship.planned_meetings.select_for_update(of=("self",)).filter(
        planned_on=day, log__isnull=True
    )
    kept = planned.filter(dropped_at__isnull=True).first()
    if kept is not None:
        return kept
    if mentorship.planned_meetings.filter(planned_on=day, dropped_at__isnull=True).exists():
        return None  # the day's kept meeting is logged already: this is a second meeting that day
    return planned.order_by("-dropped_at", "-id").first()


def _update_last_meeting(mentorship: Mentorship) -> None:
    latest = mentorship.meeting_logs.aggregate(latest=Max("held_on"))["latest"]
    Mentorship.objects.filter(pk=mentorship.pk).update(last_meeting_on=latest)
    mentorship.last_meeting_on = latest


def _check_answer(log: MeetingLog, side: str) -> Mentorship:
    _check_side(side)
    mentorship = _locked(log.mentorship)
    _check_open(mentorship)
    if log.logged_by_side == side or log.logged_by_side == Side.STAFF:
        raise MentoringError(_("The other person confirms a meeting you logged."))
    return mentorship


def confirm_meeting(log: MeetingLog, *, side: str, private_note: str = "", now: datetime) -> MeetingLog:
    """The other side says "yes, we met" (and may keep a private note of their own)."""
    private_note = _clean_text(private_note, limit=MAX_NOTE, required=False)
    with transaction.atomic():
        mentorship = _check_answer(log, side)
        log = MeetingLog.objects.select_for_update().get(pk=log.pk)
        if log.confirmed_at is not None:
            return log  # a double submit
        log.confirmed_at = now
        log.save(update_fields=["confirmed_at"])
        if private_note:
            PrivateNote.objects.update_or_create(meeting=log, side=side, defaults={"text": private_note})
        _audit("meeting.confirmed", mentorship, now=now, side=side, meeting=log.pk)
    return log


def correct_meeting(log: MeetingLog, *, side: str, text: str, now: datetime) -> MeetingLog:
    """The other side corrects a log ("it was 30 minutes, online"): the log keeps both versions."""
    text = _clean_text(text, limit=MAX_NOTE)
    with transaction.atomic():
        mentorship = _check_answer(log, side)
        log = MeetingLog.objects.select_for_update().get(pk=log.pk)
        if log.correction == text:
            return log  # a double submit
        log.correction = text
        log.corrected_at = now
        log.save(update_fields=["correction", "corrected_at"])
        _audit("meeting.corrected", mentorship, now=now, side=side, meeting=log.pk)
    return log


def private_notes_of(logs: Iterable[MeetingLog], *, side: str) -> dict[int, str]:
    """The private notes `side` wrote on these logs, by log id: the only way pages read private notes."""
    if side not in (Side.MENTEE, Side.MENTOR):
        return {}
    ids = [log.pk for log in logs]
    return dict(PrivateNote.objects.filter(meeting_id__in=ids, side=side).values_list("meeting_id", "text"))

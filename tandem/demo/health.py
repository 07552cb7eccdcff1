"""The running demo program's health page: a coordinator's follow-up marks on two pairs (the first silent
pair was phoned, the pair asking for help was contacted) and last week's snapshot of the counts, so that
"change since last week" shows something. Made once; a second run changes nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.demo.mentoring import HELP, SILENT
from tandem.health import services
from tandem.health.models import WeeklySnapshot
from tandem.mentoring import follow_up
from tandem.mentoring.models import FollowUpNote, HelpRequest, MeetingLog, Mentorship
from tandem.programs.models import Program


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load_health_demo(program: Program, *, today: date, by: User) -> None:
    with transaction.atomic():
        last_week = services.monday(today) - timedelta(weeks=1)
        if not WeeklySnapshot.objects.filter(program=program, week=last_week).exists():
            # The counts as they were judged a week ago (the plan and the quiet time as of that day).
            figures = services.counts(program, services.rules_for(program, today=today - timedelta(weeks=1)))
            # Meetings logged since then were not held yet, and help asked for since then not asked yet.
            since = today - timedelta(weeks=1)
            figures["meetings_held"] -= MeetingLog.objects.filter(
                mentorship__pair__program=program, held_on__gt=since
            ).count()
            figures["help"] -= (
                HelpRequest.objects.filter(
                    mentorship__pair__program=program, handled_at__isnull=True, created_at__gt=_at(since, 23)
                )
                .values("mentorship")
                .distinct()
                .count()
            )
            WeeklySnapshot.objects.create(
                program=program,
                week=last_week,
                counts={key: figures[key] for key in services.SNAPSHOT_KEYS},
                taken_at=_at(last_week, 5),
            )
        mentorships = list(Mentorship.objects.filter(pair__program=program).order_by("pair_id"))
        marked = FollowUpNote.objects.filter(mentorship__in=mentorships).exclude(kind=FollowUpNote.Kind.NOTE)
        if marked.exists() or len(mentorships) <= max(HELP, SILENT[0]):
            return
        follow_up.mark_follow_up(
            mentorships[SILENT[0]],
            kind=FollowUpNote.Kind.CONTACTED,
            text="Ringde mentorn: de har haft svårt att hitta tider och bokar en träff nästa vecka.",
            by=by,
            now=_at(today - timedelta(days=3), 14),
        )
        follow_up.mark_follow_up(
            mentorships[HELP],
            kind=FollowUpNote.Kind.CONTACTED,
            text="",
            by=by,
            now=_at(today - timedelta(days=1), 10),
        )

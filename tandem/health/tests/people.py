"""A running program's pairs in every state the health page knows, built fast (bulk inserts).

The program started ten weeks before `today`; the quiet time is mentoring's default (5 weeks) and a pair
has not started when nothing is logged 3 weeks after its start. `health_world` makes one pair of each
kind, in this order, `repeat` times:

- on_track: started ten weeks ago, 4 meetings planned so far and 4 logged, the last a week ago;
- not_started: started four weeks ago, 1 planned so far, nothing logged;
- behind: 5 planned so far, 2 logged, the last a week ago;
- silent: 3 planned so far, 3 logged, the last six weeks ago;
- help: on track, with an open help request;
- paused: paused ten days ago;
- ended_early: ended by the mentee ("no time");
- completed: ended as planned (needs no action).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tandem.mentoring.models import HelpRequest, MeetingLog, Mentorship, PlannedMeeting
from tandem.pairs.models import Pair
from tandem.pairs.tests.people import make_application

KINDS = ("on_track", "not_started", "behind", "silent", "help", "paused", "ended_early", "completed")
# kind: (weeks since start, planned so far, logged, days since the last meeting)
SHAPES = {
    "on_track": (10, 4, 4, 7),
    "not_started": (4, 1, 0, None),
    "behind": (10, 5, 2, 7),
    "silent": (10, 3, 3, 42),
    "help": (10, 4, 4, 7),
    "paused": (10, 4, 4, 14),
    "ended_early": (10, 2, 2, 30),
    "completed": (10, 4, 4, 7),
}


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def running(program, *, today: date) -> None:
    program.state = "running"
    program.start_date = today - timedelta(weeks=10)
    program.length_months = 6
    program.save()


def health_world(
    program, *, today: date, repeat: int = 1, count: int | None = None
) -> dict[str, list[Mentorship]]:
    """`repeat` pairs of each kind in `program` (made running), by kind; or `count` pairs in all, the
    kinds taken in turn."""
    running(program, today=today)
    made: dict[str, list[Mentorship]] = {kind: [] for kind in KINDS}
    total = count if count is not None else repeat * len(KINDS)
    for n in range(total):
        kind = KINDS[n % len(KINDS)]
        made[kind].append(_pair(program, kind, n, today=today))
    return made


def _pair(program, kind: str, n: int, *, today: date) -> Mentorship:
    weeks, planned, logged, last = SHAPES[kind]
    started = today - timedelta(weeks=weeks)
    pair = Pair.objects.create(
        program=program,
        mentee=make_application(program, "mentee", f"Adept{kind.title().replace('_', '')}", f"N{n}"),
        mentor=make_application(program, "mentor", f"Mentor{kind.title().replace('_', '')}", f"N{n}"),
        status=Pair.Status.ACTIVE,
        published_at=_at(started - timedelta(days=7)),
        answer_deadline=_at(started),
        mentee_answer="accept",
        mentor_answer="accept",
    )
    status = {
        "paused": Mentorship.Status.PAUSED,
        "ended_early": Mentorship.Status.ENDED,
        "completed": Mentorship.Status.COMPLETED,
    }.get(kind, Mentorship.Status.RUNNING)
    mentorship = Mentorship.objects.create(
        pair=pair,
        started_on=started,
        ends_on=started + timedelta(weeks=26),
        status=status,
        paused_at=_at(today - timedelta(days=10)) if kind == "paused" else None,
        ended_at=_at(today - timedelta(days=20))
        if status != Mentorship.Status.RUNNING and kind != "paused"
        else None,
        end_reason="no_time" if kind == "ended_early" else "",
        ended_by_side="mentee" if kind == "ended_early" else "",
    )
    span = (today - started).days
    PlannedMeeting.objects.bulk_create(
        PlannedMeeting(
            mentorship=mentorship, planned_on=started + timedelta(days=(i + 1) * span // (planned + 1))
        )
        for i in range(planned)
    )
    PlannedMeeting.objects.create(mentorship=mentorship, planned_on=today + timedelta(days=14))
    if logged:
        last_day = today - timedelta(days=last)
        MeetingLog.objects.bulk_create(
            MeetingLog(
                mentorship=mentorship,
                held_on=last_day - timedelta(days=7 * i),
                minutes=60,
                format="in_person",
                logged_by_side="mentee",
            )
            for i in range(logged)
        )
    if kind == "help":
        HelpRequest.objects.create(mentorship=mentorship, side="mentee", kind="need_help", text="Hjälp oss")
    return mentorship

"""Rounds follow the program's calendar: planned from its start date and length when it starts, with
offsets the coordinators can change (`FollowUpSettings`):

- start-up survey at week 5 (it opens on the first day of that week);
- mid-term evaluation at half time, for programs of six months or longer;
- goal evaluation two weeks after the end;
- effect evaluation 6 and 12 months after the end, only for those who agreed to be asked later.

Planning is idempotent: a round that exists is left alone; rounds that have not opened follow a change
of the offsets (`replan`).
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from tandem.audit.services import log_action
from tandem.followup.models import CODE_ALPHABET, FollowUpSettings, Kind, Round, Survey
from tandem.followup.services import copy_template
from tandem.programs.models import Program, add_months

ROLES = ("mentee", "mentor")
STEP_KIND = {
    Round.Step.STARTUP: Kind.STARTUP,
    Round.Step.MIDTERM: Kind.MIDTERM,
    Round.Step.GOAL: Kind.GOAL,
    Round.Step.EFFECT_6: Kind.EFFECT,
    Round.Step.EFFECT_12: Kind.EFFECT,
}


def new_short_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def settings_for(program: Program) -> FollowUpSettings:
    found, _created = FollowUpSettings.objects.get_or_create(program=program)
    return found


def planned_days(program: Program, settings: FollowUpSettings) -> dict[str, date]:
    """Each step's opening day from the program's dates (none without a start date and a length)."""
    start, end, months = program.start_date, program.end_date, program.length_months
    if start is None or end is None or months is None:
        return {}
    days: dict[str, date] = {Round.Step.STARTUP: start + timedelta(weeks=max(settings.startup_week, 1) - 1)}
    if settings.midterm and months >= 6:
        days[Round.Step.MIDTERM] = start + (end - start) / 2
    days[Round.Step.GOAL] = end + timedelta(days=settings.goal_days_after_end)
    for months_after, step in ((6, Round.Step.EFFECT_6), (12, Round.Step.EFFECT_12)):
        if months_after in (settings.effect_months or []):
            days[step] = add_months(end, months_after)
    return days


def _survey(program: Program, kind: str, role: str, *, now: datetime) -> Survey:
    found = Survey.objects.filter(program=program, kind=kind, audience=role).order_by("id").first()
    return found or copy_template(program, kind, role, by=None, now=now)


def plan_rounds(program: Program, *, now: datetime) -> list[Round]:
    """Plan the program's rounds that are not planned yet (copying the ready surveys where the program
    has none). Rounds that would already be closed today are not made."""
    today = timezone.localdate(now)
    made = []
    with transaction.atomic():
        Program.objects.select_for_update().filter(pk=program.pk).first()
        settings = settings_for(program)
        existing = set(Round.objects.filter(program=program).values_list("step", flat=True))
        for step, opens_on in planned_days(program, settings).items():
            closes_on = opens_on + timedelta(days=max(settings.open_days, 1))
            if step in existing or closes_on <= today:
                continue
            kind = STEP_KIND[Round.Step(step)]
            made.append(
                Round.objects.create(
                    program=program,
                    step=step,
                    mentee_survey=_survey(program, kind, "mentee", now=now),
                    mentor_survey=_survey(program, kind, "mentor", now=now),
                    opens_on=opens_on,
                    closes_on=closes_on,
                    reminder_days=list(settings.reminder_days or []),
                    short_code=new_short_code(),
                    created_at=now,
                )
            )
        if made:
            log_action(
                "followup.rounds_planned", program=program, data={"steps": [r.step for r in made]}, now=now
            )
    return made


def replan(program: Program, *, now: datetime) -> int:
    """After the offsets changed: move the rounds that have not opened; plan any new step. Returns how
    many rounds moved."""
    with transaction.atomic():
        settings = settings_for(program)
        days = planned_days(program, settings)
        moved = 0
        for round_ in Round.objects.select_for_update().filter(program=program, opened_at__isnull=True):
            opens_on = days.get(round_.step)
            if opens_on is None:
                round_.delete()
                continue
            round_.opens_on = opens_on
            round_.closes_on = opens_on + timedelta(days=max(settings.open_days, 1))
            round_.reminder_days = list(settings.reminder_days or [])
            round_.save(update_fields=["opens_on", "closes_on", "reminder_days"])
            moved += 1
        plan_rounds(program, now=now)
    return moved


def plan_on_start(program: Program, *, now: datetime) -> None:
    """Called by programs when a program starts (moves to running)."""
    plan_rounds(program, now=now)

"""The running program's follow-up in the demo: its rounds planned from its dates; the start-up survey
closed with about 70 % answered (some typed in by a coordinator after a phone call), its reminders
recorded for those who had not answered by each reminder day; the mid-term evaluation open since today
with a few answers in. No e-mail is queued for these past invitations and reminders."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from tandem.accounts.models import User
from tandem.followup import planning, rounds, services
from tandem.followup.models import Invitation, QuestionKind, Round
from tandem.programs.models import Program

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=STOCKHOLM)


def _value(kind: str, choices: int, rng: random.Random) -> Any:
    if kind in (QuestionKind.LIKERT, QuestionKind.GOALS):
        return rng.choices([2, 3, 4, 5], weights=[1, 3, 5, 3])[0]
    if kind == QuestionKind.SCALE10:
        return rng.randint(5, 10)
    if kind == QuestionKind.SINGLE:
        return rng.randrange(max(choices, 1))
    if kind == QuestionKind.MULTIPLE:
        return [rng.randrange(max(choices, 1))]
    if kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
        return rng.random() < 0.8
    return None  # free text is left to the people trying the demo


def _invite_quietly(round_: Round, *, at: datetime) -> list[Invitation]:
    Invitation.objects.bulk_create(
        rounds.new_invitation(round_, person, invited_at=at) for person in rounds.invitees(round_)
    )
    Round.objects.filter(pk=round_.pk).update(opened_at=at)
    return list(Invitation.objects.filter(round=round_).select_related("round"))


def _answer(
    invitation: Invitation,
    *,
    at: datetime,
    rng: random.Random,
    by: User | None,
    complete: bool,
    overrides: dict[str, Any] | None = None,
) -> None:
    """The invitation's person answers (a random value per item; `overrides` by question key)."""
    round_ = invitation.round
    survey = round_.survey_for(invitation.role)
    assert survey is not None
    version = survey.current_version()
    pages = services.pages_for(
        version,
        role=invitation.role,
        language="sv",
        program_id=round_.program_id,
        mentorship_id=invitation.mentorship_id,
    )
    if not complete:
        pages = pages[:1]
    values = {
        (item.question.key, item.row): _value(item.kind, len(item.wording.choices), rng)
        for page in pages
        for item in page
    }
    for (key, row), _value_now in list(values.items()):
        if overrides and key in overrides:
            values[(key, row)] = overrides[key]
    services.save_answers(
        round_,
        response=None,
        invitation=invitation,
        role=invitation.role,
        version=version,
        values={key: value for key, value in values.items() if value is not None},
        page=len(pages),
        channel="phone" if by is not None else "email",
        language="sv",
        complete=complete,
        now=at,
        by=by,
    )


def record_reminders(round_: Round) -> None:
    """The reminders the worker sent while the round was open (`rounds.send_reminders`, in its first
    pass of a reminder day, at 00:41): each invitation not answered by then counts one, as the real job
    counts them; no e-mail is queued for them, as for the invitations."""
    round_.refresh_from_db()
    assert round_.opened_at is not None
    opened = timezone.localdate(round_.opened_at)
    times = [
        datetime.combine(opened + timedelta(days=int(days)), time(0, 41), tzinfo=STOCKHOLM)
        for days in sorted(round_.reminder_days or [])
        if opened + timedelta(days=int(days)) < round_.closes_on
    ]
    reminded = []
    for invitation in round_.invitations.all():
        sent = [at for at in times if invitation.answered_at is None or at < invitation.answered_at]
        if sent:
            invitation.reminders_sent = rounds.due_reminders(round_, sent[-1])
            invitation.last_reminded_at = sent[-1]
            reminded.append(invitation)
    Invitation.objects.bulk_update(reminded, ["reminders_sent", "last_reminded_at"])


def load_followup_demo(program: Program, *, today: date, coordinator: User) -> None:
    """Once per program: a second run of the demo leaves its rounds as they are."""
    if Round.objects.filter(program=program).exists() or program.start_date is None:
        return
    rng = random.Random(2026)
    planning.plan_rounds(program, now=_at(program.start_date))
    startup = Round.objects.get(program=program, step=Round.Step.STARTUP)
    opened = _at(startup.opens_on, 8)
    for invitation in _invite_quietly(startup, at=opened):
        if rng.random() < 0.7:
            phoned = rng.random() < 0.2
            _answer(
                invitation,
                at=opened + timedelta(days=rng.randint(0, 12)),
                rng=rng,
                by=coordinator if phoned else None,
                complete=True,
            )
    record_reminders(startup)
    Round.objects.filter(pk=startup.pk).update(closed_at=_at(startup.closes_on, 0))

    midterm = Round.objects.filter(program=program, step=Round.Step.MIDTERM).first()
    if midterm is None:
        return
    length = midterm.closes_on - midterm.opens_on
    Round.objects.filter(pk=midterm.pk).update(opens_on=today, closes_on=today + length)
    midterm.refresh_from_db()
    now = _at(today, 8)
    for invitation in _invite_quietly(midterm, at=now)[:8]:
        _answer(invitation, at=now, rng=rng, by=None, complete=rng.random() < 0.6)

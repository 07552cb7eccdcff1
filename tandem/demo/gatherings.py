"""The running program's common meetings in the demo, as real events: the kickoff on the start date,
held, with invitations answered and attendance checked in; the mid-program meeting ahead, with its place,
invitations sent a few days ago and some answers in; the closing meeting made but not yet placed or
sent. No e-mail is queued for these invitations (they are the demo's history)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tandem.accounts.models import User
from tandem.gatherings import services
from tandem.gatherings.models import Gathering, Invitation
from tandem.programs.models import Program

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PLACES = {
    "kickoff": "Folkets hus, Järntorget 1, 413 04 Göteborg",
    "midpoint": "Stadsbiblioteket, Götaplatsen 3, 412 56 Göteborg",
}


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=STOCKHOLM)


def load_gatherings_demo(program: Program, *, today: date, by: User) -> None:
    if program.gatherings.exists() or program.start_date is None:
        return
    rng = random.Random(2029)
    made = services.create_from_plan(program, by=by, now=_at(program.start_date - timedelta(days=28)))
    for gathering in made:
        gathering.place = PLACES.get(gathering.kind, "")
        gathering.save(update_fields=["place"])
        if not gathering.place:
            continue  # the closing meeting: time and place still to be set
        held = gathering.starts_at.date() < today
        sent = (
            _at(gathering.starts_at.date() - timedelta(days=21)) if held else _at(today - timedelta(days=4))
        )
        _invite_quietly(gathering, at=sent)
        for invitation in gathering.invitations.all():
            roll = rng.random()
            if held:
                invitation.answer = Invitation.Answer.YES if roll < 0.8 else Invitation.Answer.NO
            elif roll < 0.5:
                invitation.answer = rng.choice(
                    [Invitation.Answer.YES] * 4 + [Invitation.Answer.NO, Invitation.Answer.MAYBE]
                )
            if invitation.answer:
                invitation.answered_at = sent + timedelta(days=rng.randint(1, 3))
            if held and invitation.answer == Invitation.Answer.YES and rng.random() < 0.9:
                invitation.checked_in_at = gathering.starts_at + timedelta(minutes=rng.randint(-10, 15))
            invitation.save(update_fields=["answer", "answered_at", "checked_in_at"])


def _invite_quietly(gathering: Gathering, *, at: datetime) -> None:
    Invitation.objects.bulk_create(
        Invitation(
            gathering=gathering,
            email=person.email,
            name=person.name,
            language=person.language,
            role=person.role,
            invited_at=at,
            sent_sequence=gathering.sequence,
        )
        for person in services.invitees(gathering)
    )

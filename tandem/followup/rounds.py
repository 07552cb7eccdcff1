"""A round's life in the worker: opened on its day (everyone it is for gets an invitation by e-mail in
their language), reminded on its reminder days (only those who have not answered, each reminder once),
closed on its closing day. Each step is safe to run twice: invitation and reminder times are recorded in
the same transaction as the e-mails are queued in the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tandem.audit.services import log_action
from tandem.followup import emails
from tandem.followup.models import Invitation, LaterContact, Round
from tandem.followup.services import import_application_consents
from tandem.jobs.services import between_chunks
from tandem.mentoring.models import Mentorship
from tandem.outbox.services import queue_prepared
from tandem.pairs.emails import participant_language
from tandem.programs.models import Program

OPEN_PAIRS = (Mentorship.Status.RUNNING, Mentorship.Status.PAUSED)


@dataclass(frozen=True)
class Invitee:
    application_id: int
    mentorship_id: int
    role: str
    name: str
    email: str
    language: str


def consenting(program_id: int) -> set[int]:
    """Applications whose latest answer to "may we ask you later?" is yes (on the application form or at
    the goal evaluation, whichever came last)."""
    import_application_consents(program_id)
    latest: dict[int, bool] = {}
    for application_id, agreed in (
        LaterContact.objects.filter(program_id=program_id)
        .order_by("recorded_at", "id")
        .values_list("application_id", "agreed")
    ):
        latest[application_id] = agreed
    return {pk for pk, agreed in latest.items() if agreed}


def invitees(round_: Round) -> list[Invitee]:
    """Who the round is for: the mentees and mentors of the program's pairs (during the program only
    the running and paused ones), for each side that has a survey; for an effect evaluation only those
    who agreed to be asked later."""
    mentorships = Mentorship.objects.filter(pair__program_id=round_.program_id).select_related(
        "pair__mentee", "pair__mentor"
    )
    if round_.step in (Round.Step.STARTUP, Round.Step.MIDTERM):
        mentorships = mentorships.filter(status__in=OPEN_PAIRS)
    allowed = consenting(round_.program_id) if round_.needs_consent else None
    found: dict[int, Invitee] = {}
    for mentorship in mentorships.order_by("pk"):
        for role in ("mentee", "mentor"):
            if round_.survey_for(role) is None:
                continue
            person = getattr(mentorship.pair, role)
            if not person.email or person.pk in found or (allowed is not None and person.pk not in allowed):
                continue
            found[person.pk] = Invitee(
                person.pk,
                mentorship.pk,
                role,
                person.full_name,
                person.email.strip().lower(),
                (person.language or "").lower() or participant_language(person),
            )
    return list(found.values())


OPENING_CHUNK = 200
"""Invitation e-mails queued per transaction when a round opens: a round of 10,000 never holds the database
(SQLite: every writer, public applicants included) for longer than one chunk takes."""


def new_invitation(round_: Round, person: Invitee, *, invited_at: datetime | None = None) -> Invitation:
    """An unsaved invitation of one of `invitees(round_)`, its secrets made (for `bulk_create`)."""
    invitation = Invitation(
        round=round_,
        role=person.role,
        application_id=person.application_id,
        mentorship_id=person.mentorship_id,
        name=person.name,
        email=person.email,
        language=person.language,
        invited_at=invited_at,
    )
    invitation.set_secrets()
    return invitation


def open_round(round_: Round, *, now: datetime) -> int:
    """Invite everyone the round is for who has no invitation e-mail yet. Returns how many were sent.

    Short transactions, with a pause between them on SQLite (`jobs.services.between_chunks`) so that other
    writers, public applicants included, get in: the missing invitations are made a chunk at a time (their
    secrets computed before, outside any transaction), then the e-mails are queued a chunk at a time,
    rendered before the transaction and each chunk marked invited in the transaction that queues it (each
    e-mail once). A worker that stops half-way leaves the round unopened; the next pass queues the rest,
    and the round counts as opened (its reminders start) when the last chunk is in."""
    current = Round.objects.select_related("program__organisation").get(pk=round_.pk)
    if current.closed_at is not None or timezone.localdate(now) >= current.closes_on:
        return 0
    existing = set(current.invitations.values_list("application_id", flat=True))
    fresh = []
    for person in invitees(current):
        if person.application_id in existing:
            continue
        fresh.append(new_invitation(current, person))
    for start in range(0, len(fresh), OPENING_CHUNK):
        with transaction.atomic():  # another pass may have made some meanwhile: theirs stand
            Invitation.objects.bulk_create(fresh[start : start + OPENING_CHUNK], ignore_conflicts=True)
        between_chunks()
    sent = 0
    while True:
        due = list(
            current.invitations.filter(invited_at__isnull=True, answered_at__isnull=True).order_by("pk")[
                :OPENING_CHUNK
            ]
        )
        prepared = {i.pk: emails.build_email(i, current, emails.INVITATION) for i in due}
        with transaction.atomic():
            locked = (
                Round.objects.select_for_update().select_related("program__organisation").get(pk=round_.pk)
            )
            if locked.closed_at is not None:
                return sent
            still_due = set(
                locked.invitations.filter(
                    pk__in=list(prepared), invited_at__isnull=True, answered_at__isnull=True
                ).values_list("pk", flat=True)
            )
            if still_due:
                queue_prepared([message for pk, message in prepared.items() if pk in still_due])
                Invitation.objects.filter(pk__in=still_due).update(invited_at=now)
                sent += len(still_due)
            elif not due:
                if locked.opened_at is None:
                    locked.opened_at = now
                    locked.save(update_fields=["opened_at"])
                log_action(
                    "followup.round_opened",
                    program=locked.program,
                    target=locked,
                    data={"invited": sent},
                    now=now,
                )
                return sent
        between_chunks()


def due_reminders(round_: Round, now: datetime) -> int:
    """How many of the round's reminders are due by today (counted from the opening day)."""
    if round_.opened_at is None:
        return 0
    opened = timezone.localdate(round_.opened_at)
    today = timezone.localdate(now)
    return sum(
        1 for days in sorted(round_.reminder_days or []) if opened + timedelta(days=int(days)) <= today
    )


def send_reminders(round_: Round, *, now: datetime) -> int:
    """Remind those who have not answered, once per reminder day that has come (a worker that was down
    over two reminder days sends one e-mail, not two). Returns how many were sent."""
    with transaction.atomic():
        locked = Round.objects.select_for_update().select_related("program__organisation").get(pk=round_.pk)
        if not locked.is_open(now):
            return 0
        due_count = due_reminders(locked, now)
        if due_count == 0:
            return 0
        due = list(
            locked.invitations.filter(
                invited_at__isnull=False, answered_at__isnull=True, reminders_sent__lt=due_count
            ).exclude(Q(response__completed_at__isnull=False))
        )
        queue_prepared([emails.build_email(i, locked, emails.REMINDER) for i in due])
        Invitation.objects.filter(pk__in=[i.pk for i in due]).update(
            reminders_sent=due_count, last_reminded_at=now
        )
    return len(due)


def close_round(round_: Round, *, now: datetime) -> bool:
    with transaction.atomic():
        locked = Round.objects.select_for_update().select_related("program").get(pk=round_.pk)
        if locked.closed_at is not None:
            return False
        locked.closed_at = now
        locked.save(update_fields=["closed_at"])
        log_action("followup.round_closed", program=locked.program, target=locked, now=now)
    return True


def run_due(*, now: datetime) -> None:
    """The worker's daily pass: plan the rounds of running programs that have none, open the rounds whose
    day has come, remind, close."""
    from tandem.followup.planning import plan_rounds

    today = timezone.localdate(now)
    for program in Program.objects.filter(
        state=Program.State.RUNNING, followup_rounds__isnull=True, start_date__isnull=False
    ):
        plan_rounds(program, now=now)
    for round_ in Round.objects.filter(closed_at__isnull=True, closes_on__lte=today):
        close_round(round_, now=now)
    for round_ in Round.objects.filter(opened_at__isnull=True, closed_at__isnull=True, opens_on__lte=today):
        open_round(round_, now=now)
    for round_ in Round.objects.filter(opened_at__isnull=False, closed_at__isnull=True):
        send_reminders(round_, now=now)

"""What happens to common meetings: made from the plan, added, moved, cancelled; invitations sent and
answered; reminders; check-in at the door. Each change is atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import log_action
from tandem.gatherings import emails
from tandem.gatherings.models import Gathering, Invitation
from tandem.mentoring.models import Mentorship, Participant
from tandem.mentoring.sections import ScheduledMeeting
from tandem.outbox.services import queue_prepared
from tandem.pairs.emails import participant_language
from tandem.programs.models import CommonMeeting, Program, ProgramRole

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEFAULT_START = time(17, 0)  # a planned meeting becomes 17:00–19:00 on its planned day until moved
REMINDER_BEFORE = timedelta(days=2)
BACKGROUND_FROM = 50  # invitations to send: from this many, the worker sends them, not the request
# The participants each audience invites (the working group is invited to every meeting).
AUDIENCE_SIDES: dict[str, frozenset[str]] = {
    Gathering.Audience.EVERYONE: frozenset({"mentee", "mentor"}),
    Gathering.Audience.MENTORS: frozenset({"mentor"}),
    Gathering.Audience.MENTEES: frozenset({"mentee"}),
    Gathering.Audience.WORKING_GROUP: frozenset(),
}
# A change of these sends an update to everyone invited (same UID, higher SEQUENCE).
CALENDAR_FIELDS = ("starts_at", "duration_minutes", "place", "video_link", "title")


class GatheringClosed(Exception):
    """The meeting is cancelled or over: no more answers."""


class NowhereToMeet(Exception):
    """The meeting has neither a place nor a video link: an invitation would not say where to come."""


@dataclass(frozen=True)
class Counts:
    invited: int = 0
    yes: int = 0
    no: int = 0
    maybe: int = 0
    unanswered: int = 0
    attended: int = 0
    walk_ins: int = 0


def counts_for(gathering: Gathering) -> Counts:
    """Invited / yes / no / maybe / no answer / attended, in one query."""
    figures = gathering.invitations.aggregate(
        invited=Count("id", filter=Q(walk_in=False)),
        yes=Count("id", filter=Q(answer=Invitation.Answer.YES)),
        no=Count("id", filter=Q(answer=Invitation.Answer.NO)),
        maybe=Count("id", filter=Q(answer=Invitation.Answer.MAYBE)),
        unanswered=Count("id", filter=Q(answer="", walk_in=False)),
        attended=Count("id", filter=Q(checked_in_at__isnull=False)),
        walk_ins=Count("id", filter=Q(walk_in=True)),
    )
    return Counts(**figures)


def _audit(action: str, gathering: Gathering, *, by: User | None, now: datetime, **data: Any) -> None:
    log_action(
        action,
        actor=by,
        program=gathering.program,
        target=gathering,
        data={"gathering": gathering.pk, **data},
        now=now,
    )


# --- The meetings themselves -------------------------------------------------------------------


def plans_waiting(program: Program, *, now: datetime) -> tuple[list[CommonMeeting], list[CommonMeeting]]:
    """The planned common meetings not made real yet, split into (upcoming, past): a plan whose date has
    passed is not made into a meeting nobody could be invited to (the coordinator adds it by hand if it
    was held). Without a start date every plan counts as upcoming."""
    plans = list(
        CommonMeeting.objects.filter(program=program, gathering__isnull=True).select_related("program")
    )
    today = timezone.localdate(now)
    past = [plan for plan in plans if plan.planned_date is not None and plan.planned_date < today]
    return [plan for plan in plans if plan not in past], past


def create_from_plan(program: Program, *, by: User | None, now: datetime) -> list[Gathering]:
    """The wizard's planned common meetings made real, each once: pressing the button again (or after
    adding a planned meeting) creates only those not made yet, and none whose date has passed (see
    `plans_waiting`). Needs the program's start date."""
    if program.start_date is None:
        return []
    made = []
    with transaction.atomic():
        Program.objects.select_for_update().filter(pk=program.pk).first()  # one pressing at a time
        upcoming, _past = plans_waiting(program, now=now)
        for plan in upcoming:
            day = plan.planned_date
            assert day is not None
            gathering = Gathering.objects.create(
                program=program,
                plan=plan,
                kind=plan.kind,
                title=plan.title,
                starts_at=datetime.combine(day, DEFAULT_START, tzinfo=STOCKHOLM),
                created_at=now,
                changed_at=now,
            )
            _audit("gathering.created", gathering, by=by, now=now, from_plan=True)
            made.append(gathering)
    return made


def create_gathering(program: Program, *, by: User, now: datetime, **fields: Any) -> Gathering:
    with transaction.atomic():
        gathering = Gathering.objects.create(program=program, created_at=now, changed_at=now, **fields)
        _audit("gathering.created", gathering, by=by, now=now, from_plan=False)
    return gathering


def update_gathering(gathering: Gathering, *, by: User, now: datetime, **fields: Any) -> int:
    """Change a meeting. A change of time or place raises SEQUENCE and sends the update to everyone
    already invited who has not said no. Returns how many updates were queued."""
    with transaction.atomic():
        locked = (
            Gathering.objects.select_for_update(of=("self",)).select_related("program").get(pk=gathering.pk)
        )
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        for name, value in fields.items():
            setattr(locked, name, value)
        calendar_changed = any(name in CALENDAR_FIELDS for name in changed)
        if calendar_changed:
            locked.sequence += 1
        locked.changed_at = now
        locked.save()
        _audit("gathering.changed", locked, by=by, now=now, fields=sorted(changed))
        sent = _send_updates(locked, now=now) if calendar_changed and not locked.is_cancelled else 0
    gathering.refresh_from_db()
    return sent


def _send_updates(gathering: Gathering, *, now: datetime) -> int:
    invitations = list(
        gathering.invitations.filter(invited_at__isnull=False)
        .exclude(answer=Invitation.Answer.NO)
        .exclude(email="")
        .select_related("gathering__program__organisation")
    )
    queue_prepared(emails.build_emails(invitations, emails.UPDATE, now=now))
    gathering.invitations.filter(pk__in=[i.pk for i in invitations]).update(sent_sequence=gathering.sequence)
    return len(invitations)


def cancel_gathering(gathering: Gathering, *, by: User, now: datetime) -> int:
    """Cancel a meeting: METHOD:CANCEL to everyone who was invited. Cancelling twice does nothing more."""
    with transaction.atomic():
        locked = (
            Gathering.objects.select_for_update(of=("self",))
            .select_related("program__organisation")
            .get(pk=gathering.pk)
        )
        if locked.is_cancelled:
            return 0
        locked.state = Gathering.State.CANCELLED
        locked.sequence += 1
        locked.changed_at = now
        locked.save(update_fields=["state", "sequence", "changed_at"])
        _audit("gathering.cancelled", locked, by=by, now=now)
        invitations = list(
            locked.invitations.filter(invited_at__isnull=False)
            .exclude(email="")
            .select_related("gathering__program")
        )
        queue_prepared(emails.build_emails(invitations, emails.CANCELLATION, now=now))
        locked.invitations.filter(pk__in=[i.pk for i in invitations]).update(sent_sequence=locked.sequence)
    gathering.refresh_from_db()
    return len(invitations)


# --- Who is invited ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitee:
    email: str
    name: str
    language: str
    role: str


def invitees(gathering: Gathering) -> list[Invitee]:
    """Who the meeting is for: the people of the program's running or paused pairs (by its audience),
    and the working group (coordinators and partner coordinators). One per e-mail address."""
    found: dict[str, Invitee] = {}
    audience = gathering.audience
    sides = sorted(AUDIENCE_SIDES[Gathering.Audience(audience)])  # mentee before mentor
    if sides:
        live = Mentorship.objects.filter(
            pair__program_id=gathering.program_id,
            status__in=[Mentorship.Status.RUNNING, Mentorship.Status.PAUSED],
        ).select_related("pair__mentee", "pair__mentor")
        for mentorship in live.order_by("pk"):
            for side in sides:
                person = getattr(mentorship.pair, side)
                email = person.email.strip().lower()
                if email and email not in found:
                    found[email] = Invitee(email, person.full_name, participant_language(person), side)
        # A participant who chose another language in their space reads their invitation in it.
        chosen = Participant.objects.filter(email__in=list(found)).values_list("email", "language")
        for email, language in chosen:
            found[email] = replace(found[email], language=language)
    roles = ProgramRole.objects.filter(
        program_id=gathering.program_id,
        role__in=[ProgramRole.Role.COORDINATOR, ProgramRole.Role.PARTNER_COORDINATOR],
        user__is_active=True,
    ).select_related("user")
    for role in roles.order_by("pk"):
        email = role.user.email.strip().lower()
        if email and email not in found:
            found[email] = Invitee(email, role.user.get_full_name() or email, role.user.language, "staff")
    return list(found.values())


def invite(gathering: Gathering, *, by: User | None, now: datetime) -> int:
    """Invite everyone the meeting is for who has no invitation e-mail yet (safe to run twice: nobody
    gets a second one). People invited before whose pair has since ended are left alone. Returns how
    many invitations were queued."""
    with transaction.atomic():
        locked = (
            Gathering.objects.select_for_update(of=("self",))
            .select_related("program__organisation")
            .get(pk=gathering.pk)
        )
        if locked.is_cancelled or locked.is_over(now):
            raise GatheringClosed
        if not has_a_place(locked):
            raise NowhereToMeet
        existing = set(locked.invitations.values_list("email", flat=True))
        Invitation.objects.bulk_create(
            [
                Invitation(gathering=locked, email=p.email, name=p.name, language=p.language, role=p.role)
                for p in invitees(locked)
                if p.email not in existing
            ]
        )
        due = list(
            locked.invitations.filter(invited_at__isnull=True, walk_in=False)
            .exclude(email="")
            .select_related("gathering__program__organisation")
        )
        for invitation in due:
            invitation.gathering = locked
        queue_prepared(emails.build_emails(due, emails.INVITATION, now=now))
        Invitation.objects.filter(pk__in=[i.pk for i in due]).update(
            invited_at=now, sent_sequence=locked.sequence
        )
        _audit("gathering.invited", locked, by=by, now=now, count=len(due))
    return len(due)


def has_a_place(gathering: Gathering) -> bool:
    return bool(gathering.place.strip() or gathering.video_link.strip())


def waiting_invitations(gathering: Gathering) -> int:
    """How many invitations `invite` would send now (decides whether the worker sends them)."""
    existing = set(gathering.invitations.filter(invited_at__isnull=False).values_list("email", flat=True))
    return sum(1 for person in invitees(gathering) if person.email not in existing)


def live_addresses(program_id: int) -> set[str]:
    """E-mail addresses that still belong to a running or paused pair of the program, or to its working
    group: reminders go to these only."""
    gathering = Gathering(program_id=program_id, audience=Gathering.Audience.EVERYONE)
    return {person.email for person in invitees(gathering)}


# --- Answers -----------------------------------------------------------------------------------


def answer_state(gathering: Gathering, now: datetime) -> str:
    """Whether answers are taken: "open", or "cancelled" / "over" (the pages then say so politely)."""
    if gathering.is_cancelled:
        return "cancelled"
    if gathering.is_over(now):
        return "over"
    return "open"


def answer_invitation(invitation: Invitation, *, answer: str, note: str, now: datetime) -> Invitation:
    """Record a yes / no / maybe with its note; a later answer replaces an earlier one. Refused once the
    meeting is cancelled or over."""
    if answer not in Invitation.Answer.values:
        raise ValueError(answer)
    with transaction.atomic():
        locked = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("gathering")
            .get(pk=invitation.pk)
        )
        if locked.gathering.is_cancelled or locked.gathering.is_over(now):
            raise GatheringClosed
        locked.answer, locked.note, locked.answered_at = answer, note.strip()[:500], now
        locked.save(update_fields=["answer", "note", "answered_at"])
    return locked


def over_capacity(gathering: Gathering) -> int:
    """How many more said yes than the meeting has room for (0 when it fits or has no limit)."""
    if gathering.capacity is None:
        return 0
    yes = gathering.invitations.filter(answer=Invitation.Answer.YES).count()
    return max(0, yes - gathering.capacity)


# --- Reminders ---------------------------------------------------------------------------------


def send_due_reminders(*, now: datetime) -> int:
    """Two days before a meeting, remind once those who said yes or maybe, or have not answered, and
    whose pair still runs. Safe to run twice (``Invitation.reminded_at``)."""
    sent = 0
    due = Gathering.objects.filter(
        state=Gathering.State.PLANNED, starts_at__gt=now, starts_at__lte=now + REMINDER_BEFORE
    ).values_list("pk", flat=True)
    for pk in due:
        sent += _remind(pk, now=now)
    return sent


def _remind(pk: int, *, now: datetime) -> int:
    with transaction.atomic():
        gathering = (
            Gathering.objects.select_for_update(of=("self",))
            .select_related("program__organisation")
            .filter(pk=pk)
            .first()
        )
        if gathering is None or gathering.is_cancelled:
            return 0
        live = live_addresses(gathering.program_id)
        invitations = [
            invitation
            for invitation in gathering.invitations.filter(
                invited_at__isnull=False, reminded_at__isnull=True, walk_in=False
            ).exclude(answer=Invitation.Answer.NO)
            if invitation.email in live
        ]
        for invitation in invitations:
            invitation.gathering = gathering
        queue_prepared(emails.build_emails(invitations, emails.REMINDER, now=now))
        Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(reminded_at=now)
    return len(invitations)


# --- At the door -------------------------------------------------------------------------------


def check_in(invitation: Invitation, *, by: User, now: datetime) -> Invitation:
    """Mark one person present (a second tap changes nothing)."""
    with transaction.atomic():
        updated = Invitation.objects.filter(pk=invitation.pk, checked_in_at__isnull=True).update(
            checked_in_at=now, checked_in_by=by
        )
        if updated:
            _audit("gathering.checked_in", invitation.gathering, by=by, now=now, invitation=invitation.pk)
    invitation.refresh_from_db()
    return invitation


def undo_check_in(invitation: Invitation, *, by: User, now: datetime) -> None:
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(checked_in_at=None, checked_in_by=None)
        _audit("gathering.check_in_undone", invitation.gathering, by=by, now=now, invitation=invitation.pk)


def add_walk_in(gathering: Gathering, *, name: str, email: str, by: User, now: datetime) -> Invitation:
    """Someone who was not invited came: added as a walk-in and marked present. An address that is
    already invited is checked in on its invitation instead, so nobody is counted twice."""
    email = email.strip().lower()
    with transaction.atomic():
        existing = gathering.invitations.filter(email=email).first() if email else None
        if existing is not None:
            return check_in(existing, by=by, now=now)
        invitation = Invitation.objects.create(
            gathering=gathering,
            name=name.strip(),
            email=email,
            role=Invitation.Role.GUEST,
            walk_in=True,
            checked_in_at=now,
            checked_in_by=by,
        )
        _audit("gathering.walk_in", gathering, by=by, now=now, invitation=invitation.pk)
    return invitation


def meetings_for_participant(
    email: str, *, now: datetime | None = None, program_id: int | None = None
) -> list[Invitation]:
    """For the participant's space: the invitations of this address to meetings not yet over (of one
    program if given), with their meeting (cancelled ones too, so the space can say so)."""
    now = now or timezone.now()
    invitations = Invitation.objects.filter(
        email=email.strip().lower(), invited_at__isnull=False, walk_in=False
    ).filter(gathering__starts_at__gte=now - timedelta(hours=12))
    if program_id is not None:
        invitations = invitations.filter(gathering__program_id=program_id)
    return list(invitations.select_related("gathering__program").order_by("gathering__starts_at"))


def space_section(participant: Participant, mentorship: Mentorship) -> str:
    """The participant's common meetings of the pair's program on "My pair" (tandem.mentoring.sections),
    each with its answer page inside the space, or "" when none."""
    invitations = meetings_for_participant(participant.email, program_id=mentorship.pair.program_id)
    if not invitations:
        return ""
    return render_to_string(
        "gatherings/includes/space_meetings.html", {"meetings": invitations, "mentorship": mentorship}
    )


def schedule_for(programs) -> list[ScheduledMeeting]:
    """The programs' common meetings as scheduled, for the participant's space and calendar feed."""
    return [
        ScheduledMeeting(
            program_id=g.program_id,
            plan_id=g.plan_id,
            title=g.shown_title,
            starts_at=g.starts_at,
            ends_at=g.starts_at + timedelta(minutes=g.duration_minutes),
            place=g.place or g.video_link,
            uid=g.uid,
            sequence=g.sequence,
            cancelled=g.is_cancelled,
            sides=AUDIENCE_SIDES[g.audience],
        )
        for g in Gathering.objects.filter(program__in=list(programs)).order_by("starts_at", "id")
    ]


# --- Figures for other apps (program health) ---------------------------------------------------------


def figures_for_program(program: Program) -> list[tuple[Gathering, Counts]]:
    """Every common meeting of the program (cancelled ones too) with its invited / yes / no / maybe /
    no answer / attended counts: one query, however many meetings and invitations."""
    rows = (
        Gathering.objects.filter(program=program)
        .annotate(
            n_invited=Count("invitations", filter=Q(invitations__walk_in=False)),
            n_yes=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.YES)),
            n_no=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.NO)),
            n_maybe=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.MAYBE)),
            n_unanswered=Count("invitations", filter=Q(invitations__answer="", invitations__walk_in=False)),
            n_attended=Count("invitations", filter=Q(invitations__checked_in_at__isnull=False)),
            n_walk_ins=Count("invitations", filter=Q(invitations__walk_in=True)),
        )
        .order_by("starts_at", "id")
    )
    return [
        (
            g,
            Counts(
                invited=g.n_invited,
                yes=g.n_yes,
                no=g.n_no,
                maybe=g.n_maybe,
                unanswered=g.n_unanswered,
                attended=g.n_attended,
                walk_ins=g.n_walk_ins,
            ),
        )
        for g in rows
    ]


def next_meetings(program_ids: list[int], *, now: datetime) -> dict[int, Gathering]:
    """The next common meeting (not cancelled, not yet over) of each of the programs: one query."""
    found: dict[int, Gathering] = {}
    upcoming = Gathering.objects.filter(
        program_id__in=program_ids, state=Gathering.State.PLANNED, starts_at__gte=now
    ).order_by("program_id", "starts_at", "id")
    for gathering in upcoming:
        found.setdefault(gathering.program_id, gathering)
    return found

"""How coordinators follow a program's pairs: the mentorship list's filters and counts, and the changes a
coordinator makes on a pair's page (help request handled, follow-up note, pause, resume, end).

Changes are `verb(obj, *, by, now)`, atomic and audited with ids and codes only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mentoring import services
from tandem.mentoring.models import (
    MAX_NOTE,
    FollowUpNote,
    HelpRequest,
    MeetingLog,
    MentoringSettings,
    Mentorship,
    PlannedMeeting,
    Side,
)
from tandem.mentoring.services import _clean_text
from tandem.programs.models import Program

BEHIND_BY = 2  # a running pair is behind plan when it logged this many meetings fewer than it planned so far
FILTERS = ("running", "paused", "ended", "behind", "silent", "help")


QUIET_WEEKS = 5  # the default of MentoringSettings.quiet_weeks


def quiet_weeks(program: Program) -> int:
    found = MentoringSettings.objects.filter(program=program).values_list("quiet_weeks", flat=True).first()
    return found or QUIET_WEEKS


def quiet_weeks_of(program_ids: list[int]) -> dict[int, int]:
    """The quiet weeks of each of the programs (the default where none is set): one query."""
    found = dict(
        MentoringSettings.objects.filter(program_id__in=program_ids).values_list("program_id", "quiet_weeks")
    )
    return {pk: found.get(pk) or QUIET_WEEKS for pk in program_ids}


def with_progress(mentorships: QuerySet[Mentorship], *, today: date) -> QuerySet[Mentorship]:
    """Each mentorship with `planned_so_far` (planned meetings not dropped whose day has come or that a log
    already made held, e.g. held a day early; see `meetings._planned_for_log`), `logged`
    (meetings logged), `last_held` (the latest logged meeting) and `open_help` (an unhandled help request),
    as subqueries, so a page of them stays one query."""

    def count(model, *conditions, **filters):
        rows = (
            model.objects.filter(*conditions, mentorship=OuterRef("pk"), **filters)
            .order_by()
            .values("mentorship")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    last_held = (
        MeetingLog.objects.filter(mentorship=OuterRef("pk"))
        .order_by()
        .values("mentorship")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    return mentorships.annotate(
        planned_so_far=count(
            PlannedMeeting, Q(planned_on__lte=today) | Q(log__isnull=False), dropped_at__isnull=True
        ),
        logged=count(MeetingLog),
        last_held=Subquery(last_held),
        open_help=Exists(HelpRequest.objects.filter(mentorship=OuterRef("pk"), handled_at__isnull=True)),
    )


def filter_conditions(*, today: date, quiet: int) -> dict[str, Q]:
    """The list's filters as conditions on `with_progress` rows."""
    since = today - timedelta(weeks=quiet)
    running = Q(status=Mentorship.Status.RUNNING)
    return {
        "running": running,
        "paused": Q(status=Mentorship.Status.PAUSED),
        "ended": Q(status__in=[Mentorship.Status.ENDED, Mentorship.Status.COMPLETED]),
        "behind": running & Q(planned_so_far__gte=Value(BEHIND_BY) + Coalesce("logged", Value(0))),
        "silent": running & (Q(last_held__lt=since) | Q(last_held__isnull=True, started_on__lt=since)),
        "help": Q(open_help=True),
    }


def mentorships_of(program: Program, *, today: date) -> QuerySet[Mentorship]:
    return with_progress(
        Mentorship.objects.filter(pair__program=program).select_related("pair__mentee", "pair__mentor"),
        today=today,
    ).order_by("pair__mentee__first_name", "pair__mentee__last_name", "pk")


def counts(program: Program, *, today: date, quiet: int) -> dict[str, int]:
    """How many mentorships each filter shows, and `all`: one query."""
    conditions = filter_conditions(today=today, quiet=quiet)
    rows = with_progress(Mentorship.objects.filter(pair__program=program), today=today)
    return rows.aggregate(all=Count("pk"), **{name: Count("pk", filter=q) for name, q in conditions.items()})


def filtered(program: Program, status: str, *, today: date, quiet: int) -> QuerySet[Mentorship]:
    rows = mentorships_of(program, today=today)
    conditions = filter_conditions(today=today, quiet=quiet)
    return rows.filter(conditions[status]) if status in conditions else rows


# --- Changes on a pair's page -----------------------------------------------------------------------


def _audit(action: str, mentorship: Mentorship, *, by, now: datetime, **data) -> None:
    log_action(
        action,
        actor=by,
        program=mentorship.pair.program,
        target=mentorship,
        data={"mentorship": mentorship.pk, **data},
        now=now,
    )


def handle_help_request(request: HelpRequest, *, note: str, by, now: datetime) -> HelpRequest:
    """A coordinator marks a help request handled, with what was done (a second submit changes nothing)."""
    note = _clean_text(note, limit=MAX_NOTE)
    with transaction.atomic():
        request = HelpRequest.objects.select_for_update().get(pk=request.pk)
        if request.handled_at is not None:
            return request
        request.handled_at = now
        request.handled_by = by
        request.handled_note = note
        request.save(update_fields=["handled_at", "handled_by", "handled_note"])
        _audit("mentorship.help_handled", request.mentorship, by=by, now=now, help_request=request.pk)
    return request


def add_follow_up_note(mentorship: Mentorship, *, text: str, by, now: datetime) -> FollowUpNote:
    text = _clean_text(text, limit=MAX_NOTE)
    with transaction.atomic():
        same = FollowUpNote.objects.filter(
            mentorship=mentorship, text=text, created_at__gte=now - timedelta(minutes=10)
        ).first()
        if same is not None:  # a double submit
            return same
        note = FollowUpNote.objects.create(mentorship=mentorship, text=text, created_by=by, created_at=now)
        _audit("mentorship.follow_up_noted", mentorship, by=by, now=now, note=note.pk)
    return note


def mark_follow_up(mentorship: Mentorship, *, kind: str, text: str, by, now: datetime) -> FollowUpNote:
    """A coordinator marks a follow-up on a pair: contacted, resolved (the text is optional) or a note
    (the text is needed). A double submit within ten minutes stores one mark."""
    if kind not in FollowUpNote.Kind.values:
        raise services.MentoringError(_("Choose what you did."))
    text = _clean_text(text, limit=MAX_NOTE, required=kind == FollowUpNote.Kind.NOTE)
    with transaction.atomic():
        same = FollowUpNote.objects.filter(
            mentorship=mentorship, kind=kind, text=text, created_at__gte=now - timedelta(minutes=10)
        ).first()
        if same is not None:
            return same
        note = FollowUpNote.objects.create(
            mentorship=mentorship, kind=kind, text=text, created_by=by, created_at=now
        )
        _audit("mentorship.follow_up_marked", mentorship, by=by, now=now, note=note.pk, kind=kind)
    return note


def with_latest_follow_up(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Each mentorship with its latest follow-up mark or note (`follow_up_kind`, `follow_up_at`,
    `follow_up_by`: the coordinator's name), as subqueries, so a page of them stays one query."""
    latest = FollowUpNote.objects.filter(mentorship=OuterRef("pk")).order_by("-created_at", "-id")
    return mentorships.annotate(
        follow_up_kind=Subquery(latest.values("kind")[:1]),
        follow_up_at=Subquery(latest.values("created_at")[:1]),
        follow_up_by=Subquery(latest.values("created_by__full_name")[:1]),
    )


def pause_by_staff(mentorship: Mentorship, *, reason: str, by, now: datetime) -> Mentorship:
    return services.pause_mentorship(mentorship, side=Side.STAFF, reason=reason, by=by, now=now)


def resume_by_staff(mentorship: Mentorship, *, by, now: datetime) -> Mentorship:
    return services.resume_mentorship(mentorship, side=Side.STAFF, by=by, now=now)


def end_by_staff(mentorship: Mentorship, *, reason: str, text: str, by, now: datetime) -> Mentorship:
    """End a pair early with a reason from the fixed list and text; the pair is dissolved, so the mentee
    is back in the matching pool (and the two are never proposed together again)."""
    return services.end_mentorship(mentorship, side=Side.STAFF, reason=reason, text=text, by=by, now=now)

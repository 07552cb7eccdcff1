"""The rows behind the dashboard's funnel, survey response rates and cohort comparison, read for every
cohort of the program line at once: each query groups by program (or round) in the database, so the number
of queries stays the same however many cohorts, rounds and answers there are."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from tandem.applications.models import Application
from tandem.followup.models import Invitation as SurveyInvitation
from tandem.followup.models import Response, Round
from tandem.gatherings.models import Gathering
from tandem.gatherings.models import Invitation as GatheringInvitation
from tandem.mentoring.models import MeetingLog
from tandem.pairs.models import Pair
from tandem.programs import lines
from tandem.programs.models import Program
from tandem.reports import cohorts
from tandem.reports.figures import PairRow


def line_cohorts(program: Program) -> list[cohorts.Cohort]:
    """The cohorts of the program's line shown side by side, the earliest first (one query)."""
    line = lines.cohorts(program)
    shown = set(cohorts.window([p.pk for p in line], program.pk))
    return [cohorts.Cohort(p.pk, p.name, p.start_date, p.pk == program.pk) for p in line if p.pk in shown]


def application_counts(program_ids: Sequence[int]) -> list[tuple[int, str, str, int]]:
    """One query: (program id, role, status, n)."""
    rows = (
        Application.objects.filter(program_id__in=program_ids)
        .values_list("program_id", "role", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return list(rows)


def pair_rows(program_ids: Sequence[int]) -> list[tuple[int, PairRow]]:
    """One query: every pair of the programs with its mentorship's status and whether it has met."""
    met = MeetingLog.objects.filter(mentorship__pair=OuterRef("pk"))
    rows = (
        Pair.objects.filter(program_id__in=program_ids)
        .annotate(has_meeting=Exists(met))
        .values_list("program_id", "mentee_id", "mentor_id", "status", "mentorship__status", "has_meeting")
        .order_by()
    )
    return [(program_id, PairRow(*row)) for program_id, *row in rows]


def meetings_per_program(program_ids: Sequence[int]) -> dict[int, int]:
    """One query: logged pair meetings per program."""
    rows = (
        MeetingLog.objects.filter(mentorship__pair__program_id__in=program_ids)
        .values_list("mentorship__pair__program_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def attendance_per_program(program_ids: Sequence[int], today: date) -> dict[int, tuple[int, int]]:
    """One query: (invitees, invitees checked in) per program, at common meetings begun by the end of
    `today` and not cancelled; walk-ins left out."""
    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    rows = (
        GatheringInvitation.objects.filter(
            gathering__program_id__in=program_ids, gathering__starts_at__lt=end, walk_in=False
        )
        .exclude(gathering__state=Gathering.State.CANCELLED)
        .values_list("gathering__program_id")
        .annotate(invited=Count("id"), attended=Count("id", filter=Q(checked_in_at__isnull=False)))
        .order_by()
    )
    return {program_id: (invited, attended) for program_id, invited, attended in rows}


def survey_invitations(program_ids: Sequence[int]) -> list[tuple[int, int, str, int, int]]:
    """One query: (program id, round id, role, invited, sent answers) of every follow-up round."""
    rows = (
        SurveyInvitation.objects.filter(round__program_id__in=program_ids)
        .values_list("round__program_id", "round_id", "role")
        .annotate(invited=Count("id"), answered=Count("id", filter=Q(response__completed_at__isnull=False)))
        .order_by()
    )
    return list(rows)


def rounds_of(program: Program) -> list[tuple[int, str, date]]:
    """One query: the program's follow-up rounds as (id, step, opens on), in the order they open."""
    return list(
        Round.objects.filter(program=program).order_by("opens_on", "id").values_list("id", "step", "opens_on")
    )


def anonymous_answers(program: Program) -> list[tuple[int, int]]:
    """One query: sent answers without an invitation (anonymous on site) per round."""
    rows = (
        Response.objects.filter(round__program=program, invitation__isnull=True, completed_at__isnull=False)
        .values_list("round_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return list(rows)

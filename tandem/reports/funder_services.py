"""The funder report: its rows read from the database in a fixed number of queries, its figures, and
the creation of a report (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tandem.audit.services import log_action
from tandem.followup.attainment import GoalResult, goal_attainment
from tandem.gatherings.models import Gathering, Invitation
from tandem.mentoring.models import MeetingLog, Mentorship
from tandem.programs.models import BudgetLine, FundingSource, Program
from tandem.reports import funder
from tandem.reports.models import ActualCost, FunderReport

FIELDS = ("id", "role", "gender", "birth_year", "employment_status", "municipality", "years_in_sweden")


@dataclass(frozen=True)
class Activities:
    pair_meetings: int
    common_meetings: int
    common_attendances: int
    participant_hours: Decimal


@dataclass(frozen=True)
class FunderFigures:
    report: FunderReport
    definition: funder.ReportDefinition
    participants: int
    mentees: int
    mentors: int
    tables: list[funder.Table]
    activities: Activities
    costs: list[funder.CostRow]
    cost_labels: dict[str, str]
    goals: list[GoalResult]
    """Each goal against its target, measured by the follow-up's goal and effect evaluations (the whole
    program so far, not only the period: a goal is evaluated once, at or after the end)."""

    def goal_rows(self) -> list[funder.GoalRow]:
        return [funder.goal_row(result) for result in self.goals]


def mentorships_in(program: Program, start: date, end: date):
    return Mentorship.objects.filter(pair__program=program, started_on__lte=end).exclude(
        ended_at__date__lt=start
    )


def participants_in(program: Program, start: date, end: date) -> list[funder.Person]:
    """Two queries: the mentees' and the mentors' facts of the mentorships running in the period."""
    mentorships = mentorships_in(program, start, end)
    people = []
    for side in ("mentee", "mentor"):
        rows = mentorships.values_list(*(f"pair__{side}__{name}" for name in FIELDS))
        people += [
            funder.Person(pk, role, gender, birth, employment, municipality, years)
            for pk, role, gender, birth, employment, municipality, years in rows
        ]
    return funder.distinct_people(people)


def activities_in(program: Program, start: date, end: date) -> Activities:
    """Three queries: pair meetings, common meetings held, attendance at them."""
    minutes = list(
        MeetingLog.objects.filter(
            mentorship__pair__program=program, held_on__gte=start, held_on__lte=end
        ).values_list("minutes", flat=True)
    )
    held = Gathering.objects.filter(
        program=program, starts_at__date__gte=start, starts_at__date__lte=end
    ).exclude(state=Gathering.State.CANCELLED)
    common = held.count()
    attended = list(
        Invitation.objects.filter(gathering__in=held, checked_in_at__isnull=False).values_list(
            "gathering__duration_minutes", flat=True
        )
    )
    return Activities(len(minutes), common, len(attended), funder.participant_hours(minutes, attended))


def costs_in(program: Program, source: FundingSource, start: date, end: date) -> list[funder.CostRow]:
    """Two queries: the budget lines and the actual costs of the period."""
    planned = BudgetLine.objects.filter(program=program).values_list("cost_item", "planned_amount")
    actual = ActualCost.objects.filter(
        budget_line__program=program, spent_on__gte=start, spent_on__lte=end
    ).values_list("budget_line__cost_item", "amount", "funder_share", "funding_source_id")
    return funder.costs_by_item(
        list(planned), [(item, amount, share, fs == source.pk) for item, amount, share, fs in actual]
    )


def figures_for(report: FunderReport) -> FunderFigures:
    program, start, end = report.program, report.period_start, report.period_end
    definition = funder.definition(report.definition)
    people = participants_in(program, start, end)
    tables = [funder.breakdown(people, key, end) for key in definition.breakdowns]
    return FunderFigures(
        report=report,
        definition=definition,
        participants=len(people),
        mentees=sum(1 for p in people if p.role == "mentee"),
        mentors=sum(1 for p in people if p.role == "mentor"),
        tables=tables,
        activities=activities_in(program, start, end),
        costs=costs_in(program, report.funding_source, start, end),
        cost_labels={k: str(v) for k, v in BudgetLine.CostItem.choices},
        goals=goal_attainment(program)[0],
    )


def outside_program(program: Program, start: date, end: date) -> bool:
    """The period lies wholly before the program's start or wholly after its end (a report of it counts
    nothing; the coordinator is warned, not stopped: a funder may ask for any period)."""
    if program.start_date is not None and end < program.start_date:
        return True
    return program.end_date is not None and start > program.end_date


@transaction.atomic
def create_report(
    program: Program,
    *,
    funding_source: FundingSource,
    definition: str,
    period_start: date,
    period_end: date,
    by,
    now: datetime,
) -> FunderReport:
    report = FunderReport.objects.create(
        program=program,
        funding_source=funding_source,
        definition=definition,
        period_start=period_start,
        period_end=period_end,
        created_by=by,
        created_at=now,
        updated_at=now,
    )
    log_action(
        "reports.funder_report_created",
        actor=by,
        program=program,
        target=report,
        data={"definition": definition, "from": period_start.isoformat(), "to": period_end.isoformat()},
        now=now,
    )
    return report


@transaction.atomic
def save_text(report: FunderReport, text: str, *, by, now: datetime) -> None:
    report.text = text
    report.updated_at = now
    report.save(update_fields=["text", "updated_at"])
    log_action("reports.funder_report_text_saved", actor=by, program=report.program, target=report, now=now)


def log_download(report: FunderReport, file_format: str, *, by, now: datetime | None = None) -> None:
    log_action(
        "reports.funder_report_downloaded",
        actor=by,
        program=report.program,
        target=report,
        data={"format": file_format},
        now=now or timezone.now(),
    )


def cost_totals(costs: list[funder.CostRow]) -> tuple:
    zero = funder.ZERO
    return (
        sum((c.planned for c in costs), zero),
        sum((c.actual for c in costs), zero),
        sum((c.funder_share for c in costs), zero),
    )


@transaction.atomic
def add_actual_cost(program: Program, *, by, now: datetime, **fields) -> ActualCost:
    """Book one cost actually paid against a budget line of the program."""
    cost = ActualCost.objects.create(created_by=by, created_at=now, **fields)
    log_action(
        "reports.actual_cost_added",
        actor=by,
        program=program,
        target=cost,
        data={"amount": str(cost.amount), "budget_line": cost.budget_line_id},
        now=now,
    )
    return cost


def undated_recorded(program: Program) -> list[tuple[str, Decimal]]:
    """One query: the budget lines without booked costs whose set-up recorded a single actual amount, as
    (cost item label, amount). The dashboard counts these figures as used; having no date, they are in
    no funder report."""
    labels = dict(BudgetLine.CostItem.choices)
    rows = (
        BudgetLine.objects.filter(program=program, actual_amount__isnull=False, actual_costs__isnull=True)
        .order_by("pk")
        .values_list("cost_item", "actual_amount")
    )
    return [(str(labels.get(item, item)), amount) for item, amount in rows if amount is not None]


def participant_list(report: FunderReport) -> tuple[list[str], list[list]]:
    """The participants of the report's period with only the fields its format asks for (two queries):
    the column labels and one row per person."""
    from tandem.applications.models import Application

    fields = funder.definition(report.definition).participant_fields
    mentorships = mentorships_in(report.program, report.period_start, report.period_end)
    ids = set(mentorships.values_list("pair__mentee_id", flat=True)) | set(
        mentorships.values_list("pair__mentor_id", flat=True)
    )
    people = Application.objects.filter(pk__in=ids).order_by("last_name", "first_name", "id")
    labels = [str(Application._meta.get_field(name).verbose_name) for name in fields]  # type: ignore[union-attr]
    rows = []
    for person in people:
        row = []
        for name in fields:
            display = getattr(person, f"get_{name}_display", None)
            row.append(str(display()) if display and getattr(person, name) else getattr(person, name))
        rows.append(row)
    return labels, rows


def log_participant_export(report: FunderReport, count: int, *, by, now: datetime) -> None:
    log_action(
        "reports.participant_list_exported",
        actor=by,
        program=report.program,
        target=report,
        data={"rows": count, "fields": list(funder.definition(report.definition).participant_fields)},
        now=now,
    )


def log_export(
    program: Program,
    kind: str,
    file_format: str,
    count: int,
    *,
    by,
    now: datetime,
    extra: dict[str, int | None] | None = None,
) -> None:
    """A list of the program's people was made for `by` (`extra`: the job's id, the survey round's)."""
    log_action(
        "reports.list_exported",
        actor=by,
        program=program,
        data={"list": kind, "format": file_format, "rows": count, **(extra or {})},
        now=now,
    )

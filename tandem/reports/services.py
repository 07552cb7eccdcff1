"""The program dashboard: the rows it needs, read in a fixed number of queries, and its figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from tandem.applications.models import Application
from tandem.gatherings.models import Gathering
from tandem.mentoring.models import MeetingLog, PlannedMeeting
from tandem.pairs.models import Pair
from tandem.programs.models import BudgetLine, Program
from tandem.reports import charts, figures, providers
from tandem.reports.models import ActualCost


@dataclass(frozen=True)
class AttendanceRow:
    title: str
    starts_at: object
    cancelled: bool
    invited: int
    yes: int
    attended: int


@dataclass(frozen=True)
class Dashboard:
    funnel: figures.Funnel
    funnel_rows: list[tuple[str, int, int]]
    funnel_chart: charts.Chart
    months: list[figures.MonthRow]
    meetings_chart: charts.Chart
    planned_due: int
    held: int
    planned_total: int
    attendance: list[AttendanceRow]
    attendance_chart: charts.Chart
    budget: list[figures.BudgetRow]
    budget_table: list[tuple[str, Decimal, Decimal, Decimal | None]]
    budget_chart: charts.Chart
    budget_planned: Decimal
    budget_used: Decimal
    provided: list[providers.ProvidedTable]

    @property
    def held_percent(self) -> int | None:
        return figures.percent(self.held, self.planned_due)


def pair_rows(program: Program) -> list[figures.PairRow]:
    """One query: every pair of the program with its mentorship's status and whether it has met."""
    met = MeetingLog.objects.filter(mentorship__pair=OuterRef("pk"))
    rows = (
        Pair.objects.filter(program=program)
        .annotate(has_meeting=Exists(met))
        .values_list("mentee_id", "mentor_id", "status", "mentorship__status", "has_meeting")
    )
    return [figures.PairRow(*row) for row in rows]


def program_funnel(program: Program) -> figures.Funnel:
    """Two queries: applications by role and status, and the pairs."""
    counts = (
        Application.objects.filter(program=program)
        .values_list("role", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return figures.funnel(list(counts), pair_rows(program))


def meeting_months(
    program: Program, today: date
) -> tuple[list[tuple[date, int]], list[tuple[date, int]], int]:
    """Three queries: planned meetings due by `today` per day, held meetings per day, all planned."""
    plans = PlannedMeeting.objects.filter(mentorship__pair__program=program, dropped_at__isnull=True)
    # Grouped by day, folded into months in Python: SQLite truncates dates with a Python function per
    # row (2.6 s for 64,000 planned meetings), a plain GROUP BY on the column is fast on both databases.
    planned = plans.filter(planned_on__lte=today).values_list("planned_on").annotate(n=Count("id")).order_by()
    held = (
        MeetingLog.objects.filter(mentorship__pair__program=program)
        .values_list("held_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    return list(planned), list(held), plans.count()


def attendance_rows(program: Program) -> list[AttendanceRow]:
    """One query: every common meeting with its invited, yes and attended counts."""
    gatherings = (
        Gathering.objects.filter(program=program)
        .annotate(
            invited=Count("invitations", filter=Q(invitations__walk_in=False)),
            yes=Count("invitations", filter=Q(invitations__answer="yes")),
            attended=Count("invitations", filter=Q(invitations__checked_in_at__isnull=False)),
        )
        .order_by("starts_at", "id")
    )
    return [
        AttendanceRow(
            g.shown_title, g.starts_at, g.state == Gathering.State.CANCELLED, g.invited, g.yes, g.attended
        )
        for g in gatherings
    ]


def budget_rows(program: Program) -> list[figures.BudgetRow]:
    """Two queries: the budget lines, and the actual costs summed per line."""
    lines = [
        figures.LineRow(pk, item, planned, actual)
        for pk, item, planned, actual in BudgetLine.objects.filter(program=program).values_list(
            "pk", "cost_item", "planned_amount", "actual_amount"
        )
    ]
    entered = dict(
        ActualCost.objects.filter(budget_line__program=program)
        .values_list("budget_line_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return figures.budget_by_item(lines, entered)


def dashboard(program: Program, *, today: date) -> Dashboard:
    """Every figure of the dashboard in nine queries, whatever the size of the program."""
    funnel = program_funnel(program)
    stage_names = {
        "applications": _("Applications"),
        "accepted": _("Accepted"),
        "matched": _("Matched"),
        "started": _("Started (first meeting)"),
        "active": _("Still active"),
        "completed": _("Completed"),
    }
    funnel_rows = [(stage_names[s], funnel.get(s, "mentee"), funnel.get(s, "mentor")) for s in figures.STAGES]
    funnel_chart = charts.grouped_bars(
        [(label, [mentees, mentors]) for label, mentees, mentors in funnel_rows], [_("Mentees"), _("Mentors")]
    )
    planned, held, planned_total = meeting_months(program, today)
    months = figures.meetings_by_month(planned, held)
    meetings_chart = charts.grouped_bars(
        [(f"{m.month:%Y-%m}", [m.planned, m.held]) for m in months], [_("Planned"), _("Held")]
    )
    attendance = attendance_rows(program)
    attendance_chart = charts.grouped_bars(
        [(a.title, [a.invited, a.attended]) for a in attendance], [_("Invited"), _("Attended")]
    )
    budget = budget_rows(program)
    cost_items = dict(BudgetLine.CostItem.choices)
    budget_table = [
        (str(cost_items.get(b.cost_item, b.cost_item)), b.planned, b.actual, b.used_percent) for b in budget
    ]
    budget_chart = charts.grouped_bars(
        [(label, [planned, used]) for label, planned, used, _percent in budget_table],
        [_("Planned"), _("Used")],
    )
    return Dashboard(
        funnel=funnel,
        funnel_rows=funnel_rows,
        funnel_chart=funnel_chart,
        months=months,
        meetings_chart=meetings_chart,
        planned_due=sum(m.planned for m in months),
        held=sum(m.held for m in months),
        planned_total=planned_total,
        attendance=attendance,
        attendance_chart=attendance_chart,
        budget=budget,
        budget_table=budget_table,
        budget_chart=budget_chart,
        budget_planned=sum((b.planned for b in budget), figures.ZERO),
        budget_used=sum((b.actual for b in budget), figures.ZERO),
        provided=providers.tables_for(program),
    )

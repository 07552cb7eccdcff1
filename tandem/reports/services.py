"""The program dashboard: the rows it needs, read in a fixed number of queries, and its figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from tandem.followup.attainment import GoalResult, PersonalProgress, goal_attainment
from tandem.followup.models import Round
from tandem.followup.results import MIN_GROUP
from tandem.gatherings.models import Gathering
from tandem.lib.templatetags.tandem_format import format_percent
from tandem.mentoring.models import MeetingLog, PlannedMeeting
from tandem.programs.finance import BOOKED
from tandem.programs.models import BudgetLine, Program
from tandem.reports import charts, cohort_services, cohorts, figures, providers


@dataclass(frozen=True)
class AttendanceRow:
    title: str
    starts_at: object
    cancelled: bool
    invited: int
    yes: int
    attended: int


@dataclass(frozen=True)
class SurveyRound:
    """A follow-up round's table rows: (label, invited, answered, rate) for mentees, mentors and all."""

    label: str
    opens_on: date
    lines: list[tuple[str, int, int, int | None]]
    anonymous: int


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
    budget_undated: Decimal  # of `budget_used`: the set-up's undated figures, not in funder reports
    survey_rounds: list[SurveyRound]
    surveys_chart: charts.Chart
    goals: list[GoalResult]
    personal: PersonalProgress
    cohorts: list[cohorts.CohortFigures]  # empty when the program is the only one of its line
    cohort_rows: list[tuple[str, list[str]]]  # (figure, one cell per cohort)
    provided: list[providers.ProvidedTable]

    @property
    def held_percent(self) -> int | None:
        return figures.percent(self.held, self.planned_due)

    @property
    def current_index(self) -> int | None:
        """The current cohort's column in the comparison."""
        return next((n for n, c in enumerate(self.cohorts) if c.cohort.current), None)

    @property
    def min_group(self) -> int:
        return MIN_GROUP


def meeting_months(
    program: Program, today: date
) -> tuple[list[tuple[date, int]], list[tuple[date, int]], int]:
    """Three queries: planned meetings due by `today` (or held already, e.g. a day early) per day, held
    meetings per day, all planned."""
    plans = PlannedMeeting.objects.filter(mentorship__pair__program=program, dropped_at__isnull=True)
    # Grouped by day, folded into months in Python: SQLite truncates dates with a Python function per
    # row (2.6 s for 64,000 planned meetings), a plain GROUP BY on the column is fast on both databases.
    due = plans.filter(Q(planned_on__lte=today) | Q(log__isnull=False))
    planned = due.values_list("planned_on").annotate(n=Count("id")).order_by()
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
    """One query: the budget lines with the actual costs booked per line (`programs.finance.BOOKED`)."""
    rows = (
        BudgetLine.objects.filter(program=program)
        .annotate(booked=BOOKED)
        .values_list("pk", "cost_item", "planned_amount", "actual_amount", "booked")
    )
    lines, entered = [], {}
    for pk, item, planned, actual, booked in rows:
        lines.append(figures.LineRow(pk, item, planned, actual))
        if booked is not None:
            entered[pk] = booked
    return figures.budget_by_item(lines, entered)


STAGE_NAMES = {  # "funnel step": a count of people, in the plural where the language has one
    "applications": pgettext_lazy("funnel step", "Applications"),
    "accepted": pgettext_lazy("funnel step", "Accepted"),
    "matched": pgettext_lazy("funnel step", "Matched"),
    "started": pgettext_lazy("funnel step", "Started (first meeting)"),
    "active": pgettext_lazy("funnel step", "Still active"),
    "completed": pgettext_lazy("funnel step", "Completed"),
}
COMPARED_STAGES = ("applications", "accepted", "matched", "started", "completed")


def survey_rounds(program: Program, invitations: list[tuple[int, int, str, int, int]]) -> list[SurveyRound]:
    """The program's rounds with their response rates by role: two queries (the rounds, the anonymous
    answers), the invitations counted already for the whole line."""
    rates = figures.response_rates(
        cohort_services.rounds_of(program),
        [
            (round_id, role, invited, answered)
            for pk, round_id, role, invited, answered in invitations
            if pk == program.pk
        ],
        cohort_services.anonymous_answers(program),
    )
    steps = dict(Round.Step.choices)
    role_names = {"mentee": _("Mentees"), "mentor": _("Mentors")}
    return [
        SurveyRound(
            str(steps.get(r.step, r.step)),
            r.opens_on,
            [(role_names[x.role], x.invited, x.answered, x.rate) for x in r.roles]
            + [(_("All"), r.invited, r.answered, r.rate)],
            r.anonymous,
        )
        for r in rates
    ]


def comparison_rows(compared: list[cohorts.CohortFigures]) -> list[tuple[str, list[str]]]:
    """The comparison table's rows, one cell per cohort, formatted in the reader's language."""

    def number(value: int) -> str:
        return formats.number_format(value, use_l10n=True, force_grouping=True)

    rows = []
    for stage in COMPARED_STAGES:
        for role, label in [
            ("mentee", _("%(step)s: mentees") % {"step": STAGE_NAMES[stage]}),
            ("mentor", _("%(step)s: mentors") % {"step": STAGE_NAMES[stage]}),
        ]:
            rows.append((label, [number(c.funnel.get(stage, role)) for c in compared]))
    per_pair = [c.meetings_per_pair for c in compared]
    rows.append(
        (
            _("Pair meetings held per pair"),
            ["–" if v is None else formats.number_format(v, decimal_pos=1, use_l10n=True) for v in per_pair],
        )
    )
    rows.append((_("Common-meeting attendance"), [format_percent(c.attendance_rate) for c in compared]))
    rows.append((_("Survey response rate"), [format_percent(c.response_rate) for c in compared]))
    return rows


def dashboard(program: Program, *, today: date) -> Dashboard:
    """Every figure of the dashboard in 19 queries, whatever the size of the program and of its line."""
    line = cohort_services.line_cohorts(program)
    ids = [c.program_id for c in line]
    invitations = cohort_services.survey_invitations(ids)
    surveys: dict[int, tuple[int, int]] = {}
    for pk, _round, _role, invited, answered in invitations:
        before = surveys.get(pk, (0, 0))
        surveys[pk] = (before[0] + invited, before[1] + answered)
    compared = cohorts.cohort_figures(
        line,
        cohort_services.application_counts(ids),
        cohort_services.pair_rows(ids),
        cohort_services.meetings_per_program(ids),
        cohort_services.attendance_per_program(ids, today),
        surveys,
    )
    funnel = next(c for c in compared if c.cohort.current).funnel
    funnel_rows = [
        (str(STAGE_NAMES[s]), funnel.get(s, "mentee"), funnel.get(s, "mentor")) for s in figures.STAGES
    ]
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
    rounds = survey_rounds(program, invitations)
    surveys_chart = charts.grouped_bars(
        [(r.label, [rate or 0 for _label, _invited, _answered, rate in r.lines[:2]]) for r in rounds],
        [_("Mentees"), _("Mentors")],
        percent=True,
    )
    goals, personal = goal_attainment(program)
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
        budget_undated=sum((b.undated for b in budget), figures.ZERO),
        survey_rounds=rounds,
        surveys_chart=surveys_chart,
        goals=goals,
        personal=personal,
        cohorts=compared if len(compared) > 1 else [],
        cohort_rows=comparison_rows(compared) if len(compared) > 1 else [],
        provided=providers.tables_for(program),
    )

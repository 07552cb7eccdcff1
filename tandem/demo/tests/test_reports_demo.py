"""What a coordinator's walkthrough of the demo's reports found: an ESF+ source to try the ESF report,
dated actual costs that the dashboard, the costs page and the funder reports agree on, participants whose
facts fill the ESF breakdowns, and last year's cohort with its meetings logged."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import translation

from tandem.applications.models import Application
from tandem.demo.followup_last_year import LAST_YEAR_PROGRAM
from tandem.demo.services import RUNNING_PROGRAM, SPENT, load_demo
from tandem.mentoring.models import MeetingLog, Mentorship
from tandem.programs.models import FundingSource, Program
from tandem.reference.data import municipalities
from tandem.reports import funder, funder_services, services
from tandem.reports.models import ActualCost, FunderReport

TODAY = date(2026, 11, 27)


def test_the_demo_reports_agree_and_their_breakdowns_are_filled(db):
    result = load_demo(today=TODAY)
    running = Program.objects.get(organisation=result.organisation, name=RUNNING_PROGRAM)
    last_year = Program.objects.get(organisation=result.organisation, name=LAST_YEAR_PROGRAM)

    # 1. An ESF+ source beside Allmänna Arvsfonden, with a reporting deadline.
    kinds = set(running.funding_sources.values_list("kind", flat=True))
    assert {FundingSource.Kind.ARVSFONDEN, FundingSource.Kind.ESF} <= kinds
    esf = running.funding_sources.get(kind=FundingSource.Kind.ESF)
    assert esf.reporting_deadline is not None and esf.amount_granted

    # 2. Dated costs only (no undated wizard figure), spread over the months, split over the sources.
    assert not running.budget_lines.filter(actual_amount__isnull=False).exists()
    costs = ActualCost.objects.filter(budget_line__program=running)
    assert costs.values("spent_on__month").distinct().count() >= 3
    assert all(running.start_date <= day < TODAY for day in costs.values_list("spent_on", flat=True))
    assert {c.funding_source.kind for c in costs.select_related("funding_source")} == {
        "own",
        "arvsfonden",
        "esf",
    }
    planned = running.budget_lines.aggregate(s=Sum("planned_amount"))["s"]
    booked = costs.aggregate(s=Sum("amount"))["s"]
    assert abs(booked - planned * SPENT) <= len(running.budget_lines.all())  # each line rounded to the krona
    board = services.dashboard(running, today=TODAY)
    assert board.budget_used == booked and board.budget_undated == 0
    report = FunderReport.objects.create(
        program=running,
        funding_source=esf,
        definition="esf",
        period_start=running.start_date,
        period_end=TODAY,
    )
    with translation.override("en"):
        figures = funder_services.figures_for(report)
    assert sum(c.actual for c in figures.costs) == booked
    assert sum(c.funder_share for c in figures.costs) > 0  # the ESF+ pays half of its lines
    assert funder_services.undated_recorded(running) == []

    # 3. The facts of every demo program's applications are there: no "Not stated" in any breakdown.
    assert not Application.objects.filter(program__organisation=result.organisation, gender="").exists()
    for name in ("birth_year", "years_in_sweden"):
        assert not Application.objects.filter(
            program__organisation=result.organisation, **{f"{name}__isnull": True}
        ).exists()
    for name in ("employment_status", "municipality"):
        assert not Application.objects.filter(
            program__organisation=result.organisation, **{name: ""}
        ).exists()
    codes = set(Application.objects.values_list("municipality", flat=True))
    assert codes <= set(municipalities()) and len(codes) > 5
    with translation.override("en"):
        for table in figures.tables:
            assert table.rows or not table.collected
            assert all(row[0] != funder.unknown() for row in table.rows), table
    mentees = Application.objects.filter(
        program=running, role="mentee", pairs_as_mentee__isnull=False
    ).distinct()
    newly = mentees.filter(years_in_sweden__lte=funder.NEWLY_ARRIVED_YEARS).count()
    assert newly > mentees.count() / 2  # mostly newly arrived

    # 4. Last year's cohort: every pair started, completed and met; meetings within the program.
    assert last_year.end_date is not None
    [cohort] = [c for c in board.cohorts if c.cohort.program_id == last_year.pk]
    assert cohort.funnel.get("started", "mentee") == cohort.funnel.get("completed", "mentee") == 20
    assert cohort.meetings_per_pair is not None and cohort.meetings_per_pair >= Decimal("5")
    logs = MeetingLog.objects.filter(mentorship__pair__program=last_year)
    assert all(last_year.start_date <= d < last_year.end_date for d in logs.values_list("held_on", flat=True))
    assert not Mentorship.objects.filter(pair__program=last_year, last_meeting_on__isnull=True).exists()
    last_costs = ActualCost.objects.filter(budget_line__program=last_year)
    assert (
        last_costs.aggregate(s=Sum("amount"))["s"]
        == last_year.budget_lines.aggregate(s=Sum("planned_amount"))["s"]
    )
    assert last_costs.latest("spent_on").spent_on <= last_year.end_date

"""The dashboard's figures equal counts taken straight from the database on a generated program."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from tandem.applications.models import Application
from tandem.gatherings.models import Invitation
from tandem.mentoring.models import MeetingLog, Mentorship, PlannedMeeting
from tandem.pairs.models import Pair
from tandem.programs.models import BudgetLine
from tandem.reports import figures, services
from tandem.reports.models import ActualCost
from tandem.reports.tests.world import build_world

TODAY = date(2026, 6, 30)


def people(qs, field: str) -> int:
    return qs.values(field).distinct().count()


@pytest.mark.django_db
def test_every_dashboard_figure_equals_a_count_from_the_database(program):
    build_world(program)
    d = services.dashboard(program, today=TODAY)
    apps = Application.objects.filter(program=program)
    pairs = Pair.objects.filter(program=program)
    live = pairs.filter(status__in=["awaiting", "active"])
    ms = Mentorship.objects.filter(pair__program=program)
    started = ms.filter(meeting_logs__isnull=False)
    for role, field in [("mentee", "pair__mentee"), ("mentor", "pair__mentor")]:
        assert d.funnel.get("applications", role) == apps.filter(role=role).count()
        assert d.funnel.get("accepted", role) == apps.filter(role=role, status="accepted").count()
        assert d.funnel.get("matched", role) == people(live, field.removeprefix("pair__"))
        assert d.funnel.get("started", role) == people(started, field)
        assert d.funnel.get("active", role) == people(ms.filter(status__in=["running", "paused"]), field)
        assert d.funnel.get("completed", role) == people(ms.filter(status="completed"), field)
    assert d.funnel.get("applications", "mentee") == 60
    assert d.held == MeetingLog.objects.filter(mentorship__pair__program=program).count() > 0
    plans = PlannedMeeting.objects.filter(mentorship__pair__program=program, dropped_at__isnull=True)
    assert d.planned_due == plans.filter(planned_on__lte=TODAY).count()
    assert d.planned_total == plans.count()
    for row in d.months:
        assert (
            row.held
            == MeetingLog.objects.filter(
                mentorship__pair__program=program,
                held_on__year=row.month.year,
                held_on__month=row.month.month,
            ).count()
        )
    for row in d.attendance:
        invitations = Invitation.objects.filter(gathering__program=program, gathering__title=row.title)
        assert row.attended == invitations.filter(checked_in_at__isnull=False).count()
        assert row.invited == invitations.filter(walk_in=False).count()
    by_item = {b.cost_item: b for b in d.budget}
    for item in ["recruitment", "common_meetings", "evaluation"]:
        entered = ActualCost.objects.filter(budget_line__program=program, budget_line__cost_item=item)
        assert by_item[item].actual == entered.aggregate(s=Sum("amount"))["s"]
    assert by_item["handbook"].actual == Decimal("8500")  # no entries: the wizard's figure
    assert (
        d.budget_planned == BudgetLine.objects.filter(program=program).aggregate(s=Sum("planned_amount"))["s"]
    )


def test_the_funnel_counts_people_not_pairs():
    rows = [
        figures.PairRow(1, 10, "active", "running", True),
        figures.PairRow(2, 10, "active", "completed", True),
        figures.PairRow(3, 11, "dissolved", None, False),
    ]
    funnel = figures.funnel(
        [("mentee", "accepted", 3), ("mentor", "accepted", 2), ("mentee", "rejected", 1)], rows
    )
    assert funnel.get("applications", "mentee") == 4
    assert funnel.get("accepted", "mentor") == 2
    assert funnel.get("matched", "mentor") == 1
    assert funnel.get("matched", "mentee") == 2
    assert funnel.get("started", "mentor") == 1
    assert funnel.get("completed", "mentee") == 1


@pytest.mark.django_db
def test_the_dashboard_reads_in_a_fixed_number_of_queries(client, viewer, program, django_assert_num_queries):
    build_world(program, mentees=20, mentors=10, meetings=50)
    client.force_login(viewer)
    url = reverse("reports:dashboard", args=[program.pk])
    client.get(url)  # warm the session
    # session, user, program, admin membership, program role; applications, pairs, planned per day,
    # held per day, planned in all, common meetings, budget lines, actual costs per line
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    build_world(program, mentees=60, mentors=30, meetings=400, seed=2)  # three times as big: as many queries
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    html = response.content.decode()
    assert 'role="img"' in html and "<table" in html
    assert "Uppstartsträff" in html


QUERIES = 13

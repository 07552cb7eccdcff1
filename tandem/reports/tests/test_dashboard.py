"""The dashboard's figures equal counts taken straight from the database on a generated program."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation

from tandem.applications.models import Application
from tandem.followup.models import Answer, Response, Round
from tandem.followup.models import Invitation as SurveyInvitation
from tandem.gatherings.models import Invitation
from tandem.mentoring.models import MeetingLog, Mentorship, PersonalGoal, PlannedMeeting
from tandem.pairs.models import Pair
from tandem.programs.models import BudgetLine
from tandem.reports import cohorts, figures, services
from tandem.reports.models import ActualCost
from tandem.reports.tests.world import build_world
from tandem.reports.tests.world_followup import build_followup, cohort, line

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
def test_survey_response_rates_equal_counts_from_the_database(program):
    line(program)
    d = services.dashboard(program, today=TODAY)
    rounds = list(Round.objects.filter(program=program).order_by("opens_on"))
    assert [r.label for r in d.survey_rounds] == [str(r.get_step_display()) for r in rounds]
    for shown, round_ in zip(d.survey_rounds, rounds, strict=True):
        for (_label, invited, answered, rate), role in zip(
            shown.lines, ["mentee", "mentor", None], strict=True
        ):
            asked = SurveyInvitation.objects.filter(round=round_)
            sent = Response.objects.filter(round=round_, invitation__isnull=False, completed_at__isnull=False)
            if role:
                asked, sent = asked.filter(role=role), sent.filter(role=role)
            assert (invited, answered) == (asked.count(), sent.count())
            assert invited > 0 and rate == round(100 * answered / invited)
        assert shown.anonymous == Response.objects.filter(round=round_, invitation__isnull=True).count() == 3
    html = str(d.surveys_chart.groups[0].bars[0].value)
    assert html.endswith("%")


@pytest.mark.django_db
def test_goal_attainment_equals_the_answers_in_the_database(program):
    line(program)
    d = services.dashboard(program, today=TODAY)
    [result] = d.goals
    values = [
        a.value
        for a in Answer.objects.filter(
            response__round__program=program,
            response__round__step="goal",
            response__completed_at__isnull=False,
            row=f"g{result.goal.pk}",
        )
    ]
    assert result.respondents == len(values) >= 5
    assert result.hits == len([v for v in values if v >= 4])
    latest = [
        goal.ratings.order_by("-rated_at").first().rating
        for goal in PersonalGoal.objects.filter(mentorship__pair__program=program)
    ]
    assert d.personal.rated == len(latest) >= 5
    assert d.personal.mean == round(sum(latest) / len(latest), 1)


@pytest.mark.django_db
def test_the_cohort_comparison_equals_counts_from_the_database(program, other_program):
    earlier, unrelated = line(program)
    other_program.copied_from = program  # another organisation's program is never in the line
    other_program.save()
    with translation.override("sv"):
        d = services.dashboard(program, today=TODAY)
    assert [(c.cohort.name, c.cohort.current) for c in d.cohorts] == [
        (earlier.name, False),
        (program.name, True),
    ]
    assert d.current_index == 1
    end = timezone.make_aware(datetime.combine(TODAY + timedelta(days=1), time.min))
    for c in d.cohorts:
        pk = c.cohort.program_id
        apps = Application.objects.filter(program_id=pk)
        live = Pair.objects.filter(program_id=pk, status__in=["awaiting", "active"])
        ms = Mentorship.objects.filter(pair__program_id=pk)
        for role in ["mentee", "mentor"]:
            assert c.funnel.get("applications", role) == apps.filter(role=role).count() > 0
            assert c.funnel.get("accepted", role) == apps.filter(role=role, status="accepted").count()
            assert c.funnel.get("matched", role) == people(live, role)
            assert c.funnel.get("started", role) == people(
                ms.filter(meeting_logs__isnull=False), f"pair__{role}"
            )
            assert c.funnel.get("completed", role) == people(ms.filter(status="completed"), f"pair__{role}")
        held = MeetingLog.objects.filter(mentorship__pair__program_id=pk).count()
        assert c.meetings_per_pair == (Decimal(held) / ms.count()).quantize(Decimal("0.1"))
        invitees = Invitation.objects.filter(
            gathering__program_id=pk, walk_in=False, gathering__starts_at__lt=end
        ).exclude(gathering__state="cancelled")
        came = invitees.filter(checked_in_at__isnull=False).count()
        assert invitees.count() > 0 and c.attendance_rate == round(100 * came / invitees.count())
        asked = SurveyInvitation.objects.filter(round__program_id=pk)
        sent = asked.filter(response__completed_at__isnull=False).count()
        assert c.response_rate == round(100 * sent / asked.count())
    rows = dict(d.cohort_rows)
    assert len(rows["Anmälningar: adepter"]) == 2 and "Svarsfrekvens i enkäterna" in rows
    assert d.cohort_rows[0][1] == [str(c.funnel.get("applications", "mentee")) for c in d.cohorts]


def test_the_pure_figures_of_rounds_and_cohorts():
    rates = figures.response_rates(
        [(1, "startup", date(2026, 2, 1)), (2, "goal", date(2026, 9, 1))],
        [(1, "mentee", 10, 7), (1, "mentor", 8, 8), (2, "mentee", 0, 0)],
        [(1, 2)],
    )
    assert [(r.role, r.invited, r.answered, r.rate) for r in rates[0].roles] == [
        ("mentee", 10, 7, 70),
        ("mentor", 8, 8, 100),
    ]
    assert (rates[0].invited, rates[0].answered, rates[0].rate, rates[0].anonymous) == (18, 15, 83, 2)
    assert rates[1].rate is None and rates[1].anonymous == 0

    first = cohorts.Cohort(1, "2025", date(2025, 1, 1), current=False)
    this = cohorts.Cohort(2, "2026", date(2026, 1, 1), current=True)
    found = cohorts.cohort_figures(
        [first, this],
        [(1, "mentee", "accepted", 4), (1, "mentor", "accepted", 3), (2, "mentee", "rejected", 2)],
        [
            (1, figures.PairRow(1, 10, "active", "running", True)),
            (1, figures.PairRow(2, 10, "active", "completed", True)),
            (1, figures.PairRow(3, 11, "declined", None, False)),
        ],
        {1: 7},
        {1: (8, 6)},
        {1: (10, 9), 2: (4, 1)},
    )
    old, new = found
    assert old.funnel.get("applications", "mentee") == 4 and old.funnel.get("completed", "mentor") == 1
    assert (old.mentorships, old.meetings_per_pair, old.attendance_rate, old.response_rate) == (
        2,
        Decimal("3.5"),
        75,
        90,
    )
    assert new.funnel.get("accepted", "mentee") == 0 and new.meetings_per_pair is None
    assert (new.attendance_rate, new.response_rate) == (None, 25)
    assert cohorts.window([1, 2, 3], 2) == [1, 2, 3]
    ids = list(range(1, 21))
    assert cohorts.window(ids, 20) == [15, 16, 17, 18, 19, 20]
    assert cohorts.window(ids, 1) == [1, 2, 3, 4, 5, 6]
    assert cohorts.window(ids, 10) == [7, 8, 9, 10, 11, 12]


@pytest.mark.django_db
def test_the_dashboard_reads_in_a_fixed_number_of_queries(client, viewer, program, django_assert_num_queries):
    line(program, sizes={"mentees": 20, "mentors": 10, "meetings": 50})
    client.force_login(viewer)
    url = reverse("reports:dashboard", args=[program.pk])
    client.get(url)  # warm the session
    # session, user, program, admin membership, program role; the line's programs, applications, pairs,
    # meetings, attendance and survey invitations per program; planned per day, held per day, planned in
    # all, common meetings, rounds, anonymous answers, goals, goal measures, goal ratings, job answers,
    # personal goals' ratings, budget lines with their actual costs summed
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    # three times as big, and a third cohort: as many queries
    build_world(program, mentees=60, mentors=30, meetings=400, seed=2)
    build_followup(program, seed=2)
    cohort(program, "Ekonomer 2027", date(2027, 1, 11), copied_from=program, seed=5)
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    html = response.content.decode()
    assert 'role="img"' in html and "<table" in html
    assert "Uppstartsträff" in html and "Ekonomer 2027" in html


QUERIES = 23


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, words",
    [
        (
            "sv",
            [
                "Svarsfrekvens i enkäterna",
                "Måluppfyllelse",
                "Kullar i samma programlinje",
                "(den här kullen)",
            ],
        ),
        ("en", ["Survey response rates", "Goal attainment", "Cohorts of this program line", "(this cohort)"]),
    ],
)
def test_the_page_shows_the_new_sections_in_swedish_and_english(client, viewer, program, language, words):
    earlier, _unrelated = line(program, sizes={"mentees": 12, "mentors": 8, "meetings": 30})
    client.force_login(viewer)
    client.cookies["django_language"] = language
    html = client.get(reverse("reports:dashboard", args=[program.pk])).content.decode()
    for word in words:
        assert word in html
    assert 'id="surveys-table"' in html and 'id="cohorts-table"' in html and 'id="attainment"' in html
    assert 'scope="rowgroup"' in html and earlier.name in html and "Annat program" not in html


@pytest.mark.django_db
def test_a_program_alone_in_its_line_shows_no_comparison(client, viewer, program):
    client.force_login(viewer)
    html = client.get(reverse("reports:dashboard", args=[program.pk])).content.decode()
    assert 'id="cohorts-table"' not in html and "Inga uppföljningsomgångar ännu." in html

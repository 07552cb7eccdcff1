"""Goal attainment: each program goal against its target, from the goal question or the job answers of
the goal and effect evaluations; personal goals' latest ratings; nothing shown for fewer than five."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from tandem.followup.attainment import attain, goal_attainment, progress
from tandem.followup.models import Answer, GoalMeasure, Measure, Response, Round
from tandem.followup.services import copy_template
from tandem.mentoring.models import GoalRating, PersonalGoal
from tandem.programs.models import Goal


def test_a_share_against_its_target_and_too_few_hidden():
    job = Goal(pk=1, description="Jobb", indicator="Andel i arbete", target_value=Decimal("60"))
    rated = Goal(pk=2, description="Nätverk", indicator="Andel", target_value=Decimal("50"))
    jobs = [("effect6", 0, 20), ("effect6", 4, 17), ("goal", 0, 3), ("effect6", 0, 3)]
    ratings = [("g2", 5, 1), ("g2", 4, 1), ("g2", 1, 1)]
    first, second = attain([job, rated], {1: Measure.JOB_6}, ratings, jobs)
    assert (first.respondents, first.hits, first.value, first.reached) == (40, 23, Decimal("58"), False)
    assert second.respondents == 3 and second.value is None and second.reached is None


def test_a_count_goal_counts_people_and_personal_progress_hides_small_groups():
    count = Goal(pk=3, description="Jobb", indicator="Antal", target_value=Decimal("4"), unit="count")
    [result] = attain([count], {3: Measure.JOB_AT_END}, [], [("goal", 0, 5), ("goal", 2, 1)])
    assert result.value == Decimal("5") and result.reached is True
    assert not progress([3, 4]).shown
    shown = progress([1, 3, 4, 4, 5])
    assert shown.shown and shown.mean == 3.4 and shown.counts[3] == (4, 2, 40)


def _goal_round(program, now):
    today = timezone.localdate(now)
    return Round.objects.create(
        program=program,
        step="goal",
        mentee_survey=copy_template(program, "goal", "mentee", by=None, now=now),
        mentor_survey=copy_template(program, "goal", "mentor", by=None, now=now),
        opens_on=today - timedelta(days=20),
        closes_on=today - timedelta(days=1),
        short_code="GOAL55",
    )


def _answers(round_, goal, now, values):
    version = round_.mentee_survey.current_version()
    goals_q = version.questions.get(key="goals")
    doing_q = version.questions.get(key="now_doing")
    for rating, doing in values:
        response = Response.objects.create(
            round=round_, version=version, role="mentee", channel="on_site", completed_at=now
        )
        Answer.objects.create(response=response, question=goals_q, row=f"g{goal.pk}", value=rating)
        Answer.objects.create(response=response, question=doing_q, value=doing)


def test_the_results_page_shows_attainment_in_a_fixed_number_of_queries(
    client, coordinator, viewer, program, mentorships, now, django_assert_max_num_queries
):
    goal = Goal.objects.get(program=program)
    round_ = _goal_round(program, now)
    _answers(round_, goal, now, [(5, 0), (4, 0), (4, 1), (2, 4), (1, 4)])
    personal = PersonalGoal.objects.get(mentorship=mentorships["a"])
    GoalRating.objects.create(goal=personal, rating=2, rated_at=now - timedelta(days=9))
    GoalRating.objects.create(goal=personal, rating=4, rated_at=now)
    results, personal_progress = goal_attainment(program)
    assert (results[0].respondents, results[0].value, results[0].reached) == (5, Decimal("60"), True)
    assert personal_progress.rated == 1 and not personal_progress.shown  # one rated goal: too few

    GoalMeasure.objects.create(goal=goal, measure=Measure.JOB_AT_END)
    client.force_login(coordinator)
    url = reverse("followup:results", kwargs={"pk": program.pk, "round": round_.pk})
    with django_assert_max_num_queries(20):
        page = client.get(url)
    html = page.content.decode()
    assert 'id="attainment"' in html and "40 % av 5" in html and "Inte än" in html
    _answers(round_, goal, now, [(5, 0)] * 20)
    with django_assert_max_num_queries(20):  # the same with four times the answers
        assert "88 % av 25" in client.get(url).content.decode()


def test_coordinators_choose_the_measure_and_bad_choices_change_nothing(
    client, coordinator, program, mentorships, now
):
    goal = Goal.objects.get(program=program)
    round_ = _goal_round(program, now)
    url = reverse("followup:goal_measures", kwargs={"pk": program.pk, "round": round_.pk})
    client.force_login(coordinator)
    client.post(url, {f"measure_{goal.pk}": "nonsense"})
    assert not GoalMeasure.objects.exists()
    client.post(url, {f"measure_{goal.pk}": Measure.JOB_6})
    assert GoalMeasure.objects.get(goal=goal).measure == Measure.JOB_6

"""Goal attainment: each program goal's indicator against its target, measured from the follow-up answers
(the goal evaluation's goal question, or the share of mentees in a job in their profession at the goal
evaluation and 6 or 12 months after the end), and the progress of the pairs' personal goals.

Plain functions over rows (`attain`), and one loader (`goal_attainment`) in a fixed number of queries.
Nothing is shown for fewer than `MIN_GROUP` respondents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count

from tandem.followup.models import Answer, GoalMeasure, Measure, QuestionKind, Round
from tandem.followup.results import MIN_GROUP
from tandem.mentoring.services import latest_goal_ratings
from tandem.programs.models import Goal, Program

REACHED = 4  # "far" or "fully reached" on the goal question's five steps
JOB_IN_PROFESSION = 0  # the first choice of the `now_doing` question
JOB_STEPS = {
    Measure.JOB_AT_END: Round.Step.GOAL,
    Measure.JOB_6: Round.Step.EFFECT_6,
    Measure.JOB_12: Round.Step.EFFECT_12,
}


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    measure: str
    respondents: int
    hits: int  # respondents who count towards the indicator

    @property
    def shown(self) -> bool:
        return self.respondents >= MIN_GROUP

    @property
    def value(self) -> Decimal | None:
        """The indicator: a share in per cent, or a number of people (the goal's unit); None if too few."""
        if not self.shown:
            return None
        if self.goal.unit == Goal.Unit.COUNT:
            return Decimal(self.hits)
        return (Decimal(100 * self.hits) / self.respondents).quantize(Decimal("1"))

    @property
    def reached(self) -> bool | None:
        value = self.value
        if value is None or self.goal.target_value is None:
            return None
        return value >= self.goal.target_value

    def get_measure_display(self) -> str:
        return str(Measure(self.measure).label)


@dataclass(frozen=True)
class PersonalProgress:
    rated: int
    counts: list[tuple[int, int, int]]  # (rating 1–5, goals, per cent)
    mean: float | None

    @property
    def shown(self) -> bool:
        return self.rated >= MIN_GROUP


def attain(
    goals: list[Goal],
    measures: dict[int, str],
    ratings: Iterable[tuple[str, Any, int]],
    jobs: Iterable[tuple[str, Any, int]],
) -> list[GoalResult]:
    """`ratings`: (row "g<id>", value, how many) of the goal question in the goal evaluation's sent
    responses; `jobs`: (round step, value, how many) of the mentees' `now_doing` answers. The database
    counts the answers per value, so this sums a few rows however many answered."""
    by_row: dict[str, list[tuple[Any, int]]] = {}
    for row, value, n in ratings:
        by_row.setdefault(row, []).append((value, n))
    by_step: dict[str, list[tuple[Any, int]]] = {}
    for step, value, n in jobs:
        by_step.setdefault(step, []).append((value, n))
    results = []
    for goal in goals:
        measure = measures.get(goal.pk, Measure.RATING)
        if measure == Measure.RATING:
            given = by_row.get(f"g{goal.pk}", [])
            values = [(v, n) for v, n in given if isinstance(v, int) and not isinstance(v, bool)]
            hits = sum(n for v, n in values if v >= REACHED)
        else:
            values = [(v, n) for v, n in by_step.get(JOB_STEPS[Measure(measure)], []) if v is not None]
            hits = sum(n for v, n in values if v == JOB_IN_PROFESSION)
        results.append(GoalResult(goal, measure, sum(n for _v, n in values), hits))
    return results


def progress(ratings: list[int]) -> PersonalProgress:
    counts = Counter(ratings)
    total = len(ratings)
    if total < MIN_GROUP:
        return PersonalProgress(total, [], None)
    rows = [(n, counts[n], round(100 * counts[n] / total)) for n in range(1, 6)]
    return PersonalProgress(total, rows, round(sum(ratings) / total, 1))


def goal_attainment(program: Program) -> tuple[list[GoalResult], PersonalProgress]:
    """The program's goals against their targets and its pairs' personal goals: 5 queries, the answers
    counted per value by the database (GROUP BY), however many there are."""
    goals = list(Goal.objects.filter(program=program))
    measures = dict(GoalMeasure.objects.filter(goal__program=program).values_list("goal_id", "measure"))
    sent = {"response__round__program": program, "response__completed_at__isnull": False}
    answers = Answer.objects.filter(**sent).filter(
        response__round__step=Round.Step.GOAL, question__kind=QuestionKind.GOALS, row__startswith="g"
    )
    jobs = Answer.objects.filter(
        **sent,
        response__role="mentee",
        question__key="now_doing",
        response__round__step__in=list(JOB_STEPS.values()),
    )
    results = attain(
        goals,
        measures,
        answers.values_list("row", "value").annotate(n=Count("id")).order_by(),
        jobs.values_list("response__round__step", "value").annotate(n=Count("id")).order_by(),
    )
    return results, progress(latest_goal_ratings(program.pk))

"""The results and the cohort comparison count answers in the database (`round_tallies`, `compare`);
on a generated round of every kind of question they come to exactly what `summarise` makes of the plain
answer rows, in a fixed number of queries however many answers there are."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tandem.factories import ProgramFactory
from tandem.followup.cohorts import compare
from tandem.followup.models import Answer, QuestionKind, Response, Round
from tandem.followup.results import (
    TEXT_KINDS,
    asked_questions,
    round_questions,
    round_results,
    round_tallies,
    summarise,
)
from tandem.followup.services import copy_template

TEXTS = ["Bra träffar.", "", "Vi borde ses oftare.", "Bra träffar.", "Tack!"]


def _value(kind: str, choices: int, rng: random.Random):
    if kind in (QuestionKind.LIKERT, QuestionKind.GOALS):
        return rng.randint(1, 5)
    if kind == QuestionKind.SCALE10:
        return rng.randint(0, 10)
    if kind == QuestionKind.SINGLE:
        return rng.randrange(choices)
    if kind == QuestionKind.MULTIPLE:
        return sorted(rng.sample(range(choices), rng.randint(0, min(choices, 3))))
    if kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
        return rng.random() < 0.5
    return rng.choice(TEXTS)


def generated_round(program, step: str, code: str, *, responses: int, seed: int) -> Round:
    """A round of `program` with the ready surveys of `step` and `responses` answers from each role, every
    question answered at random (two rows for goal questions), and a few unsent responses besides."""
    now = timezone.now()
    rng = random.Random(seed)
    today = timezone.localdate(now)
    kind = {"effect6": "effect"}.get(step, step)
    round_ = Round.objects.create(
        program=program,
        step=step,
        mentee_survey=copy_template(program, kind, "mentee", by=None, now=now),
        mentor_survey=copy_template(program, kind, "mentor", by=None, now=now),
        opens_on=today - timedelta(days=20),
        closes_on=today - timedelta(days=1),
        short_code=code,
    )
    answers = []
    for role in ("mentee", "mentor"):
        survey = round_.survey_for(role)
        assert survey is not None
        version = survey.current_version()
        questions = [(q, len(q.translations.get(language="sv").choices)) for q in version.questions.all()]
        for n in range(responses + 3):
            response = Response.objects.create(
                round=round_,
                version=version,
                role=role,
                channel="on_site",
                completed_at=now if n < responses else None,
            )
            for question, choices in questions:
                rows = ["g1", "g2"] if question.kind == QuestionKind.GOALS else [""]
                answers += [
                    Answer(
                        response=response,
                        question=question,
                        row=row,
                        value=_value(question.kind, choices, rng),
                    )
                    for row in rows
                ]
    Answer.objects.bulk_create(answers)
    return round_


def plain_rows(rounds: list[Round]):
    """(round id, role, key, kind, row, value) of every sent answer, as the pages read them before."""
    return (
        Answer.objects.filter(response__round__in=rounds, response__completed_at__isnull=False)
        .order_by("question__order", "question_id", "row", "pk")
        .values_list(
            "response__round_id", "response__role", "question__key", "question__kind", "row", "value"
        )
    )


@pytest.mark.parametrize("step", ["startup", "midterm", "goal", "effect6"])
def test_counting_in_the_database_comes_to_what_summarise_makes_of_the_rows(
    program, step, django_assert_num_queries
):
    round_ = generated_round(program, step, "TAL001", responses=12, seed=len(step))
    questions, asked = asked_questions(round_, language="sv")
    expected = summarise(
        questions,
        [(role, key, row, value) for _r, role, key, _k, row, value in plain_rows([round_])],
        asked=asked,
    )
    assert {kind for _key, kind, _wording in questions} & {"likert", "single", "long_text"}
    with django_assert_num_queries(2):  # the tallies and the free text, however many answers
        tallies = round_tallies(round_, questions)
    assert len(tallies) < Answer.objects.filter(response__round=round_).count()  # counted, not listed
    assert round_results(round_, language="sv") == expected
    assert any(result.texts.get("mentee") for result in expected) or step == "goal"


def test_the_cohort_comparison_counts_in_the_database_as_summarise_would(program, django_assert_num_queries):
    earlier = ProgramFactory(
        organisation=program.organisation, name="Ekonomer 2025", start_date=date(2025, 2, 1)
    )
    program.copied_from, program.start_date = earlier, date(2026, 2, 1)
    program.save()
    rounds = [
        generated_round(earlier, "midterm", "TAL002", responses=9, seed=2),
        generated_round(program, "midterm", "TAL003", responses=14, seed=3),
    ]
    questions = [q for q in round_questions(rounds[1], language="sv") if q[1] not in TEXT_KINDS]
    kinds = {key: kind for key, kind, _wording in questions}
    rows = [row for row in plain_rows(rounds) if kinds.get(row[2]) == row[3]]
    this = Round.objects.get(pk=rounds[1].pk)
    with django_assert_num_queries(12):  # the same however many answers and cohorts
        comparison = compare(this, language="sv")
    assert [cohort.round for cohort in comparison.cohorts] == rounds
    for cohort in comparison.cohorts:
        mine = [(role, key, row, value) for r, role, key, _k, row, value in rows if r == cohort.round.pk]
        assert list(cohort.results.values()) == summarise(questions, mine)

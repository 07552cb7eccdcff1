"""A custom question of the form as a criterion of the requirement profile ("Do you hold a Swedish nursing
licence?" yes/no as a must): the pure evaluation, the live count against it, the editor, the
re-evaluation after a change, the reasons staff read, and the copy for the next cohort."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tandem.applications import counting
from tandem.applications.editing import Words, add_custom_question
from tandem.applications.models import Answer, Application, Question
from tandem.applications.rechecks import FACT_COLUMNS, answers_by_application, criterion_questions
from tandem.applications.services import create_default_form
from tandem.factories import build_applications
from tandem.lib.testing.pages import EN, SV, text
from tandem.programs.services import copy_program
from tandem.reference.choices import CriterionKind, Importance
from tandem.requirements.applicants import PassCount
from tandem.requirements.evaluation import ApplicantFacts, CriterionSpec, evaluate
from tandem.requirements.models import Criterion
from tandem.requirements.params import clean_params
from tandem.screening.queue import _must_reasons

TODAY = date(2026, 12, 3)
LICENCE = {"question": 7, "label": {"sv": "Har du svensk legitimation?", "en": "Do you hold a licence?"}}


def spec(importance=Importance.MUST, weight=1, **params) -> CriterionSpec:
    return CriterionSpec(
        kind=CriterionKind.CUSTOM_QUESTION, importance=importance, params=params, weight=weight
    )


def facts(**answers) -> ApplicantFacts:
    return ApplicantFacts(role="mentee", answers={int(k[1:]): v for k, v in answers.items()})


# --- The pure evaluation ------------------------------------------------------------------------------


def test_a_yes_no_must_passes_the_right_answer_and_fails_the_other():
    must_be_yes = spec(**LICENCE, answer=True)
    assert evaluate([must_be_yes], facts(q7=True), today=TODAY).passes
    failed = evaluate([must_be_yes], facts(q7=False), today=TODAY)
    assert not failed.passes and failed.failed_musts[0].actual is False
    with translation.override("en"):
        assert failed.failed_musts[0].message == (
            "Answered “no” to “Do you hold a licence?”; the profile asks for yes."
        )
    assert evaluate([spec(**LICENCE, answer=False)], facts(q7=False), today=TODAY).passes


def test_an_unanswered_question_fails_a_must_with_the_reason_not_answered():
    result = evaluate([spec(**LICENCE, answer=True)], facts(), today=TODAY)

    assert not result.passes and not result.needs_check and not result.unknowns
    with translation.override("en"):
        assert result.failed_musts[0].message == (
            "Not answered: “Do you hold a licence?” (the profile asks for yes)."
        )


def test_choices_scales_and_shoulds():
    one = spec(question=8, label={"sv": "Region"}, choices=["Norr", "Syd"])
    several = spec(question=9, label={"sv": "Kan"}, choices=["Excel"], several=True)
    scale = spec(question=10, label={"sv": "Hur säker?"}, min=3, max=None)
    assert evaluate([one, several, scale], facts(q8="Syd", q9=["Word", "Excel"], q10=3), today=TODAY).passes
    result = evaluate([one, several, scale], facts(q8="Öst", q9=["Word"], q10=2), today=TODAY)
    assert [r.params["question"] for r in result.failed_musts] == [8, 9, 10]

    should = spec(Importance.SHOULD, 3, **LICENCE, answer=True)
    other = CriterionSpec(CriterionKind.EXPERIENCE_YEARS, Importance.SHOULD, {"min": 1}, weight=1)
    answered_no = evaluate([should, other], ApplicantFacts(role="mentee", experience_years=5), today=TODAY)
    assert answered_no.passes and answered_no.score == 25  # the unanswered should counts against
    yes = ApplicantFacts(role="mentee", experience_years=5, answers={7: True})
    assert evaluate([should, other], yes, today=TODAY).score == 100


def test_the_settings_are_checked():
    assert clean_params("custom_question", {**LICENCE, "answer": True})["answer"] is True
    assert clean_params("custom_question", {**LICENCE, "choices": ["B", "A", "A"]})["choices"] == ["A", "B"]
    for bad in (
        {**LICENCE},  # says nothing about the answer
        {**LICENCE, "answer": "yes"},
        {**LICENCE, "answer": True, "choices": ["A"]},
        {**LICENCE, "min": 5, "max": 2},
        {"question": "7", "answer": True},
        {**LICENCE, "choices": []},
    ):
        with pytest.raises(Exception):  # noqa: B017, PT011  ValidationError, with its own message
            clean_params("custom_question", bad)


# --- A program with a form that asks ------------------------------------------------------------------


@pytest.fixture
def questions(db, program, coordinator):
    now = timezone.now()
    form = create_default_form(program, "mentee", now=now)

    def add(custom_type, label, choices=(), **extra):
        words = Words(label=label, help_text="", choices=list(choices))
        return add_custom_question(
            form,
            custom_type=custom_type,
            required=False,
            page="custom",
            words=words,
            by=coordinator,
            now=now,
            **extra,
        )

    return {
        "licence": add("yes_no", "Har du svensk legitimation som sjuksköterska?"),
        "region": add("single_choice", "Var vill du arbeta?", ["Norr", "Mitt", "Syd"]),
        "tools": add("multiple_choice", "Vilka system kan du?", ["Cosmic", "Take Care", "Melior"]),
        "sure": add("scale", "Hur säker är du på svenska?", scale_min=1, scale_max=5),
    }


def answer_randomly(applications, questions, rng: random.Random) -> None:
    answers = []
    for application in applications:
        values = {
            "licence": rng.choice([True, False]),
            "region": rng.choice(["Norr", "Mitt", "Syd"]),
            "tools": rng.sample(["Cosmic", "Take Care", "Melior"], rng.randint(1, 2)),
            "sure": rng.randint(1, 5),
        }
        for name, question in questions.items():
            if rng.random() < 0.75:  # a quarter left unanswered
                answers.append(Answer(application=application, question=question, value=values[name]))
    Answer.objects.bulk_create(answers)


def random_custom(questions, rng: random.Random) -> CriterionSpec:
    name = rng.choice(list(questions))
    q = questions[name]
    params = {
        "licence": lambda: {"answer": rng.choice([True, False])},
        "region": lambda: {"choices": rng.sample(["Norr", "Mitt", "Syd"], rng.randint(1, 2))},
        "tools": lambda: {"choices": rng.sample(["Cosmic", "Take Care", "Melior"], 1), "several": True},
        "sure": lambda: {"min": rng.choice([None, 2, 3]), "max": rng.choice([4, 5])},
    }[name]()
    importance = rng.choice([Importance.MUST, Importance.MUST, Importance.SHOULD])
    return spec(importance, rng.randint(1, 3), question=q.pk, label={"sv": name}, **params)


def count_by_evaluating_each(applications, criteria) -> PassCount:
    rows = list(applications.only(*FACT_COLUMNS))
    answers = answers_by_application([a.pk for a in rows], criterion_questions(criteria))
    results = [evaluate(criteria, a.facts(answers.get(a.pk, {})), today=TODAY) for a in rows]
    return PassCount(
        passing=sum(r.passes for r in results),
        total=len(rows),
        needs_check=sum(r.needs_check for r in results),
    )


def test_the_live_count_equals_the_evaluation_on_a_generated_pool(program, questions):
    applications = build_applications(program, mentees=120, seed=3, status="received")
    rng = random.Random(13)
    answer_randomly(applications, questions, rng)
    pool = Application.objects.filter(program=program, role="mentee")
    swedish = CriterionSpec(CriterionKind.SWEDISH_LEVEL, Importance.MUST, {"min_level": "A2"})
    english = CriterionSpec(CriterionKind.LANGUAGE, Importance.MUST, {"code": "en", "min_level": "B1"})
    for _ in range(40):
        criteria = [random_custom(questions, rng) for _ in range(rng.randint(1, 3))]
        criteria += rng.choice([[], [swedish], [english]])
        expected = count_by_evaluating_each(pool, criteria)
        assert counting.count_passing(pool, "mentee", criteria, today=TODAY) == expected, criteria
        assert expected.total > 0


def test_the_live_count_is_a_fixed_number_of_queries(
    program, questions, django_assert_num_queries, django_assert_max_num_queries
):
    applications = build_applications(program, mentees=40, seed=1, status="received")
    answer_randomly(applications, questions, random.Random(2))
    pool = Application.objects.filter(program=program, role="mentee")
    in_sql = [
        spec(question=questions["licence"].pk, label={}, answer=True),
        spec(question=questions["region"].pk, label={}, choices=["Norr"]),
        spec(question=questions["sure"].pk, label={}, min=2, max=4),
    ]
    with django_assert_num_queries(1):  # the aggregate, each question an EXISTS inside it
        counting.count_passing(pool, "mentee", in_sql, today=TODAY)
    several = spec(question=questions["tools"].pk, label={}, choices=["Cosmic"], several=True)
    # the total; the answers of the applicants the database has not ruled out; those applicants
    with django_assert_num_queries(3):
        counting.count_passing(pool, "mentee", [*in_sql, several], today=TODAY)


# --- The editor ----------------------------------------------------------------------------------------


def add_url(program, role="mentee"):
    return reverse("requirements:add", kwargs={"pk": program.pk, "role": role})


def test_a_coordinator_adds_a_yes_no_must_and_the_applications_are_checked_again(
    client, coordinator, program, questions
):
    licence = questions["licence"]
    yes, no, silent = build_applications(program, mentees=3, seed=5, status="received")
    Answer.objects.create(application=yes, question=licence, value=True)
    Answer.objects.create(application=no, question=licence, value=False)
    client.force_login(coordinator)

    chooser = client.get(add_url(program), {"kind": "custom_question"}, **EN)
    assert "Har du svensk legitimation som sjuksköterska? (yes or no)" in text(chooser)
    assert "Vilka system kan du?" in text(chooser)
    page = client.get(add_url(program), {"kind": "custom_question", "question": licence.pk}, **EN)
    assert "The applicant must answer “Har du svensk legitimation som sjuksköterska?” with" in text(page)

    response = client.post(
        add_url(program),
        {
            "kind": "custom_question",
            "question": licence.pk,
            "answer": "yes",
            "importance": "must",
            "weight": "1",
        },
        **EN,
    )

    assert response.status_code == 302
    criterion = Criterion.objects.get(profile__program=program)
    assert criterion.params == {
        "question": licence.pk,
        "label": {"sv": "Har du svensk legitimation som sjuksköterska?"},
        "answer": True,
    }
    [yes, no, silent] = Application.objects.filter(pk__in=[yes.pk, no.pk, silent.pk]).order_by("pk")
    assert (yes.passes_requirements, no.passes_requirements, silent.passes_requirements) == (
        True,
        False,
        False,
    )
    with translation.override("sv"):
        assert _must_reasons(silent.requirement_flags)[0].message == (
            "Inte besvarad: ”Har du svensk legitimation som sjuksköterska?” (profilen kräver ja)."
        )
    with translation.override("en"):
        assert _must_reasons(no.requirement_flags)[0].message == (
            "Answered “no” to “Har du svensk legitimation som sjuksköterska?”; the profile asks for yes."
        )
    profile = client.get(reverse("requirements:profile", kwargs={"pk": program.pk, "role": "mentee"}), **SV)
    assert "”Har du svensk legitimation som sjuksköterska?”: ja" in text(profile)


def test_choices_and_a_scale_from_the_editor(client, coordinator, program, questions):
    client.force_login(coordinator)
    base = {"kind": "custom_question", "importance": "should", "weight": "2"}
    tools = {**base, "question": questions["tools"].pk, "choices": ["Cosmic", "Melior"]}
    assert client.post(add_url(program), tools, **EN).status_code == 302
    sure = {**base, "question": questions["sure"].pk, "min": "4", "max": ""}
    assert client.post(add_url(program), sure, **EN).status_code == 302
    stored = [c.params for c in Criterion.objects.filter(profile__program=program).order_by("order")]
    assert stored[0]["choices"] == ["Cosmic", "Melior"] and stored[0]["several"] is True
    assert (stored[1]["min"], stored[1]["max"]) == (4, None)

    out_of_scale = client.post(add_url(program), {**sure, "min": "9"}, **EN)
    assert out_of_scale.status_code == 200
    assert not Criterion.objects.filter(params__min=9).exists()


def test_a_question_of_another_program_or_role_or_a_free_text_one_is_refused(
    client, coordinator, program, other_program, questions
):
    other_form = create_default_form(other_program, "mentee", now=timezone.now())
    foreign = Question.objects.create(form=other_form, custom_type="yes_no", page="custom")
    mentor_form = create_default_form(program, "mentor", now=timezone.now())
    mentors = Question.objects.create(form=mentor_form, custom_type="yes_no", page="custom")
    free_text = Question.objects.create(
        form=questions["licence"].form, custom_type="short_text", page="custom"
    )
    client.force_login(coordinator)
    for question in (foreign, mentors, free_text):
        data = {"kind": "custom_question", "question": question.pk, "answer": "yes", "importance": "must"}
        response = client.post(add_url(program), {**data, "weight": "1"}, **EN)
        assert response.status_code == 400
        assert "That question is not on this role's application form in this program." in text(response)
    assert not Criterion.objects.exists()


def test_the_service_refuses_a_question_that_is_not_on_the_form(
    program, other_program, coordinator, questions
):
    from tandem.requirements import services

    other_form = create_default_form(other_program, "mentee", now=timezone.now())
    foreign = Question.objects.create(form=other_form, custom_type="yes_no", page="custom")
    with pytest.raises(services.QuestionNotOnForm):
        services.add_criterion(
            program,
            "mentee",
            kind="custom_question",
            importance="must",
            weight=1,
            params={"question": foreign.pk, "label": {}, "answer": True},
            by=coordinator,
            now=timezone.now(),
        )
    assert not Criterion.objects.exists()


# --- The copy for the next cohort ---------------------------------------------------------------------


def test_the_copy_points_its_criterion_at_the_copied_question(program, coordinator, questions):
    from tandem.requirements import services

    licence = questions["licence"]
    services.add_criterion(
        program,
        "mentee",
        kind="custom_question",
        importance="must",
        weight=1,
        params={"question": licence.pk, "label": {"sv": "Legitimation?"}, "answer": True},
        by=coordinator,
        now=timezone.now(),
    )

    copy = copy_program(program, name="Omgång 2", start_date=None, by=coordinator, now=timezone.now())

    criterion = Criterion.objects.get(profile__program=copy)
    copied = Question.objects.get(pk=criterion.params["question"])
    assert copied.copied_from == licence and copied.form.program == copy
    assert criterion.params["answer"] is True


def test_the_screening_queue_gives_the_reason_in_the_readers_language(
    client, coordinator, program, questions
):
    from tandem.requirements import services

    licence = questions["licence"]
    [silent] = build_applications(program, mentees=1, seed=9, status="received")
    services.add_criterion(
        program,
        "mentee",
        kind="custom_question",
        importance="must",
        weight=1,
        params={"question": licence.pk, "label": {"sv": "Legitimation?", "en": "Licence?"}, "answer": True},
        by=coordinator,
        now=timezone.now(),
    )
    client.force_login(coordinator)
    queue = reverse("screening:queue", kwargs={"pk": program.pk})

    assert "Inte besvarad: ”Legitimation?” (profilen kräver ja)." in text(client.get(queue, **SV))
    assert "Not answered: “Licence?” (the profile asks for yes)." in text(client.get(queue, **EN))


def test_an_application_is_checked_on_arrival_with_its_answers(program, coordinator, questions):
    from tandem.applications.bulk import prepare_applications
    from tandem.applications.services import Submission, submit_application
    from tandem.requirements import services

    licence = questions["licence"]
    services.add_criterion(
        program,
        "mentee",
        kind="custom_question",
        importance="must",
        weight=1,
        params={"question": licence.pk, "label": {"sv": "Legitimation?"}, "answer": True},
        by=coordinator,
        now=timezone.now(),
    )
    form = licence.form
    form.is_published = True
    form.save()

    def paper(answers, n):
        values = {"first_name": "Amal", "last_name": "Haddad", "email": f"amal{n}@example.org"}
        return Submission(
            language="sv", values=values, answers=answers, channel="paper", entered_by=coordinator
        )

    now = timezone.now()
    with_licence = submit_application(form, paper({licence.pk: True}, 1), token="", now=now)
    without = submit_application(form, paper({}, 2), token="", now=now)
    assert (with_licence.passes_requirements, without.passes_requirements) == (True, False)
    prepared = prepare_applications(
        form, [paper({licence.pk: True}, 3), paper({licence.pk: False}, 4)], now=now
    )
    assert [a.passes_requirements for a in prepared.applications] == [True, False]


def test_a_custom_criterion_is_changed_and_left_alone_once_its_question_is_removed(
    client, coordinator, program, questions
):
    from tandem.requirements import services

    region = questions["region"]
    criterion, _result = services.add_criterion(
        program,
        "mentee",
        kind="custom_question",
        importance="must",
        weight=1,
        params={"question": region.pk, "label": {"sv": "Var?"}, "choices": ["Norr"]},
        by=coordinator,
        now=timezone.now(),
    )
    client.force_login(coordinator)
    edit = reverse(
        "requirements:edit", kwargs={"pk": program.pk, "role": "mentee", "criterion_id": criterion.pk}
    )
    assert "Accepted answers to “Var vill du arbeta?”" in text(client.get(edit, **EN))
    data = {"question": region.pk, "choices": ["Norr", "Syd"], "importance": "should", "weight": "2"}
    assert client.post(edit, data, **EN).status_code == 302
    criterion.refresh_from_db()
    assert (criterion.importance, criterion.params["choices"]) == ("should", ["Norr", "Syd"])

    Question.objects.filter(pk=region.pk).update(removed_at=timezone.now())
    response = client.get(edit, follow=True, **EN)
    assert "The question of this criterion is no longer on the form." in text(response)

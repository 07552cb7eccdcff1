"""Checking a role's applications again after its requirement profile changed, and the live pass count's
applicants.

The requirement profile's editor (in requirements, below this app) reaches these through the
`ApplicantPool` this app hands it in `ApplicationsConfig.ready()`. Here the check runs over a role's
applications in bulk: one query loads them, Python checks them, one `bulk_update` per batch stores the result.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tandem.applications import counting
from tandem.applications.models import Answer, Application, Question
from tandem.jobs.services import between_chunks
from tandem.programs.models import Program
from tandem.reference.choices import CriterionKind
from tandem.requirements.applicants import CRITERION_QUESTION_TYPES, FormQuestion, PassCount, Reevaluation
from tandem.requirements.evaluation import ApplicantFacts, CriterionLike, evaluate
from tandem.requirements.models import Criterion, RequirementProfile
from tandem.requirements.services import profile_criteria

# Up to this many applications are checked again inside the request that changed the profile; more
# go to the worker, so that saving a criterion stays quick for a program with thousands of applicants.
if TYPE_CHECKING:
    from tandem.accounts.models import User

REEVALUATE_INLINE_MAX = 300
BATCH_SIZE = 500
Result = tuple[bool | None, str, int | None]  # an evaluation as stored: passes, the flags as JSON, score
FACT_COLUMNS = [
    "id",
    "role",
    "employment_status",
    "swedish_level",
    "other_languages",
    "occupation_now",
    "occupation_wanted",
    "occupation_now_text",
    "occupation_wanted_text",
    "experience_years",
    "years_in_sweden",
    "municipality",
    "birth_year",
    "meeting_format",
]


def current_applications(program: Program, role: str) -> QuerySet[Application]:
    """The applications that count as current applicants: every one of the role but the withdrawn."""
    return Application.objects.filter(program=program, role=role).exclude(status=Application.Status.WITHDRAWN)


def reevaluate_after_change(program: Program, role: str, *, by: User | None, now: datetime) -> Reevaluation:
    """Check the role's applications against the changed profile: here, or by the worker when many
    (a job, `reevaluation_job`, whose page shows how far it has come).

    The worker starts only once the change is committed, so it reads the new profile.
    """
    count = Application.objects.filter(program=program, role=role).count()
    if count > REEVALUATE_INLINE_MAX:
        from tandem.applications.reevaluation_job import start_reevaluation

        job = start_reevaluation(program, role, total=count, by=by, now=now)
        return Reevaluation(count=count, queued=True, job_id=job.pk)
    return Reevaluation(count=reevaluate_role(program, role, now=now), queued=False)


def reevaluate_role(
    program: Program, role: str, *, now: datetime, report: Callable[[int, int], None] | None = None
) -> int:
    """Store a fresh evaluation on every application of the role; how many were checked.

    A chunk at a time, each stored in its own short transaction (`report(done, total)` after each), so
    that a public applicant is never kept waiting for long. Re-evaluating is safe to repeat: a run that
    stops half-way leaves each application with either the earlier or the new evaluation, and the next
    run puts them all right. Without a profile (or with an empty one) the screening columns are emptied,
    as on arrival.
    """
    criteria = profile_criteria(program, role)
    questions = criterion_questions(criteria)
    has_profile = RequirementProfile.objects.filter(program=program, role=role).exists()
    today = timezone.localdate(now)
    ids = list(
        Application.objects.filter(program=program, role=role).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH_SIZE):
        # Applications with the same result are stored with one UPDATE (a profile gives few distinct
        # results), which keeps the write short: SQLite's one write lock is held only that long.
        same: dict[Result, list[int]] = defaultdict(list)
        batch = ids[start : start + BATCH_SIZE]
        answers = answers_by_application(batch, questions) if has_profile else {}
        for application in Application.objects.filter(pk__in=batch).only(*FACT_COLUMNS):
            key: Result = (None, "[]", None)
            if has_profile:
                result = evaluate(criteria, application.facts(answers.get(application.pk, {})), today=today)
                key = (result.passes, json.dumps(result.flags(), sort_keys=True), result.score)
            same[key].append(application.pk)
        if start:
            between_chunks()
        with transaction.atomic():
            for (passes, flags, score), pks in same.items():
                Application.objects.filter(pk__in=pks).update(
                    passes_requirements=passes,
                    requirement_flags=json.loads(flags),
                    requirement_score=score,
                    evaluated_at=now if has_profile else None,
                    updated_at=now,
                )
            if report is not None:
                report(min(start + BATCH_SIZE, len(ids)), len(ids))
    return len(ids)


def profile_fingerprint(program: Program, role: str) -> list:
    """What the evaluation reads of the profile, to tell whether it changed while a job ran."""
    return list(
        Criterion.objects.filter(profile__program=program, profile__role=role)
        .order_by("pk")
        .values_list("pk", "kind", "importance", "weight", "params")
    )


def criterion_questions(criteria: Iterable[CriterionLike]) -> list[int]:
    """The custom questions the criteria are about: their answers are facts to load."""
    return [c.params["question"] for c in criteria if c.kind == CriterionKind.CUSTOM_QUESTION]


def answers_by_application(application_ids, question_ids: list[int]) -> dict[int, dict[int, Any]]:
    """The answers to `question_ids` of the applications, by application and question (one query, none
    when there are no questions)."""
    answers: dict[int, dict[int, Any]] = defaultdict(dict)
    if question_ids:
        for application_id, question_id, value in Answer.objects.filter(
            application_id__in=application_ids, question_id__in=question_ids
        ).values_list("application_id", "question_id", "value"):
            answers[application_id][question_id] = value
    return answers


def form_questions(program: Program, role: str) -> list[FormQuestion]:
    """The role's custom questions a criterion can be about, with their wording in every language."""
    questions = (
        Question.objects.filter(
            form__program=program,
            form__role=role,
            removed_at__isnull=True,
            custom_type__in=CRITERION_QUESTION_TYPES,
        )
        .prefetch_related("translations")
        .order_by("order", "pk")
    )
    result = []
    for question in questions:
        translations = {t.language: t for t in question.translations.all()}
        swedish = translations.get("sv")
        result.append(
            FormQuestion(
                pk=question.pk,
                type=question.custom_type,
                labels={language: t.label for language, t in translations.items()},
                choices=list(swedish.choices) if swedish else [],
                choice_labels={language: list(t.choices or []) for language, t in translations.items()},
                scale_min=question.scale_min,
                scale_max=question.scale_max,
            )
        )
    return result


class Applications:
    """The `requirements.applicants.ApplicantPool` this app hands the requirement profile's editor."""

    def questions(self, program: Program, role: str) -> list[FormQuestion]:
        return form_questions(program, role)

    def current_facts(self, program: Program, role: str) -> Iterator[ApplicantFacts]:
        criteria = profile_criteria(program, role)
        applications = list(current_applications(program, role).only(*FACT_COLUMNS))
        answers = answers_by_application([a.pk for a in applications], criterion_questions(criteria))
        for application in applications:
            yield application.facts(answers.get(application.pk, {}))

    def count_passing(
        self, program: Program, role: str, criteria: Iterable[CriterionLike], *, today: date
    ) -> PassCount:
        return counting.count_passing(current_applications(program, role), role, criteria, today=today)

    def check_again(self, program: Program, role: str, *, by: User | None, now: datetime) -> Reevaluation:
        return reevaluate_after_change(program, role, by=by, now=now)

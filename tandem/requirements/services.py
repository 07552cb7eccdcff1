"""Changing a requirement profile, and previewing a change against the current applicants.

The evaluation itself is the pure `evaluation.evaluate`. The applications it runs over belong to the
applications app, above this one: it hands us an `applicants.ApplicantPool`, which counts the applicants a
profile lets through (in the database: tandem/applications/counting.py) and checks the role's applications
again after a change (tandem/applications/rechecks.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.programs.models import Program
from tandem.reference.choices import CriterionKind
from tandem.requirements.applicants import (
    SCALE,
    YES_NO,
    FormQuestion,
    PassCount,
    Reevaluation,
    applicant_pool,
)
from tandem.requirements.evaluation import CriterionLike, CriterionSpec
from tandem.requirements.models import Criterion, RequirementProfile

if TYPE_CHECKING:
    from tandem.accounts.models import User


def profile_criteria(program: Program, role: str) -> list[Criterion]:
    """The criteria of the program's profile for `role` (none when it has no profile yet)."""
    return list(Criterion.objects.filter(profile__program=program, profile__role=role))


def count_passing(
    program: Program, role: str, criteria: Iterable[CriterionLike], *, today: date
) -> PassCount:
    """How many of the role's current applicants `criteria` (saved or not) let through: the same figures
    as `evaluate` gives for each of them, counted by the database (tandem/applications/counting.py)."""
    return applicant_pool().count_passing(program, role, criteria, today=today)


class QuestionNotOnForm(ValidationError):
    """A criterion about a question that is not a usable custom question of the role's form."""


def form_questions(program: Program, role: str) -> list[FormQuestion]:
    """The custom questions of the role's form a criterion can be about (from the applications app)."""
    return applicant_pool().questions(program, role)


def question_of_form(program: Program, role: str, question_id: Any) -> FormQuestion | None:
    """The custom question `question_id` when it is on the role's form in `program` and can be a
    criterion; None otherwise (another program's, another role's, free text, removed, not a number)."""
    try:
        wanted = int(question_id)
    except (TypeError, ValueError):
        return None
    return next((q for q in form_questions(program, role) if q.pk == wanted), None)


def _check_question(program: Program, role: str, kind: str, params: dict[str, Any]) -> None:
    if kind != CriterionKind.CUSTOM_QUESTION:
        return
    question = question_of_form(program, role, params.get("question"))
    if question is None:
        raise QuestionNotOnForm(
            _(
                "That question is not on this role's application form in this program. Choose one of its "
                "questions."
            )
        )
    fits = {
        YES_NO: "answer" in params,
        SCALE: "min" in params or "max" in params,
    }.get(question.type, set(params.get("choices") or []) <= set(question.choices) and "choices" in params)
    if not fits:
        raise QuestionNotOnForm(_("The criterion does not fit the question: choose its answers again."))


def with_change(
    criteria: Sequence[Criterion], changed: CriterionSpec, *, replacing: int | None = None
) -> list[CriterionLike]:
    """The profile as it would be with `changed` added, or put in place of criterion `replacing`."""
    if replacing is None:
        return [*criteria, changed]
    return [changed if criterion.pk == replacing else criterion for criterion in criteria]


# --- Changing the profile ----------------------------------------------------------------------------


def _log(
    action: str, program: Program, role: str, criterion: Criterion, *, by: User, now: datetime, **data
) -> None:
    log_action(
        action,
        actor=by,
        program=program,
        target=criterion,
        data={"role": role, "kind": criterion.kind, "importance": criterion.importance, **data},
        now=now,
    )


@transaction.atomic
def add_criterion(
    program: Program,
    role: str,
    *,
    kind: str,
    importance: str,
    weight: int,
    params: dict[str, Any],
    by,
    now: datetime,
) -> tuple[Criterion, Reevaluation]:
    """Add a criterion to the role's profile (created on first use), then check the applications again."""
    _check_question(program, role, kind, params)
    profile, _created = RequirementProfile.objects.get_or_create(
        program=program, role=role, defaults={"created_at": now}
    )
    last = profile.criteria.aggregate(last=Max("order"))["last"]
    criterion = Criterion(
        profile=profile,
        kind=kind,
        importance=importance,
        weight=weight,
        params=params,
        order=(last or 0) + 1,
    )
    criterion.full_clean()
    criterion.save()
    profile.save(update_fields=["updated_at"])
    _log(
        "requirement_profile.criterion_added",
        program,
        role,
        criterion,
        by=by,
        now=now,
        params=criterion.params,
    )
    return criterion, applicant_pool().check_again(program, role, by=by, now=now)


@transaction.atomic
def update_criterion(
    criterion: Criterion, *, importance: str, weight: int, params: dict[str, Any], by, now: datetime
) -> Reevaluation:
    profile = criterion.profile
    _check_question(profile.program, profile.role, criterion.kind, params)
    criterion.importance, criterion.weight, criterion.params = importance, weight, params
    criterion.full_clean()
    criterion.save()
    profile.save(update_fields=["updated_at"])
    _log(
        "requirement_profile.criterion_changed",
        profile.program,
        profile.role,
        criterion,
        by=by,
        now=now,
        params=criterion.params,
    )
    return applicant_pool().check_again(profile.program, profile.role, by=by, now=now)


@transaction.atomic
def remove_criterion(criterion: Criterion, *, by: User, now: datetime) -> Reevaluation:
    profile = criterion.profile
    _log("requirement_profile.criterion_removed", profile.program, profile.role, criterion, by=by, now=now)
    criterion.delete()
    profile.save(update_fields=["updated_at"])
    return applicant_pool().check_again(profile.program, profile.role, by=by, now=now)

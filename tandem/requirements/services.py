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

from django.db import transaction
from django.db.models import Max

from tandem.audit.services import log_action
from tandem.programs.models import Program
from tandem.requirements.applicants import PassCount, Reevaluation, applicant_pool
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

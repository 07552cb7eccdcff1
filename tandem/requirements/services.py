"""Changing a requirement profile, previewing a change, and checking applications again after one.

The evaluation itself is the pure `evaluation.evaluate`; here it runs over a role's applications in bulk:
one query loads them, Python checks them, one `bulk_update` per batch stores the result.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tandem.applications.models import Application
from tandem.audit.services import log_action
from tandem.jobs.services import between_chunks
from tandem.programs.models import Program
from tandem.requirements.evaluation import CriterionLike, CriterionSpec, evaluate
from tandem.requirements.models import Criterion, RequirementProfile

if TYPE_CHECKING:
    from tandem.accounts.models import User

# Up to this many applications are checked again inside the request that changed the profile; more
# go to the worker, so that saving a criterion stays quick for a program with thousands of applicants.
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
    "experience_years",
    "years_in_sweden",
    "municipality",
    "birth_year",
    "meeting_format",
]


@dataclass(frozen=True)
class PassCount:
    """How many of the role's current applicants a profile lets through: "N of M would pass"."""

    passing: int
    total: int
    needs_check: int


@dataclass(frozen=True)
class Reevaluation:
    """What happened to the role's applications after a profile change."""

    count: int
    queued: bool
    job_id: int | None = None


def profile_criteria(program: Program, role: str) -> list[Criterion]:
    """The criteria of the program's profile for `role` (none when it has no profile yet)."""
    return list(Criterion.objects.filter(profile__program=program, profile__role=role))


def current_applications(program: Program, role: str):
    """The applications that count as current applicants: every one of the role but the withdrawn."""
    return Application.objects.filter(program=program, role=role).exclude(status=Application.Status.WITHDRAWN)


def count_passing(
    program: Program, role: str, criteria: Iterable[CriterionLike], *, today: date
) -> PassCount:
    """Check the role's current applicants against `criteria` (saved or not): one query, then Python."""
    criteria = list(criteria)
    passing = needs_check = total = 0
    for application in current_applications(program, role).only(*FACT_COLUMNS):
        result = evaluate(criteria, application.facts(), today=today)
        total += 1
        passing += result.passes
        needs_check += result.needs_check
    return PassCount(passing=passing, total=total, needs_check=needs_check)


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
    return criterion, reevaluate_after_change(program, role, by=by, now=now)


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
    return reevaluate_after_change(profile.program, profile.role, by=by, now=now)


@transaction.atomic
def remove_criterion(criterion: Criterion, *, by: User, now: datetime) -> Reevaluation:
    profile = criterion.profile
    _log("requirement_profile.criterion_removed", profile.program, profile.role, criterion, by=by, now=now)
    criterion.delete()
    profile.save(update_fields=["updated_at"])
    return reevaluate_after_change(profile.program, profile.role, by=by, now=now)


# --- Checking the applications again --------------------------------------------------------------


def reevaluate_after_change(program: Program, role: str, *, by=None, now: datetime) -> Reevaluation:
    """Check the role's applications against the changed profile: here, or by the worker when many
    (a job, `requirements.jobs`, whose page shows how far it has come).

    The worker starts only once the change is committed, so it reads the new profile.
    """
    count = Application.objects.filter(program=program, role=role).count()
    if count > REEVALUATE_INLINE_MAX:
        from tandem.requirements.jobs import start_reevaluation

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
    has_profile = RequirementProfile.objects.filter(program=program, role=role).exists()
    today = timezone.localdate(now)
    ids = list(
        Application.objects.filter(program=program, role=role).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH_SIZE):
        # Applications with the same result are stored with one UPDATE (a profile gives few distinct
        # results), which keeps the write short: SQLite's one write lock is held only that long.
        same: dict[Result, list[int]] = defaultdict(list)
        for application in Application.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).only(
            *FACT_COLUMNS
        ):
            key: Result = (None, "[]", None)
            if has_profile:
                result = evaluate(criteria, application.facts(), today=today)
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

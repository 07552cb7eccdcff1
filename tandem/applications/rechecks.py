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
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tandem.applications import counting
from tandem.applications.models import Application
from tandem.jobs.services import between_chunks
from tandem.programs.models import Program
from tandem.requirements.applicants import PassCount, Reevaluation
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


class Applications:
    """The `requirements.applicants.ApplicantPool` this app hands the requirement profile's editor."""

    def current_facts(self, program: Program, role: str) -> Iterator[ApplicantFacts]:
        for application in current_applications(program, role).only(*FACT_COLUMNS):
            yield application.facts()

    def count_passing(
        self, program: Program, role: str, criteria: Iterable[CriterionLike], *, today: date
    ) -> PassCount:
        return counting.count_passing(current_applications(program, role), role, criteria, today=today)

    def check_again(self, program: Program, role: str, *, by: User | None, now: datetime) -> Reevaluation:
        return reevaluate_after_change(program, role, by=by, now=now)

"""Checking a role's applications again after its requirement profile changed, and the live pass count's
applicants.

The requirement profile's editor (in requirements, below this app) reaches these through the
`ApplicantPool` this app hands it in `ApplicationsConfig.ready()`. Here the check runs over a role's
applications in bulk: one query loads them, Python checks them, one `bulk_update` per batch stores the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tandem.applications import counting
from tandem.applications.models import Application
from tandem.programs.models import Program
from tandem.requirements.applicants import PassCount, Reevaluation
from tandem.requirements.evaluation import ApplicantFacts, CriterionLike, evaluate
from tandem.requirements.models import RequirementProfile
from tandem.requirements.services import profile_criteria

# Up to this many applications are checked again inside the request that changed the profile; more
# go to the worker, so that saving a criterion stays quick for a program with thousands of applicants.
REEVALUATE_INLINE_MAX = 300
BATCH_SIZE = 500
SCREENING_COLUMNS = [
    "passes_requirements",
    "requirement_flags",
    "requirement_score",
    "evaluated_at",
    "updated_at",
]
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


def current_applications(program: Program, role: str) -> QuerySet[Application]:
    """The applications that count as current applicants: every one of the role but the withdrawn."""
    return Application.objects.filter(program=program, role=role).exclude(status=Application.Status.WITHDRAWN)


def reevaluate_after_change(program: Program, role: str, *, now: datetime) -> Reevaluation:
    """Check the role's applications against the changed profile: here, or by the worker when many.

    The worker starts only once the change is committed, so it reads the new profile.
    """
    count = Application.objects.filter(program=program, role=role).count()
    if count > REEVALUATE_INLINE_MAX:
        from tandem.applications.tasks import reevaluate_role_task

        program_id = program.pk
        transaction.on_commit(lambda: reevaluate_role_task(program_id, role), robust=True)
        return Reevaluation(count=count, queued=True)
    return Reevaluation(count=reevaluate_role(program, role, now=now), queued=False)


@transaction.atomic
def reevaluate_role(program: Program, role: str, *, now: datetime) -> int:
    """Store a fresh evaluation on every application of the role; how many were checked.

    Without a profile (or with an empty one) the screening columns are emptied, as on arrival.
    """
    criteria = profile_criteria(program, role)
    has_profile = RequirementProfile.objects.filter(program=program, role=role).exists()
    today = timezone.localdate(now)
    applications = list(Application.objects.filter(program=program, role=role).only(*FACT_COLUMNS))
    for application in applications:
        if has_profile:
            result = evaluate(criteria, application.facts(), today=today)
            application.passes_requirements = result.passes
            application.requirement_flags = result.flags()
            application.requirement_score = result.score
            application.evaluated_at = now
        else:
            application.passes_requirements = None
            application.requirement_flags = []
            application.requirement_score = None
            application.evaluated_at = None
        application.updated_at = now
    Application.objects.bulk_update(applications, SCREENING_COLUMNS, batch_size=BATCH_SIZE)
    return len(applications)


class Applications:
    """The `requirements.applicants.ApplicantPool` this app hands the requirement profile's editor."""

    def current_facts(self, program: Program, role: str) -> Iterator[ApplicantFacts]:
        for application in current_applications(program, role).only(*FACT_COLUMNS):
            yield application.facts()

    def count_passing(
        self, program: Program, role: str, criteria: Iterable[CriterionLike], *, today: date
    ) -> PassCount:
        return counting.count_passing(current_applications(program, role), role, criteria, today=today)

    def check_again(self, program: Program, role: str, *, now: datetime) -> Reevaluation:
        return reevaluate_after_change(program, role, now=now)

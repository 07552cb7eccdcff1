"""The requirement profiles carried into the copy for the next cohort (registered with
`programs.copying`)."""

from __future__ import annotations

from datetime import datetime

from tandem.programs.models import Program
from tandem.requirements.models import Criterion, RequirementProfile


def copy_profiles(source: Program, copy: Program, *, by, now: datetime) -> None:
    for profile in RequirementProfile.objects.filter(program=source).prefetch_related("criteria"):
        new_profile = RequirementProfile.objects.create(program=copy, role=profile.role, created_at=now)
        Criterion.objects.bulk_create(
            Criterion(
                profile=new_profile,
                kind=c.kind,
                importance=c.importance,
                weight=c.weight,
                params=c.params,
                order=c.order,
            )
            for c in profile.criteria.all()
        )

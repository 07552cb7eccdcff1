"""Requirement profiles for screening tests: `add_criterion(program, role, kind, ...)`, and
`screen(program, role)`, which stores the evaluation against the program's current requirement profile,
as the public form does on arrival. Applications come from `tandem.factories.ApplicationFactory`.
"""

from __future__ import annotations

from django.utils import timezone

from tandem.applications.rechecks import reevaluate_role
from tandem.reference.choices import Role
from tandem.requirements.models import Criterion, RequirementProfile


def add_criterion(
    program, role: str, kind: str, importance: str = "must", weight: int = 1, **params
) -> Criterion:
    profile, _created = RequirementProfile.objects.get_or_create(program=program, role=role)
    criterion = Criterion(profile=profile, kind=kind, importance=importance, weight=weight, params=params)
    criterion.full_clean()
    criterion.save()
    return criterion


def screen(program, role: str = Role.MENTEE) -> None:
    reevaluate_role(program, role, now=timezone.now())

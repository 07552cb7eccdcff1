"""Who gets what from the requirement-profile editor (walked by tandem/lib/tests/test_permissions.py)."""

from __future__ import annotations

from tandem.lib.testing.access import PROGRAM_CHANGE, PROGRAM_EDIT_PAGE, PROGRAM_PAGE, Row, statuses
from tandem.requirements.models import Criterion, RequirementProfile

AGE_18 = {"kind": "age_band", "importance": "must", "weight": "1", "min": "18"}


def _role(world):
    return {"pk": world["program"].pk, "role": "mentee"}


def _with_criterion(world) -> None:
    profile = RequirementProfile.objects.create(program=world["program"], role="mentee")
    world["criterion"] = Criterion.objects.create(
        profile=profile, kind="age_band", importance="must", params={"min": 18, "max": None}
    )


def _criterion(world):
    return {**_role(world), "criterion_id": world["criterion"].pk}


ROWS = [
    Row("requirements:profile", PROGRAM_PAGE, kwargs=_role),
    Row("requirements:add", PROGRAM_EDIT_PAGE, kwargs=_role, query="kind=age_band"),
    Row("requirements:add", PROGRAM_CHANGE, kwargs=_role, method="POST", data=lambda world: AGE_18),
    Row(
        "requirements:preview",
        statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=403, outsider=404),
        kwargs=_role,
        method="POST",
        data=lambda world: AGE_18,
        note="changes nothing, but only editors fill in the form it previews",
    ),
    Row(
        "requirements:occupations",
        statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=403, outsider=404),
        kwargs=_role,
        method="POST",
        data=lambda world: {"query": "sjuksköterska", "codes": ["2221"]},
        note="changes nothing, but only editors use the occupation picker it feeds",
    ),
    Row("requirements:edit", PROGRAM_EDIT_PAGE, kwargs=_criterion, setup=_with_criterion),
    Row(
        "requirements:edit",
        PROGRAM_CHANGE,
        kwargs=_criterion,
        setup=_with_criterion,
        method="POST",
        data=lambda world: {**AGE_18, "min": "20"},
    ),
    Row("requirements:remove", PROGRAM_CHANGE, kwargs=_criterion, setup=_with_criterion, method="POST"),
]

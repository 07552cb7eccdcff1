"""Who gets what from the program pages (walked by tandem/lib/tests/test_permissions.py).

The purpose and goals and the financing are the host's: a partner coordinator reads them and changes
them only when the host allows it (`partners_may_edit_setup`), else 403 with the page and the reason."""

from __future__ import annotations

from typing import Any

from tandem.lib.testing.access import (
    PROGRAM_CHANGE,
    PROGRAM_EDIT_PAGE,
    PROGRAM_PAGE,
    Row,
    program_kwargs,
    statuses,
)
from tandem.programs.models import Program, ProgramRole
from tandem.programs.tests.helpers import rows
from tandem.programs.wizard import SLUGS

# A change of the host's own part of the set-up while partner coordinators may not make it.
HOSTS_CHANGE = statuses(admin=302, coordinator=302, partner_coordinator=403, viewer=403, outsider=404)


def partners_may_edit_setup(world: dict[str, Any]) -> None:
    """The host lets partner coordinators change the purpose, goals and financing."""
    Program.objects.filter(pk=world["program"].pk).update(partners_edit_setup=True)


def viewer_sees_people(world: dict[str, Any]) -> None:
    """A coordinator granted the cast's viewer the people: records and CVs to read."""
    ProgramRole.objects.filter(program=world["program"], user=world["viewer"]).update(sees_people=True)


def _step(slug: str):
    return lambda world: {"pk": world["program"].pk, "step": slug}


def _purpose(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "purpose": "Jobb i yrket för nyanlända ekonomer.",
        "purpose_kind": "job_in_profession",
        **rows("goals", new=[{"description": "Jobb", "indicator": "Andel i jobb", "unit": "percent"}]),
        "goto": "purpose",
    }


def _financing(world: dict[str, Any]) -> dict[str, Any]:
    return {
        **rows("budget", new=[{"cost_item": "recruitment", "planned_amount": "1000"}]),
        **rows("funding", new=[{"kind": "own", "status": "planned"}]),
        "goto": "financing",
    }


ROWS = [
    Row(
        "programs:list",
        statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200),
    ),
    Row(
        "programs:create",
        # admins, and people who coordinate a program of their organisation (the outsider does, in theirs)
        statuses(admin=200, coordinator=200, partner_coordinator=403, viewer=403, outsider=200),
    ),
    Row(
        "programs:create",
        statuses(admin=302, coordinator=302, partner_coordinator=403, viewer=403, outsider=302),
        method="POST",
        data=lambda world: {"name": "Nytt program"},
        note="viewers and plain members may not start a program (they would become its coordinator)",
    ),
    Row("programs:overview", PROGRAM_PAGE, kwargs=program_kwargs),
    *[Row("programs:setup", PROGRAM_PAGE, kwargs=_step(slug), note=slug) for slug in SLUGS],
    Row(
        "programs:setup",
        PROGRAM_CHANGE,
        kwargs=_step("target-groups"),
        method="POST",
        data=lambda world: {"mentee_target_group": "Ekonomer", "goto": "ambition"},
    ),
    Row(
        "programs:setup",
        HOSTS_CHANGE,
        kwargs=_step("purpose"),
        method="POST",
        data=_purpose,
        note="the host's purpose and goals: not for a partner coordinator by default",
    ),
    Row(
        "programs:setup",
        PROGRAM_CHANGE,
        kwargs=_step("purpose"),
        method="POST",
        data=_purpose,
        setup=partners_may_edit_setup,
        note="the host lets partner coordinators change the purpose and goals",
    ),
    Row(
        "programs:setup",
        HOSTS_CHANGE,
        kwargs=_step("financing"),
        method="POST",
        data=_financing,
        note="the host's financing: not for a partner coordinator by default",
    ),
    Row(
        "programs:setup",
        PROGRAM_CHANGE,
        kwargs=_step("financing"),
        method="POST",
        data=_financing,
        setup=partners_may_edit_setup,
        note="the host lets partner coordinators change the financing",
    ),
    Row(
        "programs:setup",
        PROGRAM_CHANGE,
        kwargs=_step("target-groups"),
        method="POST",
        data=lambda world: {"mentee_target_group": "Ekonomer", "goto": "ambition"},
        setup=viewer_sees_people,
        note="a viewer granted the people still changes nothing",
    ),
    Row(
        "programs:change_state",
        # the first POST asks to confirm (200); it changes nothing yet
        statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=403, outsider=404),
        kwargs=program_kwargs,
        method="POST",
        data=lambda world: {"to": "recruiting"},
    ),
    Row("programs:copy", PROGRAM_EDIT_PAGE, kwargs=program_kwargs),
    Row(
        "programs:copy",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        data=lambda world: {"name": "Nästa omgång", "start_date": "2027-02-01"},
    ),
]

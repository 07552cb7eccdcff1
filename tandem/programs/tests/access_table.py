"""Who gets what from the program pages (walked by tandem/lib/tests/test_permissions.py)."""

from __future__ import annotations

from tandem.lib.testing.access import (
    PROGRAM_CHANGE,
    PROGRAM_EDIT_PAGE,
    PROGRAM_PAGE,
    Row,
    program_kwargs,
    statuses,
)
from tandem.programs.wizard import SLUGS


def _step(slug: str):
    return lambda world: {"pk": world["program"].pk, "step": slug}


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

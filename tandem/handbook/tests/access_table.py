"""Who gets what from the handbook's pages (walked by tandem/lib/tests/test_permissions.py).

Everyone on the program previews the handbook and downloads its PDF; coordinators and partner
coordinators add, change and remove their own sections (viewers 403); outsiders from the other
organisation see nothing (404). The participant's pages belong to the space: the staff cast has no
participant session and is sent to the space's sign-in (what a participant reaches: test_handbook.py)."""

from __future__ import annotations

from typing import Any

from tandem.handbook.models import HandbookSection
from tandem.lib.testing.access import (
    PROGRAM_CHANGE,
    PROGRAM_EDIT_PAGE,
    PROGRAM_PAGE,
    Row,
    program_kwargs,
    statuses,
)
from tandem.mentoring.tests.access_table import SPACE_SIGN_IN, TO_SPACE_SIGN_IN, with_pairs


def with_section(world: dict[str, Any]) -> None:
    world["section"] = HandbookSection.objects.create(
        program=world["program"], title="Parkering", body="Gratis."
    )


def section_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "section": world["section"].pk}


def space_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["mentorships"]["a"].pk}


SECTION = {"title": "Parkering", "body": "Gratis parkering vid entrén.", "order": "1", "language": ""}
PDF = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=404)

ROWS = [
    Row("handbook:preview", PROGRAM_PAGE, kwargs=program_kwargs),
    Row("handbook:preview", PROGRAM_PAGE, kwargs=program_kwargs, query="lang=ar"),
    Row("handbook:pdf", PDF, kwargs=program_kwargs),
    Row("handbook:section_new", PROGRAM_EDIT_PAGE, kwargs=program_kwargs),
    Row("handbook:section_new", PROGRAM_CHANGE, kwargs=program_kwargs, method="POST", data=lambda w: SECTION),
    Row("handbook:section_edit", PROGRAM_EDIT_PAGE, kwargs=section_kwargs, setup=with_section),
    Row(
        "handbook:section_edit",
        PROGRAM_CHANGE,
        kwargs=section_kwargs,
        setup=with_section,
        method="POST",
        data=lambda w: SECTION,
    ),
    Row("handbook:section_delete", PROGRAM_CHANGE, kwargs=section_kwargs, setup=with_section, method="POST"),
    Row(
        "handbook_space:page",
        TO_SPACE_SIGN_IN,
        kwargs=space_kwargs,
        setup=with_pairs,
        login_url=SPACE_SIGN_IN,
    ),
    Row(
        "handbook_space:pdf", TO_SPACE_SIGN_IN, kwargs=space_kwargs, setup=with_pairs, login_url=SPACE_SIGN_IN
    ),
]

"""Who gets what from the screening pages (walked by tandem/lib/tests/test_permissions.py)."""

from __future__ import annotations

from tandem.factories import ApplicationFactory
from tandem.lib.testing.access import (
    PROGRAM_CHANGE,
    PROGRAM_EDIT_PAGE,
    PROGRAM_PAGE,
    Row,
    program_kwargs,
    statuses,
)
from tandem.programs.tests.access_table import viewer_sees_people
from tandem.screening.models import DecisionTemplate


def _with_application(world) -> None:
    world["application"] = ApplicationFactory(program=world["program"])


def _with_duplicate(world) -> None:
    first = ApplicationFactory(program=world["program"], email="same@example.org")
    world["application"] = ApplicationFactory(
        program=world["program"], email="same@example.org", duplicate_of=first
    )


def _with_edited_template(world) -> None:
    DecisionTemplate.objects.create(
        program=world["program"],
        kind="accepted",
        language="sv",
        subject="Välkommen",
        body="Hej {first_name}!",
    )


def _with_application_viewer_sees_people(world) -> None:
    _with_application(world)
    viewer_sees_people(world)


def _application(world):
    return {"pk": world["program"].pk, "application_id": world["application"].pk}


def _template(world):
    return {"pk": world["program"].pk, "kind": "accepted", "language": "sv"}


REASON = {"reason": "Uppfyller kraven"}
# An applicant's whole record is personal data beyond figures and pseudonymised lists: not for viewers.
PEOPLE_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=403, outsider=404)
# ... unless a coordinator granted the viewer the people (`ProgramRole.sees_people`): records to read.
GRANTED_PEOPLE_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=404)

ROWS = [
    Row("screening:queue", PROGRAM_PAGE, kwargs=program_kwargs, setup=_with_application),
    Row(
        "screening:queue",
        PROGRAM_PAGE,
        kwargs=program_kwargs,
        setup=_with_application,
        query="role=mentee&status=received&passes=yes&flagged=no&place=14&occupation=24&sort=-score&q=Testsson",
    ),
    Row(
        "screening:bulk",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        setup=_with_application,
        method="POST",
        data=lambda world: {"applications": [world["application"].pk], "to": "under_review", **REASON},
    ),
    Row("screening:record", PEOPLE_PAGE, kwargs=_application, setup=_with_application),
    # The sentinel applicant (tandem/lib/tests/test_permissions.py): the partner coordinator opens the
    # record but never reads the answer of a special category; the viewer gets neither.
    Row(
        "screening:record",
        PEOPLE_PAGE,
        kwargs=lambda world: {"pk": world["program"].pk, "application_id": world["sentinel"].pk},
        note="the sentinel's special-category answer stays hidden from the partner coordinator",
    ),
    Row("screening:queue", PROGRAM_PAGE, kwargs=program_kwargs, query="role=mentor"),
    Row(
        "screening:record",
        GRANTED_PEOPLE_PAGE,
        kwargs=lambda world: {"pk": world["program"].pk, "application_id": world["sentinel"].pk},
        setup=viewer_sees_people,
        sees_people=("viewer",),
        note="a viewer granted the people reads the record, never the special-category answer",
    ),
    Row(
        "screening:queue",
        PROGRAM_PAGE,
        kwargs=program_kwargs,
        query="role=mentor",
        setup=viewer_sees_people,
        sees_people=("viewer",),
        note="a viewer granted the people sees the names in the queue",
    ),
    Row(
        "screening:change_status",
        PROGRAM_CHANGE,
        kwargs=_application,
        setup=_with_application_viewer_sees_people,
        method="POST",
        data=lambda world: {"to": "accepted", "send_email": "on", **REASON},
        note="a viewer granted the people still decides nothing",
    ),
    Row(
        "screening:record",
        statuses(admin=404, coordinator=404, partner_coordinator=404, viewer=404, outsider=200),
        kwargs=lambda world: {"pk": world["other_program"].pk, "application_id": world["application"].pk},
        setup=lambda world: world.update(application=ApplicationFactory(program=world["other_program"])),
        note="another program's applicant",
    ),
    Row(
        "screening:record",
        statuses(admin=404, coordinator=404, partner_coordinator=404, viewer=404, outsider=404),
        kwargs=lambda world: {"pk": world["other_program"].pk, "application_id": world["application"].pk},
        setup=_with_application,
        note="an applicant of our program through another program's address",
    ),
    Row(
        "screening:change_status",
        PROGRAM_CHANGE,
        kwargs=_application,
        setup=_with_application,
        method="POST",
        data=lambda world: {"to": "accepted", "send_email": "on", **REASON},
    ),
    Row(
        "screening:add_note",
        PROGRAM_CHANGE,
        kwargs=_application,
        setup=_with_application,
        method="POST",
        data=lambda world: {"text": "Ringde henne, hon är intresserad."},
    ),
    Row(
        "screening:map_occupation",
        PROGRAM_CHANGE,
        kwargs=_application,
        setup=lambda world: world.update(
            application=ApplicationFactory(program=world["program"], occupation_now_text="Revisor i Syrien")
        ),
        method="POST",
        data=lambda world: {"column": "occupation_now", "code": "2411"},
    ),
    Row(
        "screening:duplicate",
        PROGRAM_CHANGE,
        kwargs=_application,
        setup=_with_duplicate,
        method="POST",
        data=lambda world: {"action": "keep"},
    ),
    Row("screening:decision_templates", PROGRAM_PAGE, kwargs=program_kwargs),
    Row("screening:decision_template_edit", PROGRAM_EDIT_PAGE, kwargs=_template),
    Row(
        "screening:decision_template_edit",
        PROGRAM_CHANGE,
        kwargs=_template,
        method="POST",
        data=lambda world: {"subject": "Välkommen till {program}", "body": "Hej {first_name}!"},
    ),
    Row(
        "screening:decision_template_reset",
        PROGRAM_CHANGE,
        kwargs=_template,
        setup=_with_edited_template,
        method="POST",
    ),
]

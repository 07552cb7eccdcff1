"""Who gets what from the common meetings' pages (walked by tandem/lib/tests/test_permissions.py).

Everyone on the program reads a meeting and its lists; coordinators and partner coordinators change it
and check people in (viewers 403); outsiders from the other organisation see nothing (404). The answer
page belongs to whoever holds the link, signed in or not.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tandem.gatherings.models import Gathering, Invitation
from tandem.lib.testing.access import (
    PROGRAM_CHANGE,
    PROGRAM_EDIT_PAGE,
    PROGRAM_PAGE,
    Row,
    program_kwargs,
    statuses,
)
from tandem.programs.models import CommonMeeting

TOKEN_HOLDERS = statuses(
    admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200, anonymous=200
)


def with_meeting(world: dict[str, Any]) -> None:
    program = world["program"]
    program.start_date = timezone.localdate() + timedelta(days=7)
    program.save(update_fields=["start_date"])
    CommonMeeting.objects.create(program=program, kind="kickoff", week_offset=0)
    world["gathering"] = Gathering.objects.create(
        program=program,
        kind="kickoff",
        title="Uppstartsträff",
        starts_at=timezone.now() + timedelta(days=10),
        place="Folkets hus, Göteborg",
    )
    world["invitation"] = Invitation.objects.create(
        gathering=world["gathering"],
        name="Amira Haddad",
        email="amira@example.org",
        language="ar",
        role="mentee",
    )


def meeting_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "gathering": world["gathering"].pk}


def edit_data(world: dict[str, Any]) -> dict[str, Any]:
    day = timezone.localdate() + timedelta(days=12)
    return {
        "kind": "kickoff",
        "title": "Uppstartsträff",
        "day": day.isoformat(),
        "start": "17:30",
        "duration_minutes": "120",
        "place": "Stadsbiblioteket, Göteborg",
        "audience": "everyone",
        "languages": ["sv", "ar"],
    }


def with_invited_pairs(world: dict[str, Any]) -> None:
    """Two running pairs (mentoring/tests/people.py) invited to a kickoff: the space's answer page."""
    from tandem.gatherings import services
    from tandem.mentoring.tests.people import two_pairs

    now = timezone.now()
    world["mentorships"] = two_pairs(world["program"], now=now)
    gathering = Gathering.objects.create(
        program=world["program"],
        kind="kickoff",
        title="Uppstartsträff",
        starts_at=now + timedelta(days=10),
        place="Folkets hus, Göteborg",
    )
    services.invite(gathering, by=None, now=now)
    world["space_invitation"] = gathering.invitations.get(email="amira.haddad@example.org")


def space_answer_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["mentorships"]["a"].pk, "invitation": world["space_invitation"].pk}


# Nobody in the staff cast has a participant session: the space sends them all to its sign-in page. What
# participants reach (their own invitation only; 404 for another pair's or program's) is in
# test_space_answer.py.
TO_SPACE_SIGN_IN = statuses(
    admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302, anonymous=302
)

ROWS = [
    Row("gatherings:list", PROGRAM_PAGE, kwargs=program_kwargs, setup=with_meeting),
    Row("gatherings:from_plan", PROGRAM_CHANGE, kwargs=program_kwargs, method="POST", setup=with_meeting),
    Row("gatherings:new", PROGRAM_EDIT_PAGE, kwargs=program_kwargs),
    Row("gatherings:new", PROGRAM_CHANGE, kwargs=program_kwargs, method="POST", data=edit_data),
    Row("gatherings:detail", PROGRAM_PAGE, kwargs=meeting_kwargs, setup=with_meeting),
    Row("gatherings:edit", PROGRAM_EDIT_PAGE, kwargs=meeting_kwargs, setup=with_meeting),
    Row(
        "gatherings:edit",
        PROGRAM_CHANGE,
        kwargs=meeting_kwargs,
        method="POST",
        setup=with_meeting,
        data=edit_data,
    ),
    Row("gatherings:cancel", PROGRAM_CHANGE, kwargs=meeting_kwargs, method="POST", setup=with_meeting),
    Row("gatherings:invite", PROGRAM_CHANGE, kwargs=meeting_kwargs, method="POST", setup=with_meeting),
    Row("gatherings:check_in", PROGRAM_EDIT_PAGE, kwargs=meeting_kwargs, setup=with_meeting),
    Row(
        "gatherings:check_in_one",
        PROGRAM_CHANGE,
        kwargs=lambda world: {**meeting_kwargs(world), "invitation": world["invitation"].pk},
        method="POST",
        setup=with_meeting,
    ),
    Row(
        "gatherings:walk_in",
        PROGRAM_CHANGE,
        kwargs=meeting_kwargs,
        method="POST",
        setup=with_meeting,
        data=lambda world: {"name": "Nadia Karim"},
    ),
    Row("gatherings:pdf", PROGRAM_PAGE, kwargs=meeting_kwargs, setup=with_meeting),
    Row("gatherings:xlsx", PROGRAM_PAGE, kwargs=meeting_kwargs, setup=with_meeting),
    Row(
        "rsvp:answer",
        TOKEN_HOLDERS,
        kwargs=lambda world: {"token": world["invitation"].token},
        setup=with_meeting,
    ),
    Row(
        "rsvp:answer",
        statuses(
            admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302, anonymous=302
        ),
        kwargs=lambda world: {"token": world["invitation"].token},
        method="POST",
        setup=with_meeting,
        data=lambda world: {"answer": "yes", "note": "Vegetarisk"},
        note="anyone holding the link may answer",
        login_url="/meeting-answer/",  # back to the answer page, not to a log-in
    ),
    Row(
        "space_meetings:answer",
        TO_SPACE_SIGN_IN,
        kwargs=space_answer_kwargs,
        setup=with_invited_pairs,
        login_url="/space/sign-in/",
    ),
    Row(
        "space_meetings:answer",
        TO_SPACE_SIGN_IN,
        kwargs=space_answer_kwargs,
        method="POST",
        setup=with_invited_pairs,
        data=lambda world: {"answer": "yes", "note": ""},
        login_url="/space/sign-in/",
        note="a participant answers only their own invitation (test_space_answer.py)",
    ),
]

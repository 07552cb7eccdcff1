"""Who gets what from the pair's space and the coordinators' pair page (walked by
tandem/lib/tests/test_permissions.py).

Nobody in the staff cast has a participant session, so every page of a pair's space sends them all, staff
and anonymous alike, to the space's sign-in page (302). The sign-in pages themselves are open to everyone.
What a participant reaches is in test_space_access.py: their own pair, never another's (404).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.lib.testing.access import (
    PROGRAM_CHANGE,
    PROGRAM_EDIT_PAGE,
    PROGRAM_PAGE,
    Row,
    program_kwargs,
    statuses,
)
from tandem.mentoring import signin, themes
from tandem.mentoring.models import HelpRequest, ThemeItem
from tandem.mentoring.tests.people import two_pairs

EVERYONE = statuses(
    admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200, anonymous=200
)
TO_SPACE_SIGN_IN = statuses(
    admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302, anonymous=302
)
SPACE_SIGN_IN = "/space/sign-in/"


def with_pairs(world: dict[str, Any]) -> None:
    world["mentorships"] = two_pairs(world["program"], now=timezone.now())


def with_link(world: dict[str, Any]) -> None:
    with_pairs(world)
    url = signin.space_link_for_application(world["mentorships"]["a"].pair.mentee, timezone.now())
    world["token"] = url.rstrip("/").rsplit("/", 1)[-1]


def with_library(world: dict[str, Any]) -> None:
    with_pairs(world)
    themes.install_starter_library(world["org"], now=timezone.now())
    world["item"] = ThemeItem.objects.get(organisation=world["org"], starter_key="theme-goals")


def with_help_request(world: dict[str, Any]) -> None:
    with_pairs(world)
    world["help_request"] = HelpRequest.objects.create(
        mentorship=world["mentorships"]["a"], side="mentee", kind="need_help", text="Hjälp"
    )


def org_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["org"].pk}


def item_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["org"].pk, "item": world["item"].pk}


def pair_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "mentorship": world["mentorships"]["a"].pk}


def theme_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["mentorships"]["a"].pk, "item": world["item"].pk}


ITEM = {
    "kind": "theme",
    "phase": "middle",
    "topic": "Nätverk",
    "minutes_needed": "30",
    "title": "Mentorns nätverk",
    "short_text": "Vem känner mentorn?",
    "text": "…",
}


def mentorship_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["mentorships"]["a"].pk}


# The organisation's library: every member sees it, its admins and its programs' coordinators edit it;
# the partner coordinator (of another organisation) and the outsider get 404.
LIBRARY_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=404, viewer=200, outsider=404)
LIBRARY_EDIT_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=404, viewer=403, outsider=404)
LIBRARY_CHANGE = statuses(admin=302, coordinator=302, partner_coordinator=404, viewer=403, outsider=404)

SPACE_PAGES = ["space:pair", "space:goals", "space:meetings", "space:themes", "space:help", "space:settings"]
SPACE_CHANGES = {
    "space:goals": {"action": "add", "text": "Få ett jobb som redovisningsekonom"},
    "space:help": {"action": "help", "kind": "need_help", "text": "Vi behöver hjälp."},
    "space:settings": {"action": "save", "reminders": "on"},
    "space:meetings": {
        "action": "log",
        "held_on": timezone.localdate().isoformat(),
        "minutes": "45",
        "format": "online",
        "submission_key": "table",
    },
}


def with_feed(world: dict[str, Any]) -> None:
    with_pairs(world)
    world["calendar_token"] = signin.participant_for(world["mentorships"]["a"].pair.mentor).calendar_token


def staff_pair_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "mentorship": world["mentorships"]["a"].pk}


ROWS = [
    Row("space:index", TO_SPACE_SIGN_IN, login_url=SPACE_SIGN_IN),
    Row("space:sign_in", EVERYONE),
    Row(
        "space:sign_in",
        EVERYONE,
        method="POST",
        setup=with_pairs,
        data=lambda world: {"email": world["mentorships"]["a"].pair.mentee.email},
        note="the same answer for every address",
    ),
    Row("space:sign_in_link", EVERYONE, kwargs=lambda world: {"token": world["token"]}, setup=with_link),
    Row(
        "space:sign_in_link",
        statuses(
            admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302, anonymous=302
        ),
        kwargs=lambda world: {"token": world["token"]},
        method="POST",
        setup=with_link,
        login_url="/space/",
        note="whoever holds the link signs in as its participant, and lands in the space",
    ),
    Row("space:sign_out", TO_SPACE_SIGN_IN, method="POST", login_url=SPACE_SIGN_IN),
    Row(
        "space:language",
        TO_SPACE_SIGN_IN,
        method="POST",
        data=lambda world: {"language": "en", "next": "/space/"},
        login_url=SPACE_SIGN_IN,
        note="a participant's own language only (test_space_language.py)",
    ),
    *[
        Row(name, TO_SPACE_SIGN_IN, kwargs=mentorship_kwargs, setup=with_pairs, login_url=SPACE_SIGN_IN)
        for name in SPACE_PAGES
    ],
    *[
        Row(
            name,
            TO_SPACE_SIGN_IN,
            kwargs=mentorship_kwargs,
            method="POST",
            setup=with_pairs,
            data=lambda world, data=data: data,
            login_url=SPACE_SIGN_IN,
        )
        for name, data in SPACE_CHANGES.items()
    ],
    Row(
        "mentoring:pair",
        PROGRAM_PAGE,
        kwargs=lambda world: {"pk": world["program"].pk, "mentorship": world["mentorships"]["a"].pk},
        setup=with_pairs,
    ),
    *[
        Row(
            name,
            TO_SPACE_SIGN_IN,
            kwargs=theme_kwargs,
            method=method,
            setup=with_library,
            login_url=SPACE_SIGN_IN,
        )
        for name, method in [("space:theme", "GET"), ("space:theme", "POST")]
    ],
    Row("mentoring:list", PROGRAM_PAGE, kwargs=program_kwargs, setup=with_pairs),
    Row("mentoring:list", PROGRAM_PAGE, kwargs=program_kwargs, query="status=help&page=2"),
    Row("mentoring:themes", PROGRAM_PAGE, kwargs=program_kwargs),
    Row(
        "mentoring:themes",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        setup=with_library,
        data=lambda world: {"item": world["item"].pk, "month": "2"},
    ),
    Row(
        "mentoring:help_handled",
        PROGRAM_CHANGE,
        kwargs=lambda world: {**pair_kwargs(world), "help_request": world["help_request"].pk},
        method="POST",
        setup=with_help_request,
        data=lambda world: {"note": "Ringde dem."},
    ),
    Row(
        "mentoring:add_note",
        PROGRAM_CHANGE,
        kwargs=pair_kwargs,
        method="POST",
        setup=with_pairs,
        data=lambda world: {"text": "Pratade med mentorn."},
    ),
    Row(
        "mentoring:pause",
        PROGRAM_CHANGE,
        kwargs=pair_kwargs,
        method="POST",
        setup=with_pairs,
        data=lambda world: {"reason": "Föräldraledig."},
    ),
    Row(
        "mentoring:end",
        PROGRAM_CHANGE,
        kwargs=pair_kwargs,
        method="POST",
        setup=with_pairs,
        data=lambda world: {"reason": "no_time", "text": "Ingen tid.", "confirm": "on"},
    ),
    Row("themes:library", LIBRARY_PAGE, kwargs=org_kwargs),
    Row("themes:item_new", LIBRARY_EDIT_PAGE, kwargs=org_kwargs),
    Row("themes:item_new", LIBRARY_CHANGE, kwargs=org_kwargs, method="POST", data=lambda world: ITEM),
    Row("themes:item", LIBRARY_EDIT_PAGE, kwargs=item_kwargs, setup=with_library),
    Row(
        "themes:item",
        LIBRARY_CHANGE,
        kwargs=item_kwargs,
        method="POST",
        setup=with_library,
        data=lambda w: ITEM,
    ),
    Row("themes:item_archive", LIBRARY_CHANGE, kwargs=item_kwargs, method="POST", setup=with_library),
    Row(
        "space:calendar",
        EVERYONE,
        kwargs=lambda world: {"token": world["calendar_token"]},
        setup=with_feed,
        note="no session: the secret address is the key (a renewed one is a 404, test_calendar.py)",
    ),
    Row("mentoring:log_meeting", PROGRAM_EDIT_PAGE, kwargs=staff_pair_kwargs, setup=with_pairs),
    Row(
        "mentoring:log_meeting",
        PROGRAM_CHANGE,
        kwargs=staff_pair_kwargs,
        method="POST",
        setup=with_pairs,
        data=lambda world: {
            "held_on": world["mentorships"]["a"].started_on.isoformat(),
            "minutes": "30",
            "format": "phone",
        },
        note="a coordinator logs a meeting after a phone call",
    ),
]

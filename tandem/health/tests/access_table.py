"""Who gets what from the program health pages (walked by tandem/lib/tests/test_permissions.py).

Everyone on the program reads its health page (viewers without names); coordinators and partner
coordinators mark follow-ups and change the setting (viewers 403); the organisation page is for the
organisation's admins (403 for other members); outsiders see nothing (404). The digest link works for
whoever holds it, signed in or not.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.health.digest import opt_out_token
from tandem.health.tests.people import health_world
from tandem.lib.testing.access import PROGRAM_CHANGE, PROGRAM_PAGE, Row, program_kwargs, statuses

TOKEN_HOLDERS = statuses(
    admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200, anonymous=200
)
ADMINS_ONLY = statuses(admin=200, coordinator=403, partner_coordinator=404, viewer=403, outsider=404)


def with_pairs(world: dict[str, Any]) -> None:
    world["pairs"] = health_world(world["program"], today=timezone.localdate())


def mark_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "mentorship": world["pairs"]["silent"][0].pk}


def token_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"token": opt_out_token(world["coordinator"])}


ROWS = [
    Row("health:program", PROGRAM_PAGE, kwargs=program_kwargs, setup=with_pairs),
    Row(
        "health:mark",
        PROGRAM_CHANGE,
        kwargs=mark_kwargs,
        method="POST",
        setup=with_pairs,
        data=lambda world: {"kind": "contacted", "text": ""},
    ),
    Row(
        "health:program",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        setup=with_pairs,
        data=lambda world: {"not_started_weeks": "4"},
    ),
    Row(
        "organisation_health:page",
        ADMINS_ONLY,
        kwargs=lambda world: {"pk": world["org"].pk},
        setup=with_pairs,
        note="the partner coordinator is no member of the program's organisation",
    ),
    Row("health_digest:off", TOKEN_HOLDERS, kwargs=token_kwargs),
    Row(
        "health_digest:off",
        statuses(
            admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302, anonymous=302
        ),
        kwargs=token_kwargs,
        method="POST",
        data=lambda world: {"digest": "off"},
        note="anyone holding the link may turn that person's digest off",
        login_url="/health-digest/",
    ),
]

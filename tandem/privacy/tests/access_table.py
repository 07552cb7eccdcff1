"""Who gets what from the pages of personal data (walked by tandem/lib/tests/test_permissions.py).

A person's export and erasure, the retention page and extensions: the program's coordinators and the
organisation's admins only (partner coordinators and viewers 403, outsiders 404). The record of
processing: the organisation's admins. The withdrawal page belongs to whoever holds the link.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tandem.lib.testing.access import Row, program_kwargs, statuses
from tandem.pairs.tests.people import make_application
from tandem.privacy.withdrawal import forget_token

PRIVACY_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=403, viewer=403, outsider=404)
PRIVACY_CHANGE = statuses(admin=302, coordinator=302, partner_coordinator=403, viewer=403, outsider=404)
ADMIN_PAGE = statuses(admin=200, coordinator=403, partner_coordinator=404, viewer=403, outsider=404)
TOKEN_HOLDERS = statuses(
    admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200, anonymous=200
)


def with_person(world: dict[str, Any]) -> None:
    world["person"] = make_application(world["program"], "mentee", "Amira", "Haddad", status="rejected")


def person_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "application": world["person"].pk}


ROWS = [
    Row("privacy:retention", PRIVACY_PAGE, kwargs=program_kwargs),
    Row(
        "privacy:retention",
        PRIVACY_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        data=lambda world: {"rejected": 6, "withdrawn": 6, "participants": 24},
    ),
    Row("privacy:extend", PRIVACY_PAGE, kwargs=person_kwargs, setup=with_person),
    Row(
        "privacy:extend",
        PRIVACY_CHANGE,
        kwargs=person_kwargs,
        setup=with_person,
        method="POST",
        data=lambda world: {
            "until": (timezone.localdate() + timedelta(days=60)).isoformat(),
            "reason": "Överklagande pågår",
        },
    ),
    Row("privacy:export", PRIVACY_PAGE, kwargs=person_kwargs, setup=with_person),
    Row("privacy:export_json", PRIVACY_PAGE, kwargs=person_kwargs, setup=with_person),
    Row("privacy:export_zip", PRIVACY_PAGE, kwargs=person_kwargs, setup=with_person),
    Row("privacy:erase", PRIVACY_PAGE, kwargs=person_kwargs, setup=with_person),
    Row(
        "privacy:erase",
        PRIVACY_CHANGE,
        kwargs=person_kwargs,
        setup=with_person,
        method="POST",
        data=lambda world: {"reason": "Personen bad om det", "confirm": "on"},
    ),
    Row("privacy:record", ADMIN_PAGE, kwargs=lambda world: {"pk": world["org"].pk}),
    Row(
        "privacy:forget",
        TOKEN_HOLDERS,
        kwargs=lambda world: {"token": forget_token(world["program"].pk, world["person"].email)},
        setup=with_person,
    ),
]

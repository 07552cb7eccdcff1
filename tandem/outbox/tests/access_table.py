"""Who gets which status on the outbox's URLs (walked by tandem/lib/tests/test_permissions.py).

The message belongs to `org`, whose admin is `admin`, and to `program`, whose coordinator and partner
coordinator see it too (issue 13, item 8). The viewer and everyone else signed in see an empty list, and
404 for the message itself; `outsider` administers another organisation, which changes nothing.
"""

from __future__ import annotations

from typing import Any

from tandem.lib.testing.access import Row, statuses
from tandem.outbox.models import OutboxMessage

MESSAGE_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=404, outsider=404)
MESSAGE_CHANGE = statuses(admin=302, coordinator=302, partner_coordinator=302, viewer=404, outsider=404)
EVERYONE_SIGNED_IN = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200)


def add_failed_message(world: dict[str, Any]) -> None:
    world["message"] = OutboxMessage.objects.create(
        organisation=world["org"],
        program=world["program"],
        from_email="tandem@framat.example",
        to=["adept@example.org"],
        subject="Kallelse",
        body_text="Välkommen",
        body_html="<p>Välkommen</p>",
        message_id=OutboxMessage.new_message_id(),
        status=OutboxMessage.Status.FAILED,
        attempts=6,
    )


def message_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["message"].pk}


ROWS = [
    Row(
        "outbox:list",
        EVERYONE_SIGNED_IN,
        setup=add_failed_message,
        note="viewers and outsiders: an empty list",
    ),
    Row("outbox:list", EVERYONE_SIGNED_IN, query="status=failed", setup=add_failed_message),
    Row("outbox:detail", MESSAGE_PAGE, kwargs=message_kwargs, setup=add_failed_message),
    Row("outbox:html", MESSAGE_PAGE, kwargs=message_kwargs, setup=add_failed_message),
    Row("outbox:retry", MESSAGE_CHANGE, kwargs=message_kwargs, method="POST", setup=add_failed_message),
]

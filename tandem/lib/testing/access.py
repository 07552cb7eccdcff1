"""The shape of the permission table every app contributes to.

Each app with URLs has `tests/access_table.py` with a list `ROWS` of `Row`s: one per URL name and
method, with the status each member of the cast gets. `tandem/lib/tests/test_permissions.py` walks
them all, and fails for any URL of the project that no row (or `EXEMPT`) names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PEOPLE = ("admin", "coordinator", "partner_coordinator", "viewer", "outsider", "anonymous")


def statuses(
    *,
    admin: int,
    coordinator: int,
    partner_coordinator: int,
    viewer: int,
    outsider: int,
    anonymous: int = 302,
) -> dict[str, int]:
    return {
        "admin": admin,
        "coordinator": coordinator,
        "partner_coordinator": partner_coordinator,
        "viewer": viewer,
        "outsider": outsider,
        "anonymous": anonymous,
    }


# The usual shapes: a program page anyone on the program may see, and a change only editors may make.
PROGRAM_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=404)
# A page that lists people by name: not for a read-only viewer without a coordinator's grant.
PEOPLE_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=403, outsider=404)
PROGRAM_CHANGE = statuses(admin=302, coordinator=302, partner_coordinator=302, viewer=403, outsider=404)
PROGRAM_EDIT_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=403, outsider=404)


@dataclass(frozen=True)
class Row:
    url_name: str
    expect: dict[str, int]
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = lambda world: {}
    method: str = "GET"
    data: Callable[[dict[str, Any]], dict[str, Any]] = lambda world: {}
    query: str = ""
    note: str = ""
    setup: Callable[[dict[str, Any]], None] | None = field(default=None)
    login_url: str = "/accounts/login/"  # where a 302 sends the anonymous visitor (the space has its own)
    # Members of the cast whom the row's `setup` granted the people (a viewer a coordinator let read
    # records and CVs): they may read the sentinel's name and address, never its special category.
    sees_people: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.method} {self.url_name}{'?' + self.query if self.query else ''}"


def program_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk}


# A page that belongs to whoever holds its link (a personal token, an on-site code): the same for everyone,
# signed in or not, from any organisation.
LINK_HOLDERS = statuses(
    admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200, anonymous=200
)
LINK_HOLDERS_SENT_ON = statuses(
    admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302, anonymous=302
)


def link_rows(
    url_name: str,
    *,
    kwargs: Callable[[dict[str, Any]], dict[str, Any]],
    setup: Callable[[dict[str, Any]], None],
    data: Callable[[dict[str, Any]], dict[str, Any]],
    posted: dict[str, int] = LINK_HOLDERS_SENT_ON,
    post_kwargs: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    note: str = "",
    login_url: str = "/accounts/login/",
) -> list[Row]:
    """The two rows of a page held by link: everyone reads it (GET), and everyone's answer is taken
    (POST, `posted`: sent on by default; `post_kwargs` when the answer goes to another link)."""
    return [
        Row(url_name, LINK_HOLDERS, kwargs=kwargs, setup=setup),
        Row(
            url_name,
            posted,
            kwargs=post_kwargs or kwargs,
            method="POST",
            setup=setup,
            data=data,
            note=note,
            login_url=login_url,
        ),
    ]

"""Every URL of Tandem × every member of the cast → the status they get.

Rows come from each app's `tests/access_table.py`. A URL that is in the URLconf but in no row (nor
in EXEMPT, with a reason) fails `test_every_url_is_in_the_table`, so a new page cannot ship unchecked.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.lib.testing.access import PEOPLE, Row

# URL names that belong to no program or organisation, with the reason they need no row.
EXEMPT = {
    "home": "redirects to the program list",
    "set_language": "Django's language switch, open to everyone by design",
}


def _rows() -> list[Row]:
    rows: list[Row] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("tandem."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.access_table")
        except ModuleNotFoundError:
            continue
        rows.extend(module.ROWS)
    return rows


ROWS = _rows()


def _url_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _url_names(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{prefix}{entry.name}")
    return names


def test_every_url_is_in_the_table():
    covered = {row.url_name for row in ROWS} | set(EXEMPT)
    missing = sorted(_url_names(get_resolver()) - covered)
    assert not missing, f"add these URLs to an app's tests/access_table.py: {missing}"


@pytest.fixture
def world(cast, org, partner_org, other_org, program, other_program):
    """The organisations, the cast and the programs: built once per row, shared by its six requests."""
    return {
        **cast,
        "org": org,
        "partner_org": partner_org,
        "other_org": other_org,
        "program": program,
        "other_program": other_program,
    }


def _status(world: dict, row: Row, person: str) -> tuple[int, str]:
    """The status `person` gets for `row`, in a savepoint that is rolled back (a POST by one person
    does not change what the next one sees), and where an anonymous person is sent."""
    with transaction.atomic():
        client = Client()
        if world[person] is not None:
            client.force_login(world[person])
        url = reverse(row.url_name, kwargs=row.kwargs(world))
        if row.query:
            url = f"{url}?{row.query}"
        response = client.post(url, row.data(world)) if row.method == "POST" else client.get(url)
        transaction.set_rollback(True)
    return response.status_code, response.get("Location", "")


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_access(world, row: Row):
    """Each member of the cast gets the status the row expects; every wrong one is reported."""
    if row.setup is not None:
        row.setup(world)
    wrong = []
    for person in PEOPLE:
        status, location = _status(world, row, person)
        if status != row.expect[person]:
            wrong.append(f"{person}: {status}, expected {row.expect[person]}")
        elif person == "anonymous" and status == 302 and row.login_url not in location:
            wrong.append(f"anonymous: sent to {location!r}, expected the log-in page")
    assert not wrong, f"{row.id}: " + "; ".join(wrong)

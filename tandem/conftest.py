"""The named cast used across the suite.

Our organisation runs a program with a partner organisation. Each person has one role:

- ``admin``: organisation admin of ``org``
- ``coordinator``: member of ``org``, coordinator of ``program``
- ``partner_coordinator``: member of ``partner_org``, partner coordinator of ``program``
- ``viewer``: member of ``org``, read-only viewer of ``program``
- ``outsider``: admin and coordinator in ``other_org`` (runs ``other_program``)
"""

from __future__ import annotations

import os
import sys

import pytest
from django.test import Client

from tandem.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProgramFactory,
    ProgramRoleFactory,
    UserFactory,
)
from tandem.programs.models import ProgramRole


@pytest.fixture(autouse=True)
def mail_goes_to_the_outbox(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put the outbox back, as in production.

    Delivery then goes through OUTBOX_DELIVERY_BACKEND (locmem in the test settings).
    """
    settings.EMAIL_BACKEND = "tandem.outbox.backend.OutboxBackend"


_force_login = Client.force_login


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login(user)` leaves the session as a whole log-in would: password, second factor
    and the session's clock (tandem/lib/testing/sessions.py). `second_factor=False` stops after the
    password (`log_in_with_password_only`)."""
    from tandem.lib.testing.sessions import pass_second_factor

    def force_login(self, user, backend=None, *, second_factor=True):
        _force_login(self, user, backend)
        if second_factor:
            pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Fackförbundet Framåt")


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Malmö stad")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Annan Förening")


@pytest.fixture
def program(org, partner_org):
    program = ProgramFactory(organisation=org, name="Mentorskap för nyanlända ekonomer")
    program.partners.add(partner_org)
    return program


@pytest.fixture
def other_program(other_org):
    return ProgramFactory(organisation=other_org, name="Annat program")


@pytest.fixture
def admin(org):
    user = UserFactory(email="admin@framat.example", full_name="Anna Admin")
    MembershipFactory(organisation=org, user=user, is_admin=True)
    return user


@pytest.fixture
def coordinator(org, program):
    user = UserFactory(email="coordinator@framat.example", full_name="Karin Koordinator")
    MembershipFactory(organisation=org, user=user)
    ProgramRoleFactory(program=program, user=user, role=ProgramRole.Role.COORDINATOR, plans=True)
    return user


@pytest.fixture
def partner_coordinator(partner_org, program):
    user = UserFactory(email="partner@malmo.example", full_name="Per Partner")
    MembershipFactory(organisation=partner_org, user=user)
    ProgramRoleFactory(program=program, user=user, role=ProgramRole.Role.PARTNER_COORDINATOR, runs=True)
    return user


@pytest.fixture
def viewer(org, program):
    user = UserFactory(email="viewer@framat.example", full_name="Vera Viewer")
    MembershipFactory(organisation=org, user=user)
    ProgramRoleFactory(program=program, user=user, role=ProgramRole.Role.VIEWER)
    return user


@pytest.fixture
def outsider(other_org, other_program):
    user = UserFactory(email="outsider@annan.example", full_name="Olle Outsider")
    MembershipFactory(organisation=other_org, user=user, is_admin=True)
    ProgramRoleFactory(program=other_program, user=user, role=ProgramRole.Role.COORDINATOR)
    return user


@pytest.fixture
def cast(admin, coordinator, partner_coordinator, viewer, outsider):
    return {
        "admin": admin,
        "coordinator": coordinator,
        "partner_coordinator": partner_coordinator,
        "viewer": viewer,
        "outsider": outsider,
        "anonymous": None,
    }


# --- The test database ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and before it is dropped on PostgreSQL: no stray sessions.

    PostgreSQL refuses to drop a database someone is connected to. A connection a test's thread or the
    live server's thread left open (seen once in a whole PostgreSQL run: "database … is being accessed by
    other users") would then fail the last test of the run. Such sessions are named on stderr (to find the
    test that leaked them) and ended.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state, left(query, 120) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for pid, state, query in cursor.fetchall():
            sys.stderr.write(f"\nA test left a database session open ({state}: {query!r}); ending it.\n")
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


# --- Browser tests ---------------------------------------------------------------------------
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tandem.lib.testing.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, without_motion

    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        without_motion(browser)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()

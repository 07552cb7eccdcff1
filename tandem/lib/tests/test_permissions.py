"""Every URL of Tandem × every member of the cast → the status they get, the security headers on
every response, and no sentinel personal value for those who may not see it (issue 12, item 4).

Rows come from each app's `tests/access_table.py`. A URL that is in the URLconf but in no row (nor
in EXEMPT, with a reason) fails `test_every_url_is_in_the_table`, so a new page cannot ship unchecked.

The world of every row holds a sentinel applicant of `program` (a mentor, so that no row's own mentee
form clashes with it) whose name and e-mail address no viewer, outsider (another organisation) or
anonymous visitor may ever read in a response, and whose answer to a question of a special category
(union membership) no partner coordinator may read either (nor a viewer a coordinator granted the
people: `Row.sees_people` names them, and they read the name and address). Every response, whatever its
status, carries a Content-Security-Policy without inline script, a Permissions-Policy and
`Cache-Control: no-store`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.applications.models import Answer, Application, Question, QuestionTranslation
from tandem.applications.services import create_default_form
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


SENTINEL_LAST_NAME = "Sentinelsson"
SENTINEL_EMAIL = "zelda.sentinel@example.invalid"
SENTINEL_SPECIAL = "Sentinelfacket Qx7"
PERSONAL = (SENTINEL_LAST_NAME, SENTINEL_EMAIL, SENTINEL_SPECIAL)
# What each member of the cast must never read; admins and coordinators may read all of it.
HIDDEN_FROM = {
    "admin": (),
    "coordinator": (),
    "partner_coordinator": (SENTINEL_SPECIAL,),
    "viewer": PERSONAL,
    "outsider": PERSONAL,
    "anonymous": PERSONAL,
}


def add_sentinel(program) -> Application:
    """A mentor applicant of `program` with a sentinel name, address and special-category answer."""
    from django.utils import timezone

    form = create_default_form(program, "mentor", now=timezone.now())
    question = Question.objects.create(
        form=form, custom_type="short_text", page="custom", order=999, special_category="union"
    )
    QuestionTranslation.objects.create(question=question, language="sv", label="Vilken fackklubb?")
    sentinel = Application.objects.create(
        program=program,
        form=form,
        role="mentor",
        first_name="Zelda",
        last_name=SENTINEL_LAST_NAME,
        email=SENTINEL_EMAIL,
    )
    Answer.objects.create(
        application=sentinel, question=question, value=SENTINEL_SPECIAL, consent_text="Jag samtycker."
    )
    return sentinel


@pytest.fixture
def world(cast, org, partner_org, other_org, program, other_program):
    """The organisations, the cast, the programs and the sentinel applicant: built once per row, shared
    by its six requests."""
    return {
        **cast,
        "org": org,
        "partner_org": partner_org,
        "other_org": other_org,
        "program": program,
        "other_program": other_program,
        "sentinel": add_sentinel(program),
    }


@dataclass(frozen=True)
class Seen:
    status: int
    location: str
    headers: dict[str, str]
    body: bytes


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
        # The file only: response.close() would also say "request finished", which closes the database.
        if (file := getattr(response, "file_to_stream", None)) is not None:
            file.close()
        return body
    return response.content


def _request(world: dict, row: Row, person: str) -> Seen:
    """What `person` gets for `row`, in a savepoint that is rolled back (a POST by one person does not
    change what the next one sees)."""
    with transaction.atomic():
        client = Client()
        if world[person] is not None:
            client.force_login(world[person])
        url = reverse(row.url_name, kwargs=row.kwargs(world))
        if row.query:
            url = f"{url}?{row.query}"
        response = client.post(url, row.data(world)) if row.method == "POST" else client.get(url)
        transaction.set_rollback(True)
    return Seen(response.status_code, response.get("Location", ""), dict(response.headers), _body(response))


def _status(world: dict, row: Row, person: str) -> tuple[int, str]:
    """The status `person` gets for `row`, and where an anonymous person is sent."""
    seen = _request(world, row, person)
    return seen.status, seen.location


def header_problems(headers: dict[str, str]) -> list[str]:
    """What is wrong with a response's security headers (nothing, we hope)."""
    problems = []
    policy = headers.get("Content-Security-Policy", "")
    if "default-src" not in policy and "sandbox" not in policy:
        problems.append("no Content-Security-Policy")
    script = next((part for part in policy.split(";") if part.strip().startswith("script-src")), "")
    if "'unsafe-inline'" in script or "'unsafe-eval'" in script:
        problems.append(f"inline script allowed ({script.strip()})")
    if "Permissions-Policy" not in headers:
        problems.append("no Permissions-Policy")
    if "no-store" not in headers.get("Cache-Control", ""):
        problems.append("no Cache-Control: no-store")
    return problems


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_access(world, row: Row):
    """Each member of the cast gets the status the row expects; every wrong one is reported."""
    if row.setup is not None:
        row.setup(world)
    wrong = []
    for person in PEOPLE:
        seen = _request(world, row, person)
        if seen.status != row.expect[person]:
            wrong.append(f"{person}: {seen.status}, expected {row.expect[person]}")
        elif person == "anonymous" and seen.status == 302 and row.login_url not in seen.location:
            wrong.append(f"anonymous: sent to {seen.location!r}, expected the log-in page")
        wrong += [f"{person}: {problem}" for problem in header_problems(seen.headers)]
        text = seen.body.decode("utf-8", errors="replace") + seen.location
        hidden = (SENTINEL_SPECIAL,) if person in row.sees_people else HIDDEN_FROM[person]
        wrong += [f"{person} read {value!r}" for value in hidden if value in text]
    assert not wrong, f"{row.id}: " + "; ".join(wrong)


def test_the_sentinel_is_there_for_those_who_may_read_it(world):
    """The walk's sentinel check proves something: the record shows every sentinel value to the
    coordinator, the special-category answer alone is missing for the partner coordinator."""
    row = Row(
        "screening:record",
        {},
        kwargs=lambda world: {"pk": world["program"].pk, "application_id": world["sentinel"].pk},
    )
    coordinator = _request(world, row, "coordinator").body.decode()
    partner = _request(world, row, "partner_coordinator").body.decode()
    assert all(value in coordinator for value in PERSONAL)
    assert SENTINEL_LAST_NAME in partner and SENTINEL_SPECIAL not in partner


def test_a_viewer_granted_the_people_reads_the_sentinel_but_not_its_special_category(world):
    """The grant a coordinator gives a viewer (`ProgramRole.sees_people`) opens the record, and the
    special-category answer stays for the host's coordinators and admins."""
    from tandem.programs.tests.access_table import viewer_sees_people

    row = Row(
        "screening:record",
        {},
        kwargs=lambda world: {"pk": world["program"].pk, "application_id": world["sentinel"].pk},
    )
    assert _request(world, row, "viewer").status == 403
    viewer_sees_people(world)
    granted = _request(world, row, "viewer")
    assert granted.status == 200
    text = granted.body.decode()
    assert SENTINEL_LAST_NAME in text and SENTINEL_EMAIL in text and SENTINEL_SPECIAL not in text


def test_the_header_check_catches_a_missing_or_weak_header():
    good = {
        "Content-Security-Policy": "default-src 'self'; script-src 'self'",
        "Permissions-Policy": "camera=()",
        "Cache-Control": "no-store",
    }
    assert header_problems(good) == []
    assert header_problems({**good, "Cache-Control": "max-age=60"}) == ["no Cache-Control: no-store"]
    weak = {**good, "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'"}
    assert header_problems(weak) == ["inline script allowed (script-src 'self' 'unsafe-inline')"]
    assert "no Permissions-Policy" in header_problems(
        {k: v for k, v in good.items() if k != "Permissions-Policy"}
    )

"""The coordinator's review queue: filters, sorting, pages, and a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tandem.applications.models import Application
from tandem.factories import ApplicationFactory
from tandem.lib.testing.pages import EN, SV, text
from tandem.screening.queue import PAGE_SIZE
from tandem.screening.tests.factories import add_criterion, screen

pytestmark = pytest.mark.django_db


def queue(client, program, **params):
    return client.get(reverse("screening:queue", kwargs={"pk": program.pk}), params, **EN)


def references(response) -> list[str]:
    return re.findall(r'id="application-\d+">.*?>(TDM-[\w-]+)<', response.content.decode(), re.S)


@pytest.fixture
def applicants(program):
    """Mentees screened against "Swedish at least B1" (must) and "5 years' experience" (should)."""
    add_criterion(program, "mentee", "swedish_level", min_level="B1")
    add_criterion(program, "mentee", "experience_years", importance="should", min=5)
    people = {
        "amira": ApplicationFactory(
            program=program, first_name="Amira", last_name="Haddad", language="ar", experience_years=8
        ),
        "yonas": ApplicationFactory(
            program=program,
            first_name="Yonas",
            last_name="Tesfaye",
            swedish_level="A2",
            experience_years=2,
            municipality="0180",
            occupation_wanted="2221",
        ),
        "leyla": ApplicationFactory(
            program=program,
            first_name="Leyla",
            last_name="Ahmadi",
            language="en",
            swedish_level="",
            municipality="1280",
            channel="paper",
            status="under_review",
        ),
        "erik": ApplicationFactory(
            program=program, role="mentor", first_name="Erik", last_name="Berg", occupation_now="2412"
        ),
    }
    people["amira2"] = ApplicationFactory(
        program=program,
        first_name="Amira",
        last_name="Haddad",
        email=people["amira"].email,
        duplicate_of=people["amira"],
    )
    screen(program, "mentee")
    return {name: Application.objects.get(pk=a.pk) for name, a in people.items()}


def test_the_queue_shows_each_application_with_its_screening(client, coordinator, program, applicants):
    client.force_login(coordinator)
    page = text(queue(client, program))

    assert "5 applications" in page
    yonas = applicants["yonas"]
    assert yonas.reference in page
    assert "Swedish at level A2; at least B1 is needed." in page  # the first failed must, in words
    assert "Stockholm" in page and "Göteborg" in page and "Malmö" in page  # names, not codes
    assert "2221 Professional nurses" in page and "2412 Financial controllers" in page
    assert "العربية" in page  # the applicant's language in its own name
    assert "Possible duplicate" in page


def test_the_queue_is_in_swedish(client, coordinator, program, applicants):
    client.force_login(coordinator)
    page = text(client.get(reverse("screening:queue", kwargs={"pk": program.pk}), **SV))
    assert "2221 Grundutbildade sjuksköterskor" in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"role": "mentor"}, ["erik"]),
        ({"status": "under_review"}, ["leyla"]),
        ({"passes": "yes", "role": "mentee"}, ["amira", "amira2"]),
        ({"passes": "no"}, ["yonas", "leyla"]),  # leyla did not say how well she speaks Swedish
        ({"flagged": "yes", "role": "mentee"}, ["yonas", "leyla"]),  # a failed must, and an unknown one
        ({"duplicates": "yes"}, ["amira2"]),
        ({"language": "ar"}, ["amira"]),  # her second application is in Swedish
        ({"language": "en"}, ["leyla"]),
        ({"place": "0180"}, ["yonas"]),
        ({"place": "12"}, ["leyla"]),  # a whole county
        ({"occupation": "222"}, ["yonas"]),  # mentees by the occupation they want
        ({"occupation": "2412"}, ["erik"]),  # mentors by their own
        ({"channel": "paper"}, ["leyla"]),
        ({"q": "tesf"}, ["yonas"]),
        ({"q": "Amira Haddad", "duplicates": "no"}, ["amira"]),
    ],
)
def test_filters(client, coordinator, program, applicants, params, expected):
    client.force_login(coordinator)
    found = references(queue(client, program, **params))
    assert sorted(found) == sorted(applicants[name].reference for name in expected)


def test_search_finds_a_reference_and_an_email(client, coordinator, program, applicants):
    client.force_login(coordinator)
    yonas = applicants["yonas"]
    assert references(queue(client, program, q=yonas.reference.lower())) == [yonas.reference]
    assert references(queue(client, program, q=yonas.email)) == [yonas.reference]


def test_a_bad_filter_value_is_explained_and_ignored(client, coordinator, program, applicants):
    client.force_login(coordinator)
    response = queue(client, program, occupation="accountant", role="boss")
    assert len(references(response)) == 5
    assert "Write one to four digits, e.g. 24 or 2411." in text(response)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-score", ["amira", "leyla", "amira2", "yonas", "erik"]),  # 100 (oldest first), 0, no profile last
        ("name", ["leyla", "erik", "amira", "amira2", "yonas"]),
        ("status", ["amira", "yonas", "erik", "amira2", "leyla"]),
        ("submitted", ["amira", "yonas", "leyla", "erik", "amira2"]),
        ("-submitted", ["amira2", "erik", "leyla", "yonas", "amira"]),
    ],
)
def test_sorting(client, coordinator, program, applicants, sort, expected):
    client.force_login(coordinator)
    assert references(queue(client, program, sort=sort)) == [applicants[name].reference for name in expected]


def _many(program, count: int) -> None:
    add_criterion(program, "mentee", "swedish_level", min_level="B2")
    for n in range(count):
        ApplicationFactory(
            program=program,
            role="mentor" if n % 4 == 0 else "mentee",
            swedish_level=["A2", "B2", "C1"][n % 3],
            municipality=["1480", "0180", "1280"][n % 3],
            language=["sv", "en", "ar"][n % 3],
        )
    screen(program, "mentee")


@pytest.mark.parametrize("count", [5, 60])
def test_the_queue_takes_the_same_queries_for_5_and_for_60_applications(
    client, coordinator, program, count, django_assert_num_queries
):
    _many(program, count)
    client.force_login(coordinator)
    url = reverse("screening:queue", kwargs={"pk": program.pk})
    # 1 session, 2 user, 3 program with organisation, 4 organisation admin?, 5 program role,
    # 6 the languages used (filter choices), 7 count for the pages, 8 the page of applications,
    # 9 the audit event of the page, 10 its people (one INSERT)
    with django_assert_num_queries(10):
        response = client.get(url, {"sort": "-score", "role": "mentee"}, **EN)
    assert response.status_code == 200
    assert len(references(response)) == min(count - (count + 3) // 4, PAGE_SIZE)


def test_the_queue_has_pages_of_fifty(client, coordinator, program):
    _many(program, 60)
    client.force_login(coordinator)
    first, second = queue(client, program), queue(client, program, page=2)
    assert len(references(first)) == 50 and len(references(second)) == 10
    assert "Page 2 of 2" in text(second)
    assert set(references(first)).isdisjoint(references(second))
    assert "page=2" in first.content.decode()


def test_a_viewer_sees_the_queue_without_the_bulk_action(client, viewer, program, applicants):
    client.force_login(viewer)
    html = queue(client, program).content.decode()
    assert applicants["amira"].reference in html
    assert 'name="applications"' not in html
    assert reverse("screening:bulk", kwargs={"pk": program.pk}) not in html


def test_a_viewer_sees_a_pseudonymised_queue_and_cannot_search_by_name(client, viewer, program, applicants):
    """Issue 12, item 8: references, statuses and figures; no names, no links to records, no name search."""
    amira = applicants["amira"]
    client.force_login(viewer)

    html = queue(client, program).content.decode()
    searched = client.get(reverse("screening:queue", kwargs={"pk": program.pk}), {"q": amira.last_name})

    assert amira.reference in html
    assert amira.first_name not in html and amira.last_name not in html
    assert reverse("screening:record", args=[program.pk, amira.pk]) not in html
    assert len(searched.context["rows"]) == len(queue(client, program).context["rows"])


def test_identifiers_are_not_grouped_like_numbers(client, coordinator, program):
    """USE_THOUSAND_SEPARATOR must not turn pk 1234 into "1,234" in ids and checkbox values."""
    application = ApplicationFactory(program=program, pk=1234)
    client.force_login(coordinator)
    html = queue(client, program).content.decode()
    assert f'id="application-{application.pk}"' in html
    assert f'value="{application.pk}" id="select-{application.pk}"' in html
    assert references(queue(client, program)) == [application.reference]

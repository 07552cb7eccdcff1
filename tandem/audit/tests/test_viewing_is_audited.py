"""Issue 12: looking at the pages that show people by name (matching, the pairs, the mentorships being
followed and one pair's page, a common meeting's list and its check-in) writes one audit event naming
the page's people by id only: no name, address or phone number of theirs is in the audit tables."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application
from tandem.audit import subjects
from tandem.audit.models import AuditEvent, AuditSubject
from tandem.gatherings import services as gatherings
from tandem.gatherings.models import Invitation
from tandem.mentoring.tests.people import two_pairs
from tandem.pairs import services as pairs
from tandem.pairs.tests.people import build_cohort
from tandem.privacy.tests.scan import readable

pytestmark = pytest.mark.django_db

SURNAME, PHONE = "Zyxwsurname", "0709991234"


def _sentinels(program) -> list[str]:
    """Every person of the program gets a sentinel surname, address and phone number."""
    people = list(Application.objects.filter(program=program))
    for person in people:
        person.last_name = f"{SURNAME}{person.pk}"
        person.email = f"zyxw.{person.pk}@example.org"
        person.phone = PHONE
    Application.objects.bulk_update(people, ["last_name", "email", "phone"])
    return [SURNAME.lower(), "zyxw.", PHONE, *(p.first_name.lower() for p in people)]


def _assert_audited_without_personal_data(action: str, kind: str, shown: set[int], by, words) -> None:
    [event] = AuditEvent.objects.filter(action=action)
    assert event.actor == by
    found = set(AuditSubject.objects.filter(event=event, kind=kind).values_list("object_id", flat=True))
    assert shown <= found
    rows = [event, *AuditSubject.objects.filter(event=event)]
    text = " ".join(readable(getattr(row, f.attname)) for row in rows for f in row._meta.concrete_fields)
    leaked = [word for word in words if word in text.lower()]
    assert not leaked, f"{action} holds {leaked}: {text}"


@pytest.fixture
def running(program, coordinator):
    """Two running pairs and a common meeting they are invited to."""
    now = timezone.now()
    mentorships = two_pairs(program, now=now)
    words = _sentinels(program)
    gathering = gatherings.create_gathering(
        program, by=coordinator, now=now, kind="midpoint", title="Halvtid",
        starts_at=now + timedelta(days=30), place="Stadsbiblioteket",
    )  # fmt: skip
    gatherings.invite(gathering, by=coordinator, now=now)
    AuditEvent.objects.all().delete()  # what the set-up logged
    return {"mentorship": mentorships["a"], "gathering": gathering, "words": words}


PAIR_PAGES = [
    ("pairs:pair_list", "pairs.viewed"),
    ("mentoring:list", "mentorship.list_viewed"),
    ("mentoring:pair", "mentorship.viewed"),
]


@pytest.mark.parametrize(("url_name", "action"), PAIR_PAGES)
def test_the_pages_of_pairs_are_audited_by_id(client, program, coordinator, running, url_name, action):
    mentorship = running["mentorship"]
    kwargs = {"pk": program.pk}
    if url_name == "mentoring:pair":
        kwargs["mentorship"] = mentorship.pk
    client.force_login(coordinator)

    page = client.get(reverse(url_name, kwargs=kwargs))

    assert page.status_code == 200 and SURNAME in page.content.decode()  # the page shows the names
    shown = {mentorship.pair.mentee_id, mentorship.pair.mentor_id}
    _assert_audited_without_personal_data(action, subjects.APPLICATION, shown, coordinator, running["words"])


@pytest.mark.parametrize("url_name", ["gatherings:detail", "gatherings:check_in"])
def test_a_common_meeting_s_list_of_people_is_audited_by_id(client, program, coordinator, running, url_name):
    gathering = running["gathering"]
    client.force_login(coordinator)

    page = client.get(reverse(url_name, kwargs={"pk": program.pk, "gathering": gathering.pk}))

    assert page.status_code == 200 and SURNAME in page.content.decode()
    invited = set(Invitation.objects.filter(gathering=gathering).values_list("pk", flat=True))
    assert len(invited) >= 4
    _assert_audited_without_personal_data(
        "gathering.viewed", subjects.INVITATION, invited, coordinator, running["words"]
    )


@pytest.mark.parametrize("url_name", ["pairs:proposal", "pairs:capacities"])
def test_matching_with_names_is_audited_by_id(client, program, coordinator, url_name):
    people = build_cohort(program)
    words = _sentinels(program)
    run = pairs.start_run(program, by=coordinator, now=timezone.now())
    AuditEvent.objects.all().delete()
    client.force_login(coordinator)
    kwargs = {"pk": program.pk, "run": run.number} if url_name == "pairs:proposal" else {"pk": program.pk}

    page = client.get(reverse(url_name, kwargs=kwargs))

    assert page.status_code == 200 and SURNAME in page.content.decode()
    role = "mentee" if url_name == "pairs:proposal" else "mentor"
    shown = {person.pk for person in people.values() if person.role == role}
    _assert_audited_without_personal_data("matching.viewed", subjects.APPLICATION, shown, coordinator, words)

"""The health page's table of common meetings: invited / yes / no / maybe / no answer / attended per
meeting, checked against counts made here from the invitations' own rows (not through the services the
page uses)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.factories import ProgramFactory
from tandem.gatherings import services
from tandem.gatherings.models import Gathering, Invitation
from tandem.health.tests.people import health_world
from tandem.lib.testing.pages import table_rows

pytestmark = pytest.mark.django_db

COLUMNS = ["Träff", "Inbjudna", "Ja", "Nej", "Kanske", "Inget svar", "Närvarande"]


def _meeting(program, title: str, *, days: int, **fields) -> Gathering:
    return Gathering.objects.create(
        program=program,
        kind="other",
        title=title,
        starts_at=timezone.now() + timedelta(days=days),
        place="Folkets hus, Göteborg",
        **fields,
    )


def _answer_some(gathering: Gathering, rng: random.Random, *, now) -> None:
    for invitation in gathering.invitations.order_by("pk"):
        answer = rng.choice(["yes", "yes", "no", "maybe", ""])
        if answer:
            services.answer_invitation(invitation, answer=answer, note="", now=now)


def expected(gathering: Gathering) -> list[int]:
    """The figures counted from the invitations' rows in Python."""
    rows = list(Invitation.objects.filter(gathering=gathering).values("answer", "walk_in", "checked_in_at"))
    invited = [row for row in rows if not row["walk_in"]]
    return [
        len(invited),
        sum(row["answer"] == "yes" for row in rows),
        sum(row["answer"] == "no" for row in rows),
        sum(row["answer"] == "maybe" for row in rows),
        sum(row["answer"] == "" for row in invited),
        sum(row["checked_in_at"] is not None for row in rows),
    ]


def test_the_health_page_counts_answers_and_attendance_of_each_common_meeting(
    client, coordinator, program, other_program
):
    now = timezone.now()
    health_world(program, today=timezone.localdate(), repeat=2)  # 12 open pairs: 24 people
    rng = random.Random(9)
    held = _meeting(program, "Uppstartsträff", days=5)
    services.invite(held, by=coordinator, now=now)
    _answer_some(held, rng, now=now)
    Gathering.objects.filter(pk=held.pk).update(starts_at=now - timedelta(days=20))  # and it was held
    people = list(held.invitations.order_by("pk"))
    came = [p for p in people if p.answer == "yes"][:-2]  # two who said yes stayed away
    came += [p for p in people if p.answer in ("", "maybe")][:3]
    came += [p for p in people if p.answer == "no"][:1]  # said no, came all the same
    for person in came:
        services.check_in(person, by=coordinator, now=now)
    services.add_walk_in(held, name="Nadia Karim", email="", by=coordinator, now=now)
    services.add_walk_in(held, name="Omar Said", email="omar@example.org", by=coordinator, now=now)
    coming = _meeting(program, "Halvtidsträff", days=30)
    services.invite(coming, by=coordinator, now=now)
    _answer_some(coming, rng, now=now)
    called_off = _meeting(program, "Afterwork", days=12, audience=Gathering.Audience.MENTORS)
    services.invite(called_off, by=coordinator, now=now)
    _answer_some(called_off, rng, now=now)
    services.cancel_gathering(called_off, by=coordinator, now=now)
    not_yet = _meeting(program, "Mentorsutbildning", days=40, audience=Gathering.Audience.MENTORS)
    elsewhere = _meeting(other_program, "Någon annans träff", days=3)
    Invitation.objects.create(gathering=elsewhere, name="X", email="x@ex.se", role="mentee", answer="yes")
    ours = [held, called_off, coming, not_yet]  # by time
    assert expected(held)[5] == len(came) + 2 and expected(held)[4] > 0
    assert all(expected(gathering)[0] for gathering in ours[:3]) and expected(not_yet) == [0] * 6

    client.force_login(coordinator)
    table = table_rows(client.get(reverse("health:program", args=[program.pk])), "gathering-figures")

    head, *rows = table
    assert head == COLUMNS
    assert [row[0].split(" ")[0] for row in rows] == [g.title.split(" ")[0] for g in ours]
    for gathering, row in zip(ours, rows, strict=True):
        shown = [int(cell.split(" ")[0]) for cell in row[1:]]
        assert shown == expected(gathering), gathering.title
    assert row_of(rows, "Uppstartsträff")[-1] == f"{len(came) + 2} (2 oanmälda)"
    assert "Inställd" in row_of(rows, "Afterwork")[0]


def row_of(rows: list[list[str]], title: str) -> list[str]:
    (row,) = [row for row in rows if row[0].startswith(title)]
    return row


def test_a_program_without_common_meetings_says_so(client, coordinator, program):
    health_world(program, today=timezone.localdate())
    ProgramFactory()  # meetings of nobody else's program either
    client.force_login(coordinator)
    response = client.get(reverse("health:program", args=[program.pk]))
    assert table_rows(response, "gathering-figures") == []
    assert "Inga gemensamma träffar än." in response.content.decode()

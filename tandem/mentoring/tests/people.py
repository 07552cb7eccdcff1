"""Pairs in their running months, for the space's tests and its rows in the permission table.

Amira (Arabic-speaking mentee) and Eva (her mentor) are pair A; Bashir and Johan are pair B, in the same
program. Both pairs said yes three days ago; the program started ten days ago and lasts six months, with a
meeting every two weeks in months 1–2 and then one a month.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.test import Client
from django.utils import timezone

from tandem.mentoring import services, signin
from tandem.mentoring.models import Mentorship
from tandem.pairs.models import Pair
from tandem.pairs.tests.people import make_application
from tandem.programs.models import CommonMeeting, MeetingRule


def running_program(program, *, now: datetime) -> None:
    program.state = "running"
    program.start_date = timezone.localdate(now) - timedelta(days=10)
    program.length_months = 6
    program.save()
    MeetingRule.objects.create(program=program, from_month=1, to_month=2, every=2, unit="weeks")
    MeetingRule.objects.create(program=program, from_month=3, to_month=None, every=1, unit="months")
    CommonMeeting.objects.create(program=program, kind="kickoff", week_offset=0)
    CommonMeeting.objects.create(program=program, kind="midpoint", week_offset=13)


def active_pair(
    program,
    mentee_name: tuple[str, str],
    mentor_name: tuple[str, str],
    *,
    now: datetime,
    mentee: dict | None = None,
    mentor: dict | None = None,
) -> Pair:
    """An active pair of two new accepted applications (`mentee` and `mentor`: more facts about them)."""
    answered = now - timedelta(days=3)
    return Pair.objects.create(
        program=program,
        mentee=make_application(program, "mentee", *mentee_name, **(mentee or {})),
        mentor=make_application(program, "mentor", *mentor_name, **(mentor or {})),
        status=Pair.Status.ACTIVE,
        published_at=now - timedelta(days=7),
        answer_deadline=now,
        mentee_answer="accept",
        mentee_answered_at=answered - timedelta(days=1),
        mentor_answer="accept",
        mentor_answered_at=answered,
    )


def two_pairs(program, *, now: datetime) -> dict[str, Mentorship]:
    """Pair A (Amira–Eva) and pair B (Bashir–Johan), with their mentorships opened."""
    running_program(program, now=now)
    a = active_pair(
        program,
        ("Amira", "Haddad"),
        ("Eva", "Berg"),
        now=now,
        mentee={"language": "ar", "phone": "070-111 22 33", "email": "Amira.Haddad@Example.org"},
        mentor={"language": "sv", "phone": "070-999 88 77"},
    )
    b = active_pair(program, ("Bashir", "Rahimi"), ("Johan", "Ek"), now=now)
    return {
        "a": services.open_mentorship(a, now=now),
        "b": services.open_mentorship(b, now=now),
    }


def sign_in(client: Client, application, *, now: datetime | None = None) -> None:
    """Sign the person behind an application in through a real link, as a browser would."""
    url = signin.space_link_for_application(application, now or timezone.now())
    path = url.split("://", 1)[-1].split("/", 1)[1]
    response = client.post(f"/{path}")
    assert response.status_code == 302, response.status_code

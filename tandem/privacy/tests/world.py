"""A person with sentinel values in every part of Tandem, for the erasure and export tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from tandem.applications.models import Answer, ApplicationForm, Question, StatusChange
from tandem.gatherings.models import Gathering, Invitation
from tandem.intake.models import InterviewRecord
from tandem.mentoring.models import (
    FollowUpNote,
    GoalComment,
    HelpRequest,
    MeetingLog,
    Participant,
    PersonalGoal,
    PlannedMeeting,
    PrivateNote,
)
from tandem.mentoring.tests.people import two_pairs
from tandem.outbox.services import queue_email
from tandem.privacy.models import Extension
from tandem.screening.models import Note

SENTINELS = ("Zyxw", "sentinel.zyxw@example.org", "0709991234")


def sentinel_person(program, *, now=None) -> dict[str, Any]:
    """Amira of pair A becomes "Sentinelname Zyxw", with sentinel texts wherever she or Tandem wrote."""
    now = now or timezone.now()
    mentorships = two_pairs(program, now=now)
    mentorship = mentorships["a"]
    pair = mentorship.pair
    person = pair.mentee
    person.first_name, person.last_name = "Sentinelname", "Zyxw"
    person.email, person.phone = "sentinel.zyxw@example.org", "0709991234"
    person.about_me = "Jag heter Sentinelname Zyxw och är revisor."
    person.motivation = person.skills = person.expectations = person.match_wishes = "Zyxw skriver."
    person.availability = person.exclusions = person.current_employer = "Zyxw AB"
    person.cv_original_name = "Zyxw-cv.pdf"
    person.cv.save("zyxw-cv.pdf", ContentFile(b"%PDF-1.4 Sentinelname Zyxw"), save=False)
    person.save()
    form = ApplicationForm.objects.create(program=program, role="mentee", slug="mentee-extra")
    question = Question.objects.create(form=form, custom_type="text", page="about", order=1)
    Answer.objects.create(application=person, question=question, value="Min historia, Zyxw")
    StatusChange.objects.create(application=person, to_status="accepted", at=now, reason="Zyxw passar bra")
    Note.objects.create(application=person, text="Ringde Zyxw", created_at=now)
    InterviewRecord.objects.create(
        application=person, held_on=now.date(), notes="Zyxw berättade", created_at=now
    )
    pair.mentor_decline_reason = "inget, Zyxw"
    pair.save()
    mentorship.pause_reason = "Zyxw reser"
    mentorship.save()
    goal = PersonalGoal.objects.create(
        mentorship=mentorship, text="Zyxw vill bli auktoriserad", created_at=now
    )
    GoalComment.objects.create(goal=goal, side="mentor", text="Bra, Zyxw!", created_at=now)
    planned = PlannedMeeting.objects.create(mentorship=mentorship, planned_on=now.date(), place="Hos Zyxw")
    log = MeetingLog.objects.create(
        mentorship=mentorship,
        planned=planned,
        held_on=now.date(),
        minutes=60,
        shared_note="Vi pratade om Zyxw",
        logged_by_side="mentee",
        created_at=now,
    )
    PrivateNote.objects.create(meeting=log, side="mentor", text="Zyxw verkade trött")
    HelpRequest.objects.create(
        mentorship=mentorship, side="mentee", kind="need_help", text="Zyxw behöver hjälp"
    )
    FollowUpNote.objects.create(mentorship=mentorship, text="Samtal med Zyxw", created_at=now)
    Participant.objects.create(email="sentinel.zyxw@example.org", language="ar")
    gathering = Gathering.objects.create(
        program=program,
        kind="kickoff",
        title="Uppstart",
        starts_at=now + timedelta(days=3),
        place="Folkets hus",
    )
    Invitation.objects.create(
        gathering=gathering,
        name="Sentinelname Zyxw",
        email="Sentinel.Zyxw@example.org",
        language="ar",
        role="mentee",
        note="Zyxw äter halal",
    )
    queue_email(
        to=["Sentinelname Zyxw <sentinel.zyxw@example.org>"],
        subject="Hej Sentinelname",
        text="Hej Sentinelname Zyxw, ring 0709991234",
        program=program,
    )
    Extension.objects.create(application=person, until=now.date(), reason="Zyxw bad om det", created_at=now)
    return {"person": person, "mentorship": mentorship, "other": pair.mentor, "b": mentorships["b"]}

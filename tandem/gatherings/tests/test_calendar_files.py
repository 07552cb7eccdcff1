"""Every calendar file a common meeting produces, read back with the icalendar library as a calendar client
would: the invitation, the update, the cancellation and the participant's subscribed feed carry UID,
DTSTAMP, DTSTART with a time zone, SEQUENCE, ORGANIZER and METHOD; the feed holds only the meetings the
person is invited to."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from tandem.gatherings import services
from tandem.gatherings.models import Gathering
from tandem.gatherings.tests.helpers import a_meeting, invited
from tandem.mentoring.signin import participant_for
from tandem.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

AMIRA = "amira.haddad@example.org"


def calendar_sent_to(address: str, kind: str) -> Calendar:
    message = next(m for m in OutboxMessage.objects.filter(kind=kind).order_by("-id") if address in m.to)
    assert message.attachment_type.startswith("text/calendar")
    return Calendar.from_ical(message.attachment_text)


def assert_complete(event, *, uid: str, sequence: int) -> None:
    """The fields a calendar client needs to file, update and remove the event."""
    assert str(event["UID"]) == uid
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("DTSTART").tzinfo is not None
    assert int(event["SEQUENCE"]) == sequence
    assert str(event["ORGANIZER"]).startswith("mailto:")


def feed_events(client, application) -> tuple[Calendar, dict[str, object]]:
    participant = participant_for(application)
    response = client.get(reverse("space:calendar", args=[participant.calendar_token]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_invitation_update_cancellation_and_feed_read_back(client, program, mentorships, coordinator, now):
    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)

    invitation = calendar_sent_to(AMIRA, "gatherings/emails/invitation")
    assert invitation["METHOD"] == "REQUEST"
    [event] = invitation.walk("VEVENT")
    assert_complete(event, uid=gathering.uid, sequence=0)
    assert event.decoded("DTSTART") == gathering.starts_at
    assert [str(tz["TZID"]) for tz in invitation.walk("VTIMEZONE")] == ["Europe/Stockholm"]

    services.update_gathering(
        gathering, by=coordinator, now=now, starts_at=gathering.starts_at + timedelta(hours=2)
    )
    update = calendar_sent_to(AMIRA, "gatherings/emails/invitation")
    assert update["METHOD"] == "REQUEST"
    [event] = update.walk("VEVENT")
    assert_complete(event, uid=gathering.uid, sequence=1)  # the same event, a higher SEQUENCE
    assert event.decoded("DTSTART") == gathering.starts_at

    calendar, found = feed_events(client, mentorships["a"].pair.mentee)
    assert calendar["METHOD"] == "PUBLISH"
    assert_complete(found[gathering.uid], uid=gathering.uid, sequence=1)
    assert str(found[gathering.uid]["STATUS"]) == "CONFIRMED"

    services.cancel_gathering(gathering, by=coordinator, now=now)
    cancellation = calendar_sent_to(AMIRA, "gatherings/emails/cancellation")
    assert cancellation["METHOD"] == "CANCEL"
    [event] = cancellation.walk("VEVENT")
    assert_complete(event, uid=gathering.uid, sequence=2)
    assert str(event["STATUS"]) == "CANCELLED"

    _calendar, found = feed_events(client, mentorships["a"].pair.mentee)
    assert_complete(found[gathering.uid], uid=gathering.uid, sequence=2)
    assert str(found[gathering.uid]["STATUS"]) == "CANCELLED"  # stays, so the calendar removes it


def test_the_feed_holds_only_the_meetings_of_the_persons_audience(client, program, mentorships, now):
    everyone = a_meeting(program, now=now, title="Uppstart")
    for_mentors = a_meeting(
        program, now=now, days=20, title="Mentorsutbildning", audience=Gathering.Audience.MENTORS
    )
    for_mentees = a_meeting(
        program, now=now, days=21, title="Adeptträff", audience=Gathering.Audience.MENTEES
    )
    staff_only = a_meeting(
        program, now=now, days=22, title="Arbetsgruppen", audience=Gathering.Audience.WORKING_GROUP
    )

    _calendar, mentee_feed = feed_events(client, mentorships["a"].pair.mentee)
    _calendar, mentor_feed = feed_events(client, mentorships["a"].pair.mentor)

    assert {everyone.uid, for_mentees.uid} <= set(mentee_feed)
    assert for_mentors.uid not in mentee_feed and staff_only.uid not in mentee_feed
    assert {everyone.uid, for_mentors.uid} <= set(mentor_feed)
    assert for_mentees.uid not in mentor_feed and staff_only.uid not in mentor_feed

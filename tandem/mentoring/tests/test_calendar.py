"""The personal calendar feed: the pair's planned meetings and the program's common meetings, behind a
secret address that needs no session and stops working when renewed."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tandem.mentoring import meetings
from tandem.mentoring.signin import participant_for
from tandem.mentoring.tests.people import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def a(mentorships):
    return mentorships["a"]


def events(client, participant):
    response = client.get(reverse("space:calendar", args=[participant.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_carries_the_pairs_meetings_with_stable_uids_and_sequences(client, a, eva, now):
    participant = participant_for(eva)
    upcoming = a.planned_meetings.filter(planned_on__gt=timezone.localdate()).first()
    found = events(client, participant)
    planned = [uid for uid in found if uid.startswith("planned-meeting-")]
    assert len(planned) == a.planned_meetings.count()
    event = next(e for uid, e in found.items() if uid.startswith(f"planned-meeting-{upcoming.pk}@"))
    assert event.decoded("DTSTART") == upcoming.planned_on  # all day without a time
    assert int(event["SEQUENCE"]) == 0 and str(event["STATUS"]) == "CONFIRMED"
    assert "Amira" in str(event["SUMMARY"])  # Eva reads Swedish: "Mentorsträff med Amira"

    meetings.move_planned_meeting(
        upcoming,
        side="mentee",
        planned_on=upcoming.planned_on,
        starts_at=time(18, 0),
        place="Biblioteket",
        now=now,
    )
    event = next(
        e
        for uid, e in events(client, participant).items()
        if uid.startswith(f"planned-meeting-{upcoming.pk}@")
    )
    start = event.decoded("DTSTART")
    assert start == datetime.combine(upcoming.planned_on, time(18, 0), tzinfo=ZoneInfo("Europe/Stockholm"))
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert int(event["SEQUENCE"]) == 1 and str(event["LOCATION"]) == "Biblioteket"

    meetings.drop_planned_meeting(upcoming, side="mentor", now=now)
    event = next(
        e
        for uid, e in events(client, participant).items()
        if uid.startswith(f"planned-meeting-{upcoming.pk}@")
    )
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2


def test_a_meeting_held_a_few_days_early_moves_to_the_day_it_was_held(client, a, eva, now):
    participant = participant_for(eva)
    today = timezone.localdate(now)
    upcoming = a.planned_meetings.filter(planned_on__gt=today, dropped_at__isnull=True).order_by(
        "planned_on"
    )[0]
    meetings.move_planned_meeting(
        upcoming, side="mentee", planned_on=upcoming.planned_on, starts_at=time(18, 0), place="", now=now
    )
    upcoming.refresh_from_db()
    held = today  # the pair met today, before the planned day
    log = meetings.log_meeting(
        a, side="mentee", held_on=held, minutes=60, format="in_person", planned=upcoming, now=now
    )
    assert log.planned_id == upcoming.pk
    event = next(
        e
        for uid, e in events(client, participant).items()
        if uid.startswith(f"planned-meeting-{upcoming.pk}@")
    )
    assert event.decoded("DTSTART") == held  # the day it was held, all day (the log has no time)
    assert event.decoded("DTEND") == held + timedelta(days=1)
    assert int(event["SEQUENCE"]) == upcoming.sequence + 1 and str(event["STATUS"]) == "CONFIRMED"


def test_the_programs_common_meetings_are_all_day_events(client, a, amira):
    program = a.pair.program
    found = events(client, participant_for(amira))
    common = [e for uid, e in found.items() if uid.startswith("common-meeting-")]
    assert len(common) == program.common_meetings.count() == 2
    days = sorted(e.decoded("DTSTART") for e in common)
    assert days == [program.start_date, program.start_date + timedelta(weeks=13)]


def test_only_the_participants_own_pair_is_in_the_feed(client, mentorships, amira):
    found = events(client, participant_for(amira))
    b_ids = {
        f"planned-meeting-{pk}@" for pk in mentorships["b"].planned_meetings.values_list("pk", flat=True)
    }
    assert not any(uid.split("@")[0] + "@" in b_ids for uid in found)


def test_a_renewed_or_unknown_address_is_a_404(client, a, eva):
    participant = participant_for(eva)
    old = participant.calendar_token
    sign_in(client, eva)
    client.post(reverse("space:settings", args=[a.pk]), {"action": "renew_calendar"})
    participant.refresh_from_db()
    client.post(reverse("space:sign_out"))
    assert client.get(reverse("space:calendar", args=[old])).status_code == 404
    assert client.get(reverse("space:calendar", args=["nothing-like-a-token"])).status_code == 404
    assert client.get(reverse("space:calendar", args=[participant.calendar_token])).status_code == 200


def test_my_pair_shows_the_feed_address_with_help(client, a, amira):
    sign_in(client, amira)
    html = client.get(reverse("space:pair", args=[a.pk])).content.decode()
    assert participant_for(amira).calendar_token in html and 'id="calendar-url"' in html

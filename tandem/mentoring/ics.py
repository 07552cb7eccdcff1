"""A participant's personal calendar feed (ICS): their pairs' planned meetings and their programs' common
meetings they are invited to (by the meeting's audience), so that a phone calendar subscribed to the
secret address shows them.

Each planned meeting keeps one UID for its life and its `sequence` as SEQUENCE, so a calendar updates the
event it has instead of adding another; a dropped meeting (or one of a mentorship that ended) stays in the
feed as STATUS:CANCELLED; one the pair held on another day (a log made it held) moves to that day. A
meeting with a time starts then in Europe/Stockholm and lasts an hour; without a time, and for a common
meeting only planned in the set-up (not yet scheduled), it is an all-day event.
Texts in the active language.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from tandem.mentoring.models import Mentorship, Participant, PlannedMeeting
from tandem.mentoring.sections import scheduled_meetings
from tandem.programs.models import CommonMeeting

ZONE = ZoneInfo("Europe/Stockholm")
MEETING_LENGTH = timedelta(hours=1)


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "tandem.invalid"


def mentorships_of(participant: Participant):
    email = participant.email
    return Mentorship.objects.filter(
        Q(pair__mentee__email__iexact=email) | Q(pair__mentor__email__iexact=email)
    ).select_related("pair__program", "pair__mentee", "pair__mentor")


def feed(participant: Participant, *, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Tandem//Mentorship//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")  # a subscribed calendar: events to show, nothing to answer
    calendar.add("x-wr-calname", _("My mentorship"))
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    host = _host()
    mentorships = list(mentorships_of(participant))
    planned = (
        PlannedMeeting.objects.filter(mentorship__in=mentorships)
        .annotate(held_on=F("log__held_on"))
        .order_by("planned_on", "id")
    )
    by_pk = {m.pk: m for m in mentorships}
    for meeting in planned:
        mentorship = by_pk[meeting.mentorship_id]
        pair = mentorship.pair
        mine_is_mentee = pair.mentee.email.strip().lower() == participant.email
        other = pair.mentor if mine_is_mentee else pair.mentee
        event = Event()
        event.add("uid", f"planned-meeting-{meeting.pk}@{host}")
        event.add("sequence", meeting.sequence)
        event.add("dtstamp", now)
        event.add("summary", _("Mentorship meeting with %(name)s") % {"name": other.first_name})
        held_elsewhen = meeting.held_on is not None and meeting.held_on != meeting.planned_on
        if held_elsewhen:  # held on another day (its log says which, not at what time): that whole day
            event.add("dtstart", meeting.held_on)
            event.add("dtend", meeting.held_on + timedelta(days=1))
        elif meeting.starts_at is not None:
            start = datetime.combine(meeting.planned_on, meeting.starts_at, tzinfo=ZONE)
            event.add("dtstart", start)
            event.add("dtend", start + MEETING_LENGTH)
        else:
            event.add("dtstart", meeting.planned_on)
            event.add("dtend", meeting.planned_on + timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        cancelled = meeting.dropped_at is not None or not mentorship.is_open
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("url", settings.SITE_URL + f"/space/{mentorship.pk}/meetings/")
        calendar.add_component(event)
    programs = {m.pair.program_id: m.pair.program for m in mentorships if m.is_open}
    my_sides: dict[int, set[str]] = {}  # program → the sides the participant is on in its open pairs
    for mentorship in mentorships:
        if mentorship.is_open:
            pair = mentorship.pair
            side = "mentee" if pair.mentee.email.strip().lower() == participant.email else "mentor"
            my_sides.setdefault(pair.program_id, set()).add(side)
    scheduled = scheduled_meetings(programs.values())
    made_real = {meeting.plan_id for meeting in scheduled if meeting.plan_id is not None}
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or 'tandem@localhost'}")
    for common_meeting in scheduled:  # as the coordinators scheduled them: the same UID as their invitations
        if not any(common_meeting.is_for(side) for side in my_sides.get(common_meeting.program_id, ())):
            continue  # a meeting for the other side (or the working group only) is not theirs
        event = Event()
        event.add("uid", common_meeting.uid)
        event.add("sequence", common_meeting.sequence)
        event.add("dtstamp", now)
        event.add("summary", f"{common_meeting.title} – {programs[common_meeting.program_id].name}")
        event.add("dtstart", common_meeting.starts_at.astimezone(ZONE))
        event.add("dtend", common_meeting.ends_at.astimezone(ZONE))
        if common_meeting.place:
            event.add("location", common_meeting.place)
        event.add("organizer", organizer)
        event.add("status", "CANCELLED" if common_meeting.cancelled else "CONFIRMED")
        calendar.add_component(event)
    for common in CommonMeeting.objects.filter(program_id__in=programs).order_by("week_offset", "id"):
        common.program = programs[common.program_id]
        day: date | None = common.planned_date
        if day is None or common.pk in made_real:
            continue
        event = Event()
        event.add("uid", f"common-meeting-{common.pk}@{host}")
        event.add("dtstamp", now)
        event.add("summary", f"{common} – {common.program.name}")
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

"""The calendar file (iCalendar, RFC 5545) attached to invitations, updates and cancellations.

One VEVENT per common meeting with its stable UID; SEQUENCE grows with each change, so Outlook, Google
and Apple calendars replace the event they have. Times are written in Europe/Stockholm with its VTIMEZONE.
"""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from tandem.gatherings.models import Gathering

STOCKHOLM = ZoneInfo("Europe/Stockholm")
REQUEST, CANCEL = "REQUEST", "CANCEL"


def organizer_address() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "tandem@localhost"


def calendar_for(gathering: Gathering, *, method: str, now: datetime, attendee: str = "") -> str:
    """The iCalendar text of `gathering` for `method` (REQUEST or CANCEL), to `attendee` if given."""
    calendar = Calendar()
    calendar.add("prodid", "-//Tandem//Common meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    starts = gathering.starts_at.astimezone(STOCKHOLM)
    ends = gathering.ends_at.astimezone(STOCKHOLM)
    first, last = date(starts.year - 1, 1, 1), date(ends.year + 1, 12, 31)
    calendar.add_component(Timezone.from_tzid("Europe/Stockholm", first_date=first, last_date=last))
    event = Event()
    event.add("uid", gathering.uid)
    event.add("dtstamp", now)
    event.add("sequence", gathering.sequence)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("summary", f"{gathering.shown_title} – {gathering.program.name}")
    if gathering.place:
        event.add("location", gathering.place)
    elif gathering.video_link:
        event.add("location", gathering.video_link)
    description = "\n\n".join(part for part in (gathering.agenda, gathering.video_link) if part)
    if description:
        event.add("description", description)
    if gathering.video_link:
        event.add("url", gathering.video_link)
    organizer = vCalAddress(f"mailto:{organizer_address()}")
    organizer.params["cn"] = vText(gathering.program.name)
    event.add("organizer", organizer)
    if attendee:
        person = vCalAddress(f"mailto:{attendee}")
        person.params["role"] = vText("REQ-PARTICIPANT")
        person.params["rsvp"] = vText("FALSE")
        event.add("attendee", person)
    cancelled = method == CANCEL or gathering.is_cancelled
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()

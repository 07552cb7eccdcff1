from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar

from tandem.gatherings import services
from tandem.gatherings.models import Gathering
from tandem.outbox.models import OutboxMessage


def a_meeting(program, *, now: datetime, days: int = 10, **fields) -> Gathering:
    values = {
        "kind": "kickoff",
        "title": "Uppstartsträff",
        "starts_at": (now + timedelta(days=days)).replace(microsecond=0),
        "place": "Folkets hus, Järntorget 1, Göteborg",
    }
    return Gathering.objects.create(program=program, **{**values, **fields})


def calendar_of(message: OutboxMessage) -> Calendar:
    assert message.attachment_type.startswith("text/calendar")
    return Calendar.from_ical(message.attachment_text)


def event_of(message: OutboxMessage):
    [event] = calendar_of(message).walk("VEVENT")
    return event


def invited(gathering: Gathering, *, now: datetime) -> int:
    return services.invite(gathering, by=None, now=now)

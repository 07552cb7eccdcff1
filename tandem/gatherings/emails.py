"""The e-mails of common meetings, each in the invitee's language, with the calendar file attached.

Built without storing (`build_*`), so that many can be stored at once with `queue_prepared`.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse

from tandem.gatherings import ics
from tandem.gatherings.models import Gathering, Invitation
from tandem.outbox.emails import build_templated_email
from tandem.outbox.models import OutboxMessage

LANGUAGES = ("sv", "en", "ar")
INVITATION, UPDATE, CANCELLATION, REMINDER = "invitation", "update", "cancellation", "reminder"


def language_of(invitation: Invitation) -> str:
    return invitation.language if invitation.language in LANGUAGES else "sv"


def rsvp_url(invitation: Invitation, answer: str = "") -> str:
    url = settings.SITE_URL.rstrip("/") + reverse("rsvp:answer", kwargs={"token": invitation.token})
    return f"{url}?answer={answer}" if answer else url


def build_email(invitation: Invitation, what: str, *, now: datetime) -> OutboxMessage:
    """The invitation, update, cancellation or reminder to one invitee, with the calendar file."""
    gathering: Gathering = invitation.gathering
    template = "gatherings/emails/cancellation" if what == CANCELLATION else "gatherings/emails/invitation"
    message = build_templated_email(
        template,
        to=invitation.email,
        context={
            "what": what,
            "name": invitation.name.split(" ")[0],
            "gathering": gathering,
            "program": gathering.program,
            "answer": invitation.answer,
            "rsvp_url": rsvp_url(invitation),
            "yes_url": rsvp_url(invitation, "yes"),
            "no_url": rsvp_url(invitation, "no"),
            "maybe_url": rsvp_url(invitation, "maybe"),
        },
        language=language_of(invitation),
        program=gathering.program,
    )
    method = ics.CANCEL if what == CANCELLATION else ics.REQUEST
    calendar = ics.calendar_for(gathering, method=method, now=now, attendee=invitation.email)
    message.attach_text("meeting.ics", calendar, f"text/calendar; method={method}")
    return message

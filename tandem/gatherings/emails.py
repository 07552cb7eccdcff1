"""The e-mails of common meetings, each in the invitee's language, with the calendar file attached.

Built without storing (`build_*`), so that many can be stored at once with `queue_prepared`.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from tandem.applications.models import Application
from tandem.gatherings import ics
from tandem.gatherings.models import Gathering, Invitation
from tandem.mentoring.models import Mentorship, Participant
from tandem.mentoring.signin import participant_for, space_link
from tandem.outbox.emails import build_templated_email
from tandem.outbox.models import OutboxMessage

LANGUAGES = ("sv", "en", "ar")
INVITATION, UPDATE, CANCELLATION, REMINDER = "invitation", "update", "cancellation", "reminder"


def language_of(invitation: Invitation) -> str:
    return invitation.language if invitation.language in LANGUAGES else "sv"


def rsvp_url(invitation: Invitation, answer: str = "") -> str:
    url = settings.SITE_URL.rstrip("/") + reverse("rsvp:answer", kwargs={"token": invitation.token})
    return f"{url}?answer={answer}" if answer else url


def space_links(gathering: Gathering, invitations: list[Invitation], *, now: datetime) -> dict[int, str]:
    """A sign-in link to the space for each invited mentor and mentee who has one (a running or paused
    pair in the meeting's program), leading to their answer page there: invitation pk → URL. Like the
    space's own e-mails, each link works once within 72 hours (`signin.space_link`)."""
    wanted = {
        i.email: i
        for i in invitations
        if i.email and i.role in (Invitation.Role.MENTEE, Invitation.Role.MENTOR)
    }
    if not wanted:
        return {}
    mentorships = (
        Mentorship.objects.filter(
            pair__program_id=gathering.program_id,
            status__in=[Mentorship.Status.RUNNING, Mentorship.Status.PAUSED],
        )
        .annotate(mentee_email=Lower("pair__mentee__email"), mentor_email=Lower("pair__mentor__email"))
        .filter(Q(mentee_email__in=list(wanted)) | Q(mentor_email__in=list(wanted)))
        .select_related("pair__mentee", "pair__mentor")
        .order_by("pk")
    )
    found: dict[str, tuple[int, Application]] = {}  # e-mail → (mentorship pk, application)
    for mentorship in mentorships:
        for person in (mentorship.pair.mentee, mentorship.pair.mentor):
            email = person.email.strip().lower()
            if email in wanted:
                found.setdefault(email, (mentorship.pk, person))
    participants = {p.email: p for p in Participant.objects.filter(email__in=list(found))}
    links = {}
    for email, (mentorship_pk, person) in found.items():
        participant = participants.get(email) or participant_for(person)
        invitation = wanted[email]
        next_path = reverse(
            "space_meetings:answer", kwargs={"pk": mentorship_pk, "invitation": invitation.pk}
        )
        links[invitation.pk] = space_link(participant, now=now, next_path=next_path)
    return links


def build_emails(invitations: list[Invitation], what: str, *, now: datetime) -> list[OutboxMessage]:
    """`build_email` for each of one meeting's invitations, with the space links of those who have one."""
    if not invitations:
        return []
    links = space_links(invitations[0].gathering, invitations, now=now) if what != CANCELLATION else {}
    # The language a participant chose in their space since they were invited wins.
    chosen = dict(
        Participant.objects.filter(email__in=[i.email for i in invitations if i.email]).values_list(
            "email", "language"
        )
    )
    for invitation in invitations:
        invitation.language = chosen.get(invitation.email, invitation.language)
    return [build_email(i, what, now=now, space_url=links.get(i.pk, "")) for i in invitations]


def build_email(invitation: Invitation, what: str, *, now: datetime, space_url: str = "") -> OutboxMessage:
    """The invitation, update, cancellation or reminder to one invitee, with the calendar file; with a
    sign-in link to their space (`space_links`) for a participant who has one."""
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
            "space_url": space_url,
        },
        language=language_of(invitation),
        program=gathering.program,
    )
    method = ics.CANCEL if what == CANCELLATION else ics.REQUEST
    calendar = ics.calendar_for(gathering, method=method, now=now, attendee=invitation.email)
    message.attach_text("meeting.ics", calendar, f"text/calendar; method={method}")
    return message

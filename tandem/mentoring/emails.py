"""E-mails of the pair's space, one function each: the sign-in link (to a participant, in their language)
and the notice to the coordinators that a pair asked for help, paused or ended (in the coordinator's
language, and with no content: the text is read in Tandem)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from tandem.outbox.emails import send_templated_email
from tandem.programs.models import ProgramRole


def send_sign_in_link(participant, *, url: str, language: str) -> None:
    """Your link to sign in to your mentorship space (works once, for 30 minutes)."""
    send_templated_email(
        "mentoring/emails/sign_in_link",
        to=participant.email,
        context={"sign_in_url": url},
        language=language,
    )


def send_coordinator_notice(mentorship, *, event: str) -> None:
    """A pair in <program> asked for help (or paused, or ended): read it in Tandem. ``event``: "help",
    "paused" or "ended". One e-mail per coordinator and partner coordinator of the program."""
    program = mentorship.pair.program
    roles = ProgramRole.objects.filter(
        program=program,
        role__in=[ProgramRole.Role.COORDINATOR, ProgramRole.Role.PARTNER_COORDINATOR],
        user__is_active=True,
    ).select_related("user")
    url = settings.SITE_URL + reverse("mentoring:pair", args=[program.pk, mentorship.pk])
    for role in roles:
        send_templated_email(
            "mentoring/emails/coordinator_notice",
            to=role.user.email,
            context={"program_name": program.name, "pair_url": url, "event": event},
            language=role.user.language,
            program=program,
        )


# --- Reminders to the pair (tandem.mentoring.reminders) -----------------------------------------------


def _to_participant(template: str, participant, *, mentorship, side: str, now, next_path: str, **context):
    """One reminder to one side, in their language, with a fresh sign-in link to the page it is about."""
    from tandem.mentoring.signin import space_link  # signin sends the sign-in e-mail through this module

    pair = mentorship.pair
    other = pair.person("mentor" if side == "mentee" else "mentee")
    send_templated_email(
        template,
        to=participant.email,
        context={
            "first_name": pair.person(side).first_name,
            "other_first_name": other.first_name,
            "side": side,
            "program_name": pair.program.name,
            "space_url": space_link(participant, now=now, next_path=next_path),
            **context,
        },
        language=participant.language,
        program=pair.program,
    )


def send_meeting_reminder(participant, *, meeting, side: str, now) -> None:
    """You meet <other> on <day> (a few days before a planned meeting)."""
    mentorship = meeting.mentorship
    _to_participant(
        "mentoring/emails/meeting_reminder",
        participant,
        mentorship=mentorship,
        side=side,
        now=now,
        next_path=reverse("space:meetings", args=[mentorship.pk]),
        meeting=meeting,
    )


def send_did_you_meet(participant, *, meeting, side: str, now) -> None:
    """Did you meet <other> on <day>? Log it in a minute (after a planned day passed without a log)."""
    mentorship = meeting.mentorship
    _to_participant(
        "mentoring/emails/did_you_meet",
        participant,
        mentorship=mentorship,
        side=side,
        now=now,
        next_path=reverse("space:meetings", args=[mentorship.pk]) + f"?planned={meeting.pk}",
        meeting=meeting,
    )


def send_nudge(participant, *, mentorship, side: str, weeks: int, now) -> None:
    """It is a while since you logged a meeting (a running pair quiet for the program's quiet_weeks)."""
    _to_participant(
        "mentoring/emails/nudge",
        participant,
        mentorship=mentorship,
        side=side,
        now=now,
        next_path=reverse("space:meetings", args=[mentorship.pk]),
        weeks=weeks,
    )


# --- The program closes (tandem.mentoring.closing) -------------------------------------------------------

GOODBYE = "mentoring/emails/goodbye"


def send_goodbye(mentorship) -> None:
    """The program has ended, and with it the mentorship: a thank-you to each side, in their language."""
    from tandem.pairs.emails import participant_language

    pair = mentorship.pair
    for side, other in (("mentee", "mentor"), ("mentor", "mentee")):
        person = pair.person(side)
        send_templated_email(
            GOODBYE,
            to=person.email,
            context={
                "first_name": person.first_name,
                "other_first_name": pair.person(other).first_name,
                "side": side,
                "program_name": pair.program.name,
                "organisation_name": pair.program.organisation.name,
            },
            language=participant_language(person),
            program=pair.program,
        )

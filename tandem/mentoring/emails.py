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

"""The invitation to a round and its reminders, in the person's language, with the personal link and
the code for the on-site link. Built without storing, so many can be queued at once."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from tandem.followup.models import Invitation, Round
from tandem.outbox.emails import build_templated_email
from tandem.outbox.models import OutboxMessage

LANGUAGES = ("sv", "en", "ar")
INVITATION, REMINDER = "invitation", "reminder"


def language_of(invitation: Invitation) -> str:
    return invitation.language if invitation.language in LANGUAGES else "sv"


def survey_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("survey:answer", kwargs={"token": invitation.token})


def build_email(invitation: Invitation, round_: Round, what: str) -> OutboxMessage:
    return build_templated_email(
        "followup/emails/invitation",
        to=invitation.email,
        context={
            "what": what,
            "name": invitation.name.split(" ")[0],
            "program": round_.program,
            "round": round_,
            "url": survey_url(invitation),
            "code": invitation.code,
            "closes_on": round_.closes_on - timedelta(days=1),  # the last day it is open
        },
        language=language_of(invitation),
        program=round_.program,
    )

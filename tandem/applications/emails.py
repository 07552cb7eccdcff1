"""E-mails to applicants, one function each, rendered in the applicant's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from tandem.outbox.emails import build_templated_email, send_templated_email
from tandem.outbox.models import OutboxMessage

RECEIVED = "applications/emails/received"
WITHDRAWN = "applications/emails/withdrawn"


def send_application_received(application) -> None:
    """The confirmation: reference number, what happens next, and the link to withdraw."""
    send_templated_email(
        RECEIVED,
        to=application.email,
        context=_received_context(application),
        language=application.language,
        program=application.program,
    )


def send_withdrawal_confirmed(application) -> None:
    """The receipt of a withdrawal the applicant made through their link."""
    form = application.form
    send_templated_email(
        WITHDRAWN,
        to=application.email,
        context={
            "application": application,
            "program_name": application.program.name,
            "reference": application.reference,
            "contact_email": form.contact_email if form else "",
        },
        language=application.language,
        program=application.program,
    )


def prepare_application_received(application) -> OutboxMessage:
    """The confirmation `send_application_received` queues, rendered but not stored, for an application
    that need not be stored yet (it uses no id): many are stored at once with `outbox.services.queue_prepared`
    (see `applications.bulk`)."""
    return build_templated_email(
        RECEIVED,
        to=application.email,
        context=_received_context(application),
        language=application.language,
        program=application.program,
    )


def _received_context(application) -> dict[str, Any]:
    form = application.form
    return {
        "application": application,
        "program_name": application.program.name,
        "reference": application.reference,
        "contact_email": form.contact_email if form else "",
        "answer_date": form.answer_date() if form else None,
        "withdraw_url": settings.SITE_URL + reverse("apply:withdraw", args=[application.withdraw_token]),
    }


PLACE_OFFER = "applications/emails/place_offer"


def prepare_place_offer(offer) -> OutboxMessage:
    """The offer of a place in the next cohort to a waitlisted applicant, with the link to accept it."""
    application = offer.application
    return build_templated_email(
        PLACE_OFFER,
        to=application.email,
        context={
            "application": application,
            "old_program_name": application.program.name,
            "program_name": offer.program.name,
            "accept_url": settings.SITE_URL + reverse("apply:offer", args=[offer.token]),
        },
        language=application.language,
        program=offer.program,
    )

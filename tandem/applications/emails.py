"""E-mails to applicants, one function each, rendered in the applicant's language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from tandem.lib.emails import send_templated_email


def send_application_received(application) -> None:
    """The confirmation: reference number, what happens next, and the link to withdraw."""
    form = application.form
    send_templated_email(
        "applications/emails/received",
        to=application.email,
        context={
            "application": application,
            "program_name": application.program.name,
            "reference": application.reference,
            "contact_email": form.contact_email if form else "",
            "withdraw_url": settings.SITE_URL + reverse("apply:withdraw", args=[application.withdraw_token]),
        },
        language=application.language,
        program=application.program,
    )

"""The e-mails accounts sends: one function per e-mail, each rendered in the recipient's language.

Each e-mail has three templates under ``accounts/emails/``: ``<name>_subject.txt``, ``<name>.txt``
and ``<name>.html``. The outbox stores the message in the caller's transaction and the worker
delivers it after the commit.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tandem.accounts.models import Invitation, Organisation, User
from tandem.outbox.services import queue_email


def _send(
    name: str, *, to: str, language: str, context: dict[str, Any], organisation: Organisation | None = None
) -> None:
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_to_string(f"accounts/emails/{name}_subject.txt", context)
        text = render_to_string(f"accounts/emails/{name}.txt", context)
        html = render_to_string(f"accounts/emails/{name}.html", context)
    queue_email(
        to=[to],
        subject=" ".join(subject.split()),  # a subject is one line
        text=text,
        html=html,
        kind=f"accounts/{name}",
        organisation=organisation,
    )


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def send_password_reset(user: User, *, uid: str, token: str) -> None:
    """The link to choose a new password, in the language the person saved, not the request's."""
    link = absolute_url(reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}))
    _send(
        "password_reset",
        to=user.email,
        language=user.language,
        context={"user": user, "link": link, "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
    )


def invitation_link(invitation: Invitation) -> str:
    return absolute_url(reverse("accounts:invitation_accept", kwargs={"token": invitation.token}))


def send_invitation(invitation: Invitation) -> None:
    """The invitation in the language the admin chose for it."""
    _send(
        "invitation",
        to=invitation.email,
        language=invitation.language,
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "invited_by": invitation.invited_by,
            "link": invitation_link(invitation),
        },
        organisation=invitation.organisation,
    )

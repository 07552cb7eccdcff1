"""The e-mails accounts sends: one function per e-mail, each rendered in the recipient's language.

Each e-mail has three templates under ``accounts/emails/``: ``<name>_subject.txt``, ``<name>.txt``
and ``<name>.html``, rendered and queued by ``tandem.outbox.emails.send_templated_email``.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from tandem.accounts.models import Invitation, User
from tandem.outbox.emails import send_templated_email


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def send_password_reset(user: User, *, uid: str, token: str) -> None:
    """The link to choose a new password, in the language the person saved, not the request's."""
    link = absolute_url(reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}))
    send_templated_email(
        "accounts/emails/password_reset",
        to=user.email,
        context={"user": user, "link": link, "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        language=user.language,
    )


def invitation_link(invitation: Invitation) -> str:
    return absolute_url(reverse("accounts:invitation_accept", kwargs={"token": invitation.token}))


def send_invitation(invitation: Invitation) -> None:
    """The invitation in the language the admin chose for it."""
    send_templated_email(
        "accounts/emails/invitation",
        to=invitation.email,
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "invited_by": invitation.invited_by,
            "link": invitation_link(invitation),
        },
        language=invitation.language,
        organisation=invitation.organisation,
    )

"""Who gets which status on accounts' URLs (walked by tandem/lib/tests/test_permissions.py).

The organisation is `org`: `admin` is its admin; `coordinator` and `viewer` are plain members (403 on
admin pages); `partner_coordinator` and `outsider` belong to other organisations (404).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.accounts.models import Invitation
from tandem.lib.testing.access import Row, statuses

ORG_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=404, viewer=200, outsider=404)
ORG_ADMIN_PAGE = statuses(admin=200, coordinator=403, partner_coordinator=404, viewer=403, outsider=404)
ORG_ADMIN_CHANGE = statuses(admin=302, coordinator=403, partner_coordinator=404, viewer=403, outsider=404)
EVERYONE_SIGNED_IN = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200)
OPEN_TO_ALL = statuses(
    admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200, anonymous=200
)


def org_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["org"].pk}


def viewer_membership_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["org"].pk, "membership_pk": world["viewer"].memberships.get().pk}


def add_invitation(world: dict[str, Any]) -> None:
    now = timezone.now()
    invitation = Invitation(
        organisation=world["org"],
        email="newcomer@framat.example",
        invited_by=world["admin"],
        expires_at=Invitation.default_expiry(now),
    )
    invitation.new_token()
    invitation.save()
    world["invitation"] = invitation


def invitation_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["org"].pk, "invitation_pk": world["invitation"].pk}


ROWS = [
    # Log-in: signed-in people are sent on to the program list.
    Row(
        "accounts:login",
        statuses(
            admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302, anonymous=200
        ),
    ),
    Row(
        "accounts:logout",
        statuses(admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302),
        method="POST",
    ),
    Row("accounts:password_reset", OPEN_TO_ALL),
    Row("accounts:password_reset_done", OPEN_TO_ALL),
    Row(
        "accounts:password_reset_confirm",
        OPEN_TO_ALL,
        kwargs=lambda world: {"uidb64": "MQ", "token": "not-a-token"},
        note="a broken link shows the 'no longer works' page",
    ),
    Row("accounts:password_reset_complete", OPEN_TO_ALL),
    Row("accounts:me", EVERYONE_SIGNED_IN),
    Row(
        "accounts:organisations",
        statuses(admin=302, coordinator=302, partner_coordinator=302, viewer=302, outsider=302),
        note="each of the cast has one organisation, so the list goes straight to it",
    ),
    Row("organisations:detail", ORG_PAGE, kwargs=org_kwargs),
    Row("organisations:people", ORG_ADMIN_PAGE, kwargs=org_kwargs),
    Row("accounts:membership_grant_admin", ORG_ADMIN_CHANGE, kwargs=viewer_membership_kwargs, method="POST"),
    Row("accounts:membership_revoke_admin", ORG_ADMIN_CHANGE, kwargs=viewer_membership_kwargs, method="POST"),
    Row("organisations:membership_remove", ORG_ADMIN_PAGE, kwargs=viewer_membership_kwargs),
    Row("organisations:membership_remove", ORG_ADMIN_CHANGE, kwargs=viewer_membership_kwargs, method="POST"),
    Row("accounts:organisation_settings", ORG_ADMIN_PAGE, kwargs=org_kwargs),
    Row(
        "accounts:organisation_settings",
        ORG_ADMIN_CHANGE,
        kwargs=org_kwargs,
        method="POST",
        data=lambda world: {"email_sender_name": "Framåt", "reply_to_email": "mentor@framat.example"},
    ),
    # The accessibility statement is public, like the pages that link to it.
    Row("accessibility", OPEN_TO_ALL, kwargs=lambda world: {"lang": "ar"}),
    Row(
        "accessibility_organisation", OPEN_TO_ALL, kwargs=lambda world: {"pk": world["org"].pk, "lang": "en"}
    ),
    Row("accounts:invitations", ORG_ADMIN_PAGE, kwargs=org_kwargs),
    Row(
        "accounts:invitations",
        ORG_ADMIN_CHANGE,
        kwargs=org_kwargs,
        method="POST",
        data=lambda world: {"email": "colleague@framat.example", "language": "sv"},
    ),
    Row(
        "accounts:invitation_resend",
        ORG_ADMIN_CHANGE,
        kwargs=invitation_kwargs,
        method="POST",
        setup=add_invitation,
    ),
    Row(
        "accounts:invitation_revoke",
        ORG_ADMIN_CHANGE,
        kwargs=invitation_kwargs,
        method="POST",
        setup=add_invitation,
    ),
    Row(
        "accounts:invitation_accept",
        OPEN_TO_ALL,
        kwargs=lambda world: {"token": world["invitation"].token},
        setup=add_invitation,
        note="anonymous: the new-account form; signed in as someone else: a page saying so",
    ),
]

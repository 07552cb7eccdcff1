"""Workflows of accounts: invitations, organisation admins, members, a person's own settings.

Each function is one decision, atomic, and (for staff decisions) written to the audit trail with
ids only. Rules a person can break (the last admin, a closed invitation) raise an `AccountsError`
subclass, which the view turns into a message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction

from tandem.accounts import emails
from tandem.accounts.models import Invitation, Membership, Organisation, User
from tandem.audit.services import log_action


class AccountsError(Exception):
    """A rule of accounts said no; nothing was changed."""


class LastAdminError(AccountsError):
    """An organisation must keep at least one admin."""


class InvitationClosedError(AccountsError):
    """The invitation was accepted, revoked or has expired."""


class WrongAccountError(AccountsError):
    """The signed-in person is not the one the invitation was sent to."""


# --- Invitations -----------------------------------------------------------------------------


@transaction.atomic
def invite_colleague(
    organisation: Organisation, *, email: str, is_admin: bool, language: str, by: User, now: datetime
) -> Invitation:
    """Create an invitation and e-mail it (the outbox stores the e-mail in the same transaction)."""
    invitation = Invitation(
        organisation=organisation,
        email=email.strip().lower(),
        is_admin=is_admin,
        language=language,
        invited_by=by,
        created_at=now,
        expires_at=Invitation.default_expiry(now),
    )
    invitation.new_token()
    invitation.save()
    emails.send_invitation(invitation)
    log_action(
        "invitation.sent",
        actor=by,
        organisation=organisation,
        target=invitation,
        data={"is_admin": is_admin, "language": language},
        now=now,
    )
    return invitation


@transaction.atomic
def resend_invitation(invitation: Invitation, *, by: User, now: datetime) -> Invitation:
    """Send a new link, valid for a full period from now (also reopens an expired one). Only the hash of
    a link is stored, so the earlier link cannot be sent again; it stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise InvitationClosedError
    invitation.expires_at = Invitation.default_expiry(now)
    invitation.new_token()
    invitation.save(update_fields=["expires_at", "token_hash"])
    emails.send_invitation(invitation)
    log_action(
        "invitation.resent", actor=by, organisation=invitation.organisation, target=invitation, now=now
    )
    return invitation


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: User, now: datetime) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationClosedError
    if invitation.revoked_at is None:
        invitation.revoked_at = now
        invitation.save(update_fields=["revoked_at"])
        log_action(
            "invitation.revoked", actor=by, organisation=invitation.organisation, target=invitation, now=now
        )
    return invitation


def _lock_open_invitation(token: str, now: datetime) -> Invitation:
    """The invitation, locked for this transaction, so that a double submit joins only once."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .by_token(token)
        .get()
    )
    if not invitation.is_open(now):
        raise InvitationClosedError
    return invitation


def _join(invitation: Invitation, user: User, *, now: datetime, new_user: bool) -> Membership:
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation,
        user=user,
        defaults={"is_admin": invitation.is_admin, "created_at": now},
    )
    if not created and invitation.is_admin and not membership.is_admin:
        membership.is_admin = True
        membership.save(update_fields=["is_admin"])
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    log_action(
        "invitation.accepted",
        actor=user,
        organisation=invitation.organisation,
        target=invitation,
        data={"membership_id": membership.pk, "user_id": user.pk, "new_user": new_user},
        now=now,
    )
    return membership


@transaction.atomic
def accept_invitation(token: str, *, user: User, now: datetime) -> Membership:
    """A person who already has an account, signed in as the invited address, joins."""
    invitation = _lock_open_invitation(token, now)
    if user.email.lower() != invitation.email.lower():
        raise WrongAccountError
    return _join(invitation, user, now=now, new_user=False)


@transaction.atomic
def create_account_from_invitation(
    token: str, *, full_name: str, password: str, language: str, now: datetime
) -> User | None:
    """A new person makes their account from the invitation; they join once they have logged in.

    When the address has an account already, nothing is made (None) and the caller answers exactly as
    for a new person ("now log in to join"): whoever holds the link learns nothing about the address.
    Either way one password hash is made, so the answer takes as long."""
    invitation = _lock_open_invitation(token, now)
    if User.objects.filter(email__iexact=invitation.email).exists():
        make_password(password)  # the same work as creating the account
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                invitation.email, password, full_name=full_name.strip(), language=language, date_joined=now
            )
    except IntegrityError:  # the same address signed up a moment ago
        return None
    log_action(
        "invitation.account_created",
        actor=user,
        organisation=invitation.organisation,
        target=invitation,
        data={"user_id": user.pk},
        now=now,
    )
    return user


# --- Organisation admins and members --------------------------------------------------------


def _lock_admins(organisation: Organisation) -> list[int]:
    """Lock the organisation's admin rows so that two admins cannot demote each other at once."""
    return list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, is_admin=True)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def grant_admin(membership: Membership, *, by: User, now: datetime) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_admin:
        membership.is_admin = True
        membership.save(update_fields=["is_admin"])
        log_action(
            "membership.admin_granted",
            actor=by,
            organisation=membership.organisation,
            target=membership,
            data={"user_id": membership.user_id},
            now=now,
        )
    return membership


@transaction.atomic
def revoke_admin(membership: Membership, *, by: User, now: datetime) -> Membership:
    admins = _lock_admins(membership.organisation)
    membership = Membership.objects.get(pk=membership.pk)
    if not membership.is_admin:
        return membership
    if admins == [membership.pk]:
        raise LastAdminError
    membership.is_admin = False
    membership.save(update_fields=["is_admin"])
    log_action(
        "membership.admin_revoked",
        actor=by,
        organisation=membership.organisation,
        target=membership,
        data={"user_id": membership.user_id},
        now=now,
    )
    return membership


@transaction.atomic
def remove_member(
    membership: Membership,
    *,
    by: User,
    now: datetime,
    also: Callable[[Membership], dict[str, Any]],
) -> Membership:
    """Remove a person from the organisation (never its last admin).

    What they hold through the membership lives in the apps above this one: `also(membership)` takes it
    away, in the same transaction once the removal is allowed, and returns what the audit entry should
    say about it. Call `tandem.programs.services.remove_member`, which hands in taking the program roles.
    """
    admins = _lock_admins(membership.organisation)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if admins == [membership.pk]:
        raise LastAdminError
    removed = also(membership)
    log_action(
        "membership.removed",
        actor=by,
        organisation=membership.organisation,
        target=membership,
        data={"user_id": membership.user_id, "was_admin": membership.is_admin, **removed},
        now=now,
    )
    membership.delete()
    return membership


# --- A person's own settings ------------------------------------------------------------------


@transaction.atomic
def update_profile(user: User, *, full_name: str, language: str) -> User:
    user.full_name = full_name.strip()
    user.language = language
    user.save(update_fields=["full_name", "language"])
    return user


def remember_language(user: User, language: str) -> None:
    """Save the language a signed-in person chose, for their next log-in anywhere."""
    if user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language


ORGANISATION_SETTINGS = (
    "email_sender_name",
    "reply_to_email",
    "accessibility_email",
    "accessibility_phone",
    "accessibility_reviewed_on",
)


def update_organisation_settings(
    organisation: Organisation, *, changes: dict[str, Any], by: User, now: datetime
) -> Organisation:
    """Save the organisation's sender and accessibility contact; the audit names the fields changed (not
    their values: they may be a person's address)."""
    changed = sorted(
        name
        for name in ORGANISATION_SETTINGS
        if name in changes and getattr(organisation, name) != changes[name]
    )
    if not changed:
        return organisation
    with transaction.atomic():
        for name in changed:
            setattr(organisation, name, changes[name])
        organisation.save(update_fields=changed)
        log_action(
            "organisation.settings_changed",
            actor=by,
            organisation=organisation,
            data={"fields": changed},
            now=now,
        )
    return organisation

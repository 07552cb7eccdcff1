"""Staff's second factor: setting up an authenticator app, checking codes, recovery codes, resets.

The devices are django-otp's: a `TOTPDevice` (the authenticator app) and a `StaticDevice` whose tokens
are the person's single-use recovery codes (stored as keyed hashes). A person has both, confirmed, or
none.

Who must have one: organisation admins and program coordinators (`is_required`); everyone else may turn
it on. The demo's accounts are exempt (`Exemption`, made only by `tandem.demo`).

A session that passed the second factor carries the person's id under `VERIFIED_KEY`
(`mark_verified`); `tandem.mfa.middleware` sends a signed-in person without it to the code or the
set-up page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
from datetime import datetime, timedelta
from enum import Enum

import segno
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.accounts.models import Membership, Organisation, User
from tandem.audit.services import log_action
from tandem.lib.throttle import count, peek
from tandem.mfa.models import Exemption
from tandem.programs.models import ProgramRole

VERIFIED_KEY = "tandem_mfa_verified"  # the id of the person whose second factor this session passed
RECOVERY_CODE_COUNT = 10
ATTEMPT_WINDOW = timedelta(minutes=15)
DEVICE_NAME = "authenticator"


class State(Enum):
    """What a signed-in person without a verified session must do next."""

    VERIFY = "verify"  # type a code
    SET_UP = "set_up"  # set up an authenticator app first (required for their role)
    NOTHING = "nothing"  # no second factor, and none required


# --- Who needs what ----------------------------------------------------------------------------


def is_required(user: User) -> bool:
    """Organisation admins and program coordinators must use a second factor."""
    return (
        Membership.objects.filter(user=user, is_admin=True).exists()
        or ProgramRole.objects.filter(user=user, role=ProgramRole.Role.COORDINATOR).exists()
    )


def is_exempt(user: User) -> bool:
    return Exemption.objects.filter(user=user).exists()


def confirmed_authenticator(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def state_of(user: User) -> State:
    if has_second_factor(user):
        return State.VERIFY
    if is_required(user) and not is_exempt(user):
        return State.SET_UP
    return State.NOTHING


def remaining_recovery_codes(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- The session ---------------------------------------------------------------------------


def mark_verified(session: SessionBase, user: User) -> None:
    session[VERIFIED_KEY] = user.pk


def is_verified(session: SessionBase, user: User) -> bool:
    return session.get(VERIFIED_KEY) == user.pk


# --- Setting up --------------------------------------------------------------------------------


def pending_authenticator(user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret on every visit of the set-up page until it is
    confirmed (so a QR code scanned a minute ago still fits)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=DEVICE_NAME).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32 in groups of four, as an authenticator app asks for it."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The set-up link as an SVG QR code, to put into the page (no image URL: the CSP stays strict)."""
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        out, kind="svg", xmldecl=False, svgns=True, scale=5, border=2, svgclass="mfa-qr", lineclass=None
    )
    return out.getvalue().decode()


def stored_code(code: str) -> str:
    """How a recovery code is stored: a keyed hash (16 hex digits fit django-otp's token column), so that
    a copy of the database alone gives no code away."""
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()[:16]


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=stored_code(code)) for code in codes])
    return [pretty_code(code) for code in codes]


def pretty_code(code: str) -> str:
    """A recovery code as shown: "abcd-efgh"."""
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def confirm_authenticator(user: User, device: TOTPDevice, code: str, *, now: datetime) -> list[str] | None:
    """Turn the second factor on once the app's first code fits; the new recovery codes, or None when
    the code does not fit (nothing changes then)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    log_action("mfa.enabled", actor=user, target=user, data={"user_id": user.pk}, now=now)
    return codes


@transaction.atomic
def regenerate_recovery_codes(user: User, *, now: datetime) -> list[str]:
    """New recovery codes; the earlier ones stop working."""
    codes = _new_recovery_codes(user)
    log_action("mfa.recovery_codes_renewed", actor=user, target=user, data={"user_id": user.pk}, now=now)
    return codes


class SecondFactorRequiredError(Exception):
    """An admin or coordinator cannot turn their second factor off."""


@transaction.atomic
def turn_off(user: User, *, now: datetime) -> None:
    """Someone for whom it is optional turns their second factor off."""
    if is_required(user):
        raise SecondFactorRequiredError
    _remove_devices(user)
    log_action("mfa.disabled", actor=user, target=user, data={"user_id": user.pk}, now=now)


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def reset_for_member(membership: Membership, *, by: User, organisation: Organisation, now: datetime) -> None:
    """An organisation admin removes a member's second factor (a lost phone): the person sets up a new
    one at their next log-in (or may go without, if it is optional for them). Every session the person
    has open ends: whoever holds the lost phone and a signed-in browser must log in again."""
    _remove_devices(membership.user)
    membership.user.end_all_sessions()
    log_action(
        "mfa.reset",
        actor=by,
        organisation=organisation,
        target=membership,
        data={"user_id": membership.user_id},
        now=now,
    )


# --- Checking a code -------------------------------------------------------------------------


class Verdict(Enum):
    AUTHENTICATOR = "authenticator"
    RECOVERY_CODE = "recovery_code"
    WRONG = "wrong"
    PAUSED = "paused"  # too many wrong codes: nothing was checked


def _digits(code: str) -> str:
    return "".join(code.split())


def _attempt_keys(user: User, client: str) -> tuple[str, str]:
    return f"mfa:user:{user.pk}", f"mfa:client:{client}"


def is_paused(user: User, *, client: str, now: datetime | None = None) -> bool:
    user_key, client_key = _attempt_keys(user, client)
    return (
        peek(user_key, now=now) >= settings.MFA_CODE_ATTEMPT_LIMIT
        or peek(client_key, now=now) >= settings.MFA_CLIENT_ATTEMPT_LIMIT
    )


def check_code(user: User, code: str, *, client: str, now: datetime) -> Verdict:
    """Check a code from the authenticator app, or else a recovery code (which is used up).

    Wrong codes are counted per person and per client address; past the limits (15 minutes) nothing is
    checked at all, so guessing six digits stays hopeless."""
    if is_paused(user, client=client, now=now):
        return Verdict.PAUSED
    plain = _digits(code).lower()
    device = confirmed_authenticator(user)
    if device is not None and plain.isdigit() and device.verify_token(plain):
        log_action("mfa.verified", actor=user, target=user, data={"user_id": user.pk}, now=now)
        return Verdict.AUTHENTICATOR
    recovery = plain.replace("-", "")
    with transaction.atomic():
        static = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if static is not None and recovery and static.verify_token(stored_code(recovery)):
            log_action(
                "mfa.recovery_code_used",
                actor=user,
                target=user,
                data={"user_id": user.pk, "left": static.token_set.count()},
                now=now,
            )
            return Verdict.RECOVERY_CODE
    for key in _attempt_keys(user, client):
        count(key, window=ATTEMPT_WINDOW, now=now)
    return Verdict.WRONG

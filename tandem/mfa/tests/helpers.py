"""Codes as an authenticator app computes them, for the tests."""

from __future__ import annotations

import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_code(device: TOTPDevice) -> str:
    """The six digits the person's authenticator app shows now."""
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(6)


def code_for_secret(secret: str) -> str:
    """The code for a secret as the set-up page shows it for typing ("ABCD EFGH ...")."""
    import base64

    key = base64.b32decode(secret.replace(" ", ""))
    return str(totp(key, step=30, t0=0, digits=6)).zfill(6)


def shown_secret(html: str) -> str:
    match = re.search(r'id="secret">([A-Z2-7 ]+)<', html)
    assert match, "no secret on the page"
    return match.group(1)


def shown_recovery_codes(html: str) -> list[str]:
    return re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", html)

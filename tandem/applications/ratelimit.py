"""Plain limits on how often applications may be sent from one IP address and for one e-mail address,
and on how many CVs one address and one session may upload.

Counts live in the database (`tandem.lib.throttle`, a fixed one-hour window per key), so the
check-and-count is atomic with or without Redis. E-mail addresses are hashed before they become keys.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings

from tandem.lib.throttle import count, count_all, hashed, peek

WINDOW = timedelta(hours=1)


def allow_submission(ip_address: str, email: str, *, address_limit: int | None = None) -> bool:
    """Count one attempt to send; False when the client address made more than `address_limit` this hour
    (by default `APPLICATION_ADDRESS_RATE_LIMIT`: a class shares one address; the form may raise it) or
    the e-mail address more than `APPLICATION_RATE_LIMIT`."""
    limit = address_limit or settings.APPLICATION_ADDRESS_RATE_LIMIT
    return allow_attempt("apply", ip_address, email, settings.APPLICATION_RATE_LIMIT, ip_limit=limit)


def allow_attempt(
    scope: str, ip_address: str, email: str, limit: int, *, ip_limit: int | None = None
) -> bool:
    """Count one attempt of a kind (`scope`, e.g. "sign-in-link"); False when the e-mail address made more
    than `limit` of them this hour, or the client address more than `ip_limit` (by default `limit`)."""
    ip_key, email_key = f"{scope}:ip:{ip_address}", f"{scope}:email:{hashed(email)}"
    counts = count_all([ip_key, email_key], window=WINDOW)  # one transaction: the same order for both
    by_ip, by_email = counts[ip_key], counts[email_key]
    return by_ip <= (ip_limit or limit) and by_email <= limit


UPLOAD_SESSION_KEY = "tandem_upload_id"
UPLOAD_SESSION_WINDOW = timedelta(hours=12)
# A body this large carries a file: the limits are checked before it is read (and written to disk).
FILE_BODY_BYTES = 64 * 1024


def _upload_keys(ip_address: str, session) -> tuple[str, str]:
    if not session.get(UPLOAD_SESSION_KEY):
        session[UPLOAD_SESSION_KEY] = secrets.token_hex(16)
    return f"cv:ip:{ip_address}", f"cv:session:{session[UPLOAD_SESSION_KEY]}"


def uploads_exhausted(ip_address: str, session) -> bool:
    """True when this address or this session may not upload another CV now (nothing is counted)."""
    by_ip, by_session = _upload_keys(ip_address, session)
    return peek(by_ip) >= settings.CV_UPLOAD_RATE_LIMIT or peek(by_session) >= settings.CV_UPLOADS_PER_SESSION


def allow_upload(ip_address: str, session) -> bool:
    """Count one CV upload; False when the address or the session is over its limit."""
    by_ip, by_session = _upload_keys(ip_address, session)
    ip_count = count(by_ip, window=WINDOW)
    session_count = count(by_session, window=UPLOAD_SESSION_WINDOW)
    return ip_count <= settings.CV_UPLOAD_RATE_LIMIT and session_count <= settings.CV_UPLOADS_PER_SESSION

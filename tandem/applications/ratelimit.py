"""A plain limit on how often applications may be sent from one IP address and for one e-mail address.

Counts live in Django's cache (a fixed one-hour window per key): Redis when REDIS_URL is set, otherwise a
file cache under TANDEM_DATA_DIR that every web process on the machine shares. E-mail
addresses are hashed before they become cache keys.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60 * 60


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def allow_submission(ip_address: str, email: str) -> bool:
    """Count one attempt to send; False when either the address or the e-mail is over the limit."""
    return allow_attempt("apply-rate", ip_address, email, settings.APPLICATION_RATE_LIMIT)


def allow_attempt(scope: str, ip_address: str, email: str, limit: int) -> bool:
    """Count one attempt of a kind (`scope`, e.g. "sign-in-link"); False when the client address or the
    e-mail address made more than `limit` of them this hour."""
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_ip = _count(f"{scope}:ip:{ip_address}")
    by_email = _count(f"{scope}:email:{email_key}")
    return by_ip <= limit and by_email <= limit

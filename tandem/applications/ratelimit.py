"""A plain limit on how often applications may be sent from one IP address and for one e-mail address.

Counts live in the database (`tandem.lib.throttle`, a fixed one-hour window per key), so the
check-and-count is atomic with or without Redis. E-mail addresses are hashed before they become keys.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from tandem.lib.throttle import count, hashed

WINDOW = timedelta(hours=1)


def allow_submission(ip_address: str, email: str) -> bool:
    """Count one attempt to send; False when either the address or the e-mail is over the limit."""
    limit = settings.APPLICATION_RATE_LIMIT
    by_ip = count(f"apply:ip:{ip_address}", window=WINDOW)
    by_email = count(f"apply:email:{hashed(email)}", window=WINDOW)
    return by_ip <= limit and by_email <= limit

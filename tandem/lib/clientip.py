"""The client's IP address, the one way every rate limit and the log-in lock-out read it.

Behind `TRUSTED_PROXY_COUNT` reverse proxies, each proxy appends the address it saw to
`X-Forwarded-For`, so the client is the Nth entry from the right; anything further left was written by
the client and may be forged. With 0 trusted proxies (the default) the header is never read.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent `request`, as far as our own proxies vouch for it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # The request did not come through all our proxies: only the peer's own address is known.
        return remote
    return _valid(forwarded[-proxies]) or remote

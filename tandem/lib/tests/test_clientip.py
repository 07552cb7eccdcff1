"""The client's address: X-Forwarded-For only as far as our own proxies vouch for it (issue 12, item 2)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from tandem.lib.clientip import client_ip

PROXY = "10.0.0.1"


def request_with(forwarded: str | None, remote: str = PROXY):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_never_read(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_with("203.0.113.7")) == PROXY


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # a client that writes its own header cannot choose its address: our proxy appended the real one
        (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        (2, "1.2.3.4, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        # fewer entries than proxies, or garbage: only the peer is known
        (2, "203.0.113.7", PROXY),
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
    ],
)
def test_behind_trusted_proxies_the_client_is_counted_from_the_right(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count

    assert client_ip(request_with(forwarded)) == expected


def test_a_missing_header_behind_a_proxy_gives_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_with(None)) == PROXY

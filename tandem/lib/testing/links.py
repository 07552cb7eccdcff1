"""Forged link tokens for tests of links that must find nothing."""

from __future__ import annotations


def forged(token: str) -> str:
    """The token with its last character changed, so it is never the token itself (appending a fixed
    letter is not enough: one random token in 64 already ends with it)."""
    last = "A" if token[-1] != "A" else "B"
    return token[:-1] + last

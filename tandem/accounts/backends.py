"""Log-in by e-mail and password, with the same cost whether or not the address has an account."""

from __future__ import annotations

import secrets
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import check_password, make_password


@cache
def dummy_password_hash() -> str:
    """A hash of a random password with the current hasher, made once per process.

    Checking an unknown address against it costs one verification, like a real account's password,
    so the answer takes as long either way; no new hash (salt, 100 MiB of Argon2) is made per attempt.
    """
    return make_password(secrets.token_urlsafe(32))


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            check_password(password, dummy_password_hash())
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

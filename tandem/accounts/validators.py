"""Password rules of our own: no common password, in Swedish or in English.

Django's `CommonPasswordValidator` knows 20,000 leaked passwords, nearly all English. Ours adds the
Swedish ones (`accounts/data/common-passwords.txt`) and refuses a common word with digits or signs
around it ("sommar2024", "hejhej123!", "2024lösenord"), the way such passwords are usually made.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

OUR_LIST = Path(__file__).resolve().parent / "data" / "common-passwords.txt"
# Digits, signs and spaces before and after the word ("!2024 ", "123").
_AROUND = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@cache
def common_passwords() -> frozenset[str]:
    """Django's list and ours, lower case."""
    django_list = password_validation.CommonPasswordValidator().passwords
    ours = {
        line.strip().lower()
        for line in OUR_LIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    return frozenset(django_list | ours)


def is_common(password: str) -> bool:
    """The password, or the word in it once digits and signs around it are taken away, is common."""
    known = common_passwords()
    plain = password.strip().lower()
    if plain in known:
        return True
    stem = _AROUND.sub("", plain)
    return len(stem) >= 3 and stem != plain and stem in known


class CommonPasswordValidator:
    """Refuses passwords on the lists (used for new passwords: reset, invitation, set-password)."""

    def validate(self, password: str, user=None) -> None:
        if is_common(password):
            raise ValidationError(
                _(
                    "This password is one of the most common ones (or a common word with digits), which "
                    "attackers try first. Choose another, e.g. a few words that do not belong together."
                ),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a common password or a common word with a few digits.")

"""A common password (Swedish or English, or a common word with digits) is refused wherever a password is
chosen: the invitation, the password reset."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tandem.accounts.validators import is_common


@pytest.mark.parametrize(
    "password",
    [
        "sommar2024",
        "Sommar2024!",
        "hejhej123",
        "lösenord",
        "Lösenord1234",
        "2024sommar",
        "password123",
        "qwerty12345",
        "fotboll2023",
        "iloveyou",
        "Välkommen1",
    ],
)
def test_common_passwords_are_refused(password):
    assert is_common(password)


@pytest.mark.parametrize(
    "password", ["tandem-demo-2026", "blå cykel regnar ofta", "Korvbröd och tålamod 7", "xk4!Tr9#pq2Lm"]
)
def test_uncommon_passwords_pass(password):
    assert not is_common(password)


def test_the_validator_is_on_and_says_why_in_swedish(db):
    with pytest.raises(ValidationError) as refused:
        validate_password("sommar2024")
    assert any("vanligaste" in message for message in refused.value.messages)

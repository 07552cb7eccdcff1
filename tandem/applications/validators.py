"""Validators for codes that come from the reference data (SSYK 2012, municipalities) and languages."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.reference import data as reference

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


def validate_ssyk_code(value: str) -> None:
    if value and value not in reference.ssyk_codes():
        raise ValidationError(_("Choose an occupation from the list."), code="unknown_ssyk")


def validate_municipality_code(value: str) -> None:
    if value and value not in reference.municipalities():
        raise ValidationError(_("Choose a municipality from the list."), code="unknown_municipality")


def validate_language_code(value: str) -> None:
    if not LANGUAGE_CODE_RE.match(value or ""):
        raise ValidationError(
            _("Give a language code such as en, ar or fa (lower-case letters)."), code="bad_language"
        )

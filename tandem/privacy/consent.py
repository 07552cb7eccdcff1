"""The sentence about the retention periods in every consent text (applicants read it: in Arabic too)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from tandem.privacy.models import RetentionPolicy
from tandem.programs.models import Program


def consent_addition(program: Program, language: str) -> str:
    """The periods, for the consent text in `language` (applications asks for it when it stores a text)."""
    policy, _created = RetentionPolicy.objects.get_or_create(program=program)
    with translation.override(language):
        return _(
            "How long we keep it: if your application is not accepted, or you withdraw it, for "
            "%(rejected)s months after that; if you take part, for %(participants)s months after the "
            "program ends. Then your name, contact details, texts and CV are deleted; only figures without "
            "names are kept."
        ) % {
            "rejected": max(policy.rejected_months, policy.withdrawn_months),
            "participants": policy.participant_months,
        }

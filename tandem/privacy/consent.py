"""The sentence about the retention periods in every consent text (applicants read it: in Arabic too)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from tandem.privacy.models import RetentionPolicy
from tandem.programs.models import Program

# The sentence as it was stored before each period got its own plural: the Arabic put every number before
# the singular accusative ("6 شهرًا"). Texts that hold it get the current sentence instead (`up_to_date`).
EARLIER = gettext_noop(
    "How long we keep it: if your application is not accepted, or you withdraw it, for "
    "%(rejected)s months after that; if you take part, for %(participants)s months after the "
    "program ends. Then your name, contact details, texts and CV are deleted; only figures without "
    "names are kept."
)


def _periods(program: Program) -> tuple[int, int]:
    policy, _created = RetentionPolicy.objects.get_or_create(program=program)
    return max(policy.rejected_months, policy.withdrawn_months), policy.participant_months


def earlier_addition(program: Program, language: str) -> str:
    """The sentence in the earlier wording, as texts stored before hold it."""
    rejected, participants = _periods(program)
    with translation.override(language):
        return _(EARLIER) % {"rejected": rejected, "participants": participants}


def up_to_date(program: Program, language: str, text: str) -> str:
    """`text` with the earlier wording of the sentence replaced by the current one."""
    earlier = earlier_addition(program, language)
    return text.replace(earlier, consent_addition(program, language)) if earlier in text else text


def consent_addition(program: Program, language: str) -> str:
    """The periods, for the consent text in `language` (applications asks for it when it stores a text)."""
    rejected, participants = _periods(program)
    with translation.override(language):
        # Each period is its own plural ("6 أشهر", "24 شهرًا"): a sentence with two counts in it cannot
        # be one ngettext.
        return _(
            "How long we keep it: if your application is not accepted, or you withdraw it, for "
            "%(rejected)s after that; if you take part, for %(participants)s after the program ends. "
            "Then your name, contact details, texts and CV are deleted; only figures without names are "
            "kept."
        ) % {"rejected": months(rejected), "participants": months(participants)}


def months(count: int) -> str:
    """ "6 months" in the active language, with the plural form the number takes."""
    return ngettext("%(months)s month", "%(months)s months", count) % {"months": count}

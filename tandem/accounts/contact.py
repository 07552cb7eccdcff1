"""Whom a person outside the organisation can write to: for questions, and about accessibility barriers.

An organisation may leave its settings empty; then the reply-to address of its e-mails, else the contact
address of one of its application forms (the newest) stands in, so a public page never says "write to us"
without saying where.
"""

from __future__ import annotations

from datetime import date

from tandem.accounts.models import Organisation

# The day the accessibility statement's text (accounts/accessibility.html) last changed: its review date
# when the organisation has not set its own.
STATEMENT_TEXT_CHANGED = date(2026, 12, 3)


def form_contact_email(organisation: Organisation) -> str:
    """The contact address of the organisation's newest application form that has one ("" if none)."""
    found = (
        Organisation.objects.filter(pk=organisation.pk, programs__application_forms__contact_email__gt="")
        .order_by("-programs__application_forms__pk")
        .values_list("programs__application_forms__contact_email", flat=True)
        .first()
    )
    return found or ""


def contact_email(organisation: Organisation) -> str:
    """Where questions go: the reply-to address, else a form's contact address ("" if none)."""
    return organisation.reply_to_email or form_contact_email(organisation)


def barrier_contact_email(organisation: Organisation) -> str:
    """Where to report an accessibility barrier: the statement's own address, else `contact_email`."""
    return organisation.accessibility_email or contact_email(organisation)


def statement_reviewed_on(organisation: Organisation | None) -> date:
    """The review date the accessibility statement shows."""
    if organisation is not None and organisation.accessibility_reviewed_on:
        return organisation.accessibility_reviewed_on
    return STATEMENT_TEXT_CHANGED

"""The personal data accounts holds (see tandem/reference/personal_data.py): staff, not applicants.

Staff accounts are managed by the organisation's admins (removing a member), not by the applicants'
retention: their name and address are kept while the account exists.
"""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import KEEP, Declaration

DECLARATIONS = [
    Declaration(
        "accounts.User",
        purpose=_("to let staff sign in and to show who did what"),
        category=_("staff: name, e-mail address, language"),
        personal={"email": KEEP, "full_name": KEEP},
        not_personal=("password", "language", "session_generation"),
    ),
    Declaration(
        "accounts.Organisation",
        # The organisation's own sender and contact for accessibility reports: addresses of an office.
        not_personal=(
            "name",
            "email_sender_name",
            "reply_to_email",
            "accessibility_email",
            "accessibility_phone",
            "accessibility_reviewed_on",
        ),
    ),
    Declaration(
        "accounts.Invitation",
        purpose=_("to invite staff"),
        personal={"email": KEEP},
        not_personal=("language", "token_hash"),
    ),
]

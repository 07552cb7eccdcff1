"""The privacy app's own records (see tandem/reference/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import BLANK, KEEP, Declaration

DECLARATIONS = [
    Declaration(
        "privacy.Extension",
        person=("application",),
        purpose=_("to keep a case longer than the retention period, with the reason"),
        personal={"reason": BLANK},
        not_personal=("until",),
    ),
    # Why staff erased a person, kept as the record of the request.
    Declaration("privacy.Anonymised", personal={"reason": KEEP}, not_personal=("cause",)),
    Declaration("privacy.RemovalLog", not_personal=("kind",)),
]

"""The personal data intake holds (see tandem/reference/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import BLANK, Declaration

DECLARATIONS = [
    Declaration(
        "intake.InterviewRecord",
        person=("application",),
        purpose=_("to choose participants"),
        category=_("interview notes"),
        personal={"notes": BLANK},
        not_personal=("held_on",),
    ),
    Declaration(
        "intake.ImportJob",
        # Row-by-row problems quote cells of the imported file: emptied with the other working data.
        personal={"problems": BLANK},
        not_personal=(
            "role",
            "token",
            "mapping",
            "default_language",
            "language",
            "consent_text",
            "status",
            "error",
        ),
    ),
    Declaration(
        "intake.UploadReading",
        # The file's header and first rows, as the worker read them: emptied with the other working data
        # (and deleted with the file after a day). The error names limits and rows, never cells.
        personal={"header": BLANK, "preview": BLANK},
        not_personal=("token", "language", "status", "error"),
    ),
]

"""The personal data screening holds (see tandem/reference/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import BLANK, Declaration

DECLARATIONS = [
    Declaration(
        "screening.Note",
        person=("application",),
        purpose=_("to choose participants"),
        category=_("staff notes on an application"),
        personal={"text": BLANK},
    ),
    Declaration("screening.DecisionTemplate", not_personal=("kind", "language", "subject", "body")),
]

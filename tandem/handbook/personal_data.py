"""The personal data the handbook holds (see tandem/reference/personal_data.py): none. A coordinator's own
sections are about the program (places, practical matters), not about a person; the working group's names
and addresses in the handbook are read from program roles when it is shown, never stored here."""

from tandem.reference.personal_data import Declaration

DECLARATIONS = [
    Declaration("handbook.HandbookSection", not_personal=("title", "body", "language", "updated_at")),
]

"""Worker jobs hold ids and counts, no personal data (see tandem/reference/personal_data.py)."""

from tandem.reference.personal_data import Declaration

DECLARATIONS = [
    Declaration("jobs.Job", not_personal=("kind", "key", "params", "status", "result", "error_code")),
]

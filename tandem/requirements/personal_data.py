"""Requirement profiles hold no personal data (see tandem/reference/personal_data.py)."""

from tandem.reference.personal_data import Declaration

DECLARATIONS = [
    Declaration("requirements.RequirementProfile", not_personal=("role",)),
    Declaration("requirements.Criterion", not_personal=("kind", "importance", "params")),
]

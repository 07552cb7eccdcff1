"""The personal data health holds (see tandem/reference/personal_data.py): none. Snapshots are counts per
program and week; a digest record says which coordinator got which week's e-mail (the user, by key)."""

from tandem.reference.personal_data import Declaration

DECLARATIONS = [
    Declaration("health.WeeklySnapshot", not_personal=("week", "counts")),
    Declaration("health.DigestSent", not_personal=("week",)),
]

"""The personal data reports holds (see tandem/reference/personal_data.py): none. Actual costs and funder
reports are about the program's money and figures; the coordinator's summary text is about the program,
not about a person (the participant list a funder needs is built on request and never stored)."""

from tandem.reference.personal_data import Declaration

DECLARATIONS = [
    Declaration("reports.ActualCost", not_personal=("spent_on", "description")),
    Declaration("reports.FunderReport", not_personal=("definition", "period_start", "period_end", "text")),
]

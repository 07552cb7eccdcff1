"""The personal data reports holds (see tandem/reference/personal_data.py). Actual costs and funder
reports are about the program's money and figures; the coordinator's summary text is about the program,
not about a person (the participant list a funder needs is built on request and never stored).

An exported list (`ExportFile`) holds the personal data of many people at once, for the person who asked
for it: it is working data, deleted a week after it was made (`export_jobs.KEPT_FOR`), and tied to no one
person, so erasing a person does not reach into it (it is gone within the week anyway)."""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import DELETE_ROW, Declaration

DECLARATIONS = [
    Declaration("reports.ActualCost", not_personal=("spent_on", "description")),
    Declaration("reports.FunderReport", not_personal=("definition", "period_start", "period_end", "text")),
    Declaration(
        "reports.ExportFile",
        personal={"content": DELETE_ROW},
        not_personal=("list_key", "file_format", "name"),
        purpose=_("to hand a coordinator the list of the program's people they exported, for a week"),
        category=_("exported lists of participants, pairs, meetings, attendance and survey answers"),
    ),
]

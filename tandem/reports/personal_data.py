"""The personal data reports holds (see tandem/reference/personal_data.py). Actual costs and funder
reports are about the program's money and figures; the coordinator's summary text is about the program,
not about a person (the participant list a funder needs is built on request and never stored).

An exported list (`ExportFile`) holds the personal data of many people at once, for the person who asked
for it: working data, deleted a week after it was made (`export_jobs.KEPT_FOR`). A week is too long to
keep a person's data after they asked to be erased, and which files name them cannot be told from the
database (a spreadsheet is a zip, and a list may show a person in more ways than one), so when anyone
of a program is anonymised all of the program's kept files go (`program_wide`): the coordinator exports
the list again, without the person."""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import DELETE_ROW, Declaration

DECLARATIONS = [
    Declaration("reports.ActualCost", not_personal=("spent_on", "description")),
    Declaration("reports.FunderReport", not_personal=("definition", "period_start", "period_end", "text")),
    Declaration(
        "reports.ExportFile",
        personal={"content": DELETE_ROW},
        program_wide="program",
        not_personal=("list_key", "file_format", "name"),
        purpose=_("to hand a coordinator the list of the program's people they exported, for a week"),
        category=_("exported lists of participants, pairs, meetings, attendance and survey answers"),
    ),
]

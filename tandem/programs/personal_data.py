"""Programs hold no personal data of applicants (see tandem/reference/personal_data.py)."""

from tandem.reference.personal_data import Declaration

DECLARATIONS = [
    Declaration(
        "programs.Program",
        not_personal=(
            "name",
            "purpose",
            "purpose_kind",
            "mentee_target_group",
            "mentor_target_group",
            "state",
            "start_date",
            "partners_edit_setup",
        ),
    ),
    Declaration("programs.Goal", not_personal=("description", "indicator", "unit")),
    Declaration("programs.MeetingRule", not_personal=("unit",)),
    Declaration("programs.CommonMeeting", not_personal=("kind", "title")),
    Declaration("programs.ProgramRole", not_personal=("role", "sees_people")),
    Declaration("programs.BudgetLine", not_personal=("cost_item", "description")),
    Declaration("programs.FundingSource", not_personal=("kind", "name", "status", "reporting_deadline")),
]

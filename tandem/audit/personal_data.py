"""The audit trail (see tandem/reference/personal_data.py): ids and codes only, never names or texts."""

from tandem.reference.personal_data import Declaration

DECLARATIONS = [
    Declaration("audit.AuditEvent", not_personal=("action", "target_type", "target_id", "data")),
    Declaration("audit.AuditSubject", not_personal=("kind",)),
]

"""The personal data the outbox holds (see tandem/reference/personal_data.py): every stored e-mail.

The e-mails to a person are deleted when the person is anonymised (they name them and quote what they
wrote): those of the person's program, and those of no program (the sign-in links of the pair's space)
unless another application, not anonymised, still has the address. The others go after
OUTBOX_RETENTION_DAYS anyway (they may name the person by first name: a pair's e-mails to the other).
"""

from django.utils.translation import gettext_lazy as _

from tandem.reference.personal_data import DELETE_ROW, Declaration

DECLARATIONS = [
    Declaration(
        "outbox.OutboxMessage",
        by_email="to",
        program_path="program",
        purpose=_("to send e-mail and show what was sent"),
        category=_("e-mails sent to the person"),
        personal={
            "to": DELETE_ROW,
            "cc": DELETE_ROW,
            "bcc": DELETE_ROW,
            "reply_to": DELETE_ROW,
            "subject": DELETE_ROW,
            "body_text": DELETE_ROW,
            "body_html": DELETE_ROW,
            "headers": DELETE_ROW,
            "attachment_text": DELETE_ROW,
            "last_error": DELETE_ROW,
        },
        not_personal=("kind", "from_email", "attachment_name", "attachment_type", "message_id", "status"),
    ),
]

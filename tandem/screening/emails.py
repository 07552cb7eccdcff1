"""Decision e-mails to applicants, in the applicant's language, in the program's own wording."""

from __future__ import annotations

from django.utils import translation

from tandem.applications.models import Application
from tandem.lib.templatetags.tandem_format import isolate_ltr_text
from tandem.outbox.emails import build_templated_email
from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import queue_prepared
from tandem.screening.decisions import DecisionTexts, fill, values_for


def send_decision_email(
    application: Application, kind: str, *, texts: DecisionTexts | None = None
) -> OutboxMessage:
    """Queue the e-mail for decision `kind` (see `DecisionKind`)."""
    return queue_prepared([build_decision_email(application, kind, texts=texts)])[0]


def build_decision_email(
    application: Application, kind: str, *, texts: DecisionTexts | None = None
) -> OutboxMessage:
    """The e-mail for decision `kind`, rendered but not stored; `texts` saves a query per applicant
    when many are decided at once. Needs `application.program.organisation` and `application.form`."""
    texts = texts or DecisionTexts(application.program, kind)
    wording = texts.pick(application.language)
    values = values_for(application)
    with translation.override(wording.language):
        # Left-to-right islands in a right-to-left text (Arabic): the reference number and the address
        # keep their order, and the full stop after them stays in its place.
        for key in ("reference", "contact_email"):
            values[key] = isolate_ltr_text(values[key])
    return build_templated_email(
        "screening/emails/decision",
        to=application.email,
        context={"subject": fill(wording.subject, values), "body": fill(wording.body, values)},
        language=wording.language,
        program=application.program,
    )

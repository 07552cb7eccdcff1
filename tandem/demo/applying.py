"""Applications the demo seeds in bulk, made as the web form makes them: through
`applications.services.new_application`, with the consent text the applicant agreed to (the form's current
text in their language, as `current_consent` gives it to the public form) and checked against the
program's requirement profile (`apply_evaluation`), so the record shows the consent and the screening
list the score and the must-haves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from tandem.applications.models import Application, ApplicationForm, StatusChange
from tandem.applications.services import Submission, apply_evaluation, current_consent, new_application


def web_application(
    form: ApplicationForm, *, language: str, at: datetime, status: str, **values: Any
) -> Application:
    """The unsaved application (for `bulk_create`) sent on the web form at `at`, now in `status`. The
    consent text is looked up once per form and language (kept on the form object the demo passes)."""
    consents = form.__dict__.setdefault("_demo_consents", {})
    if language not in consents:
        consents[language] = current_consent(form, language)
    submission = Submission(language=language, values=values, consent=consents[language])
    application = new_application(form, submission, now=at)
    application.status = status
    apply_evaluation(application, today=timezone.localdate(at), now=at, answers={})
    return application


def record_sent_and_accepted(
    applications: list[Application], *, decider_id: int | None, at: datetime
) -> None:
    """Their history as the record shows it: sent by the applicant on the web form, accepted at `at` by
    the coordinator `decider_id` (two rows each, one bulk insert)."""
    StatusChange.objects.bulk_create(
        change
        for a in applications
        for change in (
            StatusChange(
                application=a, to_status=Application.Status.RECEIVED, by_applicant=True, at=a.submitted_at
            ),
            StatusChange(
                application=a,
                from_status=Application.Status.RECEIVED,
                to_status=Application.Status.ACCEPTED,
                by_id=decider_id,
                at=at,
            ),
        )
    )

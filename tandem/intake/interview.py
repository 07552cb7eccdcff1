"""The interview channel: staff register a person's interest during an interview, with their notes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from tandem.applications.models import Application, ApplicationForm, Question
from tandem.applications.services import current_consent, submit_application
from tandem.audit.services import log_action
from tandem.intake.answers import staff_submission
from tandem.intake.models import InterviewRecord


@transaction.atomic
def register_interview(
    form: ApplicationForm,
    questions: list[Question],
    values: dict[str, Any],
    *,
    language: str,
    held_on: date,
    notes: str,
    by,
    now: datetime,
) -> tuple[Application, InterviewRecord]:
    """Store the application given in an interview (channel "interview", entered by the interviewer)
    through `submit_application`, and the interview's date and notes beside it, all or nothing.

    The person agreed to the form's consent text in `language` during the interview (the view asks the
    interviewer to confirm that).
    """
    submission = staff_submission(
        questions,
        values,
        language=language,
        consent=current_consent(form, language),
        channel=Application.Channel.INTERVIEW,
        by=by,
    )
    application = submit_application(form, submission, token="", now=now)
    record = InterviewRecord.objects.create(
        application=application, interviewer=by, held_on=held_on, notes=notes.strip(), created_at=now
    )
    log_action(
        "application.interview_recorded",
        actor=by,
        program=form.program,
        target=application,
        data={"interview_record": record.pk, "held_on": held_on.isoformat(), "has_notes": bool(record.notes)},
        now=now,
    )
    return application, record

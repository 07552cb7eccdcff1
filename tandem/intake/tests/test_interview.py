"""A coordinator registers an interest during an interview: the answers and the notes together."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tandem.applications.models import Application
from tandem.audit.models import AuditEvent
from tandem.intake.models import InterviewRecord

INTERVIEW = {
    "language": "en",
    "held_on": "2026-11-25",
    "consent": "on",
    "notes": "Experienced auditor, wants a mentor in a Big Four firm. Can meet on Tuesdays.",
    "first_name": "Yusuf",
    "last_name": "Karimi",
    "email": "yusuf@example.org",
    "employment_status": "employed",
    "occupation_now": "2411",
    "experience_years": "12",
    "current_employer": "Revisionsbyrån Väst AB",
    "motivation": "Jag vill ge tillbaka.",
}


def interview_url(program, role="mentor") -> str:
    return reverse("intake:interview", args=[program.pk]) + f"?role={role}"


def test_an_interview_stores_the_application_and_the_notes_together(client, coordinator, mentor_form):
    client.force_login(coordinator)

    response = client.post(interview_url(mentor_form.program), INTERVIEW)

    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.role, application.channel, application.entered_by) == (
        "mentor",
        "interview",
        coordinator,
    )
    assert application.language == "en" and application.consent.language == "en"
    record = InterviewRecord.objects.get()
    assert record.application == application
    assert record.interviewer == coordinator
    assert record.held_on == dt.date(2026, 11, 25)
    assert record.notes.startswith("Experienced auditor")
    event = AuditEvent.objects.get(action="application.interview_recorded")
    assert event.data == {"interview_record": record.pk, "held_on": "2026-11-25", "has_notes": True}


def test_an_interview_without_the_applicants_agreement_is_not_stored(client, coordinator, mentor_form):
    client.force_login(coordinator)

    response = client.post(interview_url(mentor_form.program), {**INTERVIEW, "consent": ""})

    assert response.status_code == 200
    assert list(response.context["entry"].errors) == ["consent"]
    assert "Experienced auditor" in response.content.decode()  # the notes are still on the page
    assert not Application.objects.exists() and not InterviewRecord.objects.exists()


def test_a_failing_interview_leaves_nothing_half_written(client, coordinator, mentor_form, monkeypatch):
    from tandem.intake import interview

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(interview.InterviewRecord.objects, "create", broken)
    client.force_login(coordinator)
    client.raise_request_exception = False

    response = client.post(interview_url(mentor_form.program), INTERVIEW)

    assert response.status_code == 500
    assert not Application.objects.exists()

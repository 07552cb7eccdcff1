"""Staff type in paper forms and interviews after the public form closed (or before it opens, or past its
cap): the dates and the cap do not stop them, the page says so, and the audit log marks the application.
An unpublished form stops staff too, and the public form keeps refusing as before."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application
from tandem.applications.services import FormClosed, Submission, current_consent, submit_application
from tandem.applications.tests.helpers import fill_pages, summary_url
from tandem.audit.models import AuditEvent
from tandem.intake.tests.test_interview import INTERVIEW, interview_url
from tandem.intake.tests.test_paper_entry import PAPER, paper_url
from tandem.outbox.models import OutboxMessage


@pytest.fixture
def signed_in(client, coordinator, settings):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def received_event(application: Application) -> AuditEvent:
    return AuditEvent.objects.get(action="application.received", target_id=str(application.pk))


def test_a_paper_form_is_entered_after_the_public_form_closed_and_marked_so(
    signed_in, coordinator, mentee_form
):
    mentee_form.closes_at = timezone.now() - timedelta(days=3)
    mentee_form.save()

    page = signed_in.get(paper_url(mentee_form.program))
    response = signed_in.post(paper_url(mentee_form.program), PAPER)

    assert "The public application form has closed. You can still add applications" in page.content.decode()
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.channel, application.entered_by) == ("paper", coordinator)
    assert received_event(application).data["form_not_open"] == "closed"
    record = signed_in.get(
        reverse("screening:record", args=[application.program_id, application.pk])
    ).content.decode()
    assert "entered after the public form closed" in record
    # paper entry keeps sending the applicant the confirmation, as before
    assert OutboxMessage.objects.filter(kind="applications/emails/received").count() == 1


def test_an_interview_is_registered_before_the_form_opens_and_marked_so(signed_in, mentor_form):
    mentor_form.opens_at = timezone.now() + timedelta(days=5)
    mentor_form.save()

    page = signed_in.get(interview_url(mentor_form.program))
    response = signed_in.post(interview_url(mentor_form.program), INTERVIEW)

    assert "The public application form has not opened yet." in page.content.decode()
    assert response.status_code == 302
    assert received_event(Application.objects.get()).data["form_not_open"] == "not_yet_open"
    record = signed_in.get(
        reverse("screening:record", args=[mentor_form.program_id, Application.objects.get().pk])
    )
    assert "entered before the public form opened" in record.content.decode()


def test_staff_enter_past_the_cap_and_the_page_warns(signed_in, mentee_form):
    mentee_form.cap = 1
    mentee_form.save()
    signed_in.post(paper_url(mentee_form.program), PAPER)

    page = signed_in.get(paper_url(mentee_form.program))
    response = signed_in.post(paper_url(mentee_form.program), {**PAPER, "email": "second@example.org"})

    assert "The form has reached its most applications (1)." in page.content.decode()
    assert response.status_code == 302
    first, second = Application.objects.order_by("id")
    assert "form_not_open" not in received_event(first).data  # the form was open for the first
    assert received_event(second).data["form_not_open"] == "full"


def test_an_open_form_shows_no_notice(signed_in, mentee_form):
    page = signed_in.get(paper_url(mentee_form.program))

    state = page.context["form_state"]
    assert state.availability.is_open and not state.cap_reached
    assert "public application form has" not in page.content.decode()


def test_an_unpublished_form_is_announced_on_the_entry_page_and_still_refuses(signed_in, mentee_form):
    mentee_form.is_published = False
    mentee_form.save()

    page = signed_in.get(paper_url(mentee_form.program))
    response = signed_in.post(paper_url(mentee_form.program), PAPER)

    assert "not published" in page.content.decode()
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_the_public_form_keeps_refusing_after_it_closed(client, mentee_form):
    fill_pages(client, mentee_form, lang="en")
    token = client.get(summary_url(mentee_form, "en")).context["token"]
    mentee_form.closes_at = timezone.now() - timedelta(seconds=1)
    mentee_form.save()

    response = client.post(summary_url(mentee_form, "en"), {"token": token})

    assert "The time to apply has ended." in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize("change", [{"closes_at": -1}, {"opens_at": 1}, {"cap": 0}])
def test_the_rule_is_the_services_by_channel(mentee_form, coordinator, change):
    now = timezone.now()
    for field, value in change.items():
        setattr(mentee_form, field, now + timedelta(days=value) if field != "cap" else value)
    mentee_form.save()

    def sent(channel: str, email: str) -> Submission:
        return Submission(
            language="sv",
            values={"first_name": "Amira", "last_name": "Haddad", "email": email},
            consent=current_consent(mentee_form, "sv"),
            channel=channel,
            entered_by=None if channel == "web" else coordinator,
        )

    with pytest.raises(FormClosed):
        submit_application(mentee_form, sent("web", "web@example.org"), token="", now=now)
    for channel in ("paper", "interview", "import"):
        submit_application(mentee_form, sent(channel, f"{channel}@example.org"), token="", now=now)

    assert sorted(Application.objects.values_list("channel", flat=True)) == ["import", "interview", "paper"]

"""The public form takes applications only while the program is recruiting (issue 13, item 1).

Before recruitment opens and after it has ended the applicant meets a friendly closed page in their own
language, with the organisation's name and contact; staff channels keep their override.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application
from tandem.applications.services import (
    FormClosed,
    Submission,
    current_consent,
    form_availability,
    submit_application,
)
from tandem.applications.tests.helpers import TOKENS, fill_pages, step_url, summary_url
from tandem.outbox.models import OutboxMessage
from tandem.programs.models import Program

State = Program.State
NOT_RECRUITING = [
    (State.DRAFT, "Recruitment to this program has not started yet."),
    (State.MATCHING, "Recruitment to this program has ended."),
    (State.RUNNING, "Recruitment to this program has ended."),
    (State.CLOSED, "Recruitment to this program has ended."),
    (State.EVALUATED, "Recruitment to this program has ended."),
]


def landing_url(form, lang="sv"):
    return reverse("apply:landing", kwargs={"slug": form.slug, "lang": lang})


def move_to(program: Program, state: str) -> None:
    program.state = state
    program.save(update_fields=["state"])


def test_a_recruiting_program_takes_applications(mentee_form):
    assert form_availability(mentee_form, now=timezone.now()).is_open


@pytest.mark.parametrize(("state", "says"), NOT_RECRUITING)
def test_every_page_of_the_form_is_closed_when_the_program_is_not_recruiting(
    client, mentee_form, state, says
):
    move_to(mentee_form.program, state)
    for url in (
        landing_url(mentee_form, "en"),
        step_url(mentee_form, "contact", "en"),
        summary_url(mentee_form, "en"),
    ):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert "The application form is closed" in page
        assert says in page
        assert "The program is run by <bdi>Fackförbundet Framåt</bdi>." in page
        assert 'href="mailto:mentorskap@framat.example"' in page


@pytest.mark.parametrize(("state", "says"), NOT_RECRUITING)
def test_an_application_filled_in_while_recruiting_is_not_taken_once_recruitment_stops(
    client, mentee_form, state, says
):
    fill_pages(client, mentee_form, lang="en")
    token = client.get(summary_url(mentee_form, "en")).context["token"]
    move_to(mentee_form.program, state)
    response = client.post(summary_url(mentee_form, "en"), {"token": token})
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not Application.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(("state", "says"), NOT_RECRUITING)
def test_the_service_refuses_a_public_application_when_the_program_is_not_recruiting(
    mentee_form, state, says
):
    move_to(mentee_form.program, state)
    sent = Submission(
        language="sv",
        values={"first_name": "Amira", "last_name": "Haddad", "email": "amira@example.org"},
        consent=current_consent(mentee_form, "sv"),
    )
    with pytest.raises(FormClosed):
        submit_application(mentee_form, sent, token=TOKENS[state], now=timezone.now())
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("state", [state for state, _ in NOT_RECRUITING])
@pytest.mark.parametrize("channel", [Application.Channel.PAPER, Application.Channel.INTERVIEW])
def test_staff_channels_keep_their_override_in_every_state(mentee_form, coordinator, state, channel):
    move_to(mentee_form.program, state)
    entered = Submission(
        language="sv",
        values={"first_name": "Amira", "last_name": "Haddad", "email": "amira@example.org"},
        consent=current_consent(mentee_form, "sv"),
        channel=channel,
        entered_by=coordinator,
    )
    application = submit_application(
        mentee_form, entered, token=TOKENS[f"{state}{channel}"], now=timezone.now()
    )
    assert application.channel == channel


def test_the_closed_page_is_in_the_applicants_language(client, mentee_form):
    move_to(mentee_form.program, State.RUNNING)
    response = client.get(landing_url(mentee_form, "ar"))
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert response["Content-Language"] == "ar"
    assert "انتهى التسجيل في هذا البرنامج" in page
    page = client.get(landing_url(mentee_form, "sv")).content.decode()
    assert "Rekryteringen till programmet är avslutad." in page


def test_recruitment_reopened_takes_applications_again(client, mentee_form):
    move_to(mentee_form.program, State.MATCHING)
    move_to(mentee_form.program, State.RECRUITING)
    page = client.get(landing_url(mentee_form, "en")).content.decode()
    assert "The application form is closed" not in page

"""A coordinator types in a paper form: it is stored like a web application, marked as paper."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application, ConsentText
from tandem.applications.storage import PrivateStorage
from tandem.audit.models import AuditEvent
from tandem.outbox.models import OutboxMessage

PAPER = {
    "language": "ar",
    "signed_on": "2026-11-20",
    "consent": "on",
    "first_name": "Amira",
    "last_name": "Haddad",
    "email": "amira@example.org",
    "birth_year": "1990",
    "employment_status": "job_seeking",
    "occupation_now": "2411",
    "occupation_wanted": "2411",
    "swedish_level": "SFI_D",
    "other_languages_1_code": "ar",
    "other_languages_1_level": "C2",
    "municipality": "1480",
    "years_in_sweden": "3",
    "motivation": "Jag vill arbeta som revisor i Sverige.",
}


def paper_url(program, role="mentee") -> str:
    return reverse("intake:paper", args=[program.pk]) + f"?role={role}"


@pytest.fixture
def signed_in(client, coordinator, settings):
    """The coordinator, signed in, with the pages in English (the messages tested are in English)."""
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_paper_application_is_stored_as_paper_entered_by_the_coordinator(
    signed_in, coordinator, mentee_form
):
    response = signed_in.post(paper_url(mentee_form.program), PAPER)

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.channel == Application.Channel.PAPER
    assert application.entered_by == coordinator
    assert application.language == "ar"
    assert (application.first_name, application.email, application.occupation_wanted) == (
        "Amira",
        "amira@example.org",
        "2411",
    )
    assert application.other_languages == [{"code": "ar", "level": "C2"}]
    assert application.consent == ConsentText.objects.get(form=mentee_form, language="ar")
    assert timezone.localtime(application.consented_at).date() == dt.date(2026, 11, 20)
    event = AuditEvent.objects.get(action="application.received")
    assert event.actor == coordinator and event.data["channel"] == "paper"
    assert OutboxMessage.objects.filter(kind="applications/emails/received").count() == 1
    page = signed_in.get(response["Location"]).content.decode()
    assert application.reference in page
    record = f"/programs/{mentee_form.program_id}/applications/{application.pk}/"
    assert f'<a class="alert-link" href="{record}">Open the application</a>' in page


def test_only_name_and_e_mail_are_required_on_paper(signed_in, mentee_form):
    minimal = {"language": "sv", "signed_on": "2026-11-20", "consent": "on"}
    minimal |= {"first_name": "Omar", "last_name": "Said", "email": "omar@example.org"}

    response = signed_in.post(paper_url(mentee_form.program), minimal)

    assert response.status_code == 302
    assert Application.objects.get().employment_status == ""


def test_bad_paper_input_is_shown_next_to_each_field_and_nothing_is_stored(signed_in, mentee_form):
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    bad = {**PAPER, "email": "not-an-address", "signed_on": future, "birth_year": "1850", "consent": ""}

    response = signed_in.post(paper_url(mentee_form.program), bad)

    assert response.status_code == 200
    errors = response.context["entry"].errors
    assert set(errors) == {"email", "signed_on", "birth_year", "consent"}
    html = response.content.decode()
    assert 'id="id_email_error"' in html and 'aria-invalid="true"' in html
    assert 'value="Amira"' in html  # what was typed stays on the page
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"), [("sv", "Detta fält måste fyllas i."), ("en", "This field is required.")]
)
def test_errors_come_in_the_coordinators_language(signed_in, mentee_form, language, message):
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # as the language switch sets it

    response = signed_in.post(paper_url(mentee_form.program), {**PAPER, "email": ""})

    assert response.context["entry"].errors["email"] == [message]


def test_a_cv_that_came_with_the_paper_form_is_kept_privately(signed_in, mentee_form):
    cv = SimpleUploadedFile("Amira CV.pdf", b"%PDF-1.4\n% a small CV\n", content_type="application/pdf")

    signed_in.post(paper_url(mentee_form.program), {**PAPER, "cv": cv})

    application = Application.objects.get()
    assert application.cv_original_name == "Amira CV.pdf"
    assert PrivateStorage().exists(application.cv.name)


def test_a_picture_is_not_accepted_as_a_cv(signed_in, mentee_form):
    png = SimpleUploadedFile("cv.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="application/pdf")

    response = signed_in.post(paper_url(mentee_form.program), {**PAPER, "cv": png})

    assert "cv" in response.context["entry"].errors
    assert not Application.objects.exists()


def test_a_closed_form_takes_no_paper_application_and_says_why(signed_in, mentee_form):
    mentee_form.is_published = False
    mentee_form.save()

    response = signed_in.post(paper_url(mentee_form.program), PAPER)

    assert response.status_code == 200
    assert "not published" in str(response.context["entry"].non_field_errors())
    assert not Application.objects.exists()


def test_a_second_paper_form_with_the_same_e_mail_is_flagged_as_a_duplicate(signed_in, mentee_form):
    signed_in.post(paper_url(mentee_form.program), PAPER)
    signed_in.post(paper_url(mentee_form.program), {**PAPER, "email": "AMIRA@example.org"})

    first, second = Application.objects.order_by("id")
    assert second.duplicate_of == first


def test_the_paper_page_lists_every_question_of_the_form(signed_in, mentee_form, django_assert_num_queries):
    url = paper_url(mentee_form.program)
    # session, user, program, admin membership, program role, form, questions, translations,
    # form languages (translations), current consent (version, texts), other forms
    with django_assert_num_queries(12):
        response = signed_in.get(url)

    assert response.status_code == 200
    for question in mentee_form.questions.exclude(builtin="cv"):
        name = "other_languages_1_code" if question.builtin == "other_languages" else question.key
        if question.builtin in ("occupation_now", "occupation_wanted"):
            name = f"{question.key}_query"  # found with a search, not chosen from every group
        assert f'name="{name}"' in response.content.decode()

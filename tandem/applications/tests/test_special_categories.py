"""Special categories of personal data (issue 12; GDPR art. 9): a custom question a coordinator marks
as one (union membership, health, origin, beliefs) is never required, the form asks the applicant's
explicit consent to that answer and keeps the text they agreed to with it, and only the organisation's
admins and the program's own coordinators see the answer, never partner coordinators or viewers."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tandem import policy
from tandem.applications.models import Answer, Application, Question
from tandem.applications.tests.helpers import MENTEE_ANSWERS, fill_pages, send, step_url
from tandem.applications.tests.test_public_form import custom
from tandem.factories import ApplicationFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def union(mentee_form):
    return custom(mentee_form, "yes_no", "Är du medlem i facket?", special_category="union")


def test_the_form_asks_explicit_consent_for_the_answer_and_refuses_an_answer_without_it(
    client, mentee_form, union
):
    key = f"q{union.pk}"
    page = client.get(step_url(mentee_form, "custom", "en")).content.decode()
    assert f'id="id_{key}_consent"' in page
    assert "is about something sensitive" in page

    response = client.post(step_url(mentee_form, "custom", "en"), {key: "yes"})

    assert response.status_code == 200
    assert f'id="id_{key}_consent_error"' in response.content.decode()
    assert "tick that you agree" in response.content.decode()


def test_an_answer_with_consent_is_stored_with_the_text_the_applicant_agreed_to(client, mentee_form, union):
    answers = {**MENTEE_ANSWERS, "custom": {f"q{union.pk}": "yes", f"q{union.pk}_consent": "on"}}
    fill_pages(client, mentee_form, answers, lang="en")
    send(client, mentee_form, "en")

    answer = Answer.objects.get(question=union)
    assert answer.value is True
    assert answer.consent_text.startswith("I agree that my answer to the question above")


def test_the_question_may_be_left_empty_without_consent_and_nothing_is_stored(client, mentee_form, union):
    fill_pages(client, mentee_form, {**MENTEE_ANSWERS, "custom": {}}, lang="en")
    send(client, mentee_form, "en")

    assert Application.objects.count() == 1
    assert not Answer.objects.filter(question=union).exists()


def test_a_special_question_is_never_required(mentee_form, coordinator, client):
    client.force_login(coordinator)
    url = reverse("applications:question_add", args=[mentee_form.pk])
    data = {"custom_type": "yes_no", "label": "Funktionsnedsättning?", "page": "custom"}

    refused = client.post(url, {**data, "required": "on", "special_category": "health"}, **EN)
    assert refused.status_code == 200
    assert "cannot be required" in refused.content.decode()

    client.post(url, {**data, "special_category": "health"}, **EN)
    question = Question.objects.get(special_category="health")
    assert not question.required


@pytest.mark.parametrize(
    ("person", "sees"),
    [("admin", True), ("coordinator", True), ("partner_coordinator", False), ("viewer", False)],
)
def test_only_admins_and_the_program_s_coordinators_see_special_categories(cast, program, person, sees):
    request = RequestFactory().get("/")
    request.user = cast[person]
    access = policy.access_program(request, program, policy.Access.VIEW)
    assert access.sees_special_categories is sees


def test_the_partner_coordinator_does_not_see_the_answer_on_the_record(
    client, coordinator, partner_coordinator, program, mentee_form, union
):
    plain = custom(mentee_form, "short_text", "Körkort?")
    application = ApplicationFactory(program=program, form=mentee_form)
    Answer.objects.create(application=application, question=union, value=True, consent_text="Jag samtycker")
    Answer.objects.create(application=application, question=plain, value="B-körkort")
    url = reverse("screening:record", args=[program.pk, application.pk])

    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Är du medlem i facket?" in page and "B-körkort" in page

    client.force_login(partner_coordinator)
    page = client.get(url).content.decode()
    assert "Är du medlem i facket?" not in page
    assert "B-körkort" in page

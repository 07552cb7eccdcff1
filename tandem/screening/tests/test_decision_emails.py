"""Decisions e-mail the applicant in their own language, in the wording the coordinator chose."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.services import create_default_form
from tandem.audit.models import AuditEvent
from tandem.factories import ApplicationFactory
from tandem.lib.testing.pages import EN, SV, field_error, shown_messages, text
from tandem.outbox.models import OutboxMessage
from tandem.screening import services
from tandem.screening.decisions import fill
from tandem.screening.models import DecisionTemplate

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(program):
    form = create_default_form(program, "mentee", now=timezone.now())
    form.contact_email = "mentorskap@framat.example"
    form.save()
    return form


def written(email) -> str:
    """The text of the decision as the coordinator wrote it, without the footer every e-mail to an
    applicant gets (the link to withdraw consent)."""
    return email.body_text.split("\n-- \n")[0].strip()


def edit_url(program, kind="accepted", language="sv"):
    return reverse(
        "screening:decision_template_edit", kwargs={"pk": program.pk, "kind": kind, "language": language}
    )


def accept(application, by, kind="accepted"):
    services.decide(application, kind, by=by, reason="Bra match", send_email=True, now=timezone.now())
    return OutboxMessage.objects.get(to=[application.email])


def test_arabic_english_and_swedish_applicants_each_get_the_edited_email_in_their_language(
    client, coordinator, program, form
):
    client.force_login(coordinator)
    for language, subject, body in [
        ("ar", "أهلًا بك في {program}", "مرحبًا {first_name}، لقد قُبلت. رقمك {reference}."),
        ("en", "You are in: {program}", "Dear {first_name}, you have a place. Reference {reference}."),
        (
            "sv",
            "Du är antagen till {program}",
            "Hej {first_name}! Du har fått en plats. Referens {reference}.",
        ),
    ]:
        response = client.post(edit_url(program, language=language), {"subject": subject, "body": body}, **EN)
        assert response.status_code == 302
    people = {
        language: ApplicationFactory(program=program, form=form, first_name=name, language=language)
        for language, name in [("ar", "Amira"), ("en", "Daniel"), ("sv", "Sara")]
    }

    arabic = accept(people["ar"], coordinator)
    english = accept(people["en"], coordinator)
    swedish = accept(people["sv"], coordinator)

    assert arabic.subject == f"أهلًا بك في {program.name}"
    assert written(arabic) == f"مرحبًا Amira، لقد قُبلت. رقمك \u2066{people['ar'].reference}\u2069."
    assert 'lang="ar" dir="rtl"' in arabic.body_html
    assert "/privacy/forget/" in arabic.body_text.split("\n-- \n")[1]  # the outbox's footer (privacy)
    assert english.subject == f"You are in: {program.name}"
    assert written(english) == f"Dear Daniel, you have a place. Reference {people['en'].reference}."
    assert 'lang="en" dir="ltr"' in english.body_html
    assert written(swedish) == f"Hej Sara! Du har fått en plats. Referens {people['sv'].reference}."
    assert {arabic.program, english.program, swedish.program} == {program}


def test_without_edits_the_default_wording_is_sent(coordinator, program, form):
    amira = ApplicationFactory(program=program, form=form, first_name="Amira", language="ar")
    email = accept(amira, coordinator, kind="interview_booked")
    assert email.subject == f"طلبك للانضمام إلى {program.name}: نود أن نلتقي بك"
    assert email.body_text.startswith("مرحبًا Amira،")
    assert "mentorskap@framat.example" in email.body_text  # the form's address for questions
    assert program.organisation.name in email.body_text
    # Right to left: the reference number and the address are left-to-right islands (Unicode isolates).
    assert f"\u2066{amira.reference}\u2069." in email.body_text
    assert "\u2066mentorskap@framat.example\u2069." in email.body_text


@pytest.mark.parametrize("kind", ["interview_booked", "accepted", "waitlisted", "rejected"])
def test_an_easy_read_applicant_gets_the_easy_read_decision(coordinator, program, form, kind):
    sara = ApplicationFactory(program=program, form=form, first_name="Sara", language="sv-easyread")
    email = accept(sara, coordinator, kind=kind)
    assert email.body_text.startswith("Hej Sara!")
    assert "Har du frågor? Mejla till mentorskap@framat.example." in email.body_text
    assert 'lang="sv-easyread"' in email.body_html


def test_a_language_without_a_wording_falls_back_to_swedish(coordinator, program, form):
    DecisionTemplate.objects.create(
        program=program,
        kind="rejected",
        language="sv",
        subject="Besked från {program}",
        body="Hej {first_name}.",
    )
    hamid = ApplicationFactory(program=program, form=form, first_name="Hamid", language="fa")
    email = accept(hamid, coordinator, kind="rejected")
    assert (email.subject, written(email)) == (f"Besked från {program.name}", "Hej Hamid.")
    assert 'lang="sv"' in email.body_html


def test_moving_to_under_review_sends_nothing(coordinator, program, form):
    application = ApplicationFactory(program=program, form=form)
    services.decide(
        application, "under_review", by=coordinator, reason="Läser", send_email=True, now=timezone.now()
    )
    assert not OutboxMessage.objects.exists()


def test_the_editor_starts_from_the_default_and_saves_the_change(client, coordinator, program):
    client.force_login(coordinator)
    response = client.get(edit_url(program, language="en"), **EN)
    assert 'value="Welcome to {program}"' in response.content.decode()  # the default, to start from
    assert f"Welcome to {program.name}" in text(response)  # and its preview with a made-up applicant

    response = client.post(
        edit_url(program, language="en"), {"subject": "Hi {first_name}", "body": "Welcome!"}
    )

    assert response.status_code == 302
    template = DecisionTemplate.objects.get()
    assert (template.kind, template.language, template.subject, template.updated_by) == (
        "accepted",
        "en",
        "Hi {first_name}",
        coordinator,
    )
    assert AuditEvent.objects.get(action="decision_template.saved").data == {
        "kind": "accepted",
        "language": "en",
    }
    listing = text(client.get(reverse("screening:decision_templates", kwargs={"pk": program.pk}), **EN))
    assert "Your wording" in listing


def test_the_preview_button_shows_the_text_without_saving(client, coordinator, program):
    client.force_login(coordinator)
    data = {"subject": "Hej {first_name}", "body": "Välkommen till {program}!", "action": "preview"}
    response = client.post(edit_url(program), data, **EN)
    assert response.status_code == 200
    assert f"Välkommen till {program.name}!" in text(response)
    assert "Hej Amira" in text(response)
    assert not DecisionTemplate.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (EN, "Unknown placeholder: {name}. Use only the ones listed beside the form."),
        (SV, "Okänd platshållare: {name}. Använd bara de som står bredvid formuläret."),
    ],
)
def test_an_unknown_placeholder_is_refused_next_to_the_field(
    client, coordinator, program, language, expected
):
    client.force_login(coordinator)
    data = {"subject": "Hej", "body": "Hej {name}, välkommen!"}
    response = client.post(edit_url(program), data, **language)
    assert field_error(response, "id_body") == expected
    assert "Hej {name}, välkommen!" in response.content.decode()  # nothing typed is lost
    assert not DecisionTemplate.objects.exists()


def test_reset_goes_back_to_the_default(client, coordinator, program):
    DecisionTemplate.objects.create(program=program, kind="accepted", language="sv", subject="X", body="Y")
    client.force_login(coordinator)
    url = reverse(
        "screening:decision_template_reset", kwargs={"pk": program.pk, "kind": "accepted", "language": "sv"}
    )
    response = client.post(url, **EN)
    assert shown_messages(client.get(response["Location"], **EN)) == [
        "The e-mail is back to the default wording."
    ]
    assert not DecisionTemplate.objects.exists()
    assert AuditEvent.objects.filter(action="decision_template.reset").exists()


def test_an_unknown_decision_or_language_code_is_not_found(client, coordinator, program):
    client.force_login(coordinator)
    assert client.get(edit_url(program, kind="hired")).status_code == 404
    assert client.get(edit_url(program, language="Svenska!")).status_code == 404


def test_placeholders_cannot_reach_into_objects():
    assert (
        fill("{first_name.__class__} {first_name}", {"first_name": "Amira"}) == "{first_name.__class__} Amira"
    )


def test_the_coordinator_adds_a_language_of_their_own(client, coordinator, program):
    client.force_login(coordinator)
    listing = reverse("screening:decision_templates", kwargs={"pk": program.pk})
    page = client.get(listing, {"language": "fa"}, **EN).content.decode()
    assert edit_url(program, language="fa") in page
    assert "Swedish is sent" in text(client.get(listing, {"language": "fa"}, **EN))
    assert '<th scope="col">Persian</th>' in page and '<th scope="col" lang="fa">fa</th>' not in page

    bad = client.get(listing, {"language": "Persiska!"}, **EN)
    expected = "Write a language code of two or three letters, such as fa or ti."
    assert field_error(bad, "add-language") == expected


def test_the_arabic_editor_stays_a_left_to_right_staff_page_with_only_the_fields_right_to_left(
    client, coordinator, program
):
    client.force_login(coordinator)
    response = client.get(edit_url(program, language="ar"), **SV)
    html = response.content.decode()
    assert "(Arabiska)</span></h1>" in html and "(ar)" not in text(response)
    form = html[html.index("</h1>") : html.index('value="save"')]
    assert 'dir="rtl"' not in form.split('name="subject"')[0]  # the labels are not turned around
    subject = re.search(r'<input [^>]*name="subject"[^>]*>', form)
    body = re.search(r'<textarea [^>]*name="body"[^>]*>', form)
    assert subject and 'lang="ar"' in subject[0] and 'dir="rtl"' in subject[0]
    assert body and 'lang="ar"' in body[0] and 'dir="rtl"' in body[0]
    assert '<label class="form-label" for="id_subject">Ämne' in form
    english = client.get(edit_url(program, language="en"), **EN).content.decode()
    assert "(English)</span></h1>" in english
    assert re.search(r'<input [^>]*name="subject"[^>]*lang="en" dir="ltr"', english)

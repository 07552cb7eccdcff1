"""The applicant's whole record on one page: answers, screening, files, history, notes, duplicates."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Answer, Application, Question, QuestionTranslation, StatusChange
from tandem.applications.services import (
    change_status,
    create_default_form,
    current_consent,
    withdraw_application,
)
from tandem.audit.models import AuditEvent
from tandem.factories import ApplicationFactory
from tandem.lib.testing.pages import EN, SV, field_error, shown_messages, text
from tandem.outbox.models import OutboxMessage
from tandem.screening.models import Note
from tandem.screening.services import bulk_change_status
from tandem.screening.tests.factories import add_criterion, screen

pytestmark = pytest.mark.django_db


def record_url(application, name="record"):
    return reverse(
        f"screening:{name}", kwargs={"pk": application.program_id, "application_id": application.pk}
    )


@pytest.fixture
def amira(program):
    """A mentee who applied in Arabic, answered a custom question, agreed to consent v1 and sent a CV."""
    form = create_default_form(program, "mentee", now=timezone.now())
    question = Question.objects.create(form=form, custom_type="single_choice", order=99)
    QuestionTranslation.objects.create(
        question=question, language="sv", label="Hur hörde du om oss?", choices=["Via en vän", "På SFI"]
    )
    QuestionTranslation.objects.create(
        question=question,
        language="en",
        label="How did you hear about us?",
        choices=["From a friend", "At SFI"],
    )
    application = ApplicationFactory(
        program=program,
        form=form,
        first_name="Amira",
        last_name="Haddad",
        language="ar",
        swedish_level="A2",
        about_me="Jag har arbetat som revisor i Damaskus i åtta år.",
        consent=current_consent(form, "ar"),
        consented_at=timezone.now(),
    )
    application.cv.name = "cv/" + "a" * 32 + ".pdf"
    application.cv_original_name = "amira-cv.pdf"
    application.save()
    Answer.objects.create(application=application, question=question, value="På SFI")
    add_criterion(program, "mentee", "swedish_level", min_level="B1")
    add_criterion(program, "mentee", "years_in_sweden", importance="should", max=5)
    screen(program)
    return Application.objects.get(pk=application.pk)


def test_the_record_shows_everything_about_the_applicant(client, coordinator, amira):
    client.force_login(coordinator)
    response = client.get(record_url(amira), **EN)

    assert response.status_code == 200
    page = text(response)
    for expected in [
        "Amira Haddad",
        amira.reference,
        "Looking for a job",  # built-in answers in words …
        "Accountants (2411)",
        "Göteborg (Västra Götalands län)",
        "Arabic C2",
        "Jag har arbetat som revisor i Damaskus i åtta år.",  # … and in the applicant's own words
        "How did you hear about us? At SFI",  # a custom question in the staff language
        "Fails a must-criterion",
        "Swedish at level A2; at least B1 is needed.",
        "Score: 100 of 100",
        "consent text version 1 (Arabic)",
        "Download the CV (amira-cv.pdf)",
        "Received",
    ]:
        assert expected in page, expected
    assert reverse("applications:cv", args=[amira.pk]) in response.content.decode()
    assert current_consent(amira.form, "ar").text[:40] in page
    html = response.content.decode()
    assert 'lang="ar" dir="auto"' in html  # her Arabic consent text reads right to left on a staff page


def test_labels_follow_the_staff_language(client, coordinator, amira):
    client.force_login(coordinator)
    page = text(client.get(record_url(amira), **SV))
    assert "Hur hörde du om oss? På SFI" in page
    assert "Revisorer m.fl. (2411)" in page


@pytest.mark.parametrize("person", ["coordinator", "partner_coordinator"])
def test_viewing_the_record_is_written_to_the_audit_log(client, request, amira, person):
    user = request.getfixturevalue(person)
    client.force_login(user)
    client.get(record_url(amira))
    event = AuditEvent.objects.get(action="application.viewed")
    assert (event.actor, event.program, event.target_type, event.target_id) == (
        user,
        amira.program,
        "applications.application",
        str(amira.pk),
    )
    assert event.data == {}  # ids only: nothing personal


def test_accepting_records_who_when_and_why_and_emails_the_applicant(client, coordinator, amira):
    client.force_login(coordinator)
    data = {"to": "accepted", "reason": "Stark motivering, talar arabiska", "send_email": "on"}

    response = client.post(record_url(amira, "change_status"), data, **EN)

    assert response.status_code == 302
    page = client.get(response["Location"], **EN)
    assert shown_messages(page) == ["The status is now “Accepted” and the applicant gets an e-mail."]
    change = StatusChange.objects.get(to_status="accepted")
    assert (change.application_id, change.by, change.reason, change.from_status) == (
        amira.pk,
        coordinator,
        "Stark motivering, talar arabiska",
        "received",
    )
    assert "Stark motivering, talar arabiska" in text(page)  # in the history
    email = OutboxMessage.objects.get()
    assert email.to == [amira.email]
    assert "مرحبًا Amira" in email.body_text


@pytest.mark.parametrize(
    ("language", "expected"), [(EN, "Write why the status changes."), (SV, "Skriv varför statusen ändras.")]
)
def test_a_status_change_needs_a_reason(client, coordinator, amira, language, expected):
    client.force_login(coordinator)
    response = client.post(record_url(amira, "change_status"), {"to": "rejected", "reason": " "}, **language)
    assert field_error(response, "id_reason") == expected
    assert Application.objects.get(pk=amira.pk).status == "received"


def test_a_move_the_status_does_not_allow_is_refused_next_to_the_field(client, coordinator, program):
    rejected = ApplicationFactory(program=program, status="rejected")
    client.force_login(coordinator)
    response = client.post(
        record_url(rejected, "change_status"), {"to": "accepted", "reason": "Ändrat oss"}, **EN
    )
    assert "Select a valid choice." in field_error(response, "id_to")
    assert Application.objects.get(pk=rejected.pk).status == "rejected"


def test_staff_write_notes(client, coordinator, amira):
    client.force_login(coordinator)
    response = client.post(
        record_url(amira, "add_note"), {"text": "Ringde, vill helst träffas på kvällar."}, **EN
    )
    assert response["Location"].endswith("#notes")
    note = Note.objects.get()
    assert (note.application, note.author, note.text) == (
        amira,
        coordinator,
        "Ringde, vill helst träffas på kvällar.",
    )
    page = text(client.get(record_url(amira), **EN))
    assert "Ringde, vill helst träffas på kvällar. Karin Koordinator" in page
    assert AuditEvent.objects.get(action="application.note_added").data == {"note": note.pk}


def test_an_empty_note_is_refused(client, coordinator, amira):
    client.force_login(coordinator)
    response = client.post(record_url(amira, "add_note"), {"text": ""}, **EN)
    assert field_error(response, "id_text") == "Write the note first."
    assert not Note.objects.exists()


@pytest.fixture
def twins(program):
    first = ApplicationFactory(program=program, email="omar@example.org")
    second = ApplicationFactory(program=program, email="Omar@Example.org", duplicate_of=first)
    return first, second


def test_merging_withdraws_the_newer_application_with_the_reason(client, coordinator, twins):
    first, second = twins
    client.force_login(coordinator)
    assert "This may be a duplicate of the earlier application" in text(client.get(record_url(second), **EN))
    assert second.reference in text(client.get(record_url(first), **EN))  # the earlier one lists it

    client.post(record_url(second, "duplicate"), {"action": "merge"}, **EN)

    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == ("received", "withdrawn")
    change = StatusChange.objects.get(application=second, to_status="withdrawn")
    assert change.by == coordinator
    assert change.reason == f"Merged: the same person applied earlier with {first.reference}."
    assert AuditEvent.objects.get(action="application.duplicate_merged").data == {
        "kept": first.pk,
        "withdrawn": second.pk,
    }


def test_keeping_both_clears_the_flag(client, coordinator, twins):
    first, second = twins
    client.force_login(coordinator)
    response = client.post(record_url(second, "duplicate"), {"action": "keep"}, **EN)
    assert shown_messages(client.get(response["Location"], **EN)) == [
        "Both applications are kept; the duplicate flag is cleared."
    ]
    second.refresh_from_db()
    assert (second.duplicate_of, second.status) == (None, "received")
    assert AuditEvent.objects.get(action="application.duplicate_kept").data == {"duplicate_of": first.pk}


def test_an_application_without_the_flag_cannot_be_merged(client, coordinator, twins):
    first, _second = twins
    client.force_login(coordinator)
    response = client.post(record_url(first, "duplicate"), {"action": "merge"}, **EN)
    assert shown_messages(client.get(response["Location"], **EN)) == [
        "This application is not marked as a possible duplicate."
    ]
    assert Application.objects.get(pk=first.pk).status == "received"


def test_a_viewer_may_not_read_the_record(client, viewer, amira):
    """Issue 12, item 8: viewers saw whole applicant records; they see figures and pseudonymised lists."""
    client.force_login(viewer)

    assert client.get(record_url(amira)).status_code == 403
    assert not AuditEvent.objects.filter(action="application.viewed").exists()


@pytest.mark.parametrize(
    ("headers", "withdrawn", "waitlisted"),
    [
        (SV, "Återtagen av den sökande.", "På väntelistan till nästa program."),
        (EN, "Withdrawn by the applicant.", "Waitlisted for the next program."),
    ],
)
def test_reasons_tandem_wrote_are_shown_in_the_readers_language(
    client, coordinator, program, headers, withdrawn, waitlisted
):
    now = timezone.now()
    accepted = ApplicationFactory(program=program, status=Application.Status.ACCEPTED)
    change_status(
        accepted,
        Application.Status.WAITLISTED,
        by=coordinator,
        reason_code=StatusChange.Reason.WAITLISTED_FOR_NEXT_PROGRAM,
        now=now,
    )
    withdrawing = ApplicationFactory(program=program)
    withdraw_application(withdrawing, now=now)
    client.force_login(coordinator)

    assert waitlisted in text(client.get(record_url(accepted), **headers))
    assert withdrawn in text(client.get(record_url(withdrawing), **headers))


def test_a_reason_staff_typed_is_shown_as_typed(client, coordinator, amira):
    client.force_login(coordinator)
    change_status(
        amira, Application.Status.REJECTED, by=coordinator, reason="Passar inte.", now=timezone.now()
    )

    assert "Passar inte." in text(client.get(record_url(amira), **EN))


def test_the_record_lists_every_email_sent_to_the_applicant_with_its_state(
    client, coordinator, amira, program
):
    """Issue 13, item 8: an address shared with another applicant's text, or another program's e-mail,
    is not listed; the applicant's address matches whatever its case."""

    def stored(subject, to, status, *, to_program=program):
        return OutboxMessage.objects.create(
            organisation=program.organisation, program=to_program, from_email="tandem@framat.example",
            to=to, subject=subject, body_text="Hej", message_id=OutboxMessage.new_message_id(), status=status,
        )  # fmt: skip

    stored("Vi har fått din anmälan", [amira.email.upper()], OutboxMessage.Status.SENT)
    stored("Du är antagen", [amira.email], OutboxMessage.Status.FAILED)
    stored("Till en annan", [f"jo{amira.email}"], OutboxMessage.Status.SENT)
    stored("Annat program", [amira.email], OutboxMessage.Status.SENT, to_program=None)
    client.force_login(coordinator)

    page = client.get(record_url(amira), **EN)

    assert [email.subject for email in page.context["emails"]] == ["Du är antagen", "Vi har fått din anmälan"]
    html = page.content.decode()
    assert "E-mails to the applicant" in html and ">failed<" in html and ">sent<" in html
    assert "<bdi>Du är antagen</bdi>" in html  # an Arabic subject would not reorder the date after it
    assert "Till en annan" not in html and "Annat program" not in html


def test_free_text_in_any_script_keeps_its_own_direction(client, coordinator, amira):
    # "…or on Teams. My phone 070-123 45 67": in a left-to-right page an Arabic answer breaks apart
    # unless the element takes its direction from its own text.
    words = "يمكنني اللقاء في المكتب أو عبر Teams. هاتفي 070-123 45 67"
    amira.about_me = words
    amira.save()
    Note.objects.create(application=amira, author=coordinator, text="ملاحظة: اتصلت بها")
    client.force_login(coordinator)
    page = client.get(record_url(amira)).content.decode()
    assert f'<dd class="col-sm-8" dir="auto">{words}</dd>' in page
    assert '<p class="mb-1" dir="auto">ملاحظة: اتصلت بها</p>' in page
    assert '<h1 class="mb-0" dir="auto">Amira Haddad</h1>' in page
    queue = client.get(reverse("screening:queue", kwargs={"pk": amira.program_id})).content.decode()
    assert "<bdi>Amira Haddad</bdi>" in queue


def _history(client, application) -> list[str]:
    """The history's steps as read: "Accepted (was Received) · <when> · <who>"."""
    html = client.get(record_url(application), **EN).content.decode()
    start = html.index('id="history"')
    items = html[start : html.index("</ol>", start)].split("<li")[1:]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", "<li" + item)).strip() for item in items]


def test_the_history_credits_the_applicant_only_with_their_own_steps(client, coordinator, amira):
    now = timezone.now()
    change_status(amira, "under_review", by=coordinator, reason="", now=now)
    # A bulk decision whose starter's account was removed before the worker ran it: staff, name unknown.
    bulk_change_status(amira.program, [amira.pk], "accepted", by=None, reason="", send_email=False, now=now)
    withdraw_application(amira, now=now)
    client.force_login(coordinator)

    who = [step.split(" · ")[2] for step in _history(client, amira)]

    assert who == [
        "the applicant",  # they sent the form
        "Karin Koordinator",
        "a coordinator",
        "the applicant Withdrawn by the applicant.",  # through their link, with Tandem's reason
    ]
    assert list(StatusChange.objects.filter(application=amira).values_list("by_applicant", flat=True)) == [
        True,
        False,
        False,
        True,
    ]

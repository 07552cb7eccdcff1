"""Every e-mail is stored in the caller's transaction; delivery starts only after the commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import BadHeaderError, EmailMessage, EmailMultiAlternatives, send_mail
from django.db import transaction

from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import _kick_worker, prepare_email, queue_email, queue_prepared

pytestmark = pytest.mark.django_db


def test_send_mail_stores_the_message_instead_of_sending_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        send_mail(
            "Nytt lösenord",
            "Klicka på länken.",
            None,
            ["karin@framat.example"],
            html_message="<p>Klicka på <a href='https://x.example/'>länken</a>.</p>",
        )

    message = OutboxMessage.objects.get()
    assert mail.outbox == []
    assert len(callbacks) == 1  # the worker is kicked once the transaction commits
    assert message.status == OutboxMessage.Status.PENDING
    assert message.to == ["karin@framat.example"]
    assert message.from_email == "Tandem <tandem@localhost>"
    assert message.subject == "Nytt lösenord"
    assert message.body_text == "Klicka på länken."
    assert message.body_html.startswith("<p>Klicka på")
    assert message.message_id.startswith("<") and message.message_id.endswith("@localhost>")
    assert "Date" in message.headers


def test_an_email_message_keeps_its_recipients_reply_to_and_headers():
    EmailMessage(
        "Mellanträff",
        "Välkommen den 3 mars.",
        "Fackförbundet Framåt <info@framat.example>",
        to=["adept@example.org"],
        cc=["mentor@example.org"],
        bcc=["arkiv@framat.example"],
        reply_to=["karin@framat.example"],
        headers={"Message-ID": "<meeting-7@framat.example>", "X-Tandem-Program": "7"},
    ).send()

    message = OutboxMessage.objects.get()
    assert (message.to, message.cc, message.bcc) == (
        ["adept@example.org"],
        ["mentor@example.org"],
        ["arkiv@framat.example"],
    )
    assert message.reply_to == ["karin@framat.example"]
    assert message.message_id == "<meeting-7@framat.example>"
    assert message.headers["X-Tandem-Program"] == "7"
    assert "Message-ID" not in message.headers  # kept once, in its own unique column


def test_each_message_gets_its_own_message_id():
    for number in range(3):
        send_mail(f"Påminnelse {number}", "Text", None, ["adept@example.org"])

    ids = set(OutboxMessage.objects.values_list("message_id", flat=True))
    assert len(ids) == 3


def test_html_only_message_gets_a_text_part():
    email = EmailMessage("Kallelse", "<p>Välkommen <b>på torsdag</b></p>", None, ["adept@example.org"])
    email.content_subtype = "html"
    email.send()

    message = OutboxMessage.objects.get()
    assert message.body_html == "<p>Välkommen <b>på torsdag</b></p>"
    assert message.body_text == "Välkommen på torsdag"


def test_queue_email_files_the_message_under_the_program_and_its_organisation(program, org):
    message = queue_email(
        to=["adept@example.org"],
        subject="Uppstartsenkät",
        text="Hur har det gått?",
        html="<p>Hur har det gått?</p>",
        kind="surveys/startup",
        program=program,
    )

    assert (message.organisation, message.program, message.kind) == (org, program, "surveys/startup")
    assert message.body_html == "<p>Hur har det gått?</p>"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_stores_and_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to=["adept@example.org"], subject="Antagen", text="Du är antagen.")
        send_mail("Antagen", "Du är antagen.", None, ["mentor@example.org"])
        raise RuntimeError("the decision failed after the e-mails were written")

    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_once_the_transaction_commits_the_worker_delivers_the_message():
    # The test settings run huey jobs at once, and deliver through the in-memory backend.
    with transaction.atomic():
        queue_email(to=["adept@example.org"], subject="Antagen", text="Du är antagen.")
        assert mail.outbox == []  # not before the commit

    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None
    assert [sent.subject for sent in mail.outbox] == ["Antagen"]
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id


def test_a_savepoint_rolled_back_drops_its_delivery_kick(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        queue_email(to=["mentor@example.org"], subject="Kept", text="Text")
        with pytest.raises(RuntimeError), transaction.atomic():
            queue_email(to=["adept@example.org"], subject="Dropped", text="Text")
            raise RuntimeError

    assert list(OutboxMessage.objects.values_list("subject", flat=True)) == ["Kept"]
    assert len(callbacks) == 1


def test_a_header_injection_is_refused_before_anything_is_stored():
    with pytest.raises(BadHeaderError):
        queue_email(to=["adept@example.org"], subject="Hej\nBcc: alla@example.org", text="Text")

    assert OutboxMessage.objects.count() == 0


def test_attachments_are_refused_rather_than_dropped():
    email = EmailMultiAlternatives("Rapport", "Se bilagan.", None, ["finansiar@example.org"])
    email.attach("rapport.csv", "a,b\n1,2\n", "text/csv")

    with pytest.raises(ValueError, match="attachments"):
        email.send()

    assert OutboxMessage.objects.count() == 0


def test_a_message_without_recipients_is_an_error_for_queue_email():
    with pytest.raises(ValueError, match="recipient"):
        queue_email(to=[], subject="Till ingen", text="Text")


# --- Many at once, and one delivery kick per transaction ------------------------------------------


def test_many_messages_in_one_transaction_kick_the_worker_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for number in range(5):
            queue_email(to=[f"adept{number}@example.org"], subject="Antagen", text="Du är antagen.")
        send_mail("Antagen", "Du är antagen.", None, ["mentor@example.org"])

    assert OutboxMessage.objects.count() == 6
    assert callbacks == [_kick_worker]


def test_each_transaction_gets_its_own_kick(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        queue_email(to=["adept@example.org"], subject="Först", text="Text")  # a transaction of its own
        queue_email(to=["adept@example.org"], subject="Sedan", text="Text")

    assert callbacks == [_kick_worker, _kick_worker]


def test_a_kick_rolled_back_with_its_savepoint_is_asked_for_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            queue_email(to=["adept@example.org"], subject="Dropped", text="Text")
            raise RuntimeError
        queue_email(to=["mentor@example.org"], subject="Kept", text="Text")

    assert list(OutboxMessage.objects.values_list("subject", flat=True)) == ["Kept"]
    assert callbacks == [_kick_worker]


def test_prepared_messages_are_stored_as_queue_email_stores_them(program, django_capture_on_commit_callbacks):
    fields = {
        "subject": "Uppstartsenkät",
        "text": "Hur har det gått?",
        "html": "<p>Hur har det gått?</p>",
        "kind": "surveys/startup",
        "program": program,
        "reply_to": ["karin@framat.example"],
    }
    one = queue_email(to=["adept@example.org"], **fields)
    prepared = [prepare_email(to=[f"adept{n}@example.org"], **fields) for n in range(3)]
    assert OutboxMessage.objects.count() == 1  # prepared: nothing stored yet

    with django_capture_on_commit_callbacks() as callbacks:
        stored = queue_prepared(prepared)

    assert callbacks == [_kick_worker]
    assert all(message.pk is not None for message in stored)
    same = [
        "organisation_id",
        "program_id",
        "kind",
        "from_email",
        "reply_to",
        "subject",
        "body_text",
        "body_html",
    ]
    for message in OutboxMessage.objects.exclude(pk=one.pk):
        assert [getattr(message, name) for name in same] == [getattr(one, name) for name in same]
        assert message.status == OutboxMessage.Status.PENDING and "Date" in message.headers
    assert len(set(OutboxMessage.objects.values_list("message_id", flat=True))) == 4


def test_a_header_injection_is_refused_when_the_message_is_prepared():
    with pytest.raises(BadHeaderError):
        prepare_email(to=["adept@example.org"], subject="Hej\nBcc: alla@example.org", text="Text")

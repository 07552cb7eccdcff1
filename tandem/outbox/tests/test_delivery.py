"""The worker delivers each stored message once, through a real SMTP server, and retries failures."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import CLAIM_EXPIRED, deliver_due, queue_email
from tandem.outbox.testing import free_port

pytestmark = pytest.mark.django_db

MONDAY_MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
Status = OutboxMessage.Status


def run_worker():
    """What the periodic job does every minute."""
    return deliver_due(now=timezone.now())


def test_a_queued_email_reaches_the_smtp_server_as_stored(smtp_server, program):
    message = queue_email(
        to=["adept@example.org"],
        subject="Välkommen till uppstartsträffen",
        text="Vi ses på torsdag.",
        html="<p>Vi ses på <b>torsdag</b>.</p>",
        program=program,
        reply_to=["karin@framat.example"],
    )
    OutboxMessage.objects.filter(pk=message.pk).update(bcc=["arkiv@framat.example"])

    report = run_worker()

    assert report.sent == 1
    [received] = smtp_server.messages
    assert received["Message-ID"] == message.message_id
    assert received["Subject"] == "Välkommen till uppstartsträffen"
    assert received["Reply-To"] == "karin@framat.example"
    assert received["Date"] == message.headers["Date"]
    assert received["Bcc"] is None  # blind copies travel in the envelope only
    assert received["X-Envelope-To"] == "adept@example.org, arkiv@framat.example"
    assert received.get_body(("plain",)).get_content().strip() == "Vi ses på torsdag."
    assert "<b>torsdag</b>" in received.get_body(("html",)).get_content()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.claim_token) == (Status.SENT, 1, None)
    assert message.sent_at is not None


def test_running_the_worker_twice_delivers_each_message_once(smtp_server, make_message):
    messages = [make_message() for _ in range(5)]

    first, second = run_worker(), run_worker()

    assert (first.sent, second.sent) == (5, 0)
    assert sorted(smtp_server.message_ids()) == sorted(m.message_id for m in messages)


def test_a_message_is_not_sent_before_it_is_due(smtp_server, make_message):
    make_message(next_attempt_at=timezone.now() + timedelta(minutes=5))

    assert run_worker().sent == 0
    assert smtp_server.messages == []


def test_refusals_are_retried_with_growing_pauses_until_the_message_goes_through(
    smtp_server, settings, time_machine
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    time_machine.move_to(MONDAY_MORNING, tick=False)
    message = queue_email(to=["adept@example.org"], subject="Antagen", text="Du är antagen.")

    # 08:00 — the relay refuses the recipient.
    smtp_server.refuse("RCPT", "550 5.1.1 <adept@example.org>: Recipient address rejected")
    run_worker()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 1)
    assert message.next_attempt_at == MONDAY_MORNING + timedelta(seconds=60)
    assert message.last_error == "SMTPRecipientsRefused 550"

    # 08:00:59 — not due yet: the worker leaves it alone.
    time_machine.move_to(MONDAY_MORNING + timedelta(seconds=59), tick=False)
    assert run_worker().retrying == 0

    # 08:01 — the relay is busy.
    time_machine.move_to(MONDAY_MORNING + timedelta(seconds=60), tick=False)
    smtp_server.refuse("DATA", "421 4.3.0 Try again later")
    run_worker()
    message.refresh_from_db()
    assert (message.attempts, message.last_error) == (2, "SMTPDataError 421")
    assert message.next_attempt_at == MONDAY_MORNING + timedelta(seconds=60 + 120)

    # 08:03 — the relay is down: not the message's fault, so it keeps its attempts and its turn.
    time_machine.move_to(MONDAY_MORNING + timedelta(seconds=180), tick=False)
    running_port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()
    assert run_worker().server_unavailable
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 2)
    assert message.last_error == "ConnectionRefusedError"
    assert message.next_attempt_at == MONDAY_MORNING + timedelta(seconds=180)

    # 08:04 — back up: delivered, once.
    settings.EMAIL_PORT = running_port
    time_machine.move_to(MONDAY_MORNING + timedelta(seconds=240), tick=False)
    assert run_worker().sent == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 3)
    assert message.sent_at == MONDAY_MORNING + timedelta(seconds=240)
    assert smtp_server.message_ids() == [message.message_id]


def test_the_error_kept_is_the_class_and_code_never_an_address(smtp_server, make_message):
    message = make_message(to=["Adam Adept <adam@example.org>"])
    smtp_server.refuse("RCPT", "550 5.1.1 <adam@example.org> (Adam Adept) unknown")

    run_worker()

    message.refresh_from_db()
    assert message.last_error == "SMTPRecipientsRefused 550"


def test_after_the_last_attempt_the_message_fails_for_good(smtp_server, settings, time_machine, make_message):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    time_machine.move_to(MONDAY_MORNING, tick=False)
    message = make_message()
    smtp_server.refuse("DATA", "554 5.7.1 Message rejected", times=10)

    for minutes in (0, 1, 3, 7, 15, 60):
        time_machine.move_to(MONDAY_MORNING + timedelta(minutes=minutes), tick=False)
        run_worker()

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.FAILED, 3, "SMTPDataError 554")
    assert smtp_server.messages == []


def test_one_failing_message_does_not_hold_up_the_others(smtp_server, make_message):
    refused, accepted = make_message(), make_message()
    smtp_server.refuse("RCPT", "550 5.1.1 No such user")

    report = run_worker()

    assert (report.sent, report.retrying) == (1, 1)
    refused.refresh_from_db()
    assert refused.status == Status.PENDING
    assert smtp_server.message_ids() == [accepted.message_id]


def test_a_message_left_sending_by_a_dead_worker_is_sent_after_the_claim_timeout(
    smtp_server, settings, time_machine, make_message
):
    settings.OUTBOX_CLAIM_TIMEOUT_SECONDS = 600
    time_machine.move_to(MONDAY_MORNING, tick=False)
    message = make_message(
        status=Status.SENDING, claim_token=uuid.uuid4(), claimed_at=MONDAY_MORNING, attempts=1
    )

    time_machine.move_to(MONDAY_MORNING + timedelta(seconds=599), tick=False)
    assert run_worker().released == 0
    assert smtp_server.messages == []

    time_machine.move_to(MONDAY_MORNING + timedelta(seconds=601), tick=False)
    report = run_worker()

    assert (report.released, report.sent) == (1, 1)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 2, CLAIM_EXPIRED)
    assert smtp_server.message_ids() == [message.message_id]


def test_a_dead_workers_message_without_attempts_left_fails(smtp_server, settings, make_message):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    claimed_at = timezone.now() - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS + 1)
    message = make_message(status=Status.SENDING, claim_token=uuid.uuid4(), claimed_at=claimed_at, attempts=2)

    assert run_worker().failed == 1

    message.refresh_from_db()
    assert (message.status, message.last_error) == (Status.FAILED, CLAIM_EXPIRED)
    assert smtp_server.messages == []


def test_a_worker_stops_after_its_limit_and_the_next_run_takes_the_rest(smtp_server, make_message):
    for _ in range(3):
        make_message()

    assert deliver_due(now=timezone.now(), limit=2).sent == 2
    assert run_worker().sent == 1
    assert len(smtp_server.messages) == 3


def test_a_long_outage_of_the_smtp_server_costs_one_probe_a_run_and_no_attempts(
    smtp_server, settings, time_machine, make_message
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    time_machine.move_to(MONDAY_MORNING, tick=False)
    messages = [make_message() for _ in range(20)]
    running_port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()

    for minute in range(10):  # ten minutes down: the periodic job runs each minute
        time_machine.move_to(MONDAY_MORNING + timedelta(minutes=minute), tick=False)
        report = run_worker()
        assert report.server_unavailable and (report.sent, report.retrying, report.failed) == (0, 0, 0)

    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(Status.PENDING, 0)}
    assert OutboxMessage.objects.exclude(last_error="").count() == 1  # only the probe was touched

    settings.EMAIL_PORT = running_port
    assert run_worker().sent == 20
    assert sorted(smtp_server.message_ids()) == sorted(m.message_id for m in messages)
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


def test_a_refused_login_pauses_delivery_instead_of_failing_every_message(
    smtp_server, settings, make_message
):
    make_message(), make_message()
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "tandem", "wrong"  # the server offers no AUTH

    report = run_worker()

    assert report.server_unavailable and report.failed == 0
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(Status.PENDING, 0)}

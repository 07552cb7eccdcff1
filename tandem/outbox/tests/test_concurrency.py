"""Several workers at once still deliver every message exactly once (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.utils import timezone

from tandem.outbox import services
from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import DeliveryReport, deliver_due

# Real commits, so that each worker thread works on its own database connection.
pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 3
MESSAGES = 30


def run_workers_at_once(count: int) -> list[DeliveryReport]:
    start = threading.Barrier(count)
    reports: list[DeliveryReport] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            start.wait(timeout=10)
            reports.append(deliver_due(now=timezone.now()))
        except BaseException as exc:  # handed to the test thread below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads)
    return reports


def test_workers_running_at_the_same_time_send_each_message_once(smtp_server, make_message):
    messages = [make_message() for _ in range(MESSAGES)]

    reports = run_workers_at_once(WORKERS)

    received = Counter(smtp_server.message_ids())
    assert received == Counter({message.message_id: 1 for message in messages})
    assert sum(report.sent for report in reports) == MESSAGES
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(OutboxMessage.Status.SENT, 1)}


def test_workers_racing_on_retries_count_each_attempt_once(smtp_server, make_message):
    messages = [make_message() for _ in range(10)]
    smtp_server.refuse("DATA", "421 4.3.0 Try again later", times=10)

    reports = run_workers_at_once(WORKERS)

    assert sum(report.retrying for report in reports) == 10
    assert smtp_server.messages == []
    assert all(m.attempts == 1 for m in OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]))


class DuplicateWindow:
    """Counts the messages that are accepted by the "server" but not yet marked sent, at every moment."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open = self.most_open = 0
        self.entered = threading.Condition(self.lock)
        self.claims_meanwhile = 0  # messages claimed by another thread while one was in the window

    def enter(self) -> None:
        with self.lock:
            self.open += 1
            self.most_open = max(self.most_open, self.open)
            self.entered.notify_all()
            # Hold the window open a while, so that another thread has every chance to come in too.
            self.entered.wait_for(lambda: self.open > 1, timeout=0.2)

    def leave(self) -> None:
        with self.lock:
            self.open -= 1

    def claimed(self) -> None:
        with self.lock:
            self.claims_meanwhile += bool(self.open)


class AcceptingBackend(BaseEmailBackend):
    """Accepts every message; the window opens with its "250", as with a real SMTP server."""

    def __init__(self, window: DuplicateWindow, **kwargs) -> None:
        super().__init__(**kwargs)
        self.window = window

    def send_messages(self, email_messages) -> int:
        self.window.enter()
        return len(email_messages)


def test_threads_of_one_worker_never_have_two_messages_sent_but_not_yet_marked(monkeypatch, make_message):
    """A hard kill duplicates what the server accepted and the database does not yet call sent: with the
    worker's threads taking turns there, one kill duplicates at most one message, not one per thread."""
    messages = [make_message() for _ in range(6)]
    window = DuplicateWindow()
    mark_sent, claim_next = services._mark_sent, services._claim_next

    def marked(message):
        try:
            return mark_sent(message)
        finally:
            window.leave()

    def claimed(**kwargs):
        message = claim_next(**kwargs)
        if message is not None:
            window.claimed()
        return message

    monkeypatch.setattr(services, "get_connection", lambda *args, **kwargs: AcceptingBackend(window))
    monkeypatch.setattr(services, "_mark_sent", marked)
    monkeypatch.setattr(services, "_claim_next", claimed)

    reports = run_workers_at_once(2)

    assert window.most_open == 1
    assert window.claims_meanwhile > 0  # the other thread did work meanwhile: the threads overlapped
    assert all(report.sent for report in reports)
    assert sum(report.sent for report in reports) == len(messages)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.SENT}

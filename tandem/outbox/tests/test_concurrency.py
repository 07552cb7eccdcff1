"""Several workers at once still deliver every message exactly once (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

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

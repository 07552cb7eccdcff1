"""A large outbox goes out in one go, as fast as allowed, by several workers, each message once."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.smtp import EmailBackend
from django.db import connection
from django.utils import timezone

from tandem.outbox import tasks
from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import CLAIM_EXPIRED, Throttle, deliver_due, process_throttle

Status = OutboxMessage.Status


class FakeClock:
    """A monotonic clock that moves only when someone sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def queue_many(make_message, count: int) -> list[OutboxMessage]:
    return [make_message() for _ in range(count)]


@pytest.mark.django_db
def test_one_run_empties_far_more_than_a_hundred_due_messages(make_message):
    messages = queue_many(make_message, 150)

    report = deliver_due(now=timezone.now())

    assert (report.sent, report.stopped_early) == (150, False)
    assert len(mail.outbox) == 150
    assert not OutboxMessage.objects.exclude(status=Status.SENT).exists()
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == {m.message_id for m in messages}


@pytest.mark.django_db
def test_a_run_sends_everything_over_one_smtp_connection(smtp_server, make_message):
    queue_many(make_message, 20)

    assert deliver_due(now=timezone.now()).sent == 20

    assert len(smtp_server.messages) == 20
    assert len(smtp_server.connections()) == 1


@pytest.mark.django_db
def test_a_run_stops_at_its_deadline_and_says_so(make_message):
    queue_many(make_message, 5)
    clock = FakeClock()
    ticking = Throttle(1, clock=clock, sleep=clock.sleep)  # one a second, so three fit in 2.5 s

    report = deliver_due(now=timezone.now(), deadline=clock() + 2.5, clock=clock, throttle=ticking)

    assert (report.sent, report.stopped_early) == (3, True)
    assert OutboxMessage.objects.filter(status=Status.PENDING).count() == 2


@pytest.mark.django_db
def test_the_rate_cap_spaces_the_messages_evenly(make_message):
    queue_many(make_message, 10)
    clock = FakeClock()

    report = deliver_due(now=timezone.now(), throttle=Throttle(20, clock=clock, sleep=clock.sleep))

    assert report.sent == 10
    # The first goes at once, each further one 1/20 s after the one before (and one more slot is
    # taken to find that nothing is left).
    assert clock.sleeps == pytest.approx([0.05] * 10)


def test_the_rate_cap_is_shared_by_the_threads_of_a_process():
    clock = FakeClock()
    throttle = Throttle(4, clock=clock, sleep=lambda seconds: clock.sleeps.append(seconds))
    threads = [threading.Thread(target=throttle.wait) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Four threads at the same moment: their slots are 0, 1/4, 2/4 and 3/4 s away.
    assert sorted(clock.sleeps) == pytest.approx([0.25, 0.5, 0.75])


def test_no_cap_never_waits():
    clock = FakeClock()
    throttle = Throttle(0, clock=clock, sleep=clock.sleep)
    for _ in range(100):
        throttle.wait()
    assert clock.sleeps == []


def test_the_process_throttle_follows_the_setting(settings):
    settings.OUTBOX_RATE_LIMIT = 2.5
    assert process_throttle() is process_throttle()
    assert process_throttle().interval == pytest.approx(0.4)
    settings.OUTBOX_RATE_LIMIT = 0
    assert process_throttle().interval == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_a_large_outbox_at_once_send_each_message_once(smtp_server, make_message):
    messages = queue_many(make_message, 240)
    start = threading.Barrier(2)
    reports, errors = [], []

    def work() -> None:
        try:
            start.wait(timeout=10)
            reports.append(deliver_due(now=timezone.now()))
        except BaseException as exc:  # handed to the test thread below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    assert not errors, errors
    assert Counter(smtp_server.message_ids()) == Counter({m.message_id: 1 for m in messages})
    assert sorted(report.sent for report in reports) != [0, 240], "both workers should have delivered"
    assert sum(report.sent for report in reports) == 240
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: the run stops dead, nothing is cleaned up."""


class DiesOnTheThirdMessage(EmailBackend):
    """SMTP delivery by a worker that is killed while sending its third message."""

    sent = 0

    def send_messages(self, email_messages):
        if DiesOnTheThirdMessage.sent == 2:
            raise WorkerKilled
        DiesOnTheThirdMessage.sent += len(email_messages)
        return super().send_messages(email_messages)


@pytest.mark.django_db
def test_a_worker_killed_mid_run_leaves_its_message_to_be_reclaimed_and_nothing_is_lost(
    smtp_server, settings, make_message
):
    messages = queue_many(make_message, 6)
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.DiesOnTheThirdMessage"
    DiesOnTheThirdMessage.sent = 0
    with pytest.raises(WorkerKilled):
        deliver_due(now=timezone.now())
    [orphan] = OutboxMessage.objects.filter(status=Status.SENDING)

    # The other worker delivers the rest at once, but leaves the dead worker's claim alone...
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert deliver_due(now=timezone.now()).sent == 3
    assert OutboxMessage.objects.get(pk=orphan.pk).status == Status.SENDING

    # ... until the claim has expired.
    later = timezone.now() + timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS + 1)
    report = deliver_due(now=later)

    assert (report.released, report.sent) == (1, 1)
    orphan.refresh_from_db()
    assert (orphan.status, orphan.attempts, orphan.last_error) == (Status.SENT, 2, CLAIM_EXPIRED)
    assert Counter(smtp_server.message_ids()) == Counter({m.message_id: 1 for m in messages})


@pytest.mark.django_db
def test_the_job_queues_itself_again_when_its_time_is_up(make_message, monkeypatch):
    queue_many(make_message, 3)
    queued = []
    monkeypatch.setattr(tasks.HUEY, "immediate", False)
    monkeypatch.setattr(tasks, "deliver_outbox", lambda: queued.append("deliver_outbox"))
    monkeypatch.setattr(tasks, "BACKLOG", 2)

    tasks.deliver_for_a_while(budget=0)  # a backlog, and no time: one helper, and the job again

    assert queued == ["deliver_outbox", "deliver_outbox"]
    assert OutboxMessage.objects.filter(status=Status.PENDING).count() == 3

    queued.clear()
    monkeypatch.setattr(tasks, "BACKLOG", 50)
    tasks.deliver_for_a_while()  # no backlog and time enough: all sent, nothing queued

    assert queued == []
    assert len(mail.outbox) == 3

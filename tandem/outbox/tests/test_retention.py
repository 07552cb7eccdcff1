from datetime import timedelta

from django.utils import timezone

from tandem.outbox.models import OutboxMessage
from tandem.outbox.services import purge_old_messages


def test_old_sent_and_failed_messages_are_forgotten_pending_ones_stay(make_message, settings):
    settings.OUTBOX_RETENTION_DAYS = 90
    now = timezone.now()
    old = now - timedelta(days=91)
    sent = make_message(status=OutboxMessage.Status.SENT, created_at=old)
    failed = make_message(status=OutboxMessage.Status.FAILED, created_at=old)
    waiting = make_message(status=OutboxMessage.Status.PENDING, created_at=old)
    recent = make_message(status=OutboxMessage.Status.SENT, created_at=now - timedelta(days=89))

    assert purge_old_messages(now=now) == 2

    remaining = set(OutboxMessage.objects.values_list("pk", flat=True))
    assert remaining == {waiting.pk, recent.pk}
    assert sent.pk not in remaining and failed.pk not in remaining

from django.core.checks import run_checks

from tandem.outbox.checks import claim_outlives_slowest_delivery


def test_a_claim_timeout_shorter_than_a_slow_delivery_is_warned_about(settings):
    settings.EMAIL_TIMEOUT = 20
    settings.OUTBOX_CLAIM_TIMEOUT_SECONDS = 60

    [warning] = claim_outlives_slowest_delivery(None)

    assert warning.id == "outbox.W001"
    assert "outbox.W001" in {message.id for message in run_checks()}


def test_the_default_settings_pass(settings):
    assert claim_outlives_slowest_delivery(None) == []


def test_a_claim_must_also_outlive_the_other_threads_turns_at_sending(settings):
    settings.EMAIL_TIMEOUT = 20
    settings.OUTBOX_CLAIM_TIMEOUT_SECONDS = 300  # one delivery (200 s), not two
    settings.HUEY = {**settings.HUEY, "consumer": {"workers": 2, "worker_type": "thread"}}

    [warning] = claim_outlives_slowest_delivery(None)

    assert "400 s" in warning.msg
    settings.HUEY = {**settings.HUEY, "consumer": {"workers": 1, "worker_type": "thread"}}
    assert claim_outlives_slowest_delivery(None) == []

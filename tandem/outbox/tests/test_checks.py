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

"""System checks for the outbox settings."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register

# A delivery is some ten SMTP round trips (connect, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, ...),
# each allowed EMAIL_TIMEOUT seconds.
SMTP_ROUND_TRIPS = 10


@register()
def claim_outlives_slowest_delivery(app_configs, **kwargs) -> list[Warning]:
    """A claim that expires while its worker is still sending lets a second worker send it again.

    A claimed message may first wait while the process's other worker threads each send one message
    (they take turns at `services.SEND_AND_MARK`), so the claim must outlive that many deliveries.
    """
    threads = worker_threads()
    slowest = SMTP_ROUND_TRIPS * settings.EMAIL_TIMEOUT * threads
    claim_timeout = settings.OUTBOX_CLAIM_TIMEOUT_SECONDS
    if claim_timeout >= slowest:
        return []
    return [
        Warning(
            f"OUTBOX_CLAIM_TIMEOUT_SECONDS ({claim_timeout}) is shorter than the slowest delivery of one "
            f"message by a worker with {threads} thread(s) ({SMTP_ROUND_TRIPS} x EMAIL_TIMEOUT x "
            f"HUEY_WORKERS = {slowest} s)",
            hint="Raise OUTBOX_CLAIM_TIMEOUT_SECONDS or lower EMAIL_TIMEOUT, or e-mail may be sent twice.",
            id="outbox.W001",
        )
    ]


def worker_threads() -> int:
    """The threads of one worker process (HUEY_WORKERS)."""
    return int(getattr(settings, "HUEY", {}).get("consumer", {}).get("workers", 1))

"""Store outgoing e-mail in the caller's transaction, then deliver it exactly once.

Storing (`queue_email`, `queue_prepared` for many at once, and `store_messages` behind Django's mail
API) writes an `OutboxMessage` inside whatever transaction the caller is in, and asks the worker to
deliver once that transaction commits (one kick per transaction, however many messages). A
rolled-back transaction leaves neither a message nor a delivery behind.

Delivery (`deliver_due`) claims one due message at a time with a conditional UPDATE, sends it, and
marks it sent at once, and keeps going while messages are due (the worker's job bounds a run by time:
see tasks.py). Any number of workers may run it side by side: on PostgreSQL the claim skips rows
another worker has locked (``FOR UPDATE SKIP LOCKED``); on SQLite every transaction begins IMMEDIATE,
so claims simply take turns. One SMTP connection serves a whole run. ``OUTBOX_RATE_LIMIT`` caps the
messages a second that one worker process sends (`Throttle`). See `deliver_due` for the one window in
which a message can go out twice, how small it is, and why one kill of a worker process can duplicate at
most one message (`SEND_AND_MARK`).
"""

from __future__ import annotations

import logging
import smtplib
import socket
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parseaddr
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import OperationalError, connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags

from tandem.audit.services import log_action
from tandem.outbox.models import OutboxMessage

if TYPE_CHECKING:
    from tandem.accounts.models import Organisation, User
    from tandem.programs.models import Program

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status
CLAIM_EXPIRED = "ClaimExpired"  # last_error of a message whose worker stopped while sending it
HELD_UNTIL = datetime(9999, 1, 1, tzinfo=UTC)  # the due time of a held message: never, until released
BATCH_SIZE = 500  # rows per INSERT in `queue_prepared` (SQLite's limit on parameters may make it fewer)


# --- Storing ---------------------------------------------------------------------------------


def queue_email(
    *,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str = "",
    kind: str = "",
    organisation: Organisation | None = None,
    program: Program | None = None,
    from_email: str | None = None,
    reply_to: Sequence[str] = (),
    headers: dict[str, str] | None = None,
) -> OutboxMessage:
    """Store one e-mail of ours for delivery after the current transaction commits.

    `kind` names the e-mail (e.g. ``"accounts/invitation"``) so staff can tell messages apart;
    `organisation` and `program` decide which staff see the message in the outbox.
    """
    message = prepare_email(
        to=to,
        subject=subject,
        text=text,
        html=html,
        kind=kind,
        organisation=organisation,
        program=program,
        from_email=from_email,
        reply_to=reply_to,
        headers=headers,
    )
    with transaction.atomic():
        message.save(force_insert=True)
        _deliver_after_commit()
    return message


def prepare_email(
    *,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str = "",
    kind: str = "",
    organisation: Organisation | None = None,
    program: Program | None = None,
    from_email: str | None = None,
    reply_to: Sequence[str] = (),
    headers: dict[str, str] | None = None,
) -> OutboxMessage:
    """The message `queue_email` would store, checked and built but not stored.

    For many e-mails at once: prepare them before the transaction opens, and store them inside it
    with `queue_prepared`. The Date header is fixed now.
    """
    if not to:
        raise ValueError("An e-mail needs at least one recipient")
    if program is not None and organisation is None:
        organisation = program.organisation
    if organisation is not None:  # sent on the organisation's behalf: its name, its reply-to address
        from_email = from_email or organisation_sender(organisation)
        reply_to = reply_to or ([organisation.reply_to_email] if organisation.reply_to_email else [])
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to),
        headers=dict(headers or {}),
    )
    if html:
        email.attach_alternative(html, "text/html")
    return _build(email, kind=kind, organisation=organisation, program=program)


def organisation_sender(organisation: Organisation) -> str:
    """`"Name" <address>`: the organisation's sender name on Tandem's own sending address (the domain
    that SPF and DKIM cover); answers go to the organisation's reply-to address."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    name = " ".join(organisation.sender_name.split()).replace("\\", "").replace('"', "")
    # Django encodes a non-ASCII name (RFC 2047) when it sends; stored, it stays readable.
    return f'"{name}" <{address or settings.DEFAULT_FROM_EMAIL}>'


def queue_prepared(messages: Sequence[OutboxMessage], *, held: bool = False) -> list[OutboxMessage]:
    """Store messages made by `prepare_email` in a few INSERTs, for delivery after the current
    transaction commits (the worker is kicked once, not once per message).

    `held`: stored but not sent until `release_held` (a job that stores its e-mails in chunks releases
    them all at once when it has finished, or deletes them if it fails).
    """
    if held:
        for message in messages:
            message.next_attempt_at = HELD_UNTIL
    with transaction.atomic():
        stored = OutboxMessage.objects.bulk_create(messages, batch_size=BATCH_SIZE)
        if stored:
            _deliver_after_commit()
    return stored


def held_messages() -> QuerySet[OutboxMessage]:
    """Messages stored with `queue_prepared(..., held=True)` and not released yet."""
    return OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at=HELD_UNTIL)


def release_held(messages: QuerySet[OutboxMessage], *, now: datetime) -> int:
    """Send the held messages among `messages` after the current transaction commits; how many."""
    with transaction.atomic():
        released = messages.filter(status=Status.PENDING, next_attempt_at=HELD_UNTIL).update(
            next_attempt_at=now
        )
        if released:
            _deliver_after_commit()
    return released


def store_messages(email_messages: Sequence[EmailMessage]) -> list[OutboxMessage]:
    """Store messages given to Django's mail API (the outbox e-mail backend calls this).

    Like Django's own backends, a message without recipients is skipped.
    """
    with transaction.atomic():
        stored = [_store(email) for email in email_messages if email.recipients()]
        if stored:
            _deliver_after_commit()
    return stored


def _store(email: EmailMessage) -> OutboxMessage:
    message = _build(email)
    message.save(force_insert=True)
    return message


def _build(
    email: EmailMessage,
    *,
    kind: str = "",
    organisation: Organisation | None = None,
    program: Program | None = None,
) -> OutboxMessage:
    """The unsaved OutboxMessage for `email`; refuses what could never be sent."""
    if email.attachments:
        raise ValueError("The outbox does not store attachments")
    email.message()  # Refuse now what could never be sent: header injection, malformed addresses.
    body_text, body_html = cast(str, email.body), ""
    if email.content_subtype == "html":
        body_text, body_html = strip_tags(body_text), body_text
    for content, mimetype in getattr(email, "alternatives", []):
        if mimetype != "text/html" or body_html:
            raise ValueError(f"The outbox stores one HTML alternative, not {mimetype}")
        body_html = str(content)
    headers = {str(name): str(value) for name, value in email.extra_headers.items()}
    message_id = _pop_header(headers, "Message-ID") or OutboxMessage.new_message_id(
        _domain_of(email.from_email)
    )
    if not _has_header(headers, "Date"):
        # Fixed now, so that every attempt sends the very same message.
        headers["Date"] = format_datetime(timezone.now())
    return OutboxMessage(
        organisation=organisation,
        program=program,
        kind=kind,
        from_email=email.from_email,
        to=list(email.to),
        cc=list(email.cc),
        bcc=list(email.bcc),
        reply_to=list(email.reply_to),
        subject=cast(str, email.subject),
        body_text=body_text,
        body_html=body_html,
        headers=headers,
        message_id=message_id,
    )


def _pop_header(headers: dict[str, str], name: str) -> str | None:
    for key in list(headers):
        if key.lower() == name.lower():
            return headers.pop(key)
    return None


def _has_header(headers: dict[str, str], name: str) -> bool:
    return any(key.lower() == name.lower() for key in headers)


def _domain_of(address: str) -> str:
    _, addr = parseaddr(address)
    domain = addr.rpartition("@")[2]
    return domain or "tandem.local"


def _deliver_after_commit() -> None:
    """Kick the worker once the caller's transaction commits (never, if it rolls back).

    Once per transaction: a kick already waiting for this commit delivers every message stored
    meanwhile (the worker takes all due messages), so 5,000 imported confirmations queue one job,
    not 5,000. The waiting kicks are the connection's own on-commit list, so a savepoint rolled
    back takes its kick with it and the next message asks again.

    `robust`: the e-mail is safely stored, so a queue that is down must not fail the caller's
    request; the periodic task delivers it within a minute.
    """
    if not _kick_waiting():
        transaction.on_commit(_kick_worker, robust=True)


def _kick_waiting() -> bool:
    """Whether a kick already waits for the commit of the current transaction."""
    if not connection.in_atomic_block:
        return False
    # Django's TestCase runs each test inside atomic blocks of its own, which never commit: there the
    # transaction of the code under test begins at the first other block, whose savepoint every
    # callback registered in it carries. Outside tests that is the outermost block.
    blocks = connection.atomic_blocks
    first = next((i for i, block in enumerate(blocks) if not getattr(block, "_from_testcase", False)), 0)
    begun = connection.savepoint_ids[first - 1] if first else None
    # Each entry is (savepoint ids, callback, robust) since Django 5.0; django-stubs still says two.
    waiting: list[tuple[set[str], Callable[[], None], bool]] = connection.run_on_commit  # type: ignore[assignment]
    return any(
        callback is _kick_worker and (begun is None or begun in savepoints)
        for savepoints, callback, _robust in waiting
    )


def _kick_worker() -> None:
    from tandem.outbox.tasks import deliver_outbox

    deliver_outbox()


# --- Delivering ------------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    """What one run of `deliver_due` did, as counts of messages."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0
    stopped_early: bool = False  # stopped by its limit or deadline, not because nothing was left due
    server_unavailable: bool = False  # stopped because the SMTP server could not be reached


class Throttle:
    """At most `rate` messages a second, spaced evenly, for every delivery run that shares it.

    Each send takes the next free slot (1/rate seconds after the one before) and sleeps until it.
    Thread-safe: the worker's threads share one throttle per process (`process_throttle`), so the cap
    holds per worker process; N worker processes together send up to N × rate. A rate of 0 never
    waits. `clock` and `sleep` are seams for tests.
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate < 0:
            raise ValueError("A rate limit cannot be negative")
        self.rate = rate
        self.interval = 1.0 / rate if rate else 0.0
        self.clock, self.sleep = clock, sleep
        self._next_slot = float("-inf")
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Return when the next message may go out."""
        if not self.interval:
            return
        with self._lock:
            now = self.clock()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.interval
        if slot > now:
            self.sleep(slot - now)


_process_throttle: Throttle | None = None
_process_throttle_lock = threading.Lock()


def process_throttle() -> Throttle:
    """The throttle this process's delivery runs share, at ``settings.OUTBOX_RATE_LIMIT``."""
    global _process_throttle
    with _process_throttle_lock:
        rate = settings.OUTBOX_RATE_LIMIT
        if _process_throttle is None or _process_throttle.rate != rate:
            _process_throttle = Throttle(rate)
        return _process_throttle


def deliver_due(
    *,
    now: datetime,
    limit: int | None = None,
    deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    throttle: Throttle | None = None,
) -> DeliveryReport:
    """Deliver the messages due at `now` through ``settings.OUTBOX_DELIVERY_BACKEND``, one after the
    other over one connection, until none is left due, `limit` messages were tried, or `clock()`
    passed `deadline` (then `stopped_early` is set: the caller runs again for the rest).

    `now` decides which messages are due, which claims count as abandoned, and when a failed
    message is tried again; `claimed_at` and `sent_at` record the wall-clock moment instead.
    `throttle` (by default the process's, at ``OUTBOX_RATE_LIMIT``) spaces the sends.

    Exactly once: a message is claimed by one worker (status "sending" plus a fresh claim token),
    sent, and marked sent by an UPDATE that checks the token. Failures go back to "pending" with
    exponential back-off (``OUTBOX_RETRY_BASE_SECONDS * 2**(attempts-1)``), and to "failed" after
    ``OUTBOX_MAX_ATTEMPTS``. A claim older than ``OUTBOX_CLAIM_TIMEOUT_SECONDS`` belongs to a worker
    that died, and is released for another attempt. The throttle is waited on before a claim, never
    while holding one, so a slow rate cannot make a claim outlive its timeout.

    An SMTP server that cannot be reached (refused, timed out, dropped the connection, refused our
    login) is nobody's message's fault: the message in hand goes back in line with its attempt given
    back, and the run stops (`server_unavailable`). The next run (the periodic job, every minute)
    tries again with one message, so a long outage costs one probe a minute per worker thread and never
    uses up the messages' attempts.

    The duplicate window: a message goes out twice only if the worker dies after the SMTP server
    accepted it (its "250" after DATA) and before the UPDATE that marks it sent commits. Nothing runs
    between the two: one message is claimed at a time, the UPDATE is a single autocommit statement
    by primary key, and logging waits until after it. And only one thread of a process is ever in the
    window: the worker's threads take turns at `SEND_AND_MARK` from handing a message to the backend
    until it is marked sent, so one kill of a worker process duplicates at most one message. Measured
    over 200 messages on a 2-CPU test machine with a local SMTP server: median about 1 ms on SQLite
    (WAL, synchronous=NORMAL) and 3 ms on a local PostgreSQL (p95 under 10 ms), against about 5 ms for
    the SMTP conversation itself.
    The window grows only while the database is locked by another writer (SQLite waits up to
    busy_timeout; the UPDATE is retried before the worker gives up). A graceful stop (SIGTERM to
    `tandem worker`) lets the current job finish (a run is bounded by the job's time budget), so only
    a crash or SIGKILL can hit the window. Every attempt carries the same Message-ID and Date, so a
    duplicate that does slip through can be recognised by mail software.
    """
    report = DeliveryReport()
    report.released, report.failed = _release_abandoned_claims(now=now)
    throttle = throttle if throttle is not None else process_throttle()
    backend = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    tried = 0
    try:
        while True:
            if limit is not None and tried >= limit:
                report.stopped_early = True
                break
            throttle.wait()
            if deadline is not None and clock() >= deadline:
                report.stopped_early = True
                break
            message = _claim_next(now=now)
            if message is None:
                break
            tried += 1
            status = _deliver_one(message, backend, now=now)
            if status == SERVER_UNAVAILABLE:
                report.server_unavailable = True
                break
            if status == Status.SENT:
                report.sent += 1
            elif status == Status.PENDING:
                report.retrying += 1
            else:
                report.failed += 1
    finally:
        _close_quietly(backend)
    return report


def _release_abandoned_claims(*, now: datetime) -> tuple[int, int]:
    """Put messages whose worker died while sending back in line (or fail them if out of attempts)."""
    cutoff = now - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS)
    abandoned = OutboxMessage.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff)
    with transaction.atomic():
        failed = abandoned.filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
            status=Status.FAILED, claim_token=None, last_error=CLAIM_EXPIRED
        )
        released = abandoned.update(
            status=Status.PENDING, claim_token=None, next_attempt_at=now, last_error=CLAIM_EXPIRED
        )
    if released or failed:
        logger.warning("Outbox: %s abandoned claims released, %s failed", released, failed)
    return released, failed


def _claim_next(*, now: datetime) -> OutboxMessage | None:
    """Take the next due message for this worker alone, or None when nothing is due.

    One at a time, so that a claim is never older than the delivery of one message: a batch
    claimed at once could outlive the claim timeout while its last messages wait their turn.
    """
    while True:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.due(now)
                .select_for_update(skip_locked=True)  # PostgreSQL; SQLite serialises: BEGIN IMMEDIATE
                .order_by("next_attempt_at", "id")
                .first()
            )
            if message is None:
                return None
            token, claimed_at = uuid.uuid4(), timezone.now()
            claimed = OutboxMessage.objects.filter(pk=message.pk, status=Status.PENDING).update(
                status=Status.SENDING, claim_token=token, claimed_at=claimed_at, attempts=F("attempts") + 1
            )
        if claimed:  # Not claimed only without row locks, when another worker was first: next one.
            message.status, message.claim_token, message.claimed_at = Status.SENDING, token, claimed_at
            message.attempts += 1
            return message


# Held by a worker thread from handing a message to the delivery backend until that message is marked
# sent, so that at most one message of this process is ever accepted by the SMTP server but not yet
# marked sent: a hard kill of the process can then duplicate one message, however many threads it runs.
# It covers the whole SMTP conversation of the message (a few milliseconds with a local server), because
# the answer that opens the window comes at its end and the backend may be any Django backend. The
# thread's other work (throttle, claim, building the message) runs outside it, alongside the sends of
# the process's other threads.
SEND_AND_MARK = threading.Lock()

SERVER_UNAVAILABLE = "server-unavailable"
# Failures of the connection, not of a message. (smtplib's errors are OSErrors too: only these count.)
CONNECTION_FAILURES: tuple[type[BaseException], ...] = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPAuthenticationError,
    ConnectionError,
    TimeoutError,
    socket.gaierror,
)


def _deliver_one(message: OutboxMessage, backend: BaseEmailBackend, *, now: datetime) -> str:
    """Send one claimed message; its new status, or SERVER_UNAVAILABLE when the server can't be reached."""
    try:
        backend.open()  # Reuses the open connection; reconnects after a failure closed it.
    except Exception as exc:  # Whatever stops the connection is the server's (or the settings') problem.
        _close_quietly(backend)
        return _put_back(message, exc)
    try:
        email = message.to_email(backend)  # built before the lock, which guards the window alone
    except Exception as exc:
        _close_quietly(backend)
        return _record_failure(message, exc, now=now)
    with SEND_AND_MARK:
        failure = _send(backend, email)
        # The duplicate window is open from here until _mark_sent returns: keep nothing in between.
        marked = failure is None and _mark_sent(message)
    if failure is not None:
        _close_quietly(backend)
        if isinstance(failure, CONNECTION_FAILURES):
            return _put_back(message, failure)
        return _record_failure(message, failure, now=now)
    if not marked:
        logger.warning("Outbox message %s was sent after its claim expired; it may go out twice", message.pk)
    logger.info("Outbox message %s sent (attempt %s)", message.pk, message.attempts)
    return Status.SENT


def _send(backend: BaseEmailBackend, email: EmailMessage) -> Exception | None:
    """Hand one e-mail to the backend; what went wrong, or None once the server has accepted it."""
    try:
        if not backend.send_messages([email]):
            raise smtplib.SMTPException("The delivery backend sent nothing")
    except Exception as exc:  # Any failure of one message is recorded (or, of the server, waited out).
        return exc
    return None


def _mark_sent(message: OutboxMessage, *, tries: int = 5) -> bool:
    """Mark the claimed message sent; retried while the database is briefly locked or away."""
    for attempt in range(tries):
        try:
            return bool(
                OutboxMessage.objects.filter(pk=message.pk, claim_token=message.claim_token).update(
                    status=Status.SENT, sent_at=timezone.now(), claim_token=None
                )
            )
        except OperationalError:
            if attempt == tries - 1 or connection.in_atomic_block:
                raise
            connection.close_if_unusable_or_obsolete()
            time.sleep(0.2 * 2**attempt)
    return False  # pragma: no cover - the loop returns or raises


def _record_failure(message: OutboxMessage, exc: Exception, *, now: datetime) -> str:
    error = describe_error(exc)
    if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        changes: dict[str, Any] = {"status": Status.FAILED}
    else:
        delay = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (message.attempts - 1)
        changes = {"status": Status.PENDING, "next_attempt_at": now + timedelta(seconds=delay)}
    OutboxMessage.objects.filter(pk=message.pk, claim_token=message.claim_token).update(
        claim_token=None, last_error=error, **changes
    )
    logger.warning(
        "Outbox message %s: attempt %s failed (%s), now %s",
        message.pk,
        message.attempts,
        error,
        changes["status"],
    )
    return changes["status"]


def _put_back(message: OutboxMessage, exc: BaseException) -> str:
    """The server could not be reached: the message waits its turn again, its attempt given back."""
    error = describe_error(exc)
    OutboxMessage.objects.filter(pk=message.pk, claim_token=message.claim_token).update(
        status=Status.PENDING, claim_token=None, attempts=F("attempts") - 1, last_error=error
    )
    logger.warning("Outbox: the SMTP server could not be reached (%s); waiting for the next run", error)
    return SERVER_UNAVAILABLE


def describe_error(exc: BaseException) -> str:
    """The error class and SMTP code(s), e.g. "SMTPRecipientsRefused 550": never addresses or texts."""
    codes: list[int] = []
    if isinstance(exc, smtplib.SMTPResponseException):
        codes = [exc.smtp_code]
    elif isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in exc.recipients.values()})
    return " ".join([type(exc).__name__, *(str(code) for code in codes)])


def _close_quietly(backend: BaseEmailBackend) -> None:
    try:
        backend.close()
    except Exception:  # A connection that is already broken has nothing left to close.
        logger.debug("Closing the delivery connection failed", exc_info=True)


# --- Staff -----------------------------------------------------------------------------------


def retry_failed_message(message: OutboxMessage, *, by: User, now: datetime) -> bool:
    """Give a failed message a fresh round of attempts, starting now.

    False if it was no longer failed (someone else retried it a moment ago); nothing changes then.
    """
    with transaction.atomic():
        retried = OutboxMessage.objects.filter(pk=message.pk, status=Status.FAILED).update(
            status=Status.PENDING, attempts=0, next_attempt_at=now, claim_token=None
        )
        if not retried:
            return False
        log_action(
            "outbox.retried",
            actor=by,
            organisation=message.organisation,
            program=message.program,
            target=message,
            data={"attempts": message.attempts, "last_error": message.last_error},
            now=now,
        )
        _deliver_after_commit()
    return True


def purge_old_messages(*, now: datetime) -> int:
    """Delete sent and failed messages older than OUTBOX_RETENTION_DAYS: they hold addresses and
    bodies, which we keep no longer than staff need them to answer "did it go out?"."""
    cutoff = now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _ = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted

"""Withdrawing consent: the link in every e-mail to an applicant or participant, and what it does.

The link names the program and an opaque key of the recipient (a keyed hash of their address, never the
address itself), signed with the time it was made: it works for `WITHDRAWAL_LINK_DAYS` (no table, no query
when an e-mail is built). An expired link says whom to ask instead. Following it and confirming ends the
person's part the documented way — a waiting introduction is declined (the other side gets the usual
polite "cancelled" e-mail), a running mentorship is ended (the coordinators are told, the other side gets
a short polite note), an open application is withdrawn — and then anonymises them at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from hmac import compare_digest

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import salted_hmac

from tandem.applications.models import Application, StatusChange
from tandem.applications.services import change_status
from tandem.audit.services import log_action
from tandem.mentoring.models import Mentorship
from tandem.mentoring.services import end_mentorship
from tandem.outbox.emails import Footer, send_templated_email
from tandem.pairs.emails import participant_language, send_pair_cancelled
from tandem.pairs.models import Pair
from tandem.pairs.publishing import AnswerClosed, answer_introduction, dissolve_pair
from tandem.privacy.anonymise import anonymise_applications
from tandem.privacy.models import Anonymised, RemovalLog
from tandem.programs.models import Program

SALT = "tandem.privacy.forget"
# E-mails to staff, never to an applicant or participant: no link to withdraw.
STAFF_EMAILS = frozenset(
    {"accounts/emails/invitation", "accounts/emails/password_reset", "mentoring/emails/coordinator_notice"}
)


def person_key(program_id: int, email: str) -> str:
    """An opaque key for the person with `email` in the program: a keyed hash (SECRET_KEY), so the link
    names nobody, and anyone without the secret cannot tell whose it is."""
    return salted_hmac(SALT, f"{program_id}:{email.strip().lower()}").hexdigest()[:32]


def forget_token(program_id: int, email: str) -> str:
    """The link's token: the program and the person's opaque key, signed with the time it was made (the
    link works for `WITHDRAWAL_LINK_DAYS`; no table, no query when an e-mail is built)."""
    return signing.TimestampSigner(salt=SALT).sign_object([program_id, person_key(program_id, email)])


@dataclass(frozen=True)
class Token:
    program_id: int
    key: str
    expired: bool


def read_token(token: str) -> Token | None:
    """What a token names, and whether it is too old; None when it is not ours."""
    signer = signing.TimestampSigner(salt=SALT)
    expired = False
    try:
        payload = signer.unsign_object(token, max_age=timedelta(days=settings.WITHDRAWAL_LINK_DAYS))
    except signing.SignatureExpired:
        expired = True
        try:
            payload = signer.unsign_object(token)
        except (signing.BadSignature, ValueError, TypeError):
            return None
    except (signing.BadSignature, ValueError, TypeError):
        return None
    try:
        program_id, key = payload
        return Token(int(program_id), str(key), expired)
    except (ValueError, TypeError):
        return None


def forget_url(program_id: int, email: str) -> str:
    return settings.SITE_URL + reverse("privacy:forget", args=[forget_token(program_id, email)])


def forget_footer(kind: str, to: str, program: Program | None, language: str) -> Footer | None:
    """The footer of an e-mail to an applicant or participant of `program` (outbox asks for it)."""
    if program is None or kind in STAFF_EMAILS or kind.startswith("accounts/"):
        return None
    context = {"forget_url": forget_url(program.pk, to)}
    return Footer(
        render_to_string("privacy/email_footer/forget.txt", context),
        render_to_string("privacy/email_footer/forget.html", context),
    )


def applications_of(program_id: int, key: str) -> list[Application]:
    """The applications in the program, of the person the key names, that still hold their data (one
    query: the key is compared in Python, it is not stored)."""
    found = [
        application
        for application in Application.objects.select_related("program__organisation", "form")
        .filter(program_id=program_id, anonymised__isnull=True)
        .exclude(email="")
        .order_by("pk")
        if compare_digest(person_key(program_id, application.email), key)
    ]
    return found


def is_participant(applications: list[Application]) -> bool:
    """Whether any of the applications has a running or paused mentorship (pausing is then possible)."""
    return (
        Mentorship.objects.filter(Q(pair__mentee__in=applications) | Q(pair__mentor__in=applications))
        .filter(status__in=[Mentorship.Status.RUNNING, Mentorship.Status.PAUSED])
        .exists()
    )


def withdraw_and_forget(applications: list[Application], *, now: datetime) -> int:
    """End the person's part in the program and anonymise them; the number of applications."""
    if not applications:
        return 0
    with transaction.atomic():
        for application in applications:
            _end_part(application, now=now)
        anonymise_applications(applications, cause=Anonymised.Cause.WITHDRAWAL, now=now)
        program = applications[0].program
        RemovalLog.objects.create(run_at=now, program=program, kind="withdrawal", count=len(applications))
        for application in applications:
            log_action("privacy.consent_withdrawn", program=program, target=application, now=now)
    return len(applications)


def _end_part(application: Application, *, now: datetime) -> None:
    pairs = Pair.objects.filter(Q(mentee=application) | Q(mentor=application)).select_related("program")
    for pair in pairs:
        side = "mentee" if pair.mentee_id == application.pk else "mentor"
        mentorship = Mentorship.objects.filter(pair=pair).select_related("pair__program").first()
        if mentorship is not None and mentorship.status != Mentorship.Status.ENDED:
            end_mentorship(mentorship, side=side, reason=Mentorship.EndReason.OTHER, text="", now=now)
            _tell_the_other_side(mentorship, side)
        elif pair.is_live:
            try:  # a waiting introduction: declined as through the link (the other side is told)
                answer_introduction(pair, side, accept=False, reason="", now=now)
            except AnswerClosed:
                dissolve_pair(pair, reason="consent withdrawn", by=None, now=now)
                send_pair_cancelled(pair, pair.other_side(side))
    if Application.Status.WITHDRAWN in application.allowed_statuses(by_applicant=True):
        change_status(
            application,
            Application.Status.WITHDRAWN,
            by=None,
            reason_code=StatusChange.Reason.WITHDRAWN_BY_APPLICANT,
            now=now,
        )


def _tell_the_other_side(mentorship: Mentorship, side: str) -> None:
    pair = mentorship.pair
    other = pair.mentor if side == "mentee" else pair.mentee
    if not other.email:
        return
    send_templated_email(
        "privacy/emails/pair_ended",
        to=other.email,
        context={
            "first_name": other.first_name,
            "program_name": pair.program.name,
            "other_side": side,
            "contact_email": pair.mentee.form.contact_email if pair.mentee.form else "",
        },
        language=participant_language(other),
        program=pair.program,
    )

"""The weekly digest: to each coordinator of each running program, what needs action this week.

Sent once per program, coordinator and ISO week (`DigestSent`, unique: a second run, or two workers at
once, send nothing more), only when something needs action, never to someone who turned it off, and in
the coordinator's language. It carries counts and links only: the pairs' names are read in Tandem.
The link to turn it off is signed and works without logging in.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from tandem.health import services
from tandem.health.models import DigestOptOut, DigestSent
from tandem.outbox.emails import send_templated_email
from tandem.programs.models import Program, ProgramRole

SALT = "tandem.health.digest-off"
MAX_LINKS = 10  # pairs linked in one digest; the health page has the rest


def opt_out_token(user) -> str:
    return signing.dumps({"user": user.pk}, salt=SALT)


def user_id_from_token(token: str) -> int | None:
    """The account a digest link was made for, or None for a link that was not made by Tandem."""
    try:
        return int(signing.loads(token, salt=SALT)["user"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def is_opted_out(user) -> bool:
    return DigestOptOut.objects.filter(user=user).exists()


def set_digest(user, *, on: bool) -> None:
    """Turn the weekly digest on or off for the person (for every program)."""
    if on:
        DigestOptOut.objects.filter(user=user).delete()
    else:
        DigestOptOut.objects.get_or_create(user=user)


def send_weekly_digests(*, now: datetime, today: date) -> int:
    """This week's digest of every running program to each of its coordinators who has not had it yet;
    returns how many were sent."""
    sent = 0
    for program in Program.objects.filter(state=Program.State.RUNNING).select_related("organisation"):
        sent += send_digest(program, now=now, today=today)
    return sent


def send_digest(program: Program, *, now: datetime, today: date) -> int:
    week = services.monday(today)
    already = DigestSent.objects.filter(program=program, week=week).values("user_id")
    opted_out = DigestOptOut.objects.values("user_id")
    roles = list(
        ProgramRole.objects.filter(
            program=program,
            role__in=[ProgramRole.Role.COORDINATOR, ProgramRole.Role.PARTNER_COORDINATOR],
            user__is_active=True,
        )
        .exclude(user_id__in=already)
        .exclude(user_id__in=opted_out)
        .select_related("user")
    )
    if not roles:
        return 0
    rules = services.rules_for(program, today=today)
    health = services.health_of(program, rules)
    counts = health.counts
    needing = health.for_digest()
    if not needing:
        return 0
    total = len(needing)
    rows = needing[:MAX_LINKS]
    base = settings.SITE_URL
    labels = services.action_labels()
    context = {
        "program_name": program.name,
        "health_url": base + reverse("health:program", args=[program.pk]),
        "counts": [(labels[kind], counts[kind]) for kind in services.DIGEST_KINDS if counts[kind]],
        "pairs": [
            (
                row.pk,
                base + reverse("mentoring:pair", args=[program.pk, row.pk]),
                [labels[kind] for kind in kinds],
            )
            for row, kinds in rows
        ],
        "more": max(0, total - len(rows)),
        "week": week,
    }
    sent = 0
    for role in roles:
        user = role.user
        try:
            with transaction.atomic():
                DigestSent.objects.create(program=program, user=user, week=week, sent_at=now)
                send_templated_email(
                    "health/emails/digest",
                    to=user.email,
                    context={
                        **context,
                        "off_url": base + reverse("health_digest:off", args=[opt_out_token(user)]),
                    },
                    language=user.language,
                    organisation=program.organisation,
                    program=program,
                )
        except IntegrityError:  # another worker sent it a moment ago
            continue
        sent += 1
    return sent

"""Erasure on request: a coordinator anonymises a person at once, with a reason (audited)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from tandem.applications.models import Application
from tandem.audit.services import log_action
from tandem.privacy.anonymise import anonymise_applications
from tandem.privacy.models import Anonymised, RemovalLog


class ErasureError(ValueError):
    """Why the erasure was refused, in the active language."""


def erase_person(application: Application, *, reason: str, by, now: datetime) -> int:
    """Anonymise the person of `application` now; the number of rows changed. The reason is audited
    by its kind only (what staff type may name the person)."""
    if not reason.strip():
        raise ErasureError(_("Say why the data is erased (for example: the person asked on 3 December)."))
    if Anonymised.objects.filter(application=application).exists():
        raise ErasureError(_("This person has already been anonymised."))
    counts = anonymise_applications([application], cause=Anonymised.Cause.ERASURE, now=now)
    Anonymised.objects.filter(application=application).update(reason=reason.strip()[:2000])
    RemovalLog.objects.create(run_at=now, program=application.program, kind="erasure", count=1)
    log_action(
        "privacy.erased",
        actor=by,
        program=application.program,
        target=application,
        data={"rows": sum(counts.values()), "reason_given": True},
        now=now,
    )
    return sum(counts.values())


def log_export(application: Application, *, kind: str, by, now: datetime) -> None:
    log_action(
        "privacy.exported",
        actor=by,
        program=application.program,
        target=application,
        data={"as": kind},
        now=now,
    )

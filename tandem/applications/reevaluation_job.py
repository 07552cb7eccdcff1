"""Checking many applications again after a profile change, in the worker: the job kind
"requirements.reevaluate" (see tandem.jobs). Up to `rechecks.REEVALUATE_INLINE_MAX` applications are
checked in the request itself."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.applications import rechecks
from tandem.jobs.kinds import Kind, register
from tandem.jobs.models import Job
from tandem.jobs.services import Progress, start_job
from tandem.programs.models import Program
from tandem.reference.choices import Role

KIND = "requirements.reevaluate"
ROUNDS = 5  # a profile changed again while the job ran is checked again, this many times at most


def start_reevaluation(program: Program, role: str, *, total: int, by, now: datetime) -> Job:
    """Queue the check; while one waits or runs for the role, that one is returned (it notices a change
    made while it runs and goes round again)."""
    return start_job(
        KIND, program, by=by, params={"role": role}, total=total, key=f"{KIND}:{program.pk}:{role}", now=now
    )


def _run(job: Job, progress: Progress) -> dict[str, Any]:
    role = job.params["role"]
    checked = 0
    for _round in range(ROUNDS):
        before = rechecks.profile_fingerprint(job.program, role)
        checked = rechecks.reevaluate_role(
            job.program,
            role,
            now=timezone.now(),
            report=lambda done, total: progress.report(done, total=total),
        )
        if rechecks.profile_fingerprint(job.program, role) == before:
            break
    return {"checked": checked}


def _role_label(job: Job) -> str:
    return str(Role(job.params["role"]).label).lower()


def _title(job: Job) -> str:
    return _("Checking the applications again: %(role)s") % {"role": _role_label(job)}


def _outcome(job: Job) -> list[str]:
    if job.status == Job.Status.FAILED:
        return [
            _(
                "Some applications may still show the earlier result of the profile. Save the profile again "
                "to check them all."
            )
        ]
    checked = job.result.get("checked", 0)
    return [
        ngettext(
            "%(count)s application was checked against the profile.",
            "%(count)s applications were checked against the profile.",
            checked,
        )
        % {"count": checked}
    ]


def _back(job: Job) -> tuple[str, str]:
    url = reverse("requirements:profile", kwargs={"pk": job.program_id, "role": job.params["role"]})
    return url, _("Back to the requirement profile")


register(Kind(KIND, run=_run, title=_title, outcome=_outcome, back=_back))

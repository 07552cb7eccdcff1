"""Offers of a place in the next cohort for many waitlisted applicants, in the worker: the job kind
"applications.place_offers" (see tandem.jobs). Each chunk stores its offers with their e-mails in one
transaction, so a job that stops halfway is simply started again: those already offered are skipped and
nobody gets two offers."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.applications.offers import OfferError, offer_places, waitlisted_to_offer
from tandem.jobs.kinds import Kind, register
from tandem.jobs.models import Job
from tandem.jobs.services import JobError, Progress, start_job
from tandem.programs.models import Program

KIND = "applications.place_offers"
CHUNK = 100
INLINE_LIMIT = 50  # up to this many are offered in the request itself


def start_place_offers(program: Program, *, by, now) -> Job:
    """Queue the offers; a double submit finds the job the first one started."""
    total = waitlisted_to_offer(program).count()
    return start_job(KIND, program, by=by, params={}, total=total, key=f"{KIND}:{program.pk}", now=now)


def _run(job: Job, progress: Progress) -> dict[str, Any]:
    done = 0
    while True:
        with transaction.atomic():
            try:
                sent = offer_places(job.program, by=job.created_by, now=timezone.now(), limit=CHUNK)
            except OfferError as error:
                raise JobError("closed") from error
            done += sent
            progress.report(done, offers=done)
        if sent < CHUNK:
            return {"offers": done}


def _title(job: Job) -> str:
    return _("Offering places to the waitlisted")


def _outcome(job: Job) -> list[str]:
    offers = job.result.get("offers", 0)
    return [
        ngettext("%(count)s offer is on its way.", "%(count)s offers are on their way.", offers)
        % {"count": offers}
    ]


def _back(job: Job) -> tuple[str, str]:
    return reverse("applications:place_offers", kwargs={"pk": job.program_id}), _("Back to the offers")


def _error(code: str) -> str:
    if code == "closed":
        return _("Open recruitment and publish the form first: the offer leads to it.")
    return ""


register(Kind(KIND, run=_run, title=_title, outcome=_outcome, back=_back, error=_error))

"""Publishing a run in the worker: the job kind "pairs.publish" (see tandem.jobs).

The request checks that the run may be published and starts the job; the worker publishes in short
transactions (`publishing.publish_run`), all or nothing: a job that fails or is cut off takes back
everything it wrote, and the run can be published again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.jobs.kinds import Kind, register
from tandem.jobs.models import Job
from tandem.jobs.services import JobError, Progress, running_job, start_job
from tandem.pairs import publishing
from tandem.pairs.models import MatchingRun
from tandem.pairs.services import MatchingError, check_current

KIND = "pairs.publish"


def publish_key(program_id: int) -> str:
    """One publication at a time per program (publishing one run replaces the others)."""
    return f"{KIND}:{program_id}"


def start_publishing(run: MatchingRun, *, by, now: datetime) -> Job:
    """Check what can be checked quickly, then queue the publication. Raises MatchingError."""
    if (running := running_job(publish_key(run.program_id), now=now)) is not None:
        return running
    if run.published_at is not None:
        raise MatchingError(_("This proposal was already published."))
    if not run.is_done:
        raise MatchingError(_("This proposal is not ready yet."))
    check_current(run)
    proposals = list(run.proposed_pairs.order_by().values_list("mentee_id", "mentor_id"))
    if not proposals:
        raise MatchingError(_("There are no pairs to publish."))
    publishing.check_still_free(run, proposals)
    count = len(proposals)
    return start_job(
        KIND,
        run.program,
        by=by,
        params={"run": run.pk},
        total=2 * count,
        key=publish_key(run.program_id),
        now=now,
    )


def _run(job: Job, progress: Progress) -> dict[str, Any]:
    run = MatchingRun.objects.select_related("program__organisation").get(
        pk=job.params["run"], program=job.program
    )
    try:
        pairs = publishing.publish_run(
            run,
            by=job.created_by,
            now=job.started_at,
            report=lambda done, total: progress.report(done, total=total),
        )
    except MatchingError as error:
        raise JobError("not_publishable") from error
    return {"pairs": len(pairs), "emails": 2 * len(pairs), "already": not pairs}


def _undo(job: Job) -> None:
    run = MatchingRun.objects.filter(pk=job.params["run"], program=job.program).first()
    if run is not None and run.published_at is not None and run.published_at == job.started_at:
        publishing.undo_publication(run)


def _number(job: Job) -> int:
    return MatchingRun.objects.filter(pk=job.params["run"]).values_list("number", flat=True).first() or 0


def _title(job: Job) -> str:
    return _("Publishing run #%(number)s") % {"number": _number(job)}


def _outcome(job: Job) -> list[str]:
    if job.status == Job.Status.FAILED:
        return [_("Nothing was published and no e-mail was sent.")]
    if job.result.get("already"):
        return [_("This proposal was already published.")]
    pairs = job.result.get("pairs", 0)
    return [
        ngettext(
            "%(pairs)d pair is published and %(emails)d introductions are on their way.",
            "%(pairs)d pairs are published and %(emails)d introductions are on their way.",
            pairs,
        )
        % {"pairs": pairs, "emails": job.result.get("emails", 0)}
    ]


def _error(code: str) -> str:
    if code == "not_publishable":
        return _("The proposal could no longer be published (someone in it may have got a pair meanwhile).")
    return ""


def _back(job: Job) -> tuple[str, str]:
    return reverse("pairs:pair_list", kwargs={"pk": job.program_id}), _("Pairs")


register(Kind(KIND, run=_run, title=_title, outcome=_outcome, back=_back, error=_error, undo=_undo))

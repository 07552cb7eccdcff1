"""Bulk decisions in the worker: the job kind "screening.bulk" (see tandem.jobs).

The queue's bulk form decides either the ticked applications or all that match the filter. The request
freezes the ids into the job (never into the form, so a thousand applications never meet Django's limit on
form fields) and starts the job; the worker decides them a chunk at a time (`services.bulk_change_status`).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.applications.models import Application
from tandem.jobs.kinds import Kind, register
from tandem.jobs.models import Job
from tandem.jobs.services import Progress, start_job
from tandem.programs.models import Program
from tandem.screening import services

KIND = "screening.bulk"
SHOWN_REFERENCES = 10  # references listed per status that kept applications from moving
Status = Application.Status


def start_bulk_decision(
    program: Program,
    application_ids: list[int],
    to: str,
    *,
    by,
    reason: str,
    send_email: bool,
    query: str,
    now: datetime,
) -> Job:
    """Queue the decision of `application_ids` (the program's, in this order). A double submit of the
    same decision finds the job the first one started."""
    params = {"ids": application_ids, "to": to, "reason": reason, "send_email": send_email, "query": query}
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:32]
    return start_job(
        KIND,
        program,
        by=by,
        params=params,
        total=len(application_ids),
        key=f"{KIND}:{program.pk}:{digest}",
        now=now,
    )


def _run(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    result = services.bulk_change_status(
        job.program,
        params["ids"],
        params["to"],
        by=job.created_by,
        reason=params["reason"],
        send_email=params["send_email"],
        now=job.started_at,
        report=lambda done, so_far: progress.report(done, **so_far.as_json()),
    )
    return result.as_json()


def _title(job: Job) -> str:
    return _("Moving applications to “%(status)s”") % {"status": Status(job.params["to"]).label}


def _outcome(job: Job) -> list[str]:
    result = job.result
    moved = result.get("moved", 0)
    sentences = []
    if job.status == Job.Status.FAILED:
        sentences.append(
            ngettext(
                "It stopped after %(count)s application; each application is either moved completely, "
                "with its e-mail, or not at all. Start it again: those already moved are skipped.",
                "It stopped after %(count)s applications; each application is either moved completely, "
                "with its e-mail, or not at all. Start it again: those already moved are skipped.",
                moved,
            )
            % {"count": moved}
        )
    else:
        sentences.append(
            ngettext(
                "%(count)s application moved to “%(status)s”.",
                "%(count)s applications moved to “%(status)s”.",
                moved,
            )
            % {"count": moved, "status": Status(job.params["to"]).label}
        )
    skipped = result.get("skipped", {})
    # In the order of the process (PostgreSQL keeps no order of a JSON object's keys).
    for status, ids in sorted(skipped.items(), key=lambda item: Status.values.index(item[0])):
        references = list(
            Application.objects.filter(pk__in=ids[:SHOWN_REFERENCES])
            .order_by("reference")
            .values_list("reference", flat=True)
        )
        if len(ids) > SHOWN_REFERENCES:
            references.append(_("and %(count)s more") % {"count": len(ids) - SHOWN_REFERENCES})
        sentences.append(
            ngettext(
                "%(count)s skipped because it is “%(status)s”: %(references)s.",
                "%(count)s skipped because they are “%(status)s”: %(references)s.",
                len(ids),
            )
            % {"count": len(ids), "status": Status(status).label, "references": ", ".join(references)}
        )
    if emails := result.get("emails", 0):
        sentences.append(
            ngettext("%(count)s e-mail is on its way.", "%(count)s e-mails are on their way.", emails)
            % {"count": emails}
        )
    return sentences


def _back(job: Job) -> tuple[str, str]:
    url = reverse("screening:queue", kwargs={"pk": job.program_id})
    query = job.params.get("query", "")
    return (f"{url}?{query}" if query else url), _("Back to the applications")


register(Kind(KIND, run=_run, title=_title, outcome=_outcome, back=_back))

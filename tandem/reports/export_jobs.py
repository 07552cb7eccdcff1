"""Exporting a list in the worker: the job kind "reports.export" (see tandem.jobs).

The exports page starts the job (a double submit of the same list by the same person finds the running
one); the worker builds the file in the language of the person who asked, reporting its progress every
`REPORT_EVERY` rows, and stores it with its audit entry in one transaction (`ExportFile`), so a job that
fails leaves neither. The job's page then offers the file to the person who asked, and to nobody else
(`policy.get_export_file`); each download is audited. Files are deleted after `KEPT_FOR`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem import policy
from tandem.audit.services import log_action
from tandem.jobs.kinds import Kind, register
from tandem.jobs.models import Job
from tandem.jobs.services import JobError, Progress, start_job
from tandem.programs.models import Program
from tandem.reports import exports
from tandem.reports.funder_services import log_export
from tandem.reports.models import ExportFile

KIND = "reports.export"
FORMATS = ("xlsx", "csv")
KEPT_FOR = timedelta(days=7)  # an exported file is deleted this long after it was made
REPORT_EVERY = 1000  # rows between two progress reports
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def start_export(program: Program, choice: exports.Choice, file_format: str, *, by, now: datetime) -> Job:
    """Queue the export of `choice` as `file_format` for `by`, in the active language."""
    params = {
        "list": choice.key,
        "round": choice.round_id,
        "format": file_format,
        "language": translation.get_language() or "sv",
    }
    return start_job(
        KIND,
        program,
        by=by,
        params=params,
        key=f"{KIND}:{program.pk}:{by.pk}:{choice.value}.{file_format}",
        now=now,
    )


def _counted(rows: exports.Rows, progress: Progress, total: int) -> Iterator[list[object]]:
    for done, row in enumerate(rows, start=1):
        yield row
        if done % REPORT_EVERY == 0:
            progress.report(done, total=max(total, done))


def build_file(job: Job, progress: Progress) -> ExportFile:
    """Build the job's file and store it with its audit entry (one transaction)."""
    params = job.params
    program, by = job.program, job.created_by
    if by is None:  # the account was deleted meanwhile: nobody could download the file
        raise JobError("gone")
    with translation.override(params["language"]):
        try:
            table = exports.table(program, params["list"], params.get("round"))
        except (LookupError, exports.Round.DoesNotExist) as error:
            raise JobError("gone") from error
        progress.report(0, total=table.total)
        content, count = exports.render(table, params["format"], _counted(table.rows, progress, table.total))
    name = f"{slugify(f'{program.name}-{table.title}')[:180]}.{params['format']}"
    now = timezone.now()
    with transaction.atomic():
        found = ExportFile.objects.create(
            job=job,
            program=program,
            created_by=by,
            list_key=params["list"],
            round_id=params.get("round"),
            file_format=params["format"],
            name=name,
            content=content,
            rows=count,
            created_at=now,
        )
        log_export(
            program,
            params["list"],
            params["format"],
            count,
            by=by,
            now=now,
            extra={"job": job.pk, "round": params.get("round")},
        )
    return found


def _run(job: Job, progress: Progress) -> dict[str, Any]:
    found = build_file(job, progress)
    return {"rows": found.rows}


def _undo(job: Job) -> None:
    ExportFile.objects.filter(job=job).delete()


def log_download(found: ExportFile, *, by, now: datetime) -> None:
    log_action(
        "reports.export_downloaded",
        actor=by,
        program=found.program,
        target=found,
        data={"list": found.list_key, "format": found.file_format, "rows": found.rows, "job": found.job_id},
        now=now,
    )


def files_of(program: Program, user) -> list[ExportFile]:
    """The files `user` exported from the program that are still kept, newest first (one query)."""
    kept = ExportFile.objects.defer("content")
    return list(kept.filter(program=program, created_by=user, job__status=Job.Status.DONE))


def purge_export_files(*, now: datetime) -> int:
    """Delete the files made more than `KEPT_FOR` ago."""
    deleted, _by_model = ExportFile.objects.filter(created_at__lt=now - KEPT_FOR).delete()
    return deleted


def _list_name(job: Job) -> str:
    params = job.params
    if params["list"] == exports.ANSWERS:
        step = exports.Round.objects.filter(pk=params.get("round")).first()
        return _("Survey answers: %(round)s") % {"round": step.get_step_display() if step else "–"}
    spec = exports.EXPORTS.get(params["list"])
    return str(spec.name) if spec else params["list"]


def _title(job: Job) -> str:
    return _("Exporting “%(list)s” (%(format)s)") % {
        "list": _list_name(job),
        "format": job.params["format"].upper(),
    }


def _file(job: Job) -> ExportFile | None:
    return ExportFile.objects.defer("content").filter(job=job).first()


def _outcome(job: Job) -> list[str]:
    if job.status == Job.Status.FAILED:
        return [_("No file was made.")]
    found = _file(job)
    if found is None:
        return [_("The file has been deleted (files are kept for 7 days). Export the list again.")]
    rows = found.rows
    until = formats.date_format(timezone.localtime(found.created_at + KEPT_FOR), "DATE_FORMAT")
    return [
        ngettext("The file is ready: %(count)s row.", "The file is ready: %(count)s rows.", rows)
        % {"count": rows},
        _("Only the person who asked for it can download it; it is deleted on %(date)s.") % {"date": until},
    ]


def _links(job: Job, user) -> list[tuple[str, str]]:
    found = _file(job) if job.status == Job.Status.DONE else None
    if found is None or not policy.may_download_export(user, found):
        return []
    url = reverse("reports:export_download", kwargs={"pk": job.program_id, "job": job.pk})
    return [(url, _("Download the file (%(format)s)") % {"format": found.file_format.upper()})]


def _error(code: str) -> str:
    if code == "gone":
        return _("The list could not be made: what it was to list no longer exists.")
    return ""


def _back(job: Job) -> tuple[str, str]:
    return reverse("reports:exports", kwargs={"pk": job.program_id}), _("Export lists")


register(
    Kind(KIND, run=_run, title=_title, outcome=_outcome, back=_back, error=_error, undo=_undo, links=_links)
)

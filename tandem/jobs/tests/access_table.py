"""Who sees a job's progress page: the program's editors; read-only viewers get 403, outsiders 404."""

from __future__ import annotations

from typing import Any

from tandem.lib.testing.access import PROGRAM_EDIT_PAGE, Row


def add_job(world: dict[str, Any]) -> None:
    from tandem.jobs.models import Job

    world["job"] = Job.objects.create(
        kind="screening.bulk",
        program=world["program"],
        params={"ids": [], "to": "rejected", "reason": "x", "send_email": False, "query": ""},
        status=Job.Status.DONE,
        result={"moved": 0, "skipped": {}, "emails": 0},
    )


def _job_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "job": world["job"].pk}


def add_export_job(world: dict[str, Any]) -> None:
    from tandem.reports.tests.access_table import with_export

    with_export(world)
    world["job"] = world["export"].job


ROWS = [
    Row("jobs:job", PROGRAM_EDIT_PAGE, _job_kwargs, setup=add_job),
    Row(
        "jobs:job",
        PROGRAM_EDIT_PAGE,
        _job_kwargs,
        setup=add_export_job,
        note="an export's page: the download link for the one who asked only",
    ),
]

"""Who gets what from the reports' pages (walked by tandem/lib/tests/test_permissions.py).

Everyone on the program reads the dashboard and the funder reports, and downloads those (figures, no
names); coordinators and partner coordinators make reports and write their summary (viewers 403) and
export lists of people (a worker job), whose file only the one who asked downloads (404 for the others);
outsiders from the other organisation see nothing (404)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tandem.lib.testing.access import PROGRAM_CHANGE, PROGRAM_PAGE, Row, program_kwargs, statuses
from tandem.programs.models import BudgetLine, FundingSource
from tandem.programs.tests.access_table import HOSTS_CHANGE, partners_may_edit_setup, viewer_sees_people
from tandem.reports.models import FunderReport


def with_report(world: dict[str, Any]) -> None:
    world["source"] = FundingSource.objects.create(program=world["program"], kind="esf", status="granted")
    world["report"] = FunderReport.objects.create(
        program=world["program"],
        funding_source=world["source"],
        definition="esf",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
    )


def with_budget_partners_may_edit(world: dict[str, Any]) -> None:
    with_budget(world)
    partners_may_edit_setup(world)


def with_report_viewer_sees_people(world: dict[str, Any]) -> None:
    with_report(world)
    viewer_sees_people(world)


def _cost(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "budget_line": world["line"].pk,
        "spent_on": "2026-03-01",
        "amount": "1200",
        "funding_source": world["source"].pk,
        "funder_share": "80",
    }


def report_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "report": world["report"].pk}


def with_budget(world: dict[str, Any]) -> None:
    with_report(world)
    world["line"] = BudgetLine.objects.create(
        program=world["program"], cost_item="other", planned_amount=1000
    )


def with_export(world: dict[str, Any]) -> None:
    """A list the coordinator exported (the worker made it)."""
    from django.utils import timezone

    from tandem.jobs.models import Job
    from tandem.jobs.services import Progress
    from tandem.reports import export_jobs, exports

    choice = exports.choices(world["program"])[0]
    job = export_jobs.start_export(
        world["program"], choice, "csv", by=world["coordinator"], now=timezone.now()
    )
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    world["export"] = export_jobs.build_file(job, Progress(job))
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)


PEOPLE_PAGE = statuses(admin=200, coordinator=200, partner_coordinator=200, viewer=403, outsider=404)
ASKER_ONLY = statuses(admin=404, coordinator=200, partner_coordinator=404, viewer=403, outsider=404)

ROWS = [
    Row("reports:dashboard", PROGRAM_PAGE, kwargs=program_kwargs),
    Row("reports:costs", PROGRAM_PAGE, kwargs=program_kwargs, setup=with_budget),
    Row(
        "reports:costs",
        HOSTS_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        setup=with_budget,
        data=_cost,
        note="booking a cost is the host's financing: not for a partner coordinator by default",
    ),
    Row(
        "reports:costs",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        setup=with_budget_partners_may_edit,
        data=_cost,
        note="the host lets partner coordinators change the financing",
    ),
    Row("reports:funder_reports", PROGRAM_PAGE, kwargs=program_kwargs, setup=with_report),
    Row(
        "reports:funder_reports",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        setup=with_report,
        data=lambda world: {
            "funding_source": world["source"].pk,
            "definition": "esf",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
    ),
    Row("reports:funder_report", PROGRAM_PAGE, kwargs=report_kwargs, setup=with_report),
    Row(
        "reports:funder_report",
        PROGRAM_CHANGE,
        kwargs=report_kwargs,
        method="POST",
        setup=with_report,
        data=lambda world: {"text": "Ett bra halvår."},
    ),
    Row(
        "reports:funder_report_file",
        PROGRAM_PAGE,
        kwargs=lambda world: {**report_kwargs(world), "file_format": "pdf"},
        setup=with_report,
    ),
    Row("reports:participant_list", PEOPLE_PAGE, kwargs=report_kwargs, setup=with_report),
    Row(
        "reports:participant_list",
        PEOPLE_PAGE,
        kwargs=report_kwargs,
        method="POST",
        setup=with_report,
        data=lambda world: {"confirm": "on"},
        note="the file itself: personal data, not for viewers",
    ),
    Row(
        "reports:participant_list",
        PEOPLE_PAGE,
        kwargs=report_kwargs,
        method="POST",
        setup=with_report_viewer_sees_people,
        data=lambda world: {"confirm": "on"},
        note="a viewer granted the people reads records, but exports nothing",
    ),
    Row("reports:exports", PEOPLE_PAGE, kwargs=program_kwargs),
    Row(
        "reports:exports",
        PEOPLE_PAGE,
        kwargs=program_kwargs,
        setup=viewer_sees_people,
        note="a viewer granted the people reads records, but exports nothing",
    ),
    Row(
        "reports:exports",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        data=lambda world: {"confirm": "on", "export": "participants.xlsx"},
        note="starts the export job and leads to its page",
    ),
    Row(
        "reports:export_download",
        ASKER_ONLY,
        kwargs=lambda world: {"pk": world["program"].pk, "job": world["export"].job_id},
        setup=with_export,
        note="the file is for the coordinator who asked for it alone",
    ),
]

"""Benchmark of the reports: the dashboard and the funder report of a big program.

    .venv/bin/python bench/reports_bench.py [--database sqlite|postgres|both] [--mentees 1200]
                                            [--mentors 800] [--meetings 64000] [--repeat 3]

For each database (one process each) it sets up a fresh Tandem (a temporary SQLite file, or a PostgreSQL
database `tandem_reports_bench` on 127.0.0.1:5432 that it creates and drops) with the test settings and
builds one program with `tandem.reports.tests.world.build_world` (which uses `factories.build_pairs`):
2,000 participants' applications by default, their pairs and mentorships, 64,000 planned pair meetings of
which about 30,000 are logged, two common meetings with attendance, a budget with actual costs; with
`tandem.reports.tests.world_followup` five follow-up rounds with an invitation for everyone and over
5,000 sent responses (80 % answer), and two earlier cohorts of the program line. Then it times (median of
--repeat) and counts the queries of

- the dashboard page as a viewer (Django's test client, the whole request);
- the funder report's figures (ESF format, the first half-year) and its page;
- the PDF and the XLSX of that report (time without tracing), and the peak memory Python allocated for
  each (tracemalloc, in a separate call: tracing slows the code down several times);
- the biggest exports as the worker builds them: participants (XLSX), pair meetings (XLSX and CSV).

It prints a Markdown table; the figures go into bench/REPORTS_BENCH.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date

from _django import scratch_tandem, signed_in_client  # bench/_django.py: this folder is on the path


def measured(action: Callable[[], object], repeat: int) -> tuple[float, int, object]:
    """Median seconds of `repeat` calls, the queries of the last one, and its result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, result, queries = [], None, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = action()
            times.append(time.perf_counter() - start)
        queries = len(captured)
    return statistics.median(times), queries, result


def slowest_queries(action: Callable[[], object], count: int = 3) -> list[tuple[float, str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    timed = sorted(((float(q["time"]), q["sql"]) for q in captured.captured_queries), reverse=True)
    return timed[:count]


def peak_memory(action: Callable[[], object]) -> tuple[float, int, object]:
    tracemalloc.start()
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak, result


def run(database: str, mentees: int, mentors: int, meetings: int, repeat: int) -> None:
    with scratch_tandem(database, "reports"):
        bench(database, mentees, mentors, meetings, repeat)


def bench(database: str, mentees: int, mentors: int, meetings: int, repeat: int) -> None:
    from django.urls import reverse
    from django.utils import translation

    from tandem.factories import (
        MembershipFactory,
        OrganisationFactory,
        ProgramFactory,
        ProgramRoleFactory,
        UserFactory,
    )
    from tandem.followup.models import Response
    from tandem.mentoring.models import MeetingLog, Mentorship
    from tandem.programs.models import ProgramRole
    from tandem.reports import exports, funder_files, funder_services
    from tandem.reports.models import FunderReport
    from tandem.reports.tests.world import build_world
    from tandem.reports.tests.world_followup import EFFECT_6, ROUNDS, build_followup, cohort

    org = OrganisationFactory()
    program = ProgramFactory(organisation=org, name="Rapporter – mentorskap för nyanlända")
    viewer = UserFactory()
    MembershipFactory(organisation=org, user=viewer)
    ProgramRoleFactory(program=program, user=viewer, role=ProgramRole.Role.VIEWER)
    start = time.perf_counter()
    world = build_world(program, mentees=mentees, mentors=mentors, meetings=meetings, seed=7)
    # five rounds: over 5,000 sent responses at the default size
    build_followup(program, seed=7, answered=0.8, rounds=[*ROUNDS, EFFECT_6, ("effect12", date(2026, 6, 29))])
    # two earlier cohorts of the line, a quarter of the size each, for the comparison
    earlier = None
    for year in (2024, 2025):
        sizes = {"mentees": mentees // 4, "mentors": mentors // 4, "meetings": meetings // 4}
        earlier = cohort(program, f"Kull {year}", date(year, 1, 15), copied_from=earlier, seed=year, **sizes)
    program.copied_from = earlier
    program.save(update_fields=["copied_from"])
    built = time.perf_counter() - start
    if database == "postgres":  # as autovacuum would have done after such a load
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    sent = Response.objects.filter(round__program=program, completed_at__isnull=False).count()
    logs = MeetingLog.objects.filter(mentorship__pair__program=program).count()
    mentorships = Mentorship.objects.filter(pair__program=program).count()
    report = FunderReport.objects.create(
        program=program,
        funding_source=world["esf"],
        definition="esf",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        text="Halvåret i korthet: fler möten än planerat.",
    )
    client = signed_in_client(viewer)
    dashboard_url = reverse("reports:dashboard", args=[program.pk])
    report_url = reverse("reports:funder_report", args=[program.pk, report.pk])
    client.get(dashboard_url)  # warm up: templates, session
    rows = []
    seconds, queries, response = measured(lambda: client.get(dashboard_url), repeat)
    slowest = slowest_queries(lambda: client.get(dashboard_url))
    rows.append(("dashboard page (viewer)", seconds, queries, f"{len(response.content) // 1024} KB"))  # type: ignore[attr-defined]
    with translation.override("sv"):
        seconds, queries, figures = measured(lambda: funder_services.figures_for(report), repeat)
        rows.append(
            (
                "funder report figures (ESF, half-year)",
                seconds,
                queries,
                f"{figures.participants} participants",
            )
        )  # type: ignore[attr-defined]
        seconds, queries, response = measured(lambda: client.get(report_url), repeat)
        rows.append(("funder report page", seconds, queries, f"{len(response.content) // 1024} KB"))  # type: ignore[attr-defined]
        seconds, _queries, pdf = measured(lambda: funder_files.funder_pdf(figures), repeat)
        _seconds, peak, _pdf = peak_memory(
            lambda: funder_files.funder_pdf(figures)
        )  # slower under tracemalloc
        rows.append(("funder report PDF", seconds, 0, f"{len(pdf) // 1024} KB, peak {peak / 2**20:.1f} MB"))  # type: ignore[arg-type]
        seconds, _queries, xlsx = measured(lambda: funder_files.funder_xlsx(figures), repeat)
        _seconds, peak, _xlsx = peak_memory(lambda: funder_files.funder_xlsx(figures))
        rows.append(("funder report XLSX", seconds, 0, f"{len(xlsx) // 1024} KB, peak {peak / 2**20:.1f} MB"))  # type: ignore[arg-type]
        # The exports, as the worker builds them (`reports.exports.table` + `render`): the biggest lists.
        for key, file_format in (("participants", "xlsx"), ("meetings", "xlsx"), ("meetings", "csv")):

            def build(key: str = key, file_format: str = file_format) -> tuple[bytes, int]:
                return exports.render(exports.table(program, key), file_format)

            seconds, queries, (content, count) = measured(build, 1)  # type: ignore[misc]
            _seconds, peak, _built = peak_memory(build)
            rows.append(
                (
                    f"export {key}.{file_format} (worker)",
                    seconds,
                    queries,
                    f"{count:,} rows, {len(content) // 1024:,} KB, peak {peak / 2**20:.1f} MB",
                )
            )
    print(
        f"\n### {database}: {mentees + mentors} applications, {mentorships} mentorships, "
        f"{logs} logged meetings, {sent} sent survey responses, two earlier cohorts "
        f"(built in {built:.0f} s; load {os.getloadavg()[0]:.1f})\n"
    )
    print("| what | time (median) | queries | size / memory |")
    print("| --- | --- | --- | --- |")
    for what, secs, count, note in rows:
        print(f"| {what} | {secs * 1000:.0f} ms | {count or '–'} | {note} |")
    print("\nThe dashboard's slowest queries:\n")
    for secs, sql in slowest:
        print(f"- {secs * 1000:.0f} ms: `{sql[:150]}…`")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--mentees", type=int, default=1200)
    parser.add_argument("--mentors", type=int, default=800)
    parser.add_argument("--meetings", type=int, default=64000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.database == "both":
        for database in ("sqlite", "postgres"):  # one process each: Django is set up once per process
            argv = [sys.executable, __file__, "--database", database, "--mentees", str(args.mentees)]
            argv += [
                "--mentors",
                str(args.mentors),
                "--meetings",
                str(args.meetings),
                "--repeat",
                str(args.repeat),
            ]
            subprocess.run(argv, check=True)
        return
    run(args.database, args.mentees, args.mentors, args.meetings, args.repeat)


if __name__ == "__main__":
    main()

"""Scale benchmark of the staff pages, the live pass count and matching inside the app.

    .venv/bin/python bench/scale_bench.py [--database sqlite|postgres|both] [--sizes 100,2000,10000]
                                          [--repeat 3]

For each database it sets up a fresh Tandem (a temporary SQLite file, or a PostgreSQL database
`tandem_scale_bench` on 127.0.0.1:5432 that it creates and drops) with the test settings (DEBUG off),
and builds one program per size through `tandem.factories.build_applications` (bulk INSERTs): N
applications, of which N/5 accepted mentees and 0.6 · N/5 accepted mentors (2,000 × 1,200 at 10,000),
the rest received, under review or rejected. In each program it

- runs the matching twice through `pairs.services.start_run` (the worker's code, inline here), the second
  time with other weights so that the runs differ, and times the first run;
- runs `tandem match` (`python -m tandem.matching.cli`, a fresh interpreter) on the same pool written to
  CSV with the same weights and rules, and times it (wall time, and the CLI's own CPU time per phase);
- publishes a pair for every accepted mentee (`factories.build_pairs`: N/5 pairs, 2,000 at 10,000);
- opens every staff page of the matching workflow with Django's test client as the coordinator and
  reports the server time (median of --repeat) and the size of the HTML;
- times the requirement profile's live pass count (`requirements.services.count_passing`) against
  checking every applicant in Python as before.

It prints one table per database (Markdown); the figures go into bench/SCALE_BENCH.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _django import ROOT, scratch_tandem, signed_in_client  # bench/_django.py: this folder is on the path

# --- Set-up ------------------------------------------------------------------------------------------


# --- One world ---------------------------------------------------------------------------------------


def timed(action: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """Median seconds of ``repeat`` calls, and the last result."""
    seconds, _cpu, result = timed_cpu(action, repeat)
    return seconds, result


def timed_cpu(action: Callable[[], object], repeat: int = 1) -> tuple[float, float, object]:
    """Median wall and CPU seconds (this process) of ``repeat`` calls, and the last result."""
    times, cpus, result = [], [], None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = action()
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(times), statistics.median(cpus), result


def build_world(size: int, seed: int):
    from tandem.applications.models import Application
    from tandem.factories import (
        MembershipFactory,
        OrganisationFactory,
        ProgramFactory,
        ProgramRoleFactory,
        UserFactory,
        build_applications,
    )
    from tandem.programs.models import ProgramRole
    from tandem.requirements.models import Criterion, RequirementProfile

    org = OrganisationFactory()
    program = ProgramFactory(organisation=org, name=f"Scale {size}")
    coordinator = UserFactory()
    MembershipFactory(organisation=org, user=coordinator)
    ProgramRoleFactory(program=program, user=coordinator, role=ProgramRole.Role.COORDINATOR)
    accepted = size // 5
    mentors = accepted * 3 // 5
    rest = size - accepted - mentors
    build_applications(program, mentees=accepted, mentors=mentors, seed=seed)
    for n, status in enumerate(["received", "under_review", "rejected"]):
        share = rest // 3 if n < 2 else rest - 2 * (rest // 3)
        build_applications(
            program, mentees=share * 2 // 3, mentors=share - share * 2 // 3, status=status, seed=seed + n + 1
        )
    profile = RequirementProfile.objects.create(program=program, role="mentee")
    for order, (kind, importance, params) in enumerate(
        [
            ("employment_status", "must", {"statuses": ["job_seeking", "studying"]}),
            ("swedish_level", "must", {"min_level": "A2"}),
            ("occupation", "must", {"codes": ["2", "3"], "match_digits": 1}),
            ("age_band", "should", {"min": 20, "max": 60}),
            ("language", "should", {"code": "en", "min_level": "B1"}),
        ]
    ):
        Criterion.objects.create(
            profile=profile, kind=kind, importance=importance, params=params, order=order
        )
    assert Application.objects.filter(program=program).count() == size
    return program, coordinator


def write_cohort(cohort, folder: Path) -> tuple[Path, Path]:
    """The app's pool as `tandem match` reads it (docs/tandem-match.md)."""

    def languages(mapping) -> str:
        return ";".join(f"{code}:{level}" for code, level in mapping.items())

    mentees, mentors = folder / "mentees.csv", folder / "mentors.csv"
    with mentees.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["id", "occupation_wanted", "occupation_earlier", "languages", "municipality", "meeting_format"]
            + [
                "goals",
                "gender",
                "mentor_gender_wish",
                "birth_year",
                "experience_years",
                "employer",
                "excluded",
            ]
        )
        for m in cohort.mentees:
            writer.writerow(
                [m.id, m.occupation_wanted or "", m.occupation_earlier or "", languages(m.languages)]
                + [m.municipality or "", m.meeting_format or "", m.goals, m.gender or ""]
                + [
                    m.mentor_gender_wish or "",
                    m.birth_year or "",
                    "" if m.experience_years is None else m.experience_years,
                ]
                + [m.employer or "", ";".join(m.excluded)]
            )
    with mentors.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["id", "occupation", "languages", "municipality", "meeting_format", "expertise", "capacity"]
            + ["gender", "birth_year", "experience_years", "employer", "excluded"]
        )
        for m in cohort.mentors:
            writer.writerow(
                [
                    m.id,
                    m.occupation or "",
                    languages(m.languages),
                    m.municipality or "",
                    m.meeting_format or "",
                ]
                + [m.expertise, m.capacity, m.gender or "", m.birth_year or ""]
                + [
                    "" if m.experience_years is None else m.experience_years,
                    m.employer or "",
                    ";".join(m.excluded),
                ]
            )
    return mentees, mentors


def run_cli(mentees: Path, mentors: Path, preset: str, folder: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of `tandem match` in a fresh interpreter (imports included), and its line."""
    argv = [sys.executable, "-m", "tandem.matching.cli", str(mentees), str(mentors)]
    argv += ["-o", str(folder / "pairs.csv"), "--preset", preset, "--timings"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, done.stdout.strip()


def measure_world(size: int, seed: int, repeat: int, folder: Path) -> dict[str, str]:
    from django.urls import reverse
    from django.utils import timezone

    from tandem.applications.models import Application
    from tandem.applications.rechecks import FACT_COLUMNS, current_applications
    from tandem.factories import build_pairs
    from tandem.pairs import services
    from tandem.pairs.engine_input import load_cohort
    from tandem.pairs.models import MatchingRun
    from tandem.reference.choices import Role
    from tandem.requirements import services as requirements
    from tandem.requirements.evaluation import evaluate

    figures: dict[str, str] = {}
    start = time.perf_counter()
    program, coordinator = build_world(size, seed)
    figures["build the world (bulk)"] = f"{time.perf_counter() - start:.1f} s"

    # Matching inside the app, then the same pool through `tandem match`.
    now = timezone.now()
    settings = services.settings_for(program)
    cohort = load_cohort(program, weights=settings.weights, rules=settings.rules)
    pool = f"{len(cohort.mentees):,} × {len(cohort.mentors):,}"
    cpu_start = time.process_time()
    seconds, run = timed(lambda: services.start_run(program, by=coordinator, now=now))
    cpu = time.process_time() - cpu_start
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.DONE, run.error
    figures["matching pool (accepted mentees × mentors)"] = pool
    figures["match in the app (start_run, worker code): wall / CPU"] = (
        f"{seconds:.2f} s / {cpu:.2f} s, {run.matched_count:,} matched"
    )
    mentees_csv, mentors_csv = write_cohort(cohort, folder)
    cli_seconds, cli_cpu, cli_out = run_cli(mentees_csv, mentors_csv, settings.preset, folder)
    figures["`tandem match` on the same pool: wall / CPU"] = (
        f"{cli_seconds:.2f} s / {cli_cpu:.2f} s, {cli_out.split()[1]} matched"
    )
    figures["app ÷ CLI: wall / CPU"] = f"{seconds / cli_seconds:.2f}× / {cpu / cli_cpu:.2f}×"
    services.save_settings(
        program,
        preset="general",
        weights=services.preset_weights("general"),
        rules=settings.rules,
        answer_days=7,
        reminder_days=2,
        by=coordinator,
        now=now,
    )
    second = services.start_run(program, by=coordinator, now=now)

    accepted = Application.objects.filter(program=program, status="accepted")
    build_pairs(
        program,
        list(accepted.filter(role=Role.MENTEE).order_by("id")),
        list(accepted.filter(role=Role.MENTOR).order_by("id")),
        now=now,
    )
    some = accepted.filter(role=Role.MENTEE).order_by("id").first()

    # The live count: in the database now, and every applicant checked in Python as before.
    criteria = requirements.profile_criteria(program, Role.MENTEE)
    today = timezone.localdate()
    seconds, count = timed(
        lambda: requirements.count_passing(program, Role.MENTEE, criteria, today=today), repeat
    )

    def before():
        for application in current_applications(program, Role.MENTEE).only(*FACT_COLUMNS):
            evaluate(criteria, application.facts(), today=today)

    old, _ = timed(before, repeat)
    figures["live pass count (SQL) / before (Python)"] = f"{seconds * 1000:.0f} ms / {old * 1000:.0f} ms"

    client = signed_in_client(coordinator)
    pk = program.pk
    pages = {
        "pairs list": reverse("pairs:pair_list", kwargs={"pk": pk}),
        "pairs list, search": reverse("pairs:pair_list", kwargs={"pk": pk})
        + f"?q={some.last_name.split()[-1]}",
        "pairs list, last page": reverse("pairs:pair_list", kwargs={"pk": pk}) + "?page=999",
        "proposal": reverse("pairs:proposal", kwargs={"pk": pk, "run": run.number}),
        "proposal, by mentee, page 3": reverse("pairs:proposal", kwargs={"pk": pk, "run": run.number})
        + "?sort=mentee&page=3",
        "compare": reverse("pairs:compare", kwargs={"pk": pk, "run": second.number}) + f"?with={run.number}",
        "capacities": reverse("pairs:capacities", kwargs={"pk": pk}),
        "matching": reverse("pairs:matching", kwargs={"pk": pk}),
        "requirement profile": reverse("requirements:profile", kwargs={"pk": pk, "role": "mentee"}),
        "screening queue": reverse("screening:queue", kwargs={"pk": pk}),
    }
    for name, url in pages.items():
        client.get(url)  # warm: templates, translations
        seconds, cpu, response = timed_cpu(lambda url=url: client.get(url), repeat)
        assert response.status_code == 200, (name, response.status_code)  # type: ignore[attr-defined]
        size = len(response.content) / 1000  # type: ignore[attr-defined]
        figures[f"{name}: wall / CPU, HTML"] = f"{seconds * 1000:.0f} / {cpu * 1000:.0f} ms, {size:.0f} kB"
    preview = reverse("requirements:preview", kwargs={"pk": pk, "role": "mentee"})
    data = {"kind": "age_band", "importance": "must", "weight": "1", "max": "60"}
    seconds, cpu, response = timed_cpu(lambda: client.post(preview, data, HTTP_HX_REQUEST="true"), repeat)
    assert response.status_code == 200  # type: ignore[attr-defined]
    figures["live count preview (htmx): wall / CPU"] = f"{seconds * 1000:.0f} / {cpu * 1000:.0f} ms"
    figures["live count: passing / total"] = f"{count.passing:,} / {count.total:,}"
    return figures


def bench(database: str, sizes: list[int], repeat: int) -> None:
    with scratch_tandem(database, "scale") as folder:
        columns = {size: measure_world(size, seed=size, repeat=repeat, folder=folder) for size in sizes}
    import platform

    print(f"\n### {database} (Python {platform.python_version()}, load {os.getloadavg()[0]:.1f})\n")
    print("| what | " + " | ".join(f"{size:,} applications" for size in sizes) + " |")
    print("| --- | " + " | ".join("---:" for _ in sizes) + " |")
    names = list(dict.fromkeys(name for figures in columns.values() for name in figures))
    for name in names:
        print(f"| {name} | " + " | ".join(columns[size].get(name, "") for size in sizes) + " |")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sizes", default="100,2000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.database == "both":
        for database in ("sqlite", "postgres"):  # one process each: Django is set up once per process
            argv = [sys.executable, __file__, "--database", database, "--sizes", args.sizes]
            subprocess.run(argv + ["--repeat", str(args.repeat)], check=True)
        return
    bench(args.database, sizes, args.repeat)


if __name__ == "__main__":
    main()

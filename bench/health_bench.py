"""Benchmark of the program health pages: a running program's health page and the organisation's page.

    .venv/bin/python bench/health_bench.py [--database sqlite|postgres|both] [--pairs 2000]
                                           [--meetings 30000] [--repeat 20]

For each database it sets up a fresh Tandem (a temporary SQLite file, or a PostgreSQL database
`tandem_health_bench` on 127.0.0.1:5432 that it creates and drops) with the test settings (DEBUG off),
and builds in bulk INSERTs (`tandem.factories.build_applications` and `build_pairs`): one running program
that started 30 weeks ago with --pairs pairs (a mentor for every 1.6 mentees), a meeting planned every two
weeks for each pair and --meetings logged meetings spread over the pairs (some pairs silent, some behind,
a few not started, paused or ended early, 2 % with an open help request, 10 % with a follow-up mark), three
common meetings with an invitation for everyone in a pair, last week's snapshot, and nine more programs
of the organisation (running, with 20 pairs each, or in other states) for the organisation page.

It opens each page with Django's test client (as the coordinator, and the organisation page as its
admin) --repeat times after one warm-up and reports the server time per request (median and p95), the
CPU time of this process (Django, and SQLite's work too; not PostgreSQL's server), the number of queries
and the size of the HTML. The figures go into bench/HEALTH_BENCH.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta

from _django import scratch_tandem, signed_in_client  # bench/_django.py: this folder is on the path

# --- The world ---------------------------------------------------------------------------------------


def _pairs(program, count: int, *, today: date, meetings: int, seed: int) -> None:
    """`count` running pairs of `program` with a plan and about `meetings` logged meetings in all."""
    from django.utils import timezone

    from tandem.factories import build_applications, build_pairs
    from tandem.mentoring.models import FollowUpNote, HelpRequest, MeetingLog, Mentorship, PlannedMeeting
    from tandem.pairs.models import Pair

    rng = random.Random(seed)
    mentors = max(1, count * 5 // 8)
    people = build_applications(program, mentees=count, mentors=mentors, seed=seed)
    pairs = build_pairs(program, people[:count], people[count:])
    Pair.objects.filter(program=program).update(
        status=Pair.Status.ACTIVE, mentee_answer="accept", mentor_answer="accept"
    )
    start = program.start_date
    statuses = []
    for _ in range(count):
        roll = rng.random()
        statuses.append(
            Mentorship.Status.PAUSED if roll < 0.03 else Mentorship.Status.ENDED if roll < 0.06 else "running"
        )
    mentorships = Mentorship.objects.bulk_create(
        [
            Mentorship(
                pair=pair,
                started_on=start + timedelta(days=n % 14),
                ends_on=start + timedelta(weeks=40),
                status=statuses[n],
                end_reason="no_time" if statuses[n] == Mentorship.Status.ENDED else "",
            )
            for n, pair in enumerate(pairs)
        ],
        batch_size=500,
    )
    planned = []
    weeks = (today - start).days // 7
    for mentorship in mentorships:
        for k in range(0, 40, 2):
            planned.append(
                PlannedMeeting(mentorship=mentorship, planned_on=mentorship.started_on + timedelta(weeks=k))
            )
    PlannedMeeting.objects.bulk_create(planned, batch_size=1000)
    logs = []
    per_pair = meetings / count / 0.902  # 2 % log nothing, 13 % about 40 %, the rest about the mean
    for mentorship in mentorships:
        kind = rng.random()
        held = 0 if kind < 0.02 else int(per_pair * (0.4 if kind < 0.15 else 1.0 + rng.uniform(-0.2, 0.2)))
        silent_weeks = 8 if 0.15 <= kind < 0.2 else 0
        for k in range(held):
            day = today - timedelta(weeks=silent_weeks) - timedelta(days=int(k * weeks * 7 / max(held, 1)))
            logs.append(
                MeetingLog(mentorship=mentorship, held_on=max(day, mentorship.started_on), minutes=60,
                           format="in_person", logged_by_side="mentee")
            )  # fmt: skip
    MeetingLog.objects.bulk_create(logs, batch_size=2000)
    now = timezone.now()
    HelpRequest.objects.bulk_create(
        HelpRequest(mentorship=m, side="mentee", kind="need_help", text="Hjälp")
        for m in rng.sample(mentorships, max(1, count // 50))
    )
    FollowUpNote.objects.bulk_create(
        FollowUpNote(
            mentorship=m, kind="contacted", text="", created_at=now - timedelta(days=rng.randint(0, 20))
        )
        for m in rng.sample(mentorships, max(1, count // 10))
    )


def build_world(pairs: int, meetings: int):
    from django.utils import timezone

    from tandem.factories import (
        MembershipFactory,
        OrganisationFactory,
        ProgramFactory,
        ProgramRoleFactory,
        UserFactory,
    )
    from tandem.gatherings.models import Gathering, Invitation
    from tandem.health import services
    from tandem.health.models import WeeklySnapshot
    from tandem.mentoring.models import Mentorship
    from tandem.programs.models import Program, ProgramRole

    today = timezone.localdate()
    org = OrganisationFactory()
    admin, coordinator = UserFactory(), UserFactory()
    MembershipFactory(organisation=org, user=admin, is_admin=True)
    MembershipFactory(organisation=org, user=coordinator)
    program = ProgramFactory(
        organisation=org,
        name="Health bench",
        state=Program.State.RUNNING,
        start_date=today - timedelta(weeks=30),
    )
    ProgramRoleFactory(program=program, user=coordinator, role=ProgramRole.Role.COORDINATOR)
    _pairs(program, pairs, today=today, meetings=meetings, seed=1)
    for n, kind in enumerate(["kickoff", "midpoint", "closing"]):
        gathering = Gathering.objects.create(
            program=program,
            kind=kind,
            title=f"Träff {n}",
            starts_at=timezone.now() + timedelta(weeks=n * 12 - 20),
        )
        rows = Mentorship.objects.filter(pair__program=program).values_list("pair__mentee__email", flat=True)
        Invitation.objects.bulk_create(
            [
                Invitation(gathering=gathering, name="N N", email=email, role="mentee",
                           answer=random.choice(["yes", "no", "maybe", ""]))
                for email in rows
            ],
            batch_size=1000,
        )  # fmt: skip
    figures = services.counts(program, services.rules_for(program, today=today))
    WeeklySnapshot.objects.create(
        program=program,
        week=services.monday(today) - timedelta(weeks=1),
        counts={key: figures[key] for key in services.SNAPSHOT_KEYS},
    )
    for n in range(9):
        state = [Program.State.RUNNING, Program.State.DRAFT, Program.State.CLOSED][n % 3]
        other = ProgramFactory(
            organisation=org, name=f"Program {n}", state=state, start_date=today - timedelta(weeks=10)
        )
        if state == Program.State.RUNNING:
            _pairs(other, 20, today=today, meetings=100, seed=n + 2)
    return program, org, admin, coordinator


# --- Measuring ---------------------------------------------------------------------------------------


def measure(client, url: str, repeat: int) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm: templates, translations
    assert response.status_code == 200, (url, response.status_code)
    times, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return (
        f"{statistics.median(times) * 1000:.0f} ms | {p95 * 1000:.0f} ms | "
        f"{statistics.median(cpus) * 1000:.0f} ms | {len(queries)} | "
        f"{len(response.content) / 1000:.0f} kB"
    )


def bench(database: str, pairs: int, meetings: int, repeat: int) -> None:
    import platform

    with scratch_tandem(database, "health"):
        from django.urls import reverse

        from tandem.mentoring.models import MeetingLog, Mentorship

        started = time.perf_counter()
        program, org, admin, coordinator = build_world(pairs, meetings)
        built = time.perf_counter() - started
        if database == "postgres":  # as autovacuum would have done after such a load
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        logged = MeetingLog.objects.filter(mentorship__pair__program=program).count()
        count = Mentorship.objects.filter(pair__program=program).count()
        staff, boss = signed_in_client(coordinator), signed_in_client(admin)
        health = reverse("health:program", args=[program.pk])
        pages = {
            "health page": (staff, health),
            "health page, silent pairs": (staff, health + "?kind=silent"),
            "health page, last page of the list": (staff, health + "?page=999"),
            "organisation page (10 programs)": (boss, reverse("organisation_health:page", args=[org.pk])),
        }
        rows = {name: measure(client, url, repeat) for name, (client, url) in pages.items()}
    print(
        f"\n### {database}: {count:,} pairs, {logged:,} logged meetings (built in {built:.0f} s; "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f})\n"
    )
    print(f"| page | median of {repeat} | p95 | CPU of this process (median) | queries | HTML |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, figures in rows.items():
        print(f"| {name} | {figures} |")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=30000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if args.database == "both":
        for database in ("sqlite", "postgres"):  # one process each: Django is set up once per process
            argv = [sys.executable, __file__, "--database", database, "--pairs", str(args.pairs)]
            subprocess.run(
                argv + ["--meetings", str(args.meetings), "--repeat", str(args.repeat)], check=True
            )
        return
    bench(args.database, args.pairs, args.meetings, args.repeat)


if __name__ == "__main__":
    main()

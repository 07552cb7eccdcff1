"""How quickly the bulk jobs start, how long they run, and how long a public applicant waits meanwhile.

    .venv/bin/python bench/jobs_bench.py [--database sqlite|postgres|both] [--applications 10000]
                                         [--pairs 2000]

For each database it sets up a fresh Tandem (a temporary SQLite file, or a scratch PostgreSQL database
`tandem_jobs_bench` on 127.0.0.1:5432, dropped at the end) and builds one program in bulk: N applications
(the mentees and, for the pairs, as many accepted mentors with one place each) and a finished matching run
that proposes P pairs. Then, as a coordinator through the real pages (Django's test client, in process):

- publish: POST the run's publish page (P pairs, 2 × P introductions);
- bulk: POST the queue's bulk form with "all that match the filter" (every received mentee → waitlisted,
  with the decision e-mails);
- reevaluate: POST a new must-criterion of the mentees' requirement profile (every mentee checked again).

For each it times the request that starts the job (target < 1 s) and the job itself, run as the worker
runs it (`tandem.jobs.services.run_job`), while another process submits applications one after the other
through the real public form (landing page, every step, summary, send; the test client again) and records
the time of each request. "apply" is the slowest and the 95th percentile of those requests while the job
ran (target: never more than ~2 s); "idle" the same with no job running, for comparison.
The worker queue is not started: the e-mails stay in the outbox. The figures go into bench/JOBS_BENCH.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from apply_bench import ANSWERS, REFERENCE_RE, TOKEN_RE  # noqa: E402

PG_DATABASE = "tandem_jobs_bench"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
IDLE_SECONDS = 5.0


def setup_django(data_dir: str, postgres_url: str | None) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
            "TANDEM_DATA_DIR": data_dir,
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123",
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "APPLICATION_RATE_LIMIT": "1000000",
            "HUEY_IMMEDIATE": "false",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("DATABASE_URL", None)
    if postgres_url:
        os.environ["DATABASE_URL"] = postgres_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages need the manifest


# --- The world ------------------------------------------------------------------------------------------


def build_world(applications: int, pairs: int) -> dict:
    """One program with `applications` applications, `pairs` of the mentees accepted with as many
    accepted mentors, and a finished run proposing them as pairs. Bulk INSERTs: a few seconds."""
    from django.utils import timezone

    from tandem.accounts.models import Membership, Organisation, User
    from tandem.applications.models import Application
    from tandem.applications.public_forms import pages_for
    from tandem.applications.services import create_default_form
    from tandem.factories import ApplicationFactory
    from tandem.pairs.models import MatchingRun, ProposedPair
    from tandem.programs.models import Program

    now = timezone.now()
    organisation = Organisation.objects.create(name="Benchmark")
    user = User.objects.create_user(email="samordnare@bench.invalid", password="bench-password-2026")
    Membership.objects.create(user=user, organisation=organisation, is_admin=True)
    program = Program.objects.create(organisation=organisation, name="Benchmark program", state="recruiting")
    forms = {}
    for role in ("mentee", "mentor"):
        forms[role] = create_default_form(program, role, now=now)
        forms[role].is_published = True
        forms[role].save()
    mentees = applications - pairs
    Application.objects.bulk_create(
        [
            ApplicationFactory.build(
                program=program,
                form=forms["mentee"],
                role="mentee",
                status="accepted" if number < pairs else "received",
                language=("sv", "en", "ar")[number % 3],
                birth_year=1960 + number % 40,
            )
            for number in range(mentees)
        ]
        + [
            ApplicationFactory.build(
                program=program,
                form=forms["mentor"],
                role="mentor",
                status="accepted",
                mentee_capacity=1,
                language=("sv", "en")[number % 2],
            )
            for number in range(pairs)
        ],
        batch_size=500,
    )
    run = MatchingRun.objects.create(
        program=program, number=1, status="done", created_by=user, finished_at=now, matched_count=pairs
    )
    accepted = Application.objects.filter(program=program, status="accepted").order_by("id")
    mentee_ids = list(accepted.filter(role="mentee").values_list("pk", flat=True))
    mentor_ids = list(accepted.filter(role="mentor").values_list("pk", flat=True))
    reasons = [
        {
            "criterion": "occupation",
            "weight": 3,
            "value": 1.0,
            "reasons": [{"code": "occupation_match", "params": {"code": "2411", "level": 4}}],
        }
    ]
    ProposedPair.objects.bulk_create(
        [
            ProposedPair(run=run, mentee_id=mentee, mentor_id=mentor, score=70.0, reasons=reasons)
            for mentee, mentor in zip(mentee_ids, mentor_ids, strict=True)
        ],
        batch_size=500,
    )
    pages = pages_for(list(forms["mentee"].questions.filter(removed_at__isnull=True)))
    return {"user": user, "program": program, "run": run, "slug": forms["mentee"].slug, "pages": pages}


# --- The applicant, in a process of its own --------------------------------------------------------------


def applicant_loop(slug: str, pages: list[str], stop, results) -> None:
    """Submit applications one after the other through the public form until told to stop."""
    try:
        _applicant_loop(slug, pages, stop, results)
    except Exception as error:
        results.put({"error": repr(error)})
        raise


def _applicant_loop(slug: str, pages: list[str], stop, results) -> None:
    from django.test import Client

    latencies: list[float] = []
    sent = 0
    number = int(time.time() * 1000) % 10_000_000
    client = Client()

    def timed(method: str, path: str, data: dict | None = None):
        started = time.monotonic()
        response = client.get(path) if method == "GET" else client.post(path, data or {})
        latencies.append(time.monotonic() - started)
        return response

    while not stop.is_set():
        number += 1
        base = f"/apply/{slug}/sv"
        timed("GET", f"{base}/")
        for page in pages:
            answers = dict(ANSWERS.get(page, {}))
            if page == "contact":
                answers["email"] = f"applicant{number}@bench.invalid"
            response = timed("POST", f"{base}/step/{page}/", answers)
            assert response.status_code == 302, (page, response.status_code)
        summary = timed("GET", f"{base}/summary/").content.decode()
        response = timed("POST", f"{base}/summary/", {"token": TOKEN_RE.search(summary)[1]})
        confirmation = client.get(response["Location"]).content.decode()
        assert REFERENCE_RE.search(confirmation), "no reference number on the confirmation page"
        sent += 1
        client = Client()  # the next applicant
    results.put({"latencies": latencies, "sent": sent})


def with_applicant(world: dict, work) -> tuple[float, dict]:
    """Run `work()` while another process submits applications; its seconds and the applicant's figures."""
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    stop, results = context.Event(), context.Queue()
    process = context.Process(target=applicant_loop, args=(world["slug"], world["pages"], stop, results))
    process.start()
    time.sleep(0.5)  # the applicant is under way
    started = time.monotonic()
    work()
    seconds = time.monotonic() - started
    stop.set()
    found = results.get(timeout=120)
    process.join(timeout=60)
    if "error" in found:
        raise RuntimeError(f"the applicant failed: {found['error']}")
    latencies = sorted(found["latencies"])
    return seconds, {
        "applications_sent": found["sent"],
        "requests": len(latencies),
        "apply_max_s": round(latencies[-1], 3) if latencies else None,
        "apply_p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3) if latencies else None,
        "apply_median_s": round(statistics.median(latencies), 3) if latencies else None,
    }


# --- One database ----------------------------------------------------------------------------------------


def bench_one(database: str, applications: int, pairs: int) -> dict:
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from tandem.jobs.models import Job
    from tandem.jobs.services import run_job

    started = time.monotonic()
    world = build_world(applications, pairs)
    figures: dict = {"database": database, "applications": applications, "pairs": pairs}
    figures["build_s"] = round(time.monotonic() - started, 1)
    program = world["program"]

    _idle, figures["idle"] = with_applicant(world, lambda: time.sleep(IDLE_SECONDS))

    client = Client()
    client.force_login(world["user"])
    from tandem.lib.testing.sessions import pass_second_factor

    pass_second_factor(client, world["user"])  # staff pages ask for the second factor
    requests = {
        "publish": (reverse("pairs:publish", kwargs={"pk": program.pk, "run": 1}), {}),
        "bulk": (
            reverse("screening:bulk", kwargs={"pk": program.pk}),
            {
                "query": "role=mentee&status=received",
                "to": "waitlisted",
                "reason": "Programmet är fullt i år",
                "send_email": "on",
                "scope": "all",
                "confirmed": "True",  # the queue asks once more before it changes all that match
            },
        ),
        "reevaluate": (
            reverse("requirements:add", kwargs={"pk": program.pk, "role": "mentee"}),
            {"kind": "age_band", "importance": "must", "weight": "1", "max": "60"},
        ),
    }
    for name, (url, data) in requests.items():
        connections.close_all()
        started = time.monotonic()
        response = client.post(url, data)
        start_s = time.monotonic() - started
        assert response.status_code == 302, (name, response.status_code)
        job = Job.objects.latest("id")
        assert response["Location"].endswith(f"/jobs/{job.pk}/"), (name, response["Location"])
        job_s, applicant = with_applicant(world, lambda job=job: run_job(job.pk))
        job.refresh_from_db()
        assert job.status == "done", (name, job.status, job.error_code)
        page_started = time.monotonic()
        assert client.get(response["Location"]).status_code == 200
        figures[name] = {
            "start_request_s": round(start_s, 3),
            "job_s": round(job_s, 1),
            "progress_page_s": round(time.monotonic() - page_started, 3),
            "rows": job.total,
            "result": {k: v for k, v in job.result.items() if k != "skipped"},
            **applicant,
        }
        print(name, json.dumps(figures[name]), file=sys.stderr, flush=True)
    return figures


def postgres(action: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        if action == "create":
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")


def child(database: str, applications: int, pairs: int) -> None:
    """One database, in a process of its own (Django is set up once per process)."""
    with tempfile.TemporaryDirectory(prefix="tandem-jobs-bench-") as data_dir:
        url = None
        if database == "postgres":
            postgres("create")
            url = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
        try:
            setup_django(data_dir, url)
            print(json.dumps(bench_one(database, applications, pairs)))
        finally:
            if database == "postgres":
                from django.db import connections

                connections.close_all()
                postgres("drop")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=2_000)
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.applications, args.pairs)
        return 0
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = []
    for database in databases:
        output = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                database,
                "--applications",
                str(args.applications),
                "--pairs",
                str(args.pairs),
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        results.append(json.loads(output.stdout.strip().splitlines()[-1]))
    print("| database | job | rows | start | job | page | sent | apply max | apply p95 | apply median |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for figures in results:
        idle = figures["idle"]
        print(
            f"| {figures['database']} | (none, {IDLE_SECONDS:.0f} s) | | | | | {idle['applications_sent']} | "
            f"{idle['apply_max_s']} s | {idle['apply_p95_s']} s | {idle['apply_median_s']} s |"
        )
        for name in ("publish", "bulk", "reevaluate"):
            row = figures[name]
            print(
                f"| {figures['database']} | {name} | {row['rows']} | {row['start_request_s']} s | "
                f"{row['job_s']} s | {row['progress_page_s']} s | {row['applications_sent']} | "
                f"{row['apply_max_s']} s | {row['apply_p95_s']} s | {row['apply_median_s']} s |"
            )
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

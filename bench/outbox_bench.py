"""How fast two workers empty a large outbox into a local SMTP server, and that each message arrives
exactly once, also when a worker is killed mid-run.

    .venv/bin/python bench/outbox_bench.py [--messages 10000] [--workers 2] [--kill | --kills N]
        [--smtp-down SECONDS] [--database sqlite postgres]
                                          (PostgreSQL: the server of DATABASE_URL, else 127.0.0.1:5432)

For each database it sets up a fresh Tandem (SQLite in a temporary folder; or a scratch PostgreSQL
database `tandem_outbox_bench` on the server of DATABASE_URL, dropped at the end) with the SQLite job
queue in the same folder, starts an SMTP server (aiosmtpd) on 127.0.0.1 and a random port that counts
what it receives by Message-ID, starts `--workers` `tandem worker` processes (each with HUEY_WORKERS
threads, 2 by default), and then queues N messages through the real service (`prepare_email` +
`queue_prepared` in one transaction, whose commit kicks the worker). With --kill, one worker gets
SIGKILL when a third of the messages has arrived and is started again at once; the messages its threads
had claimed wait for OUTBOX_CLAIM_TIMEOUT_SECONDS (30 s here, the lowest allowed) and the next
minute's periodic job. `--kills N` kills a worker N times (taking turns), spread between 20 % and 80 %
of the messages. `--smtp-down S` stops the SMTP server for S seconds when a tenth has arrived: the
workers find it unreachable, put the message in hand back without using up an attempt and wait for the
next minute's run (see `deliver_due`), so delivery resumes within a minute of the server's return.

Printed per run: messages/s over the main burst (from the commit until the first pause of more than
5 s in arrivals, i.e. everything but the killed worker's claims), the time until the last message
arrived, delivered (distinct Message-IDs), lost (never arrived), duplicated (arrived more than once).
A duplicate can only come from a kill between the SMTP server's "250" after DATA and the UPDATE that
marks the message sent (see `deliver_due`): at each kill the script notes the claims left "sending" whose
message the server already has, and prints how many duplicates those explain.
The figures go into bench/OUTBOX_BENCH.md, never into tests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _smtp import CountingHandler, Kills, kill_points, start_sink, stop_workers, tally  # noqa: E402

PG_DATABASE = "tandem_outbox_bench"
CLAIM_TIMEOUT = 30


def pg_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def scratch_postgres(base: str, *, drop_only: bool = False) -> str:
    import psycopg

    admin = pg_url(base, "postgres")
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        if not drop_only:
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    return pg_url(base, PG_DATABASE)


def environment(data_dir: str, smtp_port: int, database_url: str | None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "HUEY_IMMEDIATE")
    }
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
            "TANDEM_DATA_DIR": data_dir,
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123",
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "OUTBOX_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OUTBOX_CLAIM_TIMEOUT_SECONDS": str(CLAIM_TIMEOUT),
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def fresh_tandem(database: str, prefix: str, smtp_port: int, **extra: str) -> tuple[dict[str, str], str, str]:
    """A fresh Tandem in this process, migrated: SQLite and the job queue in a new temporary folder, or a
    scratch PostgreSQL database. Returns the environment (for the workers), the folder, and the server's
    URL to drop the scratch database with at the end."""
    base_pg = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database_url = scratch_postgres(base_pg) if database == "postgres" else None
    data_dir = tempfile.mkdtemp(prefix=prefix)
    env = {**environment(data_dir, smtp_port, database_url), **extra}
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env, data_dir, base_pg


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tandem.cli", "worker"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def run_one(database: str, messages: int, workers: int, kills: int, smtp_down: float = 0.0) -> dict:
    sys.path.insert(0, str(ROOT))
    from tandem.outbox.testing import free_port

    handler = CountingHandler()
    port = free_port()
    controller = start_sink(handler, port)
    env, data_dir, base_pg = fresh_tandem(database, "tandem-outbox-bench-", port)
    from django.db import connection, transaction

    from tandem.outbox.models import OutboxMessage
    from tandem.outbox.services import prepare_email, queue_prepared

    log = Path(data_dir) / "workers.log"
    processes = [start_worker(env, log) for _ in range(workers)]
    time.sleep(4)  # the workers start up (Django, huey consumer)
    prepared = [
        prepare_email(
            to=[f"adept{number}@example.org"],
            subject=f"Välkommen till programmet #{number}",
            text="Hej!\n\nVälkommen till mentorskapsprogrammet. Vi ses på uppstartsträffen.\n",
            html="<p>Hej!</p><p>Välkommen till mentorskapsprogrammet.</p>",
            kind="bench/welcome",
        )
        for number in range(messages)
    ]
    with transaction.atomic():
        queue_prepared(prepared)
    started = time.monotonic()
    points = [messages // 3] if kills == 1 else kill_points(messages, kills)
    killing = Kills(handler, processes, lambda: start_worker(env, log), points)
    down_at = up_at = None
    deadline = started + 300 + smtp_down + 90 * kills
    while time.monotonic() < deadline:
        received = len(handler.received)
        killing.check(received)
        if smtp_down and down_at is None and received >= messages // 10:
            controller.stop()
            down_at = time.monotonic()
        if down_at is not None and up_at is None and time.monotonic() - down_at >= smtp_down:
            controller = start_sink(handler, port)
            up_at = time.monotonic()
        if received >= messages:
            break
        time.sleep(0.1)
    time.sleep(2)  # anything still on its way
    stop_workers(processes)
    controller.stop()

    arrivals = sorted(handler.arrivals)
    burst_end = next((i for i in range(1, len(arrivals)) if arrivals[i] - arrivals[i - 1] > 5), len(arrivals))
    burst_seconds = (arrivals[burst_end - 1] - started) if burst_end else 0.0
    ids = {m.encode() for m in OutboxMessage.objects.values_list("message_id", flat=True)}
    statuses = dict(Counter(OutboxMessage.objects.values_list("status", flat=True)))
    connection.close()
    if database == "postgres":
        scratch_postgres(base_pg, drop_only=True)
    return {
        "database": database,
        "messages": messages,
        "workers": workers,
        "killed_after": killing.after,
        "smtp_down_s": round(up_at - down_at, 1) if down_at and up_at else 0,
        "messages_per_second": round(burst_end / burst_seconds, 1) if burst_seconds else None,
        "burst_messages": burst_end,
        "all_arrived_after_s": round(arrivals[-1] - started, 1) if arrivals else None,
        **tally(handler, ids, killing.in_window),
        "statuses": statuses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--kill", action="store_true", help="SIGKILL one worker after a third, and restart it"
    )
    parser.add_argument("--kills", type=int, default=0, help="SIGKILL a worker this many times (20-80 %%)")
    parser.add_argument("--smtp-down", type=float, default=0.0, help="stop the SMTP server this long")
    parser.add_argument("--database", nargs="+", choices=["sqlite", "postgres"], default=["sqlite"])
    parser.add_argument("--one", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    options = parser.parse_args()
    kills = options.kills or (1 if options.kill else 0)
    if options.one:  # one database per process: Django's settings are read once
        print(json.dumps(run_one(options.one, options.messages, options.workers, kills, options.smtp_down)))
        return
    for database in options.database:
        args = ["--one", database, "--messages", str(options.messages), "--workers", str(options.workers)]
        done = subprocess.run(
            [sys.executable, __file__, *args, "--kills", str(kills), "--smtp-down", str(options.smtp_down)],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            raise SystemExit(done.returncode)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{result['database']:8} {result['messages']} messages, {result['workers']} workers"
            f"{', killed after ' + str(result['killed_after']) if result['killed_after'] else ''}"
            f"{', SMTP down ' + str(result['smtp_down_s']) + ' s' if result['smtp_down_s'] else ''}: "
            f"{result['messages_per_second']} messages/s over the first {result['burst_messages']}, "
            f"all in {result['all_arrived_after_s']} s; delivered {result['delivered']}, "
            f"lost {result['lost']}, duplicated {result['duplicated']} (of which sent but not yet marked "
            f"when a worker was killed: {result['duplicates_explained']}); statuses {result['statuses']}"
        )


if __name__ == "__main__":
    main()

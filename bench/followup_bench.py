"""Follow-up at scale: opening a round of 10,000 invitations (time to queue them, and to deliver them
through a local SMTP server with the worker killed twice during delivery: none lost, none sent twice, or
the duplicates explained), and the results page of a round with 5,000 responses in a fixed number of
queries.

    .venv/bin/python bench/followup_bench.py [--pairs 5000] [--workers 2] [--kills 2] [--responses 5000]
        [--database sqlite postgres]      (PostgreSQL: the server of DATABASE_URL, else 127.0.0.1:5432)

Per database it sets up a fresh Tandem like bench/outbox_bench.py (whose environment, worker and
scratch-database helpers it reuses, with the SMTP sink of bench/_smtp.py): a program with `--pairs`
running mentorships (two people each), a start-up round with the ready surveys, `--workers` `tandem
worker` processes. It then opens the
round through the real service (`rounds.open_round`: invitations with their secrets in one transaction,
then one personal e-mail each in the recipient's language, queued in the outbox `OPENING_CHUNK` (200) per
transaction) and times that, and how long each chunk's transaction took (the time between one chunk's
queueing and the next: the longest a writer waits behind the opening). The workers deliver while the
later chunks are still being queued; a watcher thread gives a worker SIGKILL `--kills` times between
20 % and 80 % of the expected arrivals (restarted at once), during the opening or after it. Duplicates
can only come from a kill between the SMTP "250" and the UPDATE that marks a message sent; they are
counted as in outbox_bench.

Then `--responses` complete responses (every question answered) are written in bulk to the round and the
results page (`followup:results`), the round page and the cohort comparison are fetched by a signed-in
coordinator through Django's test client (three times each: the median time, the queries of the last
fetch), at a tenth of the responses and at all of them: the number of queries must not grow. The
figures go into bench/FOLLOWUP_BENCH.md, never into tests.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import outbox_bench  # noqa: E402
from _smtp import CountingHandler, Kills, kill_points, start_sink, stop_workers, tally  # noqa: E402
from outbox_bench import fresh_tandem, scratch_postgres, start_worker  # noqa: E402

outbox_bench.PG_DATABASE = "tandem_followup_bench"  # its own scratch database: the outbox bench may run too


def build_world(pairs: int):
    """A program with `pairs` running mentorships and a start-up round that opens today."""
    from django.utils import timezone

    from tandem.accounts.models import Membership, Organisation, User
    from tandem.applications.models import Application
    from tandem.applications.services import create_default_form
    from tandem.followup.models import Round
    from tandem.followup.services import copy_template
    from tandem.mentoring.models import Mentorship
    from tandem.mfa.models import Exemption
    from tandem.pairs.models import Pair
    from tandem.programs.models import Program

    now = timezone.now()
    today = timezone.localdate(now)
    organisation = Organisation.objects.create(name="Bench")
    program = Program.objects.create(
        organisation=organisation,
        name="Bench program",
        start_date=today - timedelta(weeks=5),
        length_months=9,
        state=Program.State.RUNNING,
    )
    user = User.objects.create_user(email="coordinator@bench.invalid", password="bench-password-1")
    Membership.objects.create(organisation=organisation, user=user, is_admin=True)
    Exemption.objects.get_or_create(user=user, defaults={"reason": "bench"})
    forms = {role: create_default_form(program, role, now=now) for role in ("mentee", "mentor")}
    languages = ["sv", "en", "ar"]
    people = [
        Application(
            program=program,
            form=forms[role],
            role=role,
            status=Application.Status.ACCEPTED,
            language=languages[n % 3] if role == "mentee" else "sv",
            submitted_at=now,
            first_name=f"{role.title()}{n}",
            last_name="Bench",
            email=f"{role}{n}@bench.invalid",
        )
        for n in range(pairs)
        for role in ("mentee", "mentor")
    ]
    created = Application.objects.bulk_create(people, batch_size=1000)
    made = Pair.objects.bulk_create(
        (
            Pair(
                program=program,
                mentee=created[2 * n],
                mentor=created[2 * n + 1],
                status=Pair.Status.ACTIVE,
                published_at=now,
                answer_deadline=now + timedelta(days=7),
            )
            for n in range(pairs)
        ),
        batch_size=1000,
    )
    Mentorship.objects.bulk_create(  # nudged just now: the workers send no "quiet pair" nudges meanwhile
        (Mentorship(pair=pair, started_on=program.start_date, nudged_at=now) for pair in made),
        batch_size=1000,
    )
    round_ = Round.objects.create(
        program=program,
        step=Round.Step.STARTUP,
        mentee_survey=copy_template(program, "startup", "mentee", by=None, now=now),
        mentor_survey=copy_template(program, "startup", "mentor", by=None, now=now),
        opens_on=today,
        closes_on=today + timedelta(days=21),
        short_code="BENCH1",
    )
    return program, round_, user


def add_responses(round_, count: int, rng: random.Random) -> None:
    """`count` complete responses (half from mentees), every question answered, written in bulk."""
    from django.utils import timezone

    from tandem.followup.models import Answer, QuestionKind, Response

    now = timezone.now()
    versions = {role: round_.survey_for(role).current_version() for role in ("mentee", "mentor")}
    questions = {role: list(version.questions.all()) for role, version in versions.items()}
    responses = Response.objects.bulk_create(
        (
            Response(
                round=round_,
                version=versions[role],
                role=role,
                channel="on_site",
                completed_at=now,
            )
            for n in range(count)
            for role in [("mentee", "mentor")[n % 2]]
        ),
        batch_size=1000,
    )

    def value(kind: str):
        if kind in (QuestionKind.LIKERT, QuestionKind.GOALS):
            return rng.randint(1, 5)
        if kind == QuestionKind.SINGLE:
            return rng.randint(0, 2)
        if kind == QuestionKind.MULTIPLE:
            return [rng.randint(0, 2)]
        if kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
            return rng.random() < 0.5
        if kind == QuestionKind.SCALE10:
            return rng.randint(0, 10)
        return "Bra träffar."

    Answer.objects.bulk_create(
        (
            Answer(response=response, question=question, value=value(question.kind))
            for response in responses
            for question in questions[response.role]
            if question.kind != QuestionKind.GOALS
        ),
        batch_size=2000,
    )


def analyze(database: str) -> None:
    """PostgreSQL: refresh the planner's statistics after the bulk load, as autovacuum does within a minute
    on a live server; right after it the planner still guesses one row and sorts where it would hash."""
    from django.db import connection

    if database == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def page_queries(client, url: str, repeat: int = 3) -> tuple[int, float, int]:
    """The page fetched `repeat` times: the queries and status of the last fetch (the first one also sets
    up the session), and the median time, so that one slow moment of a shared machine does not count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds = []
    for _ in range(repeat):
        started = time.monotonic()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        seconds.append(time.monotonic() - started)
    return len(captured.captured_queries), round(statistics.median(seconds), 3), response.status_code


def watch(handler: CountingHandler, killing: Kills, expected: int, deadline: float) -> None:
    """Until every expected message has arrived (or the deadline): kill a worker at each kill point. In
    its own thread, so that the kills fall during the chunked opening as well as after it."""
    from django.db import connection

    try:
        while time.monotonic() < deadline:
            with handler.lock:
                received = len(handler.received)
            killing.check(received)
            if received >= expected:
                return
            time.sleep(0.1)
    finally:
        connection.close()


def chunk_times(started: float, done: list[float]) -> dict[str, float]:
    """Median and longest time per chunk: from the opening's start (the first chunk also waits for the
    invitations' transaction) or the previous chunk's queueing to this one's."""
    steps = [b - a for a, b in zip([started, *done], done, strict=False)]
    if not steps:
        return {}
    return {
        "first": round(steps[0], 2),
        "median": round(statistics.median(steps[1:] or steps), 2),
        "max_after_first": round(max(steps[1:] or steps), 2),
    }


def run_one(database: str, pairs: int, workers: int, kills: int, responses: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from tandem.outbox.testing import free_port

    handler = CountingHandler()
    port = free_port()
    controller = start_sink(handler, port)
    env, data_dir, base_pg = fresh_tandem(
        database, "tandem-followup-bench-", port, ALLOWED_HOSTS="testserver,127.0.0.1"
    )
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from tandem.followup import rounds
    from tandem.outbox.models import OutboxMessage

    started = time.monotonic()
    program, round_, user = build_world(pairs)
    world_seconds = round(time.monotonic() - started, 1)
    log = Path(data_dir) / "workers.log"
    processes = [start_worker(env, log) for _ in range(workers)]
    time.sleep(4)  # the workers start up

    expected = len(rounds.invitees(round_))
    killing = Kills(handler, processes, lambda: start_worker(env, log), kill_points(expected, kills))
    chunk_done: list[float] = []
    queue_prepared = rounds.queue_prepared

    def timed_queue(*args, **kwargs):  # the end of a chunk's work, just before its UPDATE and COMMIT
        result = queue_prepared(*args, **kwargs)
        chunk_done.append(time.monotonic())
        return result

    rounds.queue_prepared = timed_queue
    started = time.monotonic()
    deadline = started + 900 + 90 * kills
    watching = threading.Thread(target=watch, args=(handler, killing, expected, deadline), daemon=True)
    watching.start()
    invited = rounds.open_round(round_, now=timezone.now())
    queued_seconds = round(time.monotonic() - started, 1)
    rounds.queue_prepared = queue_prepared
    watching.join()
    time.sleep(2)
    stop_workers(processes)
    controller.stop()
    arrivals = sorted(handler.arrivals)
    ids = {m.encode() for m in OutboxMessage.objects.values_list("message_id", flat=True)}

    from django.conf import settings
    from django.test.utils import override_settings

    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()  # no collectstatic
    rng = random.Random(10)
    client = Client()
    client.force_login(user)
    kwargs = {"pk": program.pk, "round": round_.pk}
    pages = {
        "results": reverse("followup:results", kwargs=kwargs),
        "round": reverse("followup:round", kwargs=kwargs),
        "cohorts": reverse("followup:cohorts", kwargs=kwargs),
    }
    add_responses(round_, responses // 10, rng)
    analyze(database)
    small = {name: page_queries(client, url) for name, url in pages.items()}
    add_responses(round_, responses - responses // 10, rng)
    analyze(database)
    large = {name: page_queries(client, url) for name, url in pages.items()}
    statuses = dict(Counter(OutboxMessage.objects.values_list("status", flat=True)))
    connection.close()
    if database == "postgres":
        scratch_postgres(base_pg, drop_only=True)
    return {
        "database": database,
        "pairs": pairs,
        "world_s": world_seconds,
        "invited": invited,
        "queued_s": queued_seconds,
        "chunks": len(chunk_done),
        "chunk_s": chunk_times(started, chunk_done),
        "first_arrived_after_s": round(arrivals[0] - started, 1) if arrivals else None,
        "arrived_while_queueing": sum(1 for t in arrivals if t <= started + queued_seconds),
        "workers": workers,
        "killed_after": killing.after,
        "all_arrived_after_s": round(arrivals[-1] - started, 1) if arrivals else None,
        **tally(handler, ids, killing.in_window),
        "statuses": statuses,
        "responses": responses,
        "pages_small": small,
        "pages_large": large,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--responses", type=int, default=5_000)
    parser.add_argument("--database", nargs="+", choices=["sqlite", "postgres"], default=["sqlite"])
    parser.add_argument("--one", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:  # one database per process: Django's settings are read once
        result = run_one(options.one, options.pairs, options.workers, options.kills, options.responses)
        print(json.dumps(result))
        return
    for database in options.database:
        args = ["--one", database, "--pairs", str(options.pairs), "--workers", str(options.workers)]
        args += ["--kills", str(options.kills), "--responses", str(options.responses)]
        done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            raise SystemExit(done.returncode)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{r['database']:8} {r['invited']} invitations ({r['pairs']} pairs, built in {r['world_s']} s): "
            f"queued in {r['queued_s']} s ({r['chunks']} chunks, seconds per chunk {r['chunk_s']}); "
            f"first arrived {r['first_arrived_after_s']} s, {r['arrived_while_queueing']} while queueing; "
            f"{r['workers']} workers, killed after {r['killed_after']}: all "
            f"arrived {r['all_arrived_after_s']} s after opening; delivered {r['delivered']}, "
            f"lost {r['lost']}, "
            f"duplicated {r['duplicated']} (explained {r['duplicates_explained']}); statuses {r['statuses']}"
        )
        for name in r["pages_small"]:
            (q1, s1, c1), (q2, s2, c2) = r["pages_small"][name], r["pages_large"][name]
            print(
                f"         {name} page: {q1} queries {s1} s (HTTP {c1}) at {r['responses'] // 10} responses, "
                f"{q2} queries {s2} s (HTTP {c2}) at {r['responses']}"
            )


if __name__ == "__main__":
    main()

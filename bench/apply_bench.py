"""Load benchmark of the public application form against the production server.

    .venv/bin/python bench/apply_bench.py [--applicants 500] [--concurrency 500] [--workers 4]
                                          [--database sqlite|postgres|both] [--via-proxy]

For each database it sets up a fresh Tandem (a temporary SQLite file, or a PostgreSQL database
`tandem_bench` on 127.0.0.1:5432 that it creates and drops), publishes a mentee form, starts gunicorn
with several workers (DEBUG off, as in production), and lets N applicants walk the real public form
at the same time: open the form (session and CSRF cookie), post every page, open the summary, send, and
read the reference number on the confirmation page.

It then counts the applications stored and compares them with the confirmations shown: the two must be
equal (nothing lost) and no request may get a 5xx answer. It reports throughput and latency (p50, p95,
p99 per request; p95 per applicant). Traffic goes to 127.0.0.1 only; request count and time are bounded.

The per-IP rate limit of the public form would stop a benchmark that sends everything from one address;
the server is started with APPLICATION_RATE_LIMIT (the setting `tandem.applications.ratelimit` reads)
set high enough for the whole run.

With --via-proxy the server runs as behind the README's reverse proxy (`TRUSTED_PROXY_COUNT=1`) with
the rate limit left at its default: each applicant comes from an address of its own in the
`X-Forwarded-For` header the proxy appends (10.x.y.z), and every other one also sends a forged first
entry (203.0.113.7) as an attacker would. Everybody gets through only if the server reads the client
address the proxy saw, one per applicant: read from the socket, all 500 would share 127.0.0.1, and
trusting the forged entry, half would share 203.0.113.7; both would meet the limit.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
PG_DATABASE = "tandem_bench"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
REQUEST_TIMEOUT = 120.0
RUN_DEADLINE = 15 * 60.0

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_RE = re.compile(r'name="token" value="([^"]+)"')
REFERENCE_RE = re.compile(r"TDM-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")

ANSWERS: dict[str, dict[str, str]] = {
    "contact": {
        "first_name": "Amira",
        "last_name": "Haddad",
        "phone": "070-123 45 67",
        "birth_year": "1990",
        "website": "",
    },
    "occupation": {
        "employment_status": "job_seeking",
        "occupation_now": "2411",
        "occupation_wanted": "2411",
        "experience_years": "8",
        "education": "Bachelor in accounting",
        "education_country": "Syria",
    },
    "languages_place": {
        "swedish_level": "SFI_D",
        "other_languages_1_code": "ar",
        "other_languages_1_level": "C2",
        "municipality": "1480",
        "years_in_sweden": "3",
        "meeting_format": "either",
        "availability": "Weekday evenings",
    },
    "about": {
        "about_me": "I am an accountant.",
        "skills": "Auditing",
        "motivation": "I want to work as an accountant in Sweden.",
        "expectations": "A network",
    },
    "consent": {"consent": "on"},
}


# --- Setting up and counting, run inside Django with the benchmark's environment ---------------------


def django_setup() -> None:
    """Create an organisation, a program and a published mentee form; print its slug and pages."""
    import django

    django.setup()
    from django.utils import timezone

    from tandem.accounts.models import Organisation
    from tandem.applications.public_forms import pages_for
    from tandem.applications.services import create_default_form
    from tandem.programs.models import Program

    organisation = Organisation.objects.create(name="Benchmark")
    program = Program.objects.create(organisation=organisation, name="Benchmark program", state="recruiting")
    form = create_default_form(program, "mentee", now=timezone.now())
    form.is_published = True
    form.save()
    pages = pages_for(list(form.questions.filter(removed_at__isnull=True)))
    print(json.dumps({"slug": form.slug, "pages": pages}))


def django_count(slug: str) -> None:
    import django

    django.setup()
    from tandem.applications.models import Application

    references = list(Application.objects.filter(form__slug=slug).values_list("reference", flat=True))
    print(json.dumps({"references": references}))


# --- One applicant ---------------------------------------------------------------------------------------


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    walks: list[float] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1


class Applicant:
    """A browser of its own: cookies (Secure or not: the server sets Secure, we talk plain HTTP)."""

    def __init__(self, port: int, results: Results, deadline: float, forwarded_for: str = ""):
        self.port, self.results, self.deadline = port, results, deadline
        self.forwarded_for = forwarded_for
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        if time.monotonic() > self.deadline:
            raise TimeoutError("the run's deadline passed")
        headers = {"Host": f"{HOST}:{self.port}", "User-Agent": "tandem-apply-bench"}
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        self.results.record(response.status, time.monotonic() - started)
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers.get("Location", ""), text

    def expect(
        self, method: str, path: str, status: int, form: dict[str, str] | None = None
    ) -> tuple[str, str]:
        got, location, text = self.request(method, path, form)
        if got != status:
            raise RuntimeError(f"{method} {path}: {got} (wanted {status})")
        return location, text

    def apply(self, slug: str, pages: list[str], number: int) -> None:
        started = time.monotonic()
        base = f"/apply/{slug}/sv"
        self.expect("GET", f"{base}/", 200)
        _location, text = self.expect("GET", f"{base}/step/{pages[0]}/", 200)
        csrf = CSRF_RE.search(text)[1]
        for page in pages:
            answers = dict(ANSWERS.get(page, {}))
            if page == "contact":
                answers["email"] = f"applicant{number}@bench.invalid"
            self.expect("POST", f"{base}/step/{page}/", 302, {**answers, "csrfmiddlewaretoken": csrf})
        _location, text = self.expect("GET", f"{base}/summary/", 200)
        token = TOKEN_RE.search(text)[1]
        csrf = CSRF_RE.search(text)[1]
        location, _text = self.expect(
            "POST", f"{base}/summary/", 302, {"token": token, "csrfmiddlewaretoken": csrf}
        )
        _location, text = self.expect("GET", urllib.parse.urlparse(location).path, 200)
        reference = REFERENCE_RE.search(text)
        if reference is None:
            raise RuntimeError("the confirmation page shows no reference number")
        with self.results.lock:
            self.results.references.append(reference[0])
            self.results.walks.append(time.monotonic() - started)


def forwarded_for(number: int) -> str:
    """What the proxy sends for applicant `number`: its own address, after a forged one every other time."""
    own = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
    return f"203.0.113.7, {own}" if number % 2 else own


def run_applicants(
    port: int, slug: str, pages: list[str], applicants: int, concurrency: int, via_proxy: bool = False
) -> tuple[Results, float]:
    results = Results()
    deadline = time.monotonic() + RUN_DEADLINE

    def one(number: int) -> None:
        try:
            address = forwarded_for(number) if via_proxy else ""
            Applicant(port, results, deadline, address).apply(slug, pages, number)
        except Exception as exc:  # a benchmark counts failures instead of stopping at the first
            with results.lock:
                results.failures.append(f"{type(exc).__name__}: {exc}")

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(applicants)))
    return results, time.monotonic() - started


# --- The server -------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "-m", "tandem.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"tandem {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def in_django(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run(
        [PYTHON, __file__, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/accounts/login/", headers={"Host": f"{HOST}:{port}"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def bench_one(label: str, env: dict[str, str], args) -> dict:
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    setup = in_django(env, "_setup")
    port = free_port()
    log = Path(env["TANDEM_DATA_DIR"]) / "gunicorn.log"
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "tandem.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--backlog",
        "2048",
        "--timeout",
        "120",
        "--error-logfile",
        str(log),
    ]
    with log.open("w") as handle:
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    try:
        wait_until_up(port, server)
        results, seconds = run_applicants(
            port, setup["slug"], setup["pages"], args.applicants, args.concurrency, args.via_proxy
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    stored = set(in_django(env, "_count", setup["slug"])["references"])
    shown = set(results.references)
    errors_in_log = log.read_text(errors="replace").count("Traceback")
    latencies = sorted(results.latencies)
    return {
        "database": label,
        "via_proxy": args.via_proxy,
        "applicants": args.applicants,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "confirmations_shown": len(shown),
        "applications_stored": len(stored),
        "lost": len(shown - stored),
        "stored_without_confirmation": len(stored - shown),
        "server_errors_5xx": sum(count for status, count in results.statuses.items() if status >= 500),
        "tracebacks_in_server_log": errors_in_log,
        "failed_applicants": len(results.failures),
        "first_failures": results.failures[:5],
        "requests": len(latencies),
        "seconds": round(seconds, 1),
        "applications_per_second": round(len(stored) / seconds, 2),
        "requests_per_second": round(len(latencies) / seconds, 1),
        "latency_ms_p50": round(statistics.median(latencies) * 1000),
        "latency_ms_p95": round(latencies[int(len(latencies) * 0.95) - 1] * 1000),
        "latency_ms_p99": round(latencies[int(len(latencies) * 0.99) - 1] * 1000),
        "applicant_seconds_p95": round(sorted(results.walks)[int(len(results.walks) * 0.95) - 1], 1)
        if results.walks
        else None,
        "statuses": dict(sorted(results.statuses.items())),
    }


def base_env(data_dir: str, via_proxy: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DEBUG="false",
        SECRET_KEY="apply-bench-" + "x" * 50,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        TANDEM_DATA_DIR=data_dir,
        STATIC_ROOT=str(Path(data_dir) / "static"),
        APPLICATION_RATE_LIMIT="1000000",
        DJANGO_SETTINGS_MODULE="tandem.settings",
        LOG_LEVEL="WARNING",
    )
    if via_proxy:  # the default rate limit, and the client address from the proxy's header
        del env["APPLICATION_RATE_LIMIT"]
        env["TRUSTED_PROXY_COUNT"] = "1"
    return env


def postgres(action: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        if action == "create":
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--via-proxy", action="store_true", help="as behind one proxy, default rate limit")
    args = parser.parse_args()
    if not 1 <= args.applicants <= 5000 or not 1 <= args.concurrency <= 1000:
        parser.error("keep the run bounded: 1–5,000 applicants, concurrency 1–1,000")
    reports = []
    if args.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="tandem-bench-") as data_dir:
            reports.append(bench_one("sqlite", base_env(data_dir, args.via_proxy), args))
    if args.database in ("postgres", "both"):
        postgres("create")
        try:
            with tempfile.TemporaryDirectory(prefix="tandem-bench-") as data_dir:
                env = base_env(data_dir, args.via_proxy)
                env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
                reports.append(bench_one("postgres", env, args))
        finally:
            postgres("drop")
    print(json.dumps(reports, indent=2, ensure_ascii=False))
    ok = all(r["lost"] == 0 and r["server_errors_5xx"] == 0 and r["failed_applicants"] == 0 for r in reports)
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_setup":
        django_setup()
    elif len(sys.argv) > 2 and sys.argv[1] == "_count":
        django_count(sys.argv[2])
    else:
        sys.exit(main())

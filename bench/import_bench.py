"""How long checking and importing a file of applications takes, in-process, and how long the import
holds the database's write lock.

    .venv/bin/python bench/import_bench.py [--rows 1000 5000] [--emails [off on]] [--format csv xlsx]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import_bench.py

For each size it sets up a fresh Tandem (SQLite in a temporary folder; or, with DATABASE_URL, a scratch
PostgreSQL database `tandem_import_bench` on that server, dropped at the end), publishes a mentee form
with the default questions, writes a CSV file with the import template's columns (every question of the
form, headings in Swedish) and made-up people (also as an Excel file with --format xlsx), stores it as an
upload, and times the steps of an import job as the worker runs them (`intake/tasks.py`):

- check: `imports.check_rows` reads the file again and checks every row with the form's fields;
- prepare: `imports.prepare_import` builds the applications, checks them against the requirement
  profile and renders the confirmation e-mails (with --emails), before any transaction;
- store: `imports.store_import` stores them in one transaction (bulk INSERTs). "lock" is how long that
  transaction is open, from BEGIN to the end of COMMIT: on SQLite (BEGIN IMMEDIATE) the time the whole
  database's write lock is held, on PostgreSQL the time the program and form rows stay locked.

`--emails off on` runs every size without and with the confirmation e-mails. Nothing leaves the machine:
e-mails are only stored in the outbox. The figures go into the issue notes, never into tests.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUNICIPALITIES = ["Göteborg", "1480", "Mölndal", "0180", "Malmö", "Uppsala", "Kungsbacka", "Partille"]
OCCUPATIONS = ["2411", "2412", "2512", "Revisorer m.fl.", "2611", "5321"]
LANGUAGES = ["sv", "ar", "en", "Arabiska", "English", ""]


PG_DATABASE = "tandem_import_bench"


def setup_django(data_dir: str, postgres_url: str | None = None) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
            "TANDEM_DATA_DIR": data_dir,
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123",
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    if postgres_url:
        os.environ["DATABASE_URL"] = postgres_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def person(number: int, template: dict[str, str]) -> dict[str, str]:
    """A made-up applicant: the template's example row with a few columns varied."""
    row = dict(template)
    row["first_name"] = f"Person{number}"
    row["last_name"] = f"Efternamn{number % 97}"
    row["email"] = f"person{number}@example.org"
    row["birth_year"] = str(1960 + number % 45)
    row["municipality"] = MUNICIPALITIES[number % len(MUNICIPALITIES)]
    row["occupation_wanted"] = OCCUPATIONS[number % len(OCCUPATIONS)]
    row["occupation_now"] = OCCUPATIONS[(number + 1) % len(OCCUPATIONS)]
    row["language"] = LANGUAGES[number % len(LANGUAGES)]
    return row


def make_file(targets, role: str, rows: int, kind: str) -> bytes:
    from tandem.intake.template_files import template_rows

    header, example = template_rows(targets, role, "sv")
    template = {target.key: value for target, value in zip(targets, example, strict=True)}
    people = ([person(number, template)[target.key] for target in targets] for number in range(rows))
    if kind == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(header)
        for row in people:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(people)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


class QueryCounter:
    """Counts the queries a block runs (without DEBUG's query log, which keeps only the last 9,000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class TransactionTimer:
    """Times how long the outermost transaction is open (from BEGIN to the end of COMMIT or ROLLBACK),
    by wrapping the connection's set_autocommit, which `transaction.atomic` calls on entering and after
    leaving the outermost block."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.spans: list[float] = []
        self._began = 0.0

    def __enter__(self) -> TransactionTimer:
        real = type(self.connection).set_autocommit.__get__(self.connection)

        def set_autocommit(autocommit, *args, **kwargs):
            if not autocommit:
                self._began = time.perf_counter()
                return real(autocommit, *args, **kwargs)
            try:
                return real(autocommit, *args, **kwargs)
            finally:
                self.spans.append(time.perf_counter() - self._began)

        self.connection.set_autocommit = set_autocommit
        return self

    def __exit__(self, *exc) -> None:
        del self.connection.set_autocommit


def run(rows: int, *, emails: bool, kind: str) -> dict[str, float]:
    from django.core.files.base import ContentFile
    from django.db import connection, connections, transaction
    from django.utils import timezone, translation

    from tandem.accounts.models import Membership, Organisation, User
    from tandem.applications.models import Application
    from tandem.applications.services import create_default_form
    from tandem.intake import tables
    from tandem.intake.answers import active_questions
    from tandem.intake.columns import guess_mapping, targets_for
    from tandem.intake.imports import (
        check_rows,
        consent_statement,
        prepare_import,
        store_import,
    )
    from tandem.outbox.models import OutboxMessage
    from tandem.programs.models import Program

    now = timezone.now()
    translation.activate("sv")
    organisation = Organisation.objects.create(name=f"Bench {rows}")
    user = User.objects.create_user(email=f"bench{rows}-{time.time_ns()}@example.org", password=None)
    Membership.objects.create(user=user, organisation=organisation, is_admin=True)
    program = Program.objects.create(organisation=organisation, name=f"Bench {rows}")
    form = create_default_form(program, "mentee", now=now)
    form.is_published = True
    form.save()
    questions = active_questions(form)
    targets = targets_for(questions, "sv")

    content = make_file(targets, form.role, rows, kind)
    upload = ContentFile(content, name=f"bench.{kind}")
    started = time.perf_counter()
    detected, table = tables.check_upload(upload)
    upload_seconds = time.perf_counter() - started
    assert detected == kind
    token = tables.store_upload(upload, program_id=program.pk, role=form.role, kind=kind)
    stored = tables.find_upload(program_id=program.pk, token=token)
    mapping = guess_mapping(table.header, targets, form.role)
    assert all(mapping), f"a template column was not recognised: {table.header}"

    started = time.perf_counter()
    checked = check_rows(stored, mapping, targets, staff_language="sv", default_language="sv")
    check_seconds = time.perf_counter() - started
    assert checked.is_valid, checked.problems[:5]

    counter = QueryCounter()
    with connection.execute_wrapper(counter), TransactionTimer(connections["default"]) as timer:
        started = time.perf_counter()
        # As the worker does it (tasks._run): prepare, then store in one transaction.
        prepared = prepare_import(form, questions, checked.rows, by=user, now=now, send_confirmation=emails)
        prepare_seconds = time.perf_counter() - started
        with transaction.atomic():
            result = store_import(prepared, consent_text=consent_statement(form, "sv"), consent_language="sv")
        import_seconds = time.perf_counter() - started
    [lock_seconds] = [span for span in timer.spans if span > 0] or [0.0]
    tables.delete_upload(stored)
    assert result.imported == rows == Application.objects.filter(program=program).count()
    assert OutboxMessage.objects.filter(program=program).count() == (rows if emails else 0)
    return {
        "rows": rows,
        "kind": kind,
        "file_kib": len(content) / 1024,
        "upload_seconds": upload_seconds,
        "check_seconds": check_seconds,
        "prepare_seconds": prepare_seconds,
        "lock_seconds": lock_seconds,
        "import_seconds": import_seconds,
        "import_queries": counter.count,
    }


def postgres(server_url: str, action: str) -> str:
    """Create (or drop) the scratch database on the server of `server_url`; its URL."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(server_url)
    admin = urlunsplit(("postgresql", parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        if action == "create":
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
    return urlunsplit((parts.scheme, parts.netloc, f"/{PG_DATABASE}", "", ""))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--format", nargs="+", choices=["csv", "xlsx"], default=["csv"])
    parser.add_argument(
        "--emails",
        nargs="*",
        choices=["off", "on"],
        default=["off"],
        help="send the confirmation e-mail to each applicant (--emails, or --emails off on for both)",
    )
    arguments = parser.parse_args()
    email_modes = [mode == "on" for mode in (arguments.emails or ["on"])]
    server_url = os.environ.get("DATABASE_URL")
    with tempfile.TemporaryDirectory(prefix="tandem-import-bench-") as data_dir:
        database_url = postgres(server_url, "create") if server_url else None
        try:
            setup_django(data_dir, database_url)
            print(f"PostgreSQL database {PG_DATABASE}" if database_url else f"SQLite in {data_dir}")
            print(
                f"{'file':>5} {'rows':>6} {'e-mails':>7} {'size':>8} {'upload':>8} {'check':>8}"
                f" {'prepare':>8} {'lock':>8} {'import':>8} {'per row':>9} {'queries':>8}"
            )
            for kind in arguments.format:
                for emails in email_modes:
                    for rows in arguments.rows:
                        figures = run(rows, emails=emails, kind=kind)
                        print(
                            f"{kind:>5} {rows:>6} {'on' if emails else 'off':>7}"
                            f" {figures['file_kib']:>6.0f}kB {figures['upload_seconds']:>7.2f}s"
                            f" {figures['check_seconds']:>7.2f}s {figures['prepare_seconds']:>7.2f}s"
                            f" {figures['lock_seconds']:>7.2f}s {figures['import_seconds']:>7.2f}s"
                            f" {figures['import_seconds'] / rows * 1000:>7.2f}ms"
                            f" {figures['import_queries']:>8}",
                            flush=True,
                        )
        finally:
            if database_url:
                from django.db import connections

                connections.close_all()
                postgres(server_url, "drop")


if __name__ == "__main__":
    main()

"""Settings: production passes Django's deploy check, bad values stop start-up, SQLite is set up to share."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

from tandem.accounts.models import Organisation

MANAGE_PY = Path(__file__).resolve().parents[3] / "manage.py"
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own settings")


def manage(*args: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a clean environment: nothing of the test run's own settings leaks in."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "tandem.settings",
        "TANDEM_DATA_DIR": str(data_dir),
        **env,
    }
    return subprocess.run(
        [sys.executable, str(MANAGE_PY), *args], env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_production_settings_pass_the_deploy_check(tmp_path):
    done = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        data_dir=tmp_path,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="mentorskap.framat.example",
    )

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false, not 'maybe'"),
        ("EMAIL_PORT", "abc", "EMAIL_PORT must be a whole number, not 'abc'"),
        ("OUTBOX_MAX_ATTEMPTS", "0", "OUTBOX_MAX_ATTEMPTS must be at least 1, not 0"),
        ("OUTBOX_RATE_LIMIT", "fast", "OUTBOX_RATE_LIMIT must be a number, not 'fast'"),
        ("OUTBOX_RATE_LIMIT", "-1", "OUTBOX_RATE_LIMIT must be at least 0, not -1.0"),
        ("OUTBOX_RATE_LIMIT", "inf", "OUTBOX_RATE_LIMIT must be a finite number, not 'inf'"),
        ("TRUSTED_PROXY_COUNT", "-1", "TRUSTED_PROXY_COUNT must be at least 0, not -1"),
        ("TRUSTED_PROXY_COUNT", "one", "TRUSTED_PROXY_COUNT must be a whole number, not 'one'"),
    ],
)
def test_a_malformed_value_stops_start_up_with_a_clear_message(tmp_path, name, value, message):
    done = manage("check", data_dir=tmp_path, **{"DEBUG": "true", name: value})

    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1] == f"django.core.exceptions.ImproperlyConfigured: {message}"


@pytest.mark.parametrize("hosts", ["tandem.example.org", "*", "127.0.0.1,192.168.1.20"])
def test_the_demo_secret_key_refuses_any_host_but_loopback(tmp_path, hosts):
    """Issue 12, item 7: the development key is public, so it may serve only this machine."""
    done = manage("check", data_dir=tmp_path, DEBUG="true", ALLOWED_HOSTS=hosts)

    assert done.returncode != 0
    assert "The development SECRET_KEY only serves 127.0.0.1 and localhost" in done.stderr


def test_the_demo_secret_key_serves_loopback(tmp_path):
    done = manage("check", data_dir=tmp_path, DEBUG="true", ALLOWED_HOSTS="127.0.0.1,localhost,[::1]")

    assert done.returncode == 0, done.stderr


def test_production_without_a_secret_key_does_not_start(tmp_path):
    done = manage("check", data_dir=tmp_path, DEBUG="false")

    assert done.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in done.stderr


@sqlite_only
def test_sqlite_transactions_begin_immediate():
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def in_own_thread(work):
    """Run `work` on a fresh database connection (Django's connections are per thread)."""
    results, errors = [], []

    def run() -> None:
        try:
            results.append(work())
        except BaseException as exc:  # handed to the test thread below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, results, errors


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_fresh_sqlite_connection_gets_the_pragmas():
    def pragmas() -> dict[str, object]:
        with connection.cursor() as cursor:
            names = ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")
            return {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in names}

    thread, results, errors = in_own_thread(pragmas)
    thread.join(timeout=30)

    assert not errors, errors
    assert results == [{"journal_mode": "wal", "busy_timeout": 20000, "foreign_keys": 1, "synchronous": 1}]


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_second_writer_waits_for_the_first_instead_of_failing():
    first_holds_the_lock, first_may_commit = threading.Event(), threading.Event()

    def first() -> None:
        with transaction.atomic():
            Organisation.objects.create(name="Första")
            first_holds_the_lock.set()
            first_may_commit.wait(timeout=10)

    def second() -> float:
        first_holds_the_lock.wait(timeout=10)
        started = time.monotonic()
        with transaction.atomic():  # read, then write: DEFERRED would fail here with "database is locked"
            others = Organisation.objects.count()
            Organisation.objects.create(name=f"Andra (efter {others})")
        return time.monotonic() - started

    first_thread, _, first_errors = in_own_thread(first)
    second_thread, waited, second_errors = in_own_thread(second)
    first_holds_the_lock.wait(timeout=10)
    time.sleep(0.5)
    first_may_commit.set()
    first_thread.join(timeout=30)
    second_thread.join(timeout=30)

    assert not first_errors and not second_errors, first_errors + second_errors
    assert waited[0] >= 0.4  # it waited for the lock...
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Andra (efter 1)",
        "Första",
    ]  # ...then saw it

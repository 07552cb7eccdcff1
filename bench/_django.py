"""What the benchmarks share: a fresh Tandem on a scratch database, set up once per process.

    with scratch_tandem("sqlite", "reports") as folder:
        ...  # Django is set up and migrated; `folder` is a temporary data folder

SQLite: a file in a temporary folder. PostgreSQL: a database `tandem_<name>_bench` on 127.0.0.1:5432,
created before and dropped after. Django is set up once per process, so a benchmark that compares the two
databases runs each in a process of its own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def setup_django(database: str, folder: Path, name: str) -> None:
    """Set up Django with the test settings on a new, migrated database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "tandem.settings_test"
    os.environ["TANDEM_DATA_DIR"] = str(folder)
    if database == "postgres":
        pg_database = f"tandem_{name}_bench"
        pg_admin(f"DROP DATABASE IF EXISTS {pg_database}")
        pg_admin(f"CREATE DATABASE {pg_database}")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_database}"
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(folder / f"{name}.sqlite3")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@contextmanager
def scratch_tandem(database: str, name: str) -> Iterator[Path]:
    """Django on a scratch database for the block; the PostgreSQL database is dropped afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"{name}-bench-") as tmp:
        folder = Path(tmp)
        setup_django(database, folder, name)
        try:
            yield folder
        finally:
            if database == "postgres":
                from django.db import connections

                connections.close_all()
                pg_admin(f"DROP DATABASE IF EXISTS tandem_{name}_bench")


def signed_in_client(user):
    """A test client signed in as `user` as a real log-in leaves it: the second factor passed."""
    from django.test import Client

    from tandem.lib.testing.sessions import pass_second_factor

    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    return client

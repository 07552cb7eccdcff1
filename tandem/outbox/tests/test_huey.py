"""The delivery job runs through both queues Tandem supports: SQLite (one machine) and Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
import redis
from django.core import mail
from huey import PriorityRedisHuey, SqliteHuey

from tandem.outbox.models import OutboxMessage
from tandem.outbox.tasks import deliver_outbox

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def require_redis() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis at {REDIS_URL} is not reachable; CI must start it ({exc})")
        pytest.skip(f"Redis at {REDIS_URL} is not reachable")


@pytest.fixture(params=["sqlite", "redis"])
def queue(request, tmp_path):
    """A real queue of each kind, under a name of its own."""
    name = f"tandem-test-{uuid.uuid4().hex}"
    if request.param == "redis":
        require_redis()
        huey = PriorityRedisHuey(name, url=REDIS_URL)
    else:
        huey = SqliteHuey(name, filename=str(tmp_path / "huey.sqlite3"))
    yield huey
    huey.flush()


def test_the_delivery_job_travels_through_the_queue(queue, make_message):
    message = make_message()
    job = queue.task(name="deliver_outbox")(deliver_outbox.call_local)

    job()  # what the on-commit kick does
    assert queue.pending_count() == 1
    assert mail.outbox == []  # nothing is sent until a worker takes the job

    queue.execute(queue.dequeue())

    assert queue.pending_count() == 0
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert [sent.extra_headers["Message-ID"] for sent in mail.outbox] == [message.message_id]


def test_settings_choose_redis_when_redis_url_is_set(tmp_path):
    require_redis()
    name = f"tandem-test-{uuid.uuid4().hex}"
    script = (
        "import django; django.setup()\n"
        "from huey.contrib.djhuey import HUEY\n"
        "HUEY.storage.enqueue(b'ping', priority=0)\n"
        "print(type(HUEY).__name__, HUEY.name, HUEY.storage.dequeue() == b'ping')\n"
        "HUEY.flush()\n"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "tandem.settings",
        "DEBUG": "true",
        "TANDEM_DATA_DIR": str(tmp_path),
        "REDIS_URL": REDIS_URL,
        "HUEY_NAME": name,
    }

    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["PriorityRedisHuey", name, "True"]

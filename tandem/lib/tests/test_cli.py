"""The `tandem` command, run as a person runs it: real processes, a real port, a real SMTP server."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import types
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tandem.cli import main
from tandem.outbox.testing import free_port, running_smtp_server

TANDEM = shutil.which("tandem", path=str(Path(sys.executable).parent)) or "tandem"
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "cli-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "WEB_CONCURRENCY": "1",
}
STARTED = re.compile(r"tandem: started the (web server|worker) \(pid (\d+)\)")


def tandem_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    """A clean environment: nothing of the test run's own settings leaks into the command."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(data_dir)),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "TANDEM_DATA_DIR": str(data_dir),
        "DEBUG": "true",
    }
    return {**env, **overrides}


def run_tandem(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    done = subprocess.run([TANDEM, *args], env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A migrated SQLite database (and collected static files), made once and copied for each test."""
    data_dir = tmp_path_factory.mktemp("tandem-cli")
    env = tandem_env(data_dir, STATIC_ROOT=str(data_dir / "static"))
    run_tandem("migrate", "--noinput", env=env)
    run_tandem("collectstatic", "--noinput", "-v0", env={**env, **PRODUCTION})
    return data_dir


@pytest.fixture
def data_dir(migrated, tmp_path) -> Path:
    shutil.copy(migrated / "tandem.sqlite3", tmp_path / "tandem.sqlite3")
    return tmp_path


class Running:
    """A `tandem` process whose output is collected as it comes."""

    def __init__(self, *args: str, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [TANDEM, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for_output(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert self.process.poll() is None, f"tandem ended early:\n{self.output}"
            assert time.monotonic() < deadline, f"no {text!r} in:\n{self.output}"
            time.sleep(0.1)

    def children(self) -> dict[str, int]:
        return {name: int(pid) for name, pid in STARTED.findall(self.output)}

    def stop(self, signum: int, timeout: float = 60) -> int:
        self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.reader.join(timeout=5)

    def kill_everything(self) -> None:
        for pid in [*self.children().values(), self.process.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def wait_for_http(url: str, running: Running, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=15) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:  # refused while starting, or no answer yet
            assert running.process.poll() is None, f"tandem ended early:\n{running.output}"
            assert time.monotonic() < deadline, f"{url} never answered:\n{running.output}"
            time.sleep(0.2)


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["production", "dev"])
def test_serve_runs_web_server_and_worker_and_ctrl_c_stops_both(data_dir, migrated, mode):
    port = free_port()
    if mode == "production":
        env, extra = tandem_env(data_dir, STATIC_ROOT=str(migrated / "static"), **PRODUCTION), []
    else:
        env, extra = tandem_env(data_dir), ["--dev"]
    serve = Running("serve", "--host", "127.0.0.1", "--port", str(port), *extra, env=env)
    try:
        assert wait_for_http(f"http://127.0.0.1:{port}/accounts/login/", serve) == 200
        serve.wait_for_output("Huey consumer started")
        children = serve.children()
        assert set(children) == {"web server", "worker"}
        assert all(is_running(pid) for pid in children.values())

        assert serve.stop(signal.SIGINT) == 0
    finally:
        if serve.process.poll() is None:
            serve.kill_everything()

    assert not any(is_running(pid) for pid in children.values())
    assert "All workers have stopped" in serve.output  # the worker finished its jobs first
    assert "tandem: stopped" in serve.output


@pytest.mark.slow
def test_serve_stops_everything_when_one_part_dies(data_dir):
    port = free_port()
    serve = Running("serve", "--dev", "--port", str(port), env=tandem_env(data_dir))
    try:
        wait_for_http(f"http://127.0.0.1:{port}/accounts/login/", serve)
        serve.wait_for_output("started the worker")
        children = serve.children()

        os.kill(children["worker"], signal.SIGKILL)
        exit_code = serve.process.wait(timeout=60)
    finally:
        if serve.process.poll() is None:
            serve.kill_everything()

    assert exit_code == 128 + signal.SIGKILL
    assert "the worker ended" in serve.output
    assert not is_running(children["web server"])


@pytest.mark.slow
def test_worker_delivers_a_queued_message_to_a_real_smtp_server(data_dir):
    with running_smtp_server() as smtp:
        env = tandem_env(data_dir, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp.port))
        queue = (
            "from tandem.outbox.services import queue_email; "
            "print(queue_email(to=['adept@example.org'], subject='Välkommen', text='Hej!').message_id)"
        )
        message_id = run_tandem("shell", "-v0", "-c", queue, env=env).stdout.strip()
        worker = Running("worker", env=env)
        try:
            [received] = smtp.wait_for(1, timeout=60) or [None]
            assert worker.stop(signal.SIGTERM) == 0
        finally:
            if worker.process.poll() is None:
                worker.kill_everything()

    assert received is not None, worker.output
    assert (received["Message-ID"], received["Subject"]) == (message_id, "Välkommen")
    assert len(smtp.messages) == 1
    with sqlite3.connect(data_dir / "tandem.sqlite3") as db:
        assert db.execute("SELECT status, attempts FROM outbox_outboxmessage").fetchall() == [("sent", 1)]


def test_a_malformed_setting_stops_the_command_with_one_clear_line(tmp_path):
    done = subprocess.run(
        [TANDEM, "check"], env=tandem_env(tmp_path, DEBUG="maybe"), capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 2
    assert done.stderr == "tandem: configuration error: DEBUG must be true or false, not 'maybe'\n"


@pytest.mark.slow
def test_other_commands_are_manage_py_commands(tmp_path):
    done = run_tandem("check", env=tandem_env(tmp_path))

    assert "System check identified no issues" in done.stdout


def test_match_is_handed_to_the_matching_tool(monkeypatch):
    calls = []
    package, module = types.ModuleType("tandem.matching"), types.ModuleType("tandem.matching.cli")
    module.main = lambda argv: calls.append(argv) or 3
    package.cli = module
    monkeypatch.setitem(sys.modules, "tandem.matching", package)
    monkeypatch.setitem(sys.modules, "tandem.matching.cli", module)

    assert main(["match", "--program", "7"]) == 3
    assert calls == [["--program", "7"]]


def test_match_needs_no_settings_at_all(tmp_path):
    """A coordinator with two spreadsheets has no SECRET_KEY, no database and no DEBUG: match still runs."""
    mentees, mentors = tmp_path / "mentees.csv", tmp_path / "mentors.csv"
    mentees.write_text("id,occupation_wanted\na1,2411\n", encoding="utf-8")
    mentors.write_text("id,occupation\nm1,2411\n", encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "LANG": "C.UTF-8"}

    done = subprocess.run(
        [TANDEM, "match", str(mentees), str(mentors), "-o", str(tmp_path / "pairs.csv")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pairs.csv").read_text(encoding="utf-8").splitlines()[1].startswith("a1,m1,")


def test_match_without_the_matching_tool_says_so(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "tandem.matching.cli", None)

    assert main(["match"]) == 2
    assert "not installed" in capsys.readouterr().err


@pytest.mark.skipif(
    importlib.util.find_spec("tandem.demo.management.commands.load_demo") is None,
    reason="the load_demo command is not there yet",
)
@pytest.mark.slow
def test_demo_sets_everything_up_and_serves_it(tmp_path):
    port = free_port()
    env = tandem_env(tmp_path)
    del env["DEBUG"]  # the demo turns it on by itself
    demo = Running("demo", "--port", str(port), env=env)
    try:
        assert wait_for_http(f"http://127.0.0.1:{port}/accounts/login/", demo, timeout=180) == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/tandem.css", timeout=5) as css:
            assert css.status == 200  # no collectstatic needed
        assert f"Tandem runs at http://127.0.0.1:{port}/" in demo.output
        assert demo.stop(signal.SIGINT) == 0
    finally:
        if demo.process.poll() is None:
            demo.kill_everything()

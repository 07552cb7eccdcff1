"""The `tandem` command: Django's manage.py, plus the ways to run Tandem.

    tandem serve [--host 127.0.0.1] [--port 8000] [--dev]   web server and worker together
    tandem worker [huey options]                             the job worker alone
    tandem demo [--host ...] [--port ...]                    migrate, load the demo, serve --dev
    tandem match ...                                         the matching tool (tandem.matching.cli)
    tandem <anything else>                                   manage.py <anything else>

`serve` runs the web server (gunicorn; Django's runserver with --dev) and the worker as child
processes. SIGINT (Ctrl-C) or SIGTERM stops both gracefully and exits 0; if one of them dies, the
other is stopped and the exit code is non-zero.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

SETTINGS = "tandem.settings"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
STOP_GRACE_SECONDS = 45.0  # more than gunicorn's own graceful timeout (30 s)
_HELP = {"", "help", "-h", "--help", "--version", "version"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command, rest = (args[0], args[1:]) if args else ("", [])
    if command == "match":
        # Matching spreadsheets needs no database and no settings: not even a SECRET_KEY.
        return match(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    if command == "demo":
        os.environ.setdefault("DEBUG", "true")
        # The demo has no mail server: its e-mails are written as files under var/sent-mail instead.
        os.environ.setdefault("OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    if command not in _HELP and (problem := configuration_problem()):
        print(f"tandem: configuration error: {problem}", file=sys.stderr)
        return 2
    if command == "serve":
        return serve(rest)
    if command == "worker":
        return worker(rest)
    if command == "demo":
        return demo(rest)
    return manage(args)


def configuration_problem() -> str | None:
    """Read the settings once, so that a malformed environment variable stops us with one clear line."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018  (importing the settings is the point)
    except ImproperlyConfigured as exc:
        return str(exc)
    return None


def manage(args: Sequence[str]) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tandem", *args])
    return 0


def worker(args: Sequence[str]) -> int:
    """The huey consumer. SIGTERM (systemd, docker stop, `tandem serve`) lets running jobs finish, so
    that no e-mail is cut off between being sent and being marked sent; Ctrl-C stops at once."""
    args = list(args)
    if not any(arg in ("-g", "--graceful-signal") or arg.startswith("--graceful-signal=") for arg in args):
        args = ["--graceful-signal", "TERM", *args]
    return manage(["run_huey", *args])


def match(args: Sequence[str]) -> int:
    try:
        from tandem.matching.cli import main as match_main
    except ModuleNotFoundError as exc:
        if exc.name not in ("tandem.matching", "tandem.matching.cli"):
            raise
        print("tandem match: the matching tool is not installed", file=sys.stderr)
        return 2
    return int(match_main(list(args)) or 0)


# --- serve -----------------------------------------------------------------------------------


def serve(args: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="tandem serve", description="Run the web server and the worker.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dev", action="store_true", help="Django's runserver instead of gunicorn")
    options = parser.parse_args(args)
    web = _dev_server(options.host, options.port) if options.dev else _gunicorn(options.host, options.port)
    if web is None:
        return 2
    worker_process = Child("worker", [sys.executable, "-m", "tandem.cli", "worker"], signal.SIGTERM)
    return run_together([web, worker_process])


def _gunicorn(host: str, port: int) -> Child | None:
    from django.core.exceptions import ImproperlyConfigured

    from tandem.lib.env import env_int

    try:
        workers = env_int("WEB_CONCURRENCY", 2, minimum=1)
    except ImproperlyConfigured as exc:
        print(f"tandem: configuration error: {exc}", file=sys.stderr)
        return None
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    argv = [sys.executable, "-m", "gunicorn", "tandem.wsgi:application", "--bind", bind]
    argv += ["--workers", str(workers)]
    return Child("web server", argv, signal.SIGTERM)  # gunicorn: TERM is the graceful stop


def _dev_server(host: str, port: int) -> Child:
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    argv = [sys.executable, "-m", "tandem.cli", "runserver", "--noreload", address]
    if ":" in host:
        argv.append("--ipv6")
    return Child("web server", argv, signal.SIGINT)  # runserver stops cleanly on KeyboardInterrupt


@dataclass
class Child:
    """A process `tandem serve` runs, and the signal that stops it gracefully."""

    name: str
    argv: list[str]
    stop_signal: signal.Signals
    process: subprocess.Popen | None = None

    def start(self) -> None:
        # A process group of its own: Ctrl-C reaches only us, and we stop each child its own way.
        self.process = subprocess.Popen(self.argv, process_group=0, preexec_fn=_die_with_parent)
        print(f"tandem: started the {self.name} (pid {self.process.pid})", flush=True)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.running():
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(self.stop_signal)


def run_together(children: list[Child], *, grace_seconds: float = STOP_GRACE_SECONDS) -> int:
    """Run the children until we are asked to stop (exit 0) or one of them ends (non-zero)."""
    requested: list[int] = []
    previous = {signum: signal.signal(signum, lambda s, _f: requested.append(s)) for signum in STOP_SIGNALS}
    exit_code = 0
    try:
        for child in children:
            child.start()
        while not requested:
            ended = next((child for child in children if not child.running()), None)
            if ended is not None:
                exit_code = _exit_code_of(ended)
                code = ended.process.returncode
                print(
                    f"tandem: the {ended.name} ended (exit code {code}); stopping the rest", file=sys.stderr
                )
                break
            time.sleep(0.1)
    finally:
        _stop_all(children, requested, grace_seconds)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return exit_code


def _exit_code_of(child: Child) -> int:
    code = child.process.returncode
    if code < 0:
        return 128 + (-code)  # killed by a signal, as a shell reports it
    return code or 1  # ending on its own is a failure too: it should run until stopped


def _stop_all(children: list[Child], requested: list[int], grace_seconds: float) -> None:
    """Ask every child to stop, wait for them; kill what is left after the grace period (or a 2nd ^C)."""
    asked = len(requested)
    for child in children:
        child.stop()
    deadline = time.monotonic() + grace_seconds
    while any(child.running() for child in children):
        if time.monotonic() > deadline or len(requested) > asked:
            for child in children:
                if child.running():
                    print(f"tandem: killing the {child.name}", file=sys.stderr, flush=True)
                    child.process.kill()
            break
        time.sleep(0.05)
    for child in children:
        if child.process is not None:
            child.process.wait()
    print("tandem: stopped", flush=True)


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM if `tandem serve` itself is killed, instead of living on."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM))


# --- demo ------------------------------------------------------------------------------------


def demo_site_url(host: str, port: int) -> str:
    """The address of the demo's server as a browser on this machine reaches it."""
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


def demo(args: Sequence[str]) -> int:
    """Everything for a first look: the database, demo data and logins, web server and worker."""
    parser = argparse.ArgumentParser(prog="tandem demo", description="Set up and run the demo.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args(args)
    # Links in the demo's e-mails lead to this server (the load and the worker read it from here).
    os.environ.setdefault("SITE_URL", demo_site_url(options.host, options.port))
    tandem_command = [sys.executable, "-m", "tandem.cli"]
    print("tandem demo: preparing the database ...", flush=True)
    if subprocess.run([*tandem_command, "migrate", "--noinput", "-v0"], check=False).returncode:
        print("tandem demo: migrating the database failed", file=sys.stderr)
        return 1
    logins = ""
    if importlib.util.find_spec("tandem.demo.management.commands.load_demo") is None:
        print("tandem demo: no demo data to load (the load_demo command is missing)", file=sys.stderr)
    else:
        loaded = subprocess.run([*tandem_command, "load_demo"], check=False, capture_output=True, text=True)
        sys.stderr.write(loaded.stderr)
        if loaded.returncode:
            sys.stdout.write(loaded.stdout)
            print("tandem demo: loading the demo data failed", file=sys.stderr)
            return 1
        logins = loaded.stdout.strip()
    host = f"[{options.host}]" if ":" in options.host else options.host
    print(f"\nTandem runs at http://{host}:{options.port}/  (stop it with Ctrl-C)", flush=True)
    if logins:
        print(f"\n{logins}\n", flush=True)
    return serve(["--dev", "--host", options.host, "--port", str(options.port)])


if __name__ == "__main__":
    sys.exit(main())

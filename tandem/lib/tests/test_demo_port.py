"""`tandem demo --port N` makes the links in its e-mails point at that port (issue 13, item 23)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tandem import cli


@pytest.fixture
def demo_steps(monkeypatch):
    """Run `tandem demo` without its subprocesses and server: record SITE_URL as each step sees it."""
    monkeypatch.delenv("SITE_URL", raising=False)
    seen = []

    def run(command, **kwargs):
        seen.append((command[-1], os.environ.get("SITE_URL")))
        return subprocess.CompletedProcess(command, 0, stdout="", stderr="")

    def serve(args):
        seen.append(("serve", os.environ.get("SITE_URL")))
        return 0

    monkeypatch.setattr(cli.subprocess, "run", run)
    monkeypatch.setattr(cli, "serve", serve)
    yield seen
    os.environ.pop("SITE_URL", None)


def test_the_demo_on_another_port_links_to_that_port(demo_steps):
    assert cli.demo(["--port", "8123"]) == 0
    assert demo_steps == [
        ("-v0", "http://127.0.0.1:8123"),
        ("load_demo", "http://127.0.0.1:8123"),
        ("serve", "http://127.0.0.1:8123"),
    ]


def test_a_demo_listening_everywhere_links_to_this_machine(demo_steps):
    cli.demo(["--host", "0.0.0.0", "--port", "9000"])
    assert {url for _step, url in demo_steps} == {"http://127.0.0.1:9000"}


def test_a_site_url_given_by_the_person_wins(demo_steps, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://demo.example.org")
    cli.demo(["--port", "8123"])
    assert {url for _step, url in demo_steps} == {"https://demo.example.org"}


def test_ipv6_hosts_are_bracketed():
    assert cli.demo_site_url("::1", 8000) == "http://[::1]:8000"

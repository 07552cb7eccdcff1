"""Starting a job through a page in tests: the worker runs it at once (huey is immediate in the tests)
once the transaction that stored the job commits, which in a test happens when we say so."""

from __future__ import annotations

from django.test import TestCase


def post_and_run(client, url: str, data: dict | None = None, **headers):
    """POST `url`, run the jobs it started, and return the response (a redirect to the job's page)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {}, **headers)


def run_and_show(client, url: str, data: dict | None = None, **headers):
    """POST `url`, run the jobs it started, and follow the redirect: the job's page (or the form again)."""
    response = post_and_run(client, url, data, **headers)
    if response.status_code == 302:
        return client.get(response["Location"], **headers)
    return response

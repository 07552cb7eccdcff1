"""Every URL in the permission table answers with the security headers (issue 12, item 9): a
Content-Security-Policy without inline script or style, a Permissions-Policy, and `Cache-Control:
no-store` (pages and files may hold personal data). Each row is asked once, as the first member of the
cast who gets a success, or anonymously; static files keep their caching."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import transaction
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import tandem
from tandem.lib.testing.access import PEOPLE, Row
from tandem.lib.tests.test_permissions import ROWS, world  # noqa: F401  (the fixture is used by name)

TEMPLATES = Path(tandem.__file__).parent


def _response(world: dict, row: Row):  # noqa: F811
    person = next((p for p in PEOPLE if 200 <= row.expect[p] < 400), "anonymous")
    with transaction.atomic():
        client = Client()
        if world[person] is not None:
            client.force_login(world[person])
        url = reverse(row.url_name, kwargs=row.kwargs(world))
        if row.query:
            url = f"{url}?{row.query}"
        response = client.post(url, row.data(world)) if row.method == "POST" else client.get(url)
        transaction.set_rollback(True)
    return response


def _directives(policy: str) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_every_answer_carries_the_security_headers(world, row: Row):  # noqa: F811
    if row.setup is not None:
        row.setup(world)

    response = _response(world, row)

    assert response["Cache-Control"] == "no-store", row.id
    assert "camera=()" in response["Permissions-Policy"], row.id
    policy = _directives(response["Content-Security-Policy"])
    # An e-mail's own HTML part is shown sandboxed, loading and running nothing; its styles are inline.
    sandboxed = "sandbox" in policy and policy.get("default-src") == ["'none'"]
    for directive in (
        ("script-src", "default-src") if sandboxed else ("script-src", "style-src", "default-src")
    ):
        assert "'unsafe-inline'" not in policy.get(directive, []), (row.id, directive)
    assert "'unsafe-eval'" not in policy.get("script-src", []), row.id


def test_the_outbox_html_part_keeps_its_own_stricter_policy(client, admin, org):
    from tandem.outbox.models import OutboxMessage

    message = OutboxMessage.objects.create(
        organisation=org,
        from_email="Tandem <tandem@framat.example>",
        to=["a@example.org"],
        subject="s",
        body_text="t",
        body_html="<p>x</p>",
        message_id=OutboxMessage.new_message_id("framat.example"),
        next_attempt_at=timezone.now(),
    )
    client.force_login(admin)

    response = client.get(reverse("outbox:html", args=[message.pk]))

    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert response["Cache-Control"] == "no-store"


def test_static_files_keep_their_caching(client):
    response = client.get(static("tandem.css"))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_no_template_has_inline_script_style_or_event_handler():
    """What the policy forbids the browser would refuse: none of it may be in a page template."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        if "/emails/" in str(path):  # e-mails are not pages (their HTML part has its own policy)
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=\"|\son[a-z]+=|hx-on", text):
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert offenders == []

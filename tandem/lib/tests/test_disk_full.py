"""A full disk never answers a bare HTTP 500 (issue 12, item 1): the staff log-in and the public form
answer 503 with a clear page in the person's language."""

from __future__ import annotations

import errno

from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from tandem.accounts.views import auth
from tandem.lib.views import is_full_disk


def test_full_disk_errors_are_recognised_through_their_causes():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("saving failed") from inner
    except RuntimeError as outer:
        assert is_full_disk(outer)
    assert is_full_disk(OperationalError("database or disk is full"))
    assert not is_full_disk(OperationalError("no such table"))
    assert not is_full_disk(ValueError("x"))


def test_the_log_in_on_a_full_disk_says_so_in_swedish(db, monkeypatch):
    def full(*args, **kwargs):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(auth.LoginView, "post", full)
    client = Client(raise_request_exception=False)

    response = client.post("/accounts/login/", {"username": "a@example.org", "password": "x"})

    assert response.status_code == 503
    assert "Vi kan inte spara något just nu" in response.content.decode()


def test_the_public_form_on_a_full_disk_says_so_in_the_pages_language(program, monkeypatch):
    from tandem.applications import views_public
    from tandem.applications.services import create_default_form

    mentee_form = create_default_form(program, "mentee", now=timezone.now())
    mentee_form.is_published = True
    mentee_form.save()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(views_public, "form_availability", full)
    client = Client(raise_request_exception=False)

    response = client.get(f"/apply/{mentee_form.slug}/ar/")

    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "لا يمكننا حفظ أي شيء" in html

"""Who may use the intake pages: the working group changes, a viewer reads, an outsider sees nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.applications.models import Application
from tandem.intake.tests.importing import GOOD_ROWS, csv_bytes, upload

TOKEN = "0123456789abcdef0123456789abcdef"


def urls(program) -> dict[str, str]:
    pk = program.pk
    return {
        "home": reverse("intake:home", args=[pk]),
        "paper": reverse("intake:paper", args=[pk]) + "?role=mentee",
        "interview": reverse("intake:interview", args=[pk]) + "?role=mentee",
        "pdf": reverse("intake:paper_pdf", args=[pk, "mentee"]) + "?lang=sv",
        "import": reverse("intake:import", args=[pk]),
        "template": reverse("intake:import_template", args=[pk, "csv"]) + "?role=mentee",
        "check": reverse("intake:import_check", args=[pk, TOKEN]),
    }


CHANGES = ["paper", "interview", "import", "check"]
READS = ["home", "pdf", "template"]


@pytest.mark.parametrize("who", ["admin", "coordinator", "partner_coordinator"])
def test_the_working_group_and_the_admin_use_every_intake_page(client, cast, mentee_form, who):
    client.force_login(cast[who])
    for name, url in urls(mentee_form.program).items():
        expected = 302 if name == "check" else 200  # no such file: back to the upload page
        assert client.get(url).status_code == expected, name


def test_a_viewer_may_read_but_gets_403_on_every_change(client, viewer, mentee_form):
    client.force_login(viewer)
    found = urls(mentee_form.program)
    for name in READS:
        assert client.get(found[name]).status_code == 200, name
    for name in CHANGES:
        assert client.get(found[name]).status_code == 403, name
        assert client.post(found[name], {"first_name": "X"}).status_code == 403, name
    assert not Application.objects.exists()


def test_a_viewer_cannot_import_a_file_someone_else_uploaded(client, coordinator, viewer, mentee_form):
    client.force_login(coordinator)
    check_url = upload(client, mentee_form.program, csv_bytes(GOOD_ROWS))["Location"]
    client.force_login(viewer)

    assert client.post(check_url, {"action": "import", "consent": "on"}).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_an_outsider_gets_404_on_every_intake_url(client, cast, mentee_form, who):
    if cast[who]:
        client.force_login(cast[who])
    for name, url in urls(mentee_form.program).items():
        get, post = client.get(url), client.post(url, {"first_name": "X"})
        if who == "anonymous":
            assert get.status_code == 302 and "/accounts/login/" in get["Location"], name
            assert post.status_code in (302, 405), name
        else:
            assert get.status_code == 404, name
            assert post.status_code == (404 if name in CHANGES else 405), name  # read-only pages: no POST
    assert not Application.objects.exists()

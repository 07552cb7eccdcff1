"""The weekly digest to the coordinators: once a week per program and coordinator, in their language, only
when something needs action, never after they turned it off, never for a closed program."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.health import digest
from tandem.health.models import DigestSent
from tandem.health.tests.people import health_world, running
from tandem.lib.testing.links import forged
from tandem.outbox.models import OutboxMessage

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY = datetime(2026, 11, 30, 7, 10, tzinfo=STOCKHOLM)


@pytest.fixture
def coordinators(coordinator, partner_coordinator, viewer):
    partner_coordinator.language = "en"
    partner_coordinator.save(update_fields=["language"])
    return [coordinator, partner_coordinator]


def _run(at: datetime, time_machine) -> int:
    time_machine.move_to(at, tick=False)
    return digest.send_weekly_digests(now=timezone.now(), today=timezone.localdate())


def _digests():
    return OutboxMessage.objects.filter(kind="health/emails/digest")


def test_each_coordinator_gets_the_digest_once_a_week_in_their_language(program, coordinators, time_machine):
    time_machine.move_to(MONDAY, tick=False)
    health_world(program, today=timezone.localdate())
    assert _run(MONDAY, time_machine) == 2  # the coordinator and the partner coordinator, not the viewer
    assert _run(MONDAY + timedelta(hours=1), time_machine) == 0
    assert _run(MONDAY + timedelta(days=3), time_machine) == 0  # the same ISO week
    assert _run(MONDAY + timedelta(weeks=1), time_machine) == 2
    assert _digests().count() == 4
    assert DigestSent.objects.count() == 4
    by_address = {message.to[0]: message for message in _digests()}
    swedish, english = by_address["coordinator@framat.example"], by_address["partner@malmo.example"]
    assert english.subject.startswith("This week in")
    assert swedish.subject.startswith("Den här veckan i")
    assert reverse("health:program", args=[program.pk]) in english.body_text
    assert "/health-digest/" in english.body_text
    # counts and links only: no names of the pairs
    assert "AdeptSilent" not in english.body_text and "AdeptSilent" not in english.body_html


def test_no_digest_when_nothing_needs_action(program, coordinators, time_machine):
    time_machine.move_to(MONDAY, tick=False)
    running(program, today=timezone.localdate())
    assert _run(MONDAY, time_machine) == 0
    assert not _digests().exists()


def test_no_digest_after_the_coordinator_turned_it_off_by_the_link(
    client, program, coordinators, time_machine
):
    time_machine.move_to(MONDAY, tick=False)
    health_world(program, today=timezone.localdate())
    token = digest.opt_out_token(coordinators[0])
    url = reverse("health_digest:off", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert not digest.is_opted_out(coordinators[0])  # a GET changes nothing
    assert client.post(url, {"digest": "off"}).status_code == 302
    assert digest.is_opted_out(coordinators[0])
    assert _run(MONDAY, time_machine) == 1
    assert list(_digests().values_list("to", flat=True)) == [["partner@malmo.example"]]
    client.post(url, {"digest": "on"})
    assert _run(MONDAY + timedelta(weeks=1), time_machine) == 2


def test_a_forged_link_finds_nothing(client, coordinators):
    assert client.get(reverse("health_digest:off", args=["not-a-token"])).status_code == 404
    fake = forged(digest.opt_out_token(coordinators[0]))
    assert client.post(reverse("health_digest:off", args=[fake]), {"digest": "off"}).status_code == 404
    assert not digest.is_opted_out(coordinators[0])


def test_no_digest_for_a_closed_program(program, coordinators, time_machine):
    time_machine.move_to(MONDAY, tick=False)
    health_world(program, today=timezone.localdate())
    program.state = "closed"
    program.save(update_fields=["state"])
    assert _run(MONDAY, time_machine) == 0


def test_the_periodic_task_sends_the_digest(program, coordinators, time_machine, settings):
    from tandem.health import tasks

    time_machine.move_to(MONDAY, tick=False)
    health_world(program, today=timezone.localdate())
    tasks.send_weekly_digests.call_local()
    tasks.take_weekly_snapshots.call_local()
    assert _digests().count() == 2


def test_my_settings_lead_to_the_digest_page(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("accounts:me")).content.decode()
    assert reverse("health_digest:off", args=[digest.opt_out_token(coordinator)]) in page

"""Bulk decisions from the queue: all allowed moves at once, the others skipped and listed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.models import Application, StatusChange
from tandem.applications.services import InvalidStatusChange
from tandem.audit.models import AuditEvent
from tandem.factories import ApplicationFactory
from tandem.lib.testing.pages import EN, SV, field_error, shown_messages, text
from tandem.outbox.models import OutboxMessage
from tandem.screening import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(program):
    return {
        "new": [ApplicationFactory(program=program) for _ in range(3)],
        "withdrawn": ApplicationFactory(program=program, status="withdrawn"),
        "accepted": ApplicationFactory(program=program, status="accepted"),
    }


def everyone(batch) -> list[Application]:
    return [*batch["new"], batch["withdrawn"], batch["accepted"]]


def bulk_url(program):
    return reverse("screening:bulk", kwargs={"pk": program.pk})


def post_bulk(client, program, applications, **data):
    payload = {"applications": [a.pk for a in applications], "to": "rejected", "reason": "Fel yrkesområde"}
    payload.update(data)
    return client.post(bulk_url(program), payload, **EN)


def test_allowed_moves_happen_and_the_others_are_skipped_and_listed(client, coordinator, program, batch):
    client.force_login(coordinator)

    response = post_bulk(client, program, everyone(batch), send_email="on", query="role=mentee&sort=name")

    assert response.status_code == 302
    assert response["Location"].endswith("/applications/?role=mentee&sort=name")  # back to the same view
    withdrawn, accepted = batch["withdrawn"], batch["accepted"]
    assert shown_messages(client.get(response["Location"], **EN)) == [
        "3 applications moved to “Rejected”. "
        f"1 skipped because it is “Withdrawn”: {withdrawn.reference}. "
        f"1 skipped because it is “Accepted”: {accepted.reference}. "
        "3 e-mails are on their way."
    ]
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert [statuses[a.pk] for a in batch["new"]] == ["rejected"] * 3
    assert (statuses[withdrawn.pk], statuses[accepted.pk]) == ("withdrawn", "accepted")
    changes = StatusChange.objects.filter(to_status="rejected")
    assert {(c.by, c.reason, c.from_status) for c in changes} == {
        (coordinator, "Fel yrkesområde", "received")
    }
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == sorted(a.email for a in batch["new"])
    summary = AuditEvent.objects.get(action="application.bulk_status_changed")
    assert summary.data == {
        "to": "rejected",
        "moved": [a.pk for a in batch["new"]],
        "skipped": [withdrawn.pk, accepted.pk],
        "emails": 3,
    }
    assert AuditEvent.objects.filter(action="application.status_changed").count() == 3


def test_without_the_email_box_ticked_nobody_is_emailed(client, coordinator, program, batch):
    client.force_login(coordinator)
    response = post_bulk(client, program, batch["new"], to="under_review")
    assert shown_messages(client.get(response["Location"], **EN)) == [
        "3 applications moved to “Under review”."
    ]
    assert not OutboxMessage.objects.exists()


def test_a_move_that_sends_no_email_sends_none_even_when_ticked(client, coordinator, program, batch):
    client.force_login(coordinator)
    post_bulk(client, program, batch["new"], to="under_review", send_email="on")
    assert not OutboxMessage.objects.exists()


def test_a_failure_half_way_changes_nothing_and_sends_nothing(program, coordinator, batch, monkeypatch):
    sent = []

    def flaky_send(application, kind, *, texts=None):
        if sent:
            raise RuntimeError("the template broke")
        sent.append(application.pk)

    monkeypatch.setattr(services, "send_decision_email", flaky_send)

    with pytest.raises(RuntimeError):
        services.bulk_change_status(
            program,
            [a.pk for a in batch["new"]],
            "accepted",
            by=coordinator,
            reason="Bra match",
            send_email=True,
            now=timezone.now(),
        )

    assert sent  # the first one had gone through before the failure …
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in batch["new"]]).values_list("status", flat=True)
    ) == {"received"}  # … and was rolled back with everything else
    assert not StatusChange.objects.exclude(to_status="received").exists()
    assert not AuditEvent.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_someone_changing_an_application_meanwhile_stops_the_whole_batch(
    client, coordinator, program, batch, monkeypatch
):
    real = services.change_status
    calls = []

    def racing(application, to, **kwargs):
        calls.append(application.pk)
        if len(calls) == 2:
            raise InvalidStatusChange("changed by someone else")
        return real(application, to, **kwargs)

    monkeypatch.setattr(services, "change_status", racing)
    client.force_login(coordinator)

    response = post_bulk(client, program, batch["new"], send_email="on")

    assert shown_messages(client.get(response["Location"], **EN)) == [
        "Someone changed one of the applications at the same time. Nothing was changed; try again."
    ]
    assert not Application.objects.filter(status="rejected").exists()
    assert not OutboxMessage.objects.exists()


def test_another_programs_applications_are_left_alone(client, coordinator, program, other_program, batch):
    theirs = ApplicationFactory(program=other_program)
    client.force_login(coordinator)
    post_bulk(client, program, [theirs, batch["new"][0]])
    assert Application.objects.get(pk=theirs.pk).status == "received"
    assert Application.objects.get(pk=batch["new"][0].pk).status == "rejected"


@pytest.mark.parametrize(
    ("language", "expected"),
    [(EN, "Write why the status changes."), (SV, "Skriv varför statusen ändras.")],
)
def test_a_bulk_change_needs_a_reason(client, coordinator, program, batch, language, expected):
    client.force_login(coordinator)
    payload = {"applications": [batch["new"][0].pk], "to": "rejected", "reason": ""}
    response = client.post(bulk_url(program), payload, **language)
    assert response.status_code == 200
    assert field_error(response, "id_reason") == expected
    assert "checked" in response.content.decode()  # the ticked box stays ticked
    assert not Application.objects.filter(status="rejected").exists()


def test_nothing_ticked_is_explained(client, coordinator, program, batch):
    client.force_login(coordinator)
    response = client.post(bulk_url(program), {"to": "rejected", "reason": "x"}, **EN)
    assert "Tick at least one application in the list." in text(response)

"""Bulk decisions from the queue, run as a job: allowed moves happen, the others are skipped and listed."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import TestCase
from django.urls import reverse

from tandem.applications.models import Application, StatusChange
from tandem.audit.models import AuditEvent
from tandem.factories import ApplicationFactory
from tandem.jobs.models import Job
from tandem.lib.testing.jobs import post_and_run
from tandem.lib.testing.pages import EN, SV, field_error, text
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
    return post_and_run(client, bulk_url(program), payload, **EN)


def test_allowed_moves_happen_and_the_others_are_skipped_and_listed(client, coordinator, program, batch):
    client.force_login(coordinator)

    response = post_bulk(client, program, everyone(batch), send_email="on", query="role=mentee&sort=name")

    job = Job.objects.get(kind="screening.bulk")
    assert response["Location"] == reverse("jobs:job", kwargs={"pk": program.pk, "job": job.pk})
    page = client.get(response["Location"], **EN)
    withdrawn, accepted = batch["withdrawn"], batch["accepted"]
    assert (
        "3 applications moved to “Rejected”. "
        f"1 skipped because it is “Accepted”: {accepted.reference}. "
        f"1 skipped because it is “Withdrawn”: {withdrawn.reference}. "
        "3 e-mails are on their way."
    ) in text(page)
    back = f'href="/programs/{program.pk}/applications/?role=mentee&amp;sort=name"'
    assert back in page.content.decode()
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
    }
    assert AuditEvent.objects.filter(action="application.status_changed").count() == 3


def test_without_the_email_box_ticked_nobody_is_emailed(client, coordinator, program, batch):
    client.force_login(coordinator)
    response = post_bulk(client, program, batch["new"], to="under_review")
    assert "3 applications moved to “Under review”." in text(client.get(response["Location"], **EN))
    assert not OutboxMessage.objects.exists()


def test_a_move_that_sends_no_email_sends_none_even_when_ticked(client, coordinator, program, batch):
    client.force_login(coordinator)
    post_bulk(client, program, batch["new"], to="under_review", send_email="on")
    assert not OutboxMessage.objects.exists()


def test_a_failure_half_way_leaves_each_application_moved_completely_or_not_at_all(
    client, coordinator, program, batch, monkeypatch
):
    monkeypatch.setattr(services, "BULK_CHUNK", 2)
    real, chunks = services.queue_prepared, []

    def second_chunk_breaks(messages):
        chunks.append(len(messages))
        if len(chunks) == 2:
            raise RuntimeError("the outbox broke")
        return real(messages)

    monkeypatch.setattr(services, "queue_prepared", second_chunk_breaks)
    client.force_login(coordinator)

    response = post_bulk(client, program, batch["new"], to="accepted", send_email="on")

    page = text(client.get(response["Location"], **EN))
    assert "Something went wrong." in page
    assert "It stopped after 2 applications; each application is either moved completely" in page
    first, second, third = batch["new"]
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert [statuses[a.pk] for a in batch["new"]] == ["accepted", "accepted", "received"]
    assert StatusChange.objects.filter(to_status="accepted").count() == 2
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == sorted([first.email, second.email])
    assert Job.objects.get().status == "failed"

    # Started again, the moved ones are skipped and the rest is done.
    again = post_bulk(client, program, batch["new"], to="accepted", send_email="on")
    assert "1 application moved to “Accepted”." in text(client.get(again["Location"], **EN))
    assert Application.objects.filter(pk__in=[a.pk for a in batch["new"]], status="accepted").count() == 3


def test_someone_changing_an_application_meanwhile_has_it_skipped(client, coordinator, program, batch):
    first, second, third = batch["new"]
    client.force_login(coordinator)
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        response = client.post(
            bulk_url(program), {"applications": [a.pk for a in batch["new"]], "to": "rejected", "reason": "x"}
        )
    Application.objects.filter(pk=second.pk).update(status="withdrawn")  # before the worker starts
    for callback in queued:
        callback()
    page = text(client.get(response["Location"], **EN))
    assert "2 applications moved to “Rejected”." in page
    assert f"1 skipped because it is “Withdrawn”: {second.reference}." in page


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


@pytest.mark.slow
def test_a_decision_on_all_that_match_the_filter_reaches_over_a_thousand_applications(
    client, coordinator, program
):
    """Through the real form: the filter travels, the ids do not (Django refuses a POST of more than
    1,000 fields), and the worker decides all 1,050 matching applications, no more."""
    Application.objects.bulk_create(
        [ApplicationFactory.build(program=program, role="mentee") for _ in range(1050)]
        + [ApplicationFactory.build(program=program, role="mentor") for _ in range(5)]
    )
    client.force_login(coordinator)
    queue = client.get(reverse("screening:queue", kwargs={"pk": program.pk}) + "?role=mentee", **EN)
    html = queue.content.decode()
    assert "Change all 1050 that match the filter" in text(queue)
    form = re.search(r'<form method="post" action="([^"]+)" id="bulk">(.*?)</form>', html, re.S)
    assert form is not None
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(2)))
    ticked = re.findall(r'name="applications" value="(\d+)"', form.group(2))
    assert len(ticked) == 50  # one page of boxes, none of them ticked
    payload = {
        "query": unescape(hidden["query"]),
        "to": "rejected",
        "reason": "Programmet är fullt",
        "scope": "all",
    }

    # It asks once more: 1,050 people would get a rejection; nothing is changed yet.
    asked = client.post(form.group(1), payload, **EN)
    assert asked.status_code == 200
    assert "1050 applications will move to “Rejected”." in text(asked)
    assert not Job.objects.exists()
    assert Application.objects.filter(status="rejected").count() == 0

    response = post_and_run(client, form.group(1), {**payload, "confirmed": "True"}, **EN)

    assert response.status_code == 302
    page = text(client.get(response["Location"], **EN))
    assert "1050 applications moved to “Rejected”." in page
    assert Application.objects.filter(role="mentee", status="rejected").count() == 1050
    assert Application.objects.filter(role="mentor", status="received").count() == 5
    assert StatusChange.objects.filter(to_status="rejected").count() == 1050
    assert Job.objects.get().params["ids"][:1] != [], "the job froze the ids; the form never carried them"

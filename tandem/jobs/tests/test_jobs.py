"""The job pattern: the progress page while a job runs and after it, a job that fails half-way, a job
whose worker died, and publishing (all or nothing) as the job that must never be half-done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.jobs.models import Job
from tandem.jobs.services import purge_old_jobs, run_job, start_job
from tandem.lib.testing.jobs import post_and_run
from tandem.lib.testing.pages import EN, SV, text
from tandem.outbox.models import OutboxMessage
from tandem.pairs import publishing, services
from tandem.pairs.models import MatchingRun, Pair
from tandem.pairs.tests.people import build_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(program, coordinator):
    build_cohort(program)
    return services.start_run(program, by=coordinator, now=timezone.now())


def publish_url(run) -> str:
    return reverse("pairs:publish", kwargs={"pk": run.program_id, "run": run.number})


def job_url(job: Job) -> str:
    return reverse("jobs:job", kwargs={"pk": job.program_id, "job": job.pk})


def test_the_progress_page_follows_a_running_job_with_and_without_javascript(client, coordinator, run):
    client.force_login(coordinator)
    response = client.post(publish_url(run), **EN)  # committed only at the end of the test: not run yet
    job = Job.objects.get()
    assert response["Location"] == job_url(job)

    page = client.get(job_url(job), **EN)
    html = page.content.decode()
    assert "Publishing run #1" in text(page)
    assert "Waiting for the worker to start." in text(page)
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert 'hx-trigger="every 2s"' in html
    assert 'role="status" aria-live="polite"' in html

    Job.objects.filter(pk=job.pk).update(status="running", done=3, total=6)
    update = client.get(job_url(job), HTTP_HX_REQUEST="true", **EN)
    assert update.status_code == 200
    assert "3 of 6 done." in text(update)
    assert 'value="50"' in update.content.decode()

    run_job_now(job)
    done = client.get(job_url(job), HTTP_HX_REQUEST="true", **EN)
    assert done.status_code == 286, "htmx stops asking when the job has finished"
    assert "3 pairs are published and 6 introductions are on their way." in text(done)
    assert "<noscript>" not in client.get(job_url(job), **EN).content.decode()


def run_job_now(job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(status="queued", done=0)
    run_job(job.pk)


def test_the_page_is_in_the_readers_language(client, coordinator, run):
    client.force_login(coordinator)
    response = post_and_run(client, publish_url(run))
    page = text(client.get(response["Location"], **SV))
    assert "3 par är publicerade och 6 presentationer är på väg." in page


def test_a_publication_that_fails_half_way_leaves_nothing_and_says_so(client, coordinator, run, monkeypatch):
    monkeypatch.setattr(publishing, "PUBLISH_CHUNK", 1)
    real, chunks = publishing.queue_prepared, []

    def second_chunk_breaks(messages, **kwargs):
        chunks.append(messages)
        if len(chunks) == 2:
            raise RuntimeError("the disk is full")
        return real(messages, **kwargs)

    monkeypatch.setattr(publishing, "queue_prepared", second_chunk_breaks)
    client.force_login(coordinator)

    response = post_and_run(client, publish_url(run), **EN)

    page = text(client.get(response["Location"], **EN))
    assert "Something went wrong." in page
    assert "Nothing was published and no e-mail was sent." in page
    assert len(chunks) == 2, "the first chunk had been written before the failure …"
    assert not Pair.objects.exists(), "… and was taken back"
    assert not OutboxMessage.objects.exists()
    assert MatchingRun.objects.get(pk=run.pk).published_at is None
    assert Job.objects.get().status == "failed"

    monkeypatch.setattr(publishing, "queue_prepared", real)
    again = post_and_run(client, publish_url(run), **EN)
    assert "3 pairs are published" in text(client.get(again["Location"], **EN))
    assert OutboxMessage.objects.filter(kind="pairs/emails/introduction").count() == 6


def test_e_mails_are_held_until_every_pair_is_written(coordinator, run, monkeypatch):
    monkeypatch.setattr(publishing, "PUBLISH_CHUNK", 1)
    seen = []

    def report(done, total):
        seen.append((done, total, OutboxMessage.objects.filter(next_attempt_at__year=9999).count()))

    publishing.publish_run(run, by=coordinator, now=timezone.now(), report=report)
    assert seen[-2] == (6, 6, 6), "all six introductions are stored, none of them may go out yet"
    assert seen[-1][2] == 0, "the last step releases them together"
    assert OutboxMessage.objects.filter(next_attempt_at__year=9999).count() == 0


def test_a_job_whose_worker_died_is_shown_as_interrupted_and_undone(client, coordinator, run, monkeypatch):
    monkeypatch.setattr(publishing, "PUBLISH_CHUNK", 1)
    now = timezone.now()
    client.force_login(coordinator)
    client.post(publish_url(run))
    job = Job.objects.get()

    def worker_dies(done, total):
        if done == 5:  # three pairs prepared, the first written, the second being written
            raise SystemExit  # as when the worker is killed: no handler in the job runs

    Job.objects.filter(pk=job.pk).update(status="running", started_at=now)
    job.refresh_from_db()
    with pytest.raises(SystemExit):
        # the job's own publication, as the worker runs it, killed while writing the second pair
        claimed = publishing._claim(run, by=coordinator, now=job.started_at)
        publishing._publish(*claimed, by=coordinator, now=now, report=worker_dies)
    assert Pair.objects.count() == 1 and OutboxMessage.objects.count() == 2

    Job.objects.filter(pk=job.pk).update(heartbeat_at=now - timedelta(hours=1))
    page = text(client.get(job_url(job), **EN))
    assert "The job was interrupted (the worker stopped). Start it again." in page
    assert "Nothing was published and no e-mail was sent." in page
    assert not Pair.objects.exists() and not OutboxMessage.objects.exists()
    assert MatchingRun.objects.get(pk=run.pk).published_at is None


def test_a_double_submit_starts_one_job(client, coordinator, run):
    client.force_login(coordinator)
    first = client.post(publish_url(run))
    second = client.post(publish_url(run))
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1


def test_jobs_with_the_same_key_run_one_at_a_time_but_a_dead_one_does_not_block(program, coordinator):
    now = timezone.now()
    params = {"ids": [], "to": "rejected", "reason": "x", "send_email": False, "query": ""}
    first = start_job("screening.bulk", program, by=coordinator, params=params, key="k", now=now)
    assert start_job("screening.bulk", program, by=coordinator, params=params, key="k", now=now) == first
    later = now + timedelta(hours=1)
    third = start_job("screening.bulk", program, by=coordinator, params=params, key="k", now=later)
    assert third != first
    first.refresh_from_db()
    assert (first.status, first.error_code) == ("failed", "interrupted")


def test_another_programs_job_is_not_found(client, coordinator, other_program):
    job = Job.objects.create(kind="screening.bulk", program=other_program, params={"to": "rejected"})
    client.force_login(coordinator)
    assert client.get(reverse("jobs:job", kwargs={"pk": other_program.pk, "job": job.pk})).status_code == 404


def test_finished_jobs_are_forgotten_after_a_month(program):
    now = timezone.now()
    old = Job.objects.create(
        kind="screening.bulk", program=program, status="done", created_at=now - timedelta(days=31)
    )
    running = Job.objects.create(kind="screening.bulk", program=program, created_at=now - timedelta(days=31))
    recent = Job.objects.create(kind="screening.bulk", program=program, status="failed", created_at=now)
    assert purge_old_jobs(now=now) == 1
    assert set(Job.objects.values_list("pk", flat=True)) == {running.pk, recent.pk}
    assert not Job.objects.filter(pk=old.pk).exists()

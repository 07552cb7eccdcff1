"""How far anonymising reaches beyond the person's own rows: the program's kept exported lists, and the
sign-in e-mails that belong to no program."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.jobs.models import Job
from tandem.jobs.services import Progress
from tandem.mentoring import signin
from tandem.mentoring.tests.people import two_pairs
from tandem.outbox.models import OutboxMessage
from tandem.pairs.tests.people import make_application
from tandem.privacy.erasure import erase_person
from tandem.reports import export_jobs, exports
from tandem.reports.models import ExportFile

pytestmark = pytest.mark.django_db


def _export(program, by) -> ExportFile:
    job = export_jobs.start_export(program, exports.choices(program)[0], "csv", by=by, now=timezone.now())
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    return export_jobs.build_file(job, Progress(job))


def test_erasing_a_person_deletes_the_kept_lists_of_their_program_only(
    program, other_program, coordinator, outsider
):
    person = two_pairs(program, now=timezone.now())["a"].pair.mentee
    mine, theirs = _export(program, coordinator), _export(other_program, outsider)

    erase_person(person, reason="begärt", by=coordinator, now=timezone.now())

    assert list(ExportFile.objects.all()) == [theirs]
    assert export_jobs._file(Job.objects.get(pk=mine.job_id)) is None  # its page says it was deleted


def test_a_sign_in_email_stays_while_another_application_has_the_address(program, other_program, coordinator):
    now = timezone.now()
    person = two_pairs(program, now=now)["a"].pair.mentee
    other = make_application(other_program, "mentee", "Amira", "Haddad", email=person.email.upper())
    signin.request_sign_in_link(person.email, language="sv", now=now)
    link = OutboxMessage.objects.get(kind="mentoring/emails/sign_in_link")
    assert link.program is None

    erase_person(person, reason="begärt", by=coordinator, now=now)

    assert OutboxMessage.objects.filter(pk=link.pk).exists()  # she still takes part in the other program
    erase_person(other, reason="begärt", by=coordinator, now=timezone.now())
    assert not OutboxMessage.objects.filter(pk=link.pk).exists()

"""Erasure on request leaves no identifying value anywhere, and the export holds every declared field."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from tandem.applications.models import Application
from tandem.audit.models import AuditEvent
from tandem.mentoring.models import MeetingLog
from tandem.outbox.models import OutboxMessage
from tandem.privacy import registry
from tandem.privacy.erasure import ErasureError, erase_person
from tandem.privacy.export import export_person, exported_fields
from tandem.privacy.models import Anonymised
from tandem.privacy.retention import run_retention
from tandem.privacy.tests.scan import readable, tables_holding
from tandem.privacy.tests.world import SEEDED_ELSEWHERE, SENTINELS, sentinel_person
from tandem.privacy.withdrawal import forget_token
from tandem.reference.data import ssyk_title
from tandem.reference.personal_data import KEEP
from tandem.reports.models import ExportFile


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.PRIVATE_STORAGE_DIR = tmp_path


def test_the_sentinels_are_everywhere_before(program, coordinator):
    """Every model the registry says holds personal data (beyond what is kept on purpose) holds a
    sentinel in the world: a new model with personal data fails here until world.py seeds it."""
    person = sentinel_person(program, by=coordinator)["person"]

    tables = set(tables_holding(SENTINELS))

    expected = {
        registry.model_of(declaration)._meta.db_table: declaration.model
        for declaration in registry.declarations()
        if any(treatment != KEEP for treatment in declaration.personal.values())
        and declaration.model not in SEEDED_ELSEWHERE
    }
    missing = sorted(model for table, model in expected.items() if table not in tables)
    assert not missing, f"seed these in privacy/tests/world.py: {missing}"
    # The audit trail speaks of her by id only, before as after.
    assert AuditEvent.objects.filter(target_id=str(person.pk)).exists()
    assert {"audit_auditevent", "audit_auditsubject"}.isdisjoint(tables)


def test_the_scan_reads_inside_the_exported_spreadsheet(program, coordinator):
    sentinel_person(program, by=coordinator)

    kept = ExportFile.objects.get(file_format="xlsx")

    assert b"Zyxw" not in bytes(kept.content)  # zipped
    assert "Zyxw" in readable(kept.content) and "sentinel.zyxw@example.org" in readable(kept.content)


def test_erasure_leaves_no_identifying_value_in_any_table(
    program, coordinator, django_capture_on_commit_callbacks, tmp_path
):
    world = sentinel_person(program)
    person = world["person"]
    cv_path = tmp_path / person.cv.name
    assert cv_path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        erase_person(person, reason="Personen bad om det per e-post", by=coordinator, now=timezone.now())

    assert tables_holding(SENTINELS) == {}
    assert not cv_path.exists()
    person.refresh_from_db()
    assert person.first_name == "[anonymised]" and person.email == "" and not person.cv
    # Figures stay: the mentorship, its meeting, the other pair, the invitation row for the counts.
    assert person.role == "mentee" and person.status == "accepted"
    assert MeetingLog.objects.filter(mentorship=world["mentorship"]).count() == 1
    assert world["other"].first_name == "Eva"
    event = AuditEvent.objects.get(action="privacy.erased")
    assert event.actor == coordinator and event.target_id == str(person.pk)
    assert Anonymised.objects.get(application=person).cause == "erasure"


def test_erasing_twice_is_refused(program, coordinator):
    person = sentinel_person(program)["person"]
    erase_person(person, reason="begärt", by=coordinator, now=timezone.now())
    with pytest.raises(ErasureError):
        erase_person(person, reason="igen", by=coordinator, now=timezone.now())


def test_erasure_needs_a_reason(program, coordinator):
    person = sentinel_person(program)["person"]
    with pytest.raises(ErasureError):
        erase_person(person, reason="  ", by=coordinator, now=timezone.now())
    assert not Anonymised.objects.exists()


def test_the_export_holds_every_declared_field_of_the_person(program):
    person = sentinel_person(program)["person"]

    data = export_person(person)

    sections = {section["model"]: section for section in data["sections"]}
    for declaration in registry.exported_declarations():
        if declaration.model not in sections:
            continue
        row = sections[declaration.model]["rows"][0]
        assert set(exported_fields(declaration)) <= set(row), declaration.model
    expected = {
        "applications.Application",
        "applications.Answer",
        "applications.StatusChange",
        "screening.Note",
        "intake.InterviewRecord",
        "pairs.Pair",
        "mentoring.Mentorship",
        "mentoring.PersonalGoal",
        "mentoring.GoalComment",
        "mentoring.MeetingLog",
        "mentoring.PrivateNote",
        "mentoring.HelpRequest",
        "mentoring.FollowUpNote",
        "mentoring.Participant",
        "gatherings.Invitation",
        "outbox.OutboxMessage",
        "privacy.Extension",
        "followup.Invitation",
        "followup.Answer",
        "followup.LaterContact",
    }
    assert "reports.ExportFile" not in sections  # other people's data too: never in one person's export
    assert expected <= set(sections)
    application = sections["applications.Application"]["rows"][0]
    assert application["first_name"] == "Sentinelname" and application["phone"] == "0709991234"
    assert "withdraw_token" not in application  # a key to act as the person, not information about them
    text = json.dumps(data, default=str)
    for sentinel in SENTINELS:
        assert sentinel.lower() in text.lower()


def test_staff_export_pages_are_audited_and_the_zip_holds_the_cv(client, program, coordinator):
    person = sentinel_person(program)["person"]
    client.force_login(coordinator)

    page = client.get(f"/privacy/programs/{program.pk}/people/{person.pk}/export/")
    assert page.status_code == 200
    assert "Sentinelname" in page.content.decode() and "Zyxw berättade" in page.content.decode()
    as_json = client.get(f"/privacy/programs/{program.pk}/people/{person.pk}/export.json")
    assert json.loads(as_json.content)["reference"] == person.reference
    as_zip = client.get(f"/privacy/programs/{program.pk}/people/{person.pk}/export.zip")
    names = zipfile.ZipFile(io.BytesIO(as_zip.content)).namelist()
    assert f"{person.reference}.json" in names and "cv/Zyxw-cv.pdf" in names
    assert AuditEvent.objects.filter(action="privacy.exported", actor=coordinator).count() == 3


def test_the_erase_page_asks_for_a_reason_and_a_confirmation(client, program, coordinator):
    person = sentinel_person(program)["person"]
    client.force_login(coordinator)
    url = f"/privacy/programs/{program.pk}/people/{person.pk}/erase/"

    refused = client.post(url, {"reason": "begärt"})
    assert refused.status_code == 200 and not Anonymised.objects.exists()
    done = client.post(url, {"reason": "begärt per telefon", "confirm": "on"})
    assert done.status_code == 302
    assert Anonymised.objects.get(application=person).reason == "begärt per telefon"


def test_withdrawing_consent_leaves_no_identifying_value_either(
    client, program, django_capture_on_commit_callbacks, tmp_path
):
    world = sentinel_person(program)
    person = world["person"]
    path = f"/privacy/forget/{forget_token(program.pk, person.email)}/"

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 302

    assert tables_holding(SENTINELS) == {}
    assert not (tmp_path / "cv").exists() or not any((tmp_path / "cv").iterdir())
    assert OutboxMessage.objects.filter(kind="privacy/emails/pair_ended", to=[world["other"].email]).exists()


def test_the_retention_run_leaves_no_identifying_value_either(program, django_capture_on_commit_callbacks):
    sentinel_person(program)
    program.state = "closed"
    program.save()

    with django_capture_on_commit_callbacks(execute=True):
        run_retention(now=timezone.now() + timedelta(days=366 * 2 + 31))

    assert tables_holding(SENTINELS) == {}


def test_the_printable_export_reads_as_words_in_the_readers_language(client, program, coordinator):
    person = sentinel_person(program)["person"]
    Application.objects.filter(pk=person.pk).update(
        municipality="1480", occupation_wanted="2411", requirement_flags=[], status="received"
    )
    client.force_login(coordinator)

    page = client.get(f"/privacy/programs/{program.pk}/people/{person.pk}/export/").content.decode()

    assert "Göteborg (1480)" in page
    assert f"{ssyk_title('2411')} (2411)" in page
    with translation.override("sv"):
        assert f'<td class="text-break">{Application.Status.RECEIVED.label}</td>' in page
    for raw in ("requirement_flags", "Requirement flags", "From status", "To status", "Ended by side"):
        assert raw not in page, raw
    assert ">mentee<" not in page and ">received<" not in page
    as_json = client.get(f"/privacy/programs/{program.pk}/people/{person.pk}/export.json")
    sections = {section["model"]: section for section in json.loads(as_json.content)["sections"]}
    application = sections["applications.Application"]["rows"][0]
    assert application["requirement_flags"] == [] and application["municipality"] == "1480"

"""Many applications at once (the import): the same result as one `submit_application` per row, in a
number of queries that does not grow with the rows, all or nothing, and one delivery kick for the e-mails."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.applications import bulk
from tandem.applications.models import (
    Answer,
    Application,
    ConsentText,
    Question,
    QuestionTranslation,
    StatusChange,
)
from tandem.applications.services import (
    FormClosed,
    Submission,
    create_default_form,
    current_consent,
    submit_application,
)
from tandem.audit.models import AuditEvent
from tandem.factories import ProgramFactory
from tandem.intake.answers import active_questions, staff_submission
from tandem.intake.imports import ImportRow, import_applications
from tandem.outbox import services as outbox
from tandem.outbox.models import OutboxMessage
from tandem.programs.models import Program
from tandem.requirements.models import Criterion, RequirementProfile

NOW = timezone.now()
CONSENT = "The people in this file have agreed, outside Tandem, to the text below."


def set_up_program(org, *, cap: int | None = None):
    """A program with a published mentee form (two custom questions, a cap), a requirement profile and
    one earlier application from the web; the same every time it is called."""
    program = ProgramFactory(
        organisation=org, name="Mentorskap för nyanlända ekonomer", state=Program.State.RECRUITING
    )
    form = create_default_form(program, "mentee", now=NOW)
    form.is_published, form.cap, form.contact_email = True, cap, "mentorskap@framat.example"
    form.save()
    licence = Question.objects.create(form=form, custom_type="short_text", page="custom", order=900)
    QuestionTranslation.objects.create(question=licence, language="sv", label="Körkort?")
    sector = Question.objects.create(form=form, custom_type="single_choice", page="custom", order=910)
    QuestionTranslation.objects.create(
        question=sector, language="sv", label="Sektor", choices=["Offentlig", "Privat"]
    )
    profile = RequirementProfile.objects.create(program=program, role="mentee")
    Criterion.objects.create(
        profile=profile, kind="swedish_level", importance="must", params={"min_level": "B1"}
    )
    Criterion.objects.create(
        profile=profile, kind="occupation", importance="should", params={"codes": ["2411"], "match_digits": 4}
    )
    earlier = Submission(
        language="sv",
        values={"first_name": "Omar", "last_name": "Said", "email": "omar@example.org"},
        consent=current_consent(form, "sv"),
    )
    submit_application(form, earlier, token=secrets.token_urlsafe(24), now=NOW - timedelta(days=3))
    return form


def rows_for(form) -> list[ImportRow]:
    """Checked rows as `imports.check_rows` makes them: two rows with one address in the file, two
    matching the earlier application, answers to the custom questions, three languages."""
    licence, sector = (q.key for q in active_questions(form) if q.custom_type)
    person = {"last_name": "Haddad", "occupation_wanted": "2411", "municipality": "1480"}
    return [
        ImportRow(
            2,
            {
                **person,
                "first_name": "Amira",
                "email": "amira@example.org",
                "swedish_level": "B2",
                licence: "B-körkort",
                sector: "1",
                "birth_year": 1990,
                "other_languages": [{"code": "ar", "level": "C2"}],
            },
            "ar",
        ),
        ImportRow(
            3,
            {
                "first_name": "Omar",
                "last_name": "Said",
                "email": "omar@example.org",
                "swedish_level": "A2",
                sector: "0",
            },
            "en",
        ),
        ImportRow(
            4, {**person, "first_name": "Amira", "email": " AMIRA@example.org ", "years_in_sweden": 4}, "sv"
        ),
        ImportRow(5, {"first_name": "Lina", "last_name": "Berg", "email": "lina@example.org"}, "sv"),
        ImportRow(
            6, {"first_name": "Omar", "last_name": "S.", "email": "Omar@Example.org", licence: "Nej"}, "ar"
        ),
    ]


def import_one_by_one(form, rows, *, by, send_confirmation):
    """The import as it was before the bulk path: one `submit_application` per row."""
    questions = active_questions(form)
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=form.program_id)
        consent = ConsentText.objects.create(
            program=program, form=None, version=1, language="sv", text=CONSENT, created_by=by, created_at=NOW
        )
        for row in rows:
            submission = staff_submission(
                questions, row.values, language=row.language, consent=consent, channel="import", by=by
            )
            submit_application(form, submission, token="", now=NOW, send_confirmation=send_confirmation)


def import_in_bulk(form, rows, *, by, send_confirmation):
    return import_applications(
        form,
        active_questions(form),
        rows,
        consent_text=CONSENT,
        consent_language="sv",
        by=by,
        now=NOW,
        send_confirmation=send_confirmation,
    )


def stored(program) -> dict:
    """Everything stored for the program's applications, with ids replaced by positions (ids differ)."""
    applications = list(Application.objects.filter(program=program).order_by("id"))
    criteria = {c.pk: c.kind for c in Criterion.objects.filter(profile__program=program)}
    position = {application.pk: index for index, application in enumerate(applications)}
    skip = {"id", "program_id", "form_id", "reference", "withdraw_token", "submission_token", "updated_at"}
    hidden = {}
    described = []
    for index, application in enumerate(applications):
        hidden[application.reference] = f"<reference {index}>"
        hidden[application.withdraw_token] = f"<withdraw {index}>"
        fields = {
            field.attname: getattr(application, field.attname)
            for field in Application._meta.concrete_fields
            if field.attname not in skip
        }
        fields["cv"] = str(application.cv)
        fields["requirement_flags"] = [
            {**flag, "criterion_id": criteria[flag["criterion_id"]]} for flag in application.requirement_flags
        ]
        fields["duplicate_of_id"] = position.get(application.duplicate_of_id)
        consent = application.consent
        fields["consent_id"] = consent and (consent.form_id is None, consent.version, consent.text)
        described.append(fields)

    def hide(text: str) -> str:
        for secret, shown in hidden.items():
            text = text.replace(secret, shown)
        # The withdrawal link is signed with the moment it was made (it expires): not the same twice.
        return re.sub(r"/privacy/forget/[^/\s\"]+/", "/privacy/forget/<forget>/", text)

    questions = {q.pk: q.order for q in Question.objects.filter(form__program=program)}
    return {
        "applications": described,
        "answers": sorted(
            (position[a.application_id], questions[a.question_id], a.value)
            for a in Answer.objects.filter(application__program=program)
        ),
        "status_changes": [
            (position[c.application_id], c.from_status, c.to_status, c.by_id, c.at, c.reason)
            for c in StatusChange.objects.filter(application__program=program).order_by("id")
        ],
        "audit": [
            (
                e.action,
                e.actor_id,
                e.organisation_id,
                e.target_type,
                position[int(e.target_id)],
                {**e.data, "duplicate_of": position.get(e.data["duplicate_of"])},
                e.created_at,
            )
            for e in AuditEvent.objects.filter(program=program, action="application.received").order_by("id")
        ],
        "outbox": [
            (m.to, m.kind, m.organisation_id, hide(m.subject), hide(m.body_text), hide(m.body_html), m.status)
            for m in OutboxMessage.objects.filter(program=program).order_by("id")
        ],
    }


@pytest.mark.parametrize("send_confirmation", [False, True])
def test_the_bulk_import_stores_what_one_submit_application_per_row_stores(
    org, coordinator, send_confirmation
):
    one_by_one = set_up_program(org, cap=3)
    in_bulk = set_up_program(org, cap=3)

    import_one_by_one(one_by_one, rows_for(one_by_one), by=coordinator, send_confirmation=send_confirmation)
    result = import_in_bulk(in_bulk, rows_for(in_bulk), by=coordinator, send_confirmation=send_confirmation)

    expected, got = stored(one_by_one.program), stored(in_bulk.program)
    for kind in expected:
        assert got[kind] == expected[kind], kind
    # What the comparison covers, spelled out:
    applications = got["applications"]
    assert [a["duplicate_of_id"] for a in applications] == [None, None, 0, 1, None, 0]
    assert result.duplicates == 3
    amira = applications[1]
    assert (amira["channel"], amira["entered_by_id"], amira["language"]) == ("import", coordinator.pk, "ar")
    assert (amira["passes_requirements"], amira["requirement_score"], amira["evaluated_at"]) == (
        True,
        100,
        NOW,
    )
    assert amira["consent_id"] == (True, 1, CONSENT) and amira["consented_at"] == NOW
    assert amira["other_languages"] == [{"code": "ar", "level": "C2"}]
    assert applications[2]["email"] == "omar@example.org" and applications[2]["passes_requirements"] is False
    assert applications[3]["email"] == "AMIRA@example.org"  # stripped, case kept
    assert got["answers"] == [
        (1, 900, "B-körkort"),
        (1, 910, "Privat"),
        (2, 910, "Offentlig"),
        (5, 900, "Nej"),
    ]
    assert [change[1:4] for change in got["status_changes"][1:]] == [("", "received", coordinator.pk)] * 5
    # The cap of 3 is reached during the import: the later rows record that the public form was full.
    assert [event[5].get("form_not_open") for event in got["audit"]] == [
        None,
        None,
        None,
        "full",
        "full",
        "full",
    ]
    if send_confirmation:
        assert [message[0] for message in got["outbox"][1:]] == [
            ["amira@example.org"],
            ["omar@example.org"],
            ["AMIRA@example.org"],
            ["lina@example.org"],
            ["Omar@Example.org"],
        ]
    else:
        assert len(got["outbox"]) == 1  # the earlier application's own


def test_the_e_mails_go_out_in_each_applicants_language_with_one_delivery_kick(
    org, coordinator, django_capture_on_commit_callbacks
):
    form = set_up_program(org)

    with django_capture_on_commit_callbacks() as callbacks:
        import_in_bulk(form, rows_for(form), by=coordinator, send_confirmation=True)

    assert callbacks == [outbox._kick_worker]  # once, for five messages
    imported = Application.objects.filter(channel="import").order_by("id")
    assert OutboxMessage.objects.count() == 1 + 5  # the earlier application's own, and one each
    subjects = {}
    for application in imported:
        [message] = OutboxMessage.objects.filter(subject__contains=application.reference)
        assert message.to == [application.email] and application.withdraw_token in message.body_text
        assert (message.organisation, message.program) == (org, form.program)
        assert message.kind == "applications/emails/received"
        subjects[application.language] = message.subject.split(" – ")[0]
        if application.language == "ar":
            assert 'dir="rtl"' in message.body_html
    assert subjects == {
        "ar": "لقد استلمنا طلبك",
        "en": "We have received your application",
        "sv": "Vi har fått din anmälan",
    }


def test_a_failure_half_way_stores_nothing_and_sends_nothing(
    org, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    form = set_up_program(org)
    before = {
        model: model.objects.count() for model in (Application, StatusChange, AuditEvent, OutboxMessage)
    }

    def answers_break(*args, **kwargs):
        assert Application.objects.filter(channel="import").count() == 5  # written, not committed
        raise IntegrityError("one_answer_per_question")

    monkeypatch.setattr(Answer.objects, "bulk_create", answers_break)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(IntegrityError):
        import_in_bulk(form, rows_for(form), by=coordinator, send_confirmation=True)

    assert {model: model.objects.count() for model in before} == before
    assert not Answer.objects.exists()
    assert not ConsentText.objects.filter(form__isnull=True).exists()
    assert callbacks == []  # no delivery kick either


def test_the_number_of_queries_does_not_grow_with_the_rows(org, coordinator):
    form = set_up_program(org)
    licence, sector = (q.key for q in active_questions(form) if q.custom_type)

    def queries_for(rows: int) -> int:
        file = [
            ImportRow(
                n,
                {
                    "first_name": "P",
                    "last_name": f"N{n}",
                    "email": f"p{n % 7}@example.org",
                    licence: "B",
                    sector: "0",
                },
                ["sv", "en", "ar"][n % 3],
            )
            for n in range(rows)
        ]
        with CaptureQueriesContext(connection) as queries:
            import_in_bulk(form, file, by=coordinator, send_confirmation=True)
        return len(queries)

    ten, fifty = queries_for(10), queries_for(50)

    # Only the number of INSERT batches may grow: on SQLite, 999 parameters make about 20 applications
    # a batch (3 batches for 50); on PostgreSQL one batch takes 500.
    assert fifty - ten <= 3, (ten, fifty)
    assert ten <= 30


def test_a_form_that_is_no_longer_published_stops_the_import_under_the_lock(org, coordinator):
    form = set_up_program(org)
    submissions = [
        staff_submission(
            active_questions(form),
            row.values,
            language=row.language,
            consent=None,
            channel="import",
            by=coordinator,
        )
        for row in rows_for(form)
    ]
    prepared = bulk.prepare_applications(form, submissions, now=NOW)
    form.is_published = False  # the coordinator unpublished it while the file was prepared
    form.save()

    with pytest.raises(FormClosed), transaction.atomic():
        bulk.store_applications(prepared, now=NOW)

    assert not Application.objects.filter(channel="import").exists()


def test_only_staff_channels_are_stored_in_bulk(org):
    form = set_up_program(org)
    web = Submission(language="sv", values={"first_name": "A", "last_name": "B", "email": "a@example.org"})

    with pytest.raises(ValueError, match="staff"):
        bulk.submit_applications(form, [web], now=NOW)


def test_an_earlier_application_sent_after_the_import_time_gives_way_to_the_first_row(org, coordinator):
    """As `first_application_with_email` orders them: by the time sent, then id."""
    form = set_up_program(org)
    later = Submission(
        language="sv", values={"first_name": "Lina", "last_name": "Berg", "email": "lina@example.org"}
    )
    submit_application(form, later, token=secrets.token_urlsafe(24), now=NOW + timedelta(hours=1))
    rows = [row for row in rows_for(form) if row.number == 5] * 2

    applications = bulk.submit_applications(
        form,
        [
            staff_submission(
                active_questions(form),
                row.values,
                language="sv",
                consent=None,
                channel="import",
                by=coordinator,
            )
            for row in rows
        ],
        now=NOW,
    )

    web = Application.objects.get(channel="web", email="lina@example.org")
    first, second = applications
    assert first.duplicate_of_id == web.pk
    assert second.duplicate_of_id == first.pk

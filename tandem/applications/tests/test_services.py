"""Sending an application: stored once, checked against the requirement profile, confirmed by e-mail."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone, translation

from tandem.applications.models import Application, ConsentText, Question, QuestionTranslation, StatusChange
from tandem.applications.services import (
    FormClosed,
    InvalidStatusChange,
    Submission,
    change_status,
    create_default_form,
    current_consent,
    form_availability,
    submit_application,
    withdraw_application,
)
from tandem.applications.tests.helpers import TOKENS
from tandem.audit.models import AuditEvent
from tandem.outbox.models import OutboxMessage
from tandem.requirements.models import Criterion, RequirementProfile

NOW = timezone.now()


def submission(form, *, email="amira@example.org", language="sv", **values) -> Submission:
    return Submission(
        language=language,
        values={"first_name": "Amira", "last_name": "Haddad", "email": email, **values},
        consent=current_consent(form, language),
    )


# --- Creating a form -------------------------------------------------------------------------------


def test_a_new_form_asks_the_default_questions_in_swedish_english_and_arabic(program):
    form = create_default_form(program, "mentee", now=NOW)

    keys = list(form.questions.values_list("builtin", flat=True))
    assert keys[:3] == ["first_name", "last_name", "email"]
    assert "occupation_wanted" in keys and "years_in_sweden" in keys
    assert "gender" not in keys  # asked only when the coordinator adds it
    assert not form.is_published
    motivation = form.questions.get(builtin="motivation")
    assert motivation.required
    labels = dict(motivation.translations.values_list("language", "label"))
    assert set(labels) == {"sv", "sv-easyread", "en", "ar"}
    assert labels["en"] == "Why do you want to be a mentee?"
    assert labels["ar"] == "لماذا تريد أن تشارك كمتدرّب؟"
    consents = set(form.consent_texts.filter(version=1).values_list("language", flat=True))
    assert consents == {"sv", "sv-easyread", "en", "ar"}


@pytest.mark.parametrize(
    ("language", "musts"),
    [
        (
            "sv",
            [
                "ansvarar för",
                "namn, dina kontaktuppgifter",
                "välja deltagare",
                "Bara de som driver",
                "Hur länge vi sparar",
                "ta tillbaka din anmälan med länken",
                "rätta eller radera",
                "(IMY)",
            ],
        ),
        (
            "en",
            [
                "is responsible for",
                "name, contact details",
                "choose participants",
                "Only the program's",
                "How long we keep it",
                "withdraw at any time through the link",
                "correct or delete",
                "(IMY)",
            ],
        ),
        (
            "ar",
            [
                "الجهة المسؤولة",
                "اسمك وبيانات الاتصال",
                "لاختيار المشاركين",
                "لا يطّلع عليها إلا",
                "سحب طلبك",
                "تصحيحها أو حذفها",
                "(IMY)",
            ],
        ),
    ],
)
def test_the_default_consent_says_only_what_must_be_said(program, language, musts):
    """Who is responsible, what is collected and why, who sees it, how long (privacy's sentence), the rights
    and how to withdraw: shorter than the text before (72 words in English), though it says more."""
    form = create_default_form(program, "mentee", now=NOW)
    text = current_consent(form, language).text
    names = (program.organisation.name, program.name)
    assert all(name in text for name in names)
    assert [must for must in musts if must not in text] == []
    own_part = text.split("\n\n")[0]  # before privacy's retention sentence
    for name in names:
        own_part = own_part.replace(name, "")
    assert len(own_part.split()) <= 65


def test_a_mentor_form_asks_about_the_occupation_they_have_not_the_one_they_want(program):
    form = create_default_form(program, "mentor", now=NOW)
    keys = set(form.questions.values_list("builtin", flat=True))
    assert {"occupation_now", "current_employer"} <= keys
    assert "occupation_wanted" not in keys
    assert form.questions.get(builtin="occupation_now").required


def test_creating_a_form_twice_returns_the_first(program):
    first = create_default_form(program, "mentee", now=NOW)
    assert create_default_form(program, "mentee", now=NOW) == first
    assert Question.objects.filter(form=first, builtin="email").count() == 1


# --- Open or closed --------------------------------------------------------------------------------


def test_a_form_is_open_only_when_published_within_its_dates_and_below_its_cap(mentee_form):
    assert form_availability(mentee_form, now=NOW).is_open

    mentee_form.opens_at = NOW + timedelta(days=2)
    state = form_availability(mentee_form, now=NOW)
    assert (state.is_open, state.reason, state.opens_at) == (False, "not_yet_open", mentee_form.opens_at)

    mentee_form.opens_at, mentee_form.closes_at = None, NOW - timedelta(minutes=1)
    assert form_availability(mentee_form, now=NOW).reason == "closed"

    mentee_form.closes_at, mentee_form.is_published = None, False
    assert form_availability(mentee_form, now=NOW).reason == "unpublished"


def test_the_cap_counts_applications_that_are_not_withdrawn(mentee_form):
    mentee_form.cap = 1
    mentee_form.save()
    first = submit_application(mentee_form, submission(mentee_form), token=TOKENS["t1"], now=NOW)
    assert form_availability(mentee_form, now=NOW).reason == "full"
    with pytest.raises(FormClosed):
        submit_application(
            mentee_form, submission(mentee_form, email="b@example.org"), token=TOKENS["t2"], now=NOW
        )

    withdraw_application(first, now=NOW)
    assert form_availability(mentee_form, now=NOW).is_open


# --- Submitting -----------------------------------------------------------------------------------


def test_sending_stores_the_application_with_its_consent_history_and_audit(mentee_form):
    consent = current_consent(mentee_form, "ar")
    sent = Submission(
        language="ar",
        values={
            "first_name": "Amira",
            "last_name": "Haddad",
            "email": " amira@example.org ",
            "birth_year": 1990,
        },
        consent=consent,
    )
    application = submit_application(mentee_form, sent, token=TOKENS["tok"], now=NOW)

    assert application.reference.startswith("TDM-") and len(application.reference) == 13
    assert application.email == "amira@example.org"
    assert (application.program, application.role, application.form) == (
        mentee_form.program,
        "mentee",
        mentee_form,
    )
    assert application.status == Application.Status.RECEIVED
    assert application.consent == consent and consent.language == "ar" and application.consented_at == NOW
    [change] = application.status_changes.all()
    assert (change.from_status, change.to_status, change.by, change.by_applicant) == (
        "",
        "received",
        None,
        True,
    )
    event = AuditEvent.objects.get(action="application.received")
    assert event.target_id == str(application.pk)
    assert "amira" not in str(event.data).lower()  # ids and codes only


def test_a_double_click_or_a_resubmission_returns_the_same_application(mentee_form):
    first = submit_application(mentee_form, submission(mentee_form), token=TOKENS["same"], now=NOW)
    again = submit_application(mentee_form, submission(mentee_form), token=TOKENS["same"], now=NOW)

    assert again.pk == first.pk
    assert Application.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_second_send_racing_the_first_gets_the_first_application(mentee_form):
    """Two requests with the same token at once: the second one's insert hits the unique token and it
    returns what the first stored (simulated by letting the second miss the first on its early check)."""
    first = submit_application(mentee_form, submission(mentee_form), token=TOKENS["race"], now=NOW)
    with mock.patch("tandem.applications.services.submitted_application", side_effect=[None, first]):
        again = submit_application(mentee_form, submission(mentee_form), token=TOKENS["race"], now=NOW)

    assert again == first
    assert Application.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_the_same_email_in_the_same_program_and_role_is_flagged_as_a_possible_duplicate(
    mentee_form, mentor_form
):
    first = submit_application(mentee_form, submission(mentee_form), token=TOKENS["a"], now=NOW)
    second = submit_application(
        mentee_form, submission(mentee_form, email="AMIRA@example.org"), token=TOKENS["b"], now=NOW
    )
    as_mentor = submit_application(mentor_form, submission(mentor_form), token=TOKENS["c"], now=NOW)

    assert first.duplicate_of is None
    assert second.duplicate_of == first
    assert as_mentor.duplicate_of is None  # another role is not a duplicate


def test_the_application_is_checked_against_the_requirement_profile_on_arrival(mentee_form):
    profile = RequirementProfile.objects.create(program=mentee_form.program, role="mentee")
    Criterion.objects.create(
        profile=profile, kind="swedish_level", importance="must", params={"min_level": "B1"}
    )
    Criterion.objects.create(
        profile=profile, kind="occupation", importance="should", params={"codes": ["2411"], "match_digits": 4}
    )
    Criterion.objects.create(
        profile=profile, kind="years_in_sweden", importance="should", weight=3, params={"min": None, "max": 5}
    )

    application = submit_application(
        mentee_form,
        submission(mentee_form, swedish_level="SFI_C", occupation_wanted="2411", years_in_sweden=8),
        token=TOKENS["t"],
        now=NOW,
    )

    assert application.passes_requirements is False
    assert application.requirement_score == 25  # occupation met (1), years in Sweden failed (3)
    assert [(f["kind"], f["outcome"], f["importance"]) for f in application.requirement_flags] == [
        ("swedish_level", "failed", "must"),
        ("years_in_sweden", "failed", "should"),
    ]
    assert application.evaluated_at == NOW


def test_without_a_requirement_profile_the_screening_columns_stay_empty(mentee_form):
    application = submit_application(mentee_form, submission(mentee_form), token=TOKENS["t"], now=NOW)
    assert application.passes_requirements is None
    assert application.requirement_score is None
    assert application.requirement_flags == []


def test_the_confirmation_email_is_queued_in_the_applicants_language(mentee_form):
    application = submit_application(
        mentee_form, submission(mentee_form, language="ar"), token=TOKENS["t"], now=NOW
    )

    message = OutboxMessage.objects.get()
    assert message.to == ["amira@example.org"]
    assert message.subject == f"لقد استلمنا طلبك – \u2066{application.reference}\u2069"
    assert application.reference in message.body_text
    assert f"/apply/withdraw/{application.withdraw_token}/" in message.body_text
    assert 'dir="rtl"' in message.body_html
    assert message.program == mentee_form.program


def test_the_confirmation_email_in_english(mentee_form):
    application = submit_application(
        mentee_form, submission(mentee_form, language="en"), token=TOKENS["t"], now=NOW
    )
    message = OutboxMessage.objects.get()
    assert message.subject == f"We have received your application – {application.reference}"
    assert "Hello Amira," in message.body_text
    assert "mentorskap@framat.example" in message.body_text


def test_nothing_is_stored_when_a_step_of_sending_fails(mentee_form):
    with (
        mock.patch(
            "tandem.applications.services.send_application_received", side_effect=RuntimeError("smtp")
        ),
        pytest.raises(RuntimeError),
    ):
        submit_application(mentee_form, submission(mentee_form), token=TOKENS["t"], now=NOW)

    assert Application.objects.count() == 0
    assert StatusChange.objects.count() == 0
    assert AuditEvent.objects.filter(action="application.received").count() == 0


def test_custom_answers_are_stored_by_question(mentee_form):
    question = Question.objects.create(form=mentee_form, custom_type="short_text", page="custom", order=999)
    QuestionTranslation.objects.create(question=question, language="sv", label="Körkort?")
    sent = submission(mentee_form)
    sent.answers = {question.pk: "B-körkort"}
    application = submit_application(mentee_form, sent, token=TOKENS["t"], now=NOW)
    assert list(application.answers.values_list("question_id", "value")) == [(question.pk, "B-körkort")]


# --- Status ---------------------------------------------------------------------------------------


def test_staff_move_an_application_through_its_statuses_with_who_when_and_why(mentee_form, coordinator):
    application = submit_application(mentee_form, submission(mentee_form), token=TOKENS["t"], now=NOW)

    change_status(application, "under_review", by=coordinator, reason="", now=NOW)
    change_status(
        application, "accepted", by=coordinator, reason="Strong match", now=NOW + timedelta(hours=1)
    )

    application.refresh_from_db()
    assert application.status == "accepted"
    history = list(
        application.status_changes.values_list("from_status", "to_status", "by", "by_applicant", "reason")
    )
    assert history[1:] == [
        ("received", "under_review", coordinator.pk, False, ""),
        ("under_review", "accepted", coordinator.pk, False, "Strong match"),
    ]
    assert AuditEvent.objects.filter(action="application.status_changed", actor=coordinator).count() == 2


def test_a_move_that_makes_no_sense_is_refused_and_changes_nothing(mentee_form, coordinator):
    application = submit_application(mentee_form, submission(mentee_form), token=TOKENS["t"], now=NOW)
    withdraw_application(application, now=NOW)

    with translation.override("en"), pytest.raises(InvalidStatusChange) as refused:
        change_status(application, "accepted", by=coordinator, now=NOW)

    assert "cannot become" in str(refused.value)
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert application.status_changes.count() == 2


def test_the_applicant_may_only_withdraw(mentee_form):
    application = submit_application(mentee_form, submission(mentee_form), token=TOKENS["t"], now=NOW)
    with pytest.raises(InvalidStatusChange):
        change_status(application, "accepted", by=None, now=NOW)

    change = withdraw_application(application, now=NOW)
    assert (change.by, change.to_status, change.reason_code) == (None, "withdrawn", "withdrawn_by_applicant")


def test_the_consent_text_agreed_to_stays_with_the_application(mentee_form, coordinator):
    from tandem.applications.editing import save_consent_texts

    application = submit_application(mentee_form, submission(mentee_form), token=TOKENS["t"], now=NOW)
    original = application.consent.text
    save_consent_texts(mentee_form, {"sv": "Ny text."}, by=coordinator, now=NOW)

    application.refresh_from_db()
    assert application.consent.text == original and application.consent.version == 1
    assert current_consent(mentee_form, "sv").version == 2
    assert ConsentText.objects.filter(form=mentee_form, version=1).count() == 4

"""Coordinators set up the program's forms: settings, questions, translations and the consent text."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tandem.applications.consent import with_additions
from tandem.applications.models import ApplicationForm, ConsentText, Question, QuestionTranslation
from tandem.applications.tests.helpers import fill_pages, send
from tandem.audit.models import AuditEvent


@pytest.fixture
def signed_in(client, coordinator, settings):
    """A coordinator who reads the staff pages in English (the tests check our English wording)."""
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def sv_label(question: Question) -> str:
    return question.translations.get(language="sv").label


# --- The program's two forms ---------------------------------------------------------------------


def test_a_coordinator_creates_the_mentee_form_from_the_defaults(signed_in, program):
    page = signed_in.get(reverse("applications:form_list", args=[program.pk])).content.decode()
    assert "Create the form for mentees" in page and "Create the form for mentors" in page

    response = signed_in.post(reverse("applications:form_create", args=[program.pk]), {"role": "mentee"})

    form = ApplicationForm.objects.get(program=program, role="mentee")
    assert response["Location"] == reverse("applications:form_settings", args=[form.pk])
    assert form.questions.count() > 10
    assert AuditEvent.objects.filter(action="application_form.created", program=program).exists()


def test_the_list_of_forms_takes_the_same_number_of_queries_however_many_applications(
    signed_in, program, mentee_form, mentor_form, django_assert_num_queries
):
    url = reverse("applications:form_list", args=[program.pk])
    signed_in.get(url)
    for number in range(3):
        other = signed_in.__class__()
        fill_pages(other, mentee_form, _answers(f"p{number}@example.org"))
        send(other, mentee_form)
    # session, user, program + organisation, org admin?, program role, forms with counts
    with django_assert_num_queries(6):
        response = signed_in.get(url)
    assert "3 applications" in response.content.decode()


def _answers(email: str):
    from tandem.applications.tests.helpers import MENTEE_ANSWERS

    return {**MENTEE_ANSWERS, "contact": {**MENTEE_ANSWERS["contact"], "email": email}}


# --- Settings --------------------------------------------------------------------------------------


def test_the_coordinator_sets_dates_cap_intro_and_publishes(signed_in, mentee_form):
    url = reverse("applications:form_settings", args=[mentee_form.pk])
    response = signed_in.post(
        url,
        {
            "opens_at": "2031-03-01T09:00",
            "closes_at": "2031-04-01T17:00",
            "cap": "40",
            "intro": "Välkommen!",
            "contact_email": "fragor@framat.example",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    mentee_form.refresh_from_db()
    assert (mentee_form.cap, mentee_form.intro, mentee_form.is_published) == (40, "Välkommen!", True)
    assert mentee_form.opens_at.isoformat().startswith("2031-03-01T08:00")  # 09:00 in Stockholm
    event = AuditEvent.objects.get(action="application_form.settings_changed")
    assert "cap" in event.data["fields"]


def test_a_form_must_close_after_it_opens(signed_in, mentee_form):
    response = signed_in.post(
        reverse("applications:form_settings", args=[mentee_form.pk]),
        {"opens_at": "2031-03-01T09:00", "closes_at": "2031-02-01T09:00"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_closes_at_error"' in page and "The form must close after it opens." in page
    mentee_form.refresh_from_db()
    assert mentee_form.closes_at is None


# --- Questions -------------------------------------------------------------------------------------


def test_the_questions_page_takes_a_fixed_number_of_queries(
    signed_in, mentee_form, django_assert_num_queries
):
    url = reverse("applications:questions", args=[mentee_form.pk])
    signed_in.get(url)
    # session, user, form + program + organisation, org admin?, program role, questions, their
    # translations, the built-in questions already used (for "add a built-in question")
    with django_assert_num_queries(8):
        signed_in.get(url)


def test_a_coordinator_adds_a_choice_question(signed_in, mentee_form):
    response = signed_in.post(
        reverse("applications:question_add", args=[mentee_form.pk]),
        {
            "custom_type": "single_choice",
            "label": "Hur hörde du om oss?",
            "choices": "Vän\n\nWebb\n",
            "page": "custom",
            "required": "on",
        },
    )
    assert response.status_code == 302
    question = mentee_form.questions.get(custom_type="single_choice")
    assert question.required and question.page == "custom"
    assert question.translations.get(language="sv").choices == ["Vän", "Webb"]


def test_a_choice_question_needs_two_choices(signed_in, mentee_form):
    response = signed_in.post(
        reverse("applications:question_add", args=[mentee_form.pk]),
        {"custom_type": "multiple_choice", "label": "Intressen", "choices": "Bara en", "page": "custom"},
    )
    assert response.status_code == 200
    assert "Give at least two choices, one per line." in response.content.decode()
    assert not mentee_form.questions.filter(custom_type="multiple_choice").exists()


def test_a_scale_must_end_above_where_it_starts(signed_in, mentee_form):
    response = signed_in.post(
        reverse("applications:question_add", args=[mentee_form.pk]),
        {"custom_type": "scale", "label": "Hur säker?", "page": "custom", "scale_min": "5", "scale_max": "3"},
    )
    assert "The scale must end above where it starts." in response.content.decode()


def test_a_built_in_question_can_be_added_and_is_worded_in_three_languages(signed_in, mentee_form):
    signed_in.post(reverse("applications:builtin_add", args=[mentee_form.pk]), {"key": "gender"})
    question = mentee_form.questions.get(builtin="gender")
    assert set(question.translations.values_list("language", flat=True)) == {"sv", "sv-easyread", "en", "ar"}
    assert question.page == "contact"


def test_editing_a_built_in_question_keeps_name_and_email_required(signed_in, mentee_form):
    email = mentee_form.questions.get(builtin="email")
    signed_in.post(reverse("applications:question_edit", args=[email.pk]), {"label": "Din e-post"})
    email.refresh_from_db()
    assert email.required
    assert sv_label(email) == "Din e-post"


def test_questions_move_up_and_down_within_their_page(signed_in, mentee_form):
    contact = list(mentee_form.questions.filter(page="contact").order_by("order"))
    phone = next(q for q in contact if q.builtin == "phone")
    signed_in.post(reverse("applications:question_move", args=[phone.pk]), {"direction": "up"})
    order = list(
        mentee_form.questions.filter(page="contact").order_by("order").values_list("builtin", flat=True)
    )
    assert order[:4] == ["first_name", "last_name", "phone", "email"]


def test_removing_a_question_without_answers_deletes_it(signed_in, mentee_form):
    phone = mentee_form.questions.get(builtin="phone")
    signed_in.post(reverse("applications:question_remove", args=[phone.pk]))
    assert not mentee_form.questions.filter(builtin="phone").exists()


def test_removing_a_question_with_answers_keeps_the_answers(signed_in, client, mentee_form):
    question = Question.objects.create(form=mentee_form, custom_type="short_text", page="custom", order=999)
    QuestionTranslation.objects.create(question=question, language="sv", label="Körkort?")
    applicant = client.__class__()
    fill_pages(applicant, mentee_form, {**_answers("a@example.org"), "custom": {f"q{question.pk}": "B"}})
    send(applicant, mentee_form)

    signed_in.post(reverse("applications:question_remove", args=[question.pk]))

    question.refresh_from_db()
    assert question.removed_at is not None
    assert question.answers.get().value == "B"
    assert (
        "Körkort?"
        not in signed_in.get(reverse("applications:questions", args=[mentee_form.pk])).content.decode()
    )


def test_name_and_email_cannot_be_removed(signed_in, mentee_form):
    email = mentee_form.questions.get(builtin="email")
    response = signed_in.post(reverse("applications:question_remove", args=[email.pk]), follow=True)
    assert "cannot be removed" in response.content.decode()
    assert mentee_form.questions.filter(builtin="email").exists()


# --- Translations ----------------------------------------------------------------------------------


def test_a_coordinator_adds_a_language_by_its_code_and_translates(signed_in, mentee_form):
    response = signed_in.get(reverse("applications:translations", args=[mentee_form.pk]), {"language": "fa"})
    url = reverse("applications:translation_edit", args=[mentee_form.pk, "fa"])
    assert response["Location"] == url
    motivation = mentee_form.questions.get(builtin="motivation")

    signed_in.post(url, {f"label_{motivation.pk}": "چرا می‌خواهید شرکت کنید؟", "intro": "خوش آمدید"})

    assert motivation.translations.get(language="fa").label == "چرا می‌خواهید شرکت کنید؟"
    mentee_form.refresh_from_db()
    assert mentee_form.intro_translations == {"fa": "خوش آمدید"}
    page = signed_in.get(reverse("applications:translations", args=[mentee_form.pk])).content.decode()
    assert 'href="' + url + '"' in page


def test_a_bad_language_code_is_refused_next_to_the_field(signed_in, mentee_form):
    response = signed_in.get(
        reverse("applications:translations", args=[mentee_form.pk]), {"language": "Persian"}
    )
    assert response.status_code == 200
    assert 'id="id_language_error"' in response.content.decode()


def test_translated_choices_must_match_the_swedish_ones(signed_in, mentee_form):
    question = Question.objects.create(
        form=mentee_form, custom_type="single_choice", page="custom", order=999
    )
    QuestionTranslation.objects.create(
        question=question, language="sv", label="Hörde?", choices=["Vän", "Webb"]
    )
    url = reverse("applications:translation_edit", args=[mentee_form.pk, "en"])

    response = signed_in.post(url, {f"label_{question.pk}": "Heard?", f"choices_{question.pk}": "Friend"})

    assert "Give exactly 2 choices, one per line." in response.content.decode()
    assert not question.translations.filter(language="en").exists()


def test_emptying_a_translation_falls_back_to_swedish(signed_in, mentee_form):
    phone = mentee_form.questions.get(builtin="phone")
    signed_in.post(
        reverse("applications:translation_edit", args=[mentee_form.pk, "en"]), {f"label_{phone.pk}": ""}
    )
    assert not phone.translations.filter(language="en").exists()


# --- Consent ---------------------------------------------------------------------------------------


def test_changing_the_consent_text_makes_a_new_version(signed_in, mentee_form):
    url = reverse("applications:consent", args=[mentee_form.pk])
    current = {f"text_{t.language}": t.text for t in mentee_form.consent_texts.filter(version=1)}

    signed_in.post(url, current)
    # sv, easy-read, en, ar: nothing changed, no new version
    assert ConsentText.objects.filter(form=mentee_form).count() == 4

    signed_in.post(url, {**current, "text_sv": "Ny text.", "new_language": "fa", "new_text": "متن"})
    # Each text that is stored ends with what apps above add (privacy: the retention periods), once.
    program = mentee_form.program
    assert sorted(mentee_form.consent_texts.filter(version=2).values_list("language", "text")) == sorted(
        [
            ("sv", with_additions(program, "sv", "Ny text.")),
            ("sv-easyread", current["text_sv-easyread"]),
            ("en", current["text_en"]),
            ("ar", current["text_ar"]),
            ("fa", with_additions(program, "fa", "متن")),
        ]
    )
    assert "Hur länge vi sparar" in mentee_form.consent_texts.get(version=2, language="sv").text
    assert mentee_form.consent_texts.filter(version=1).count() == 4  # the old version stays as it was
    assert AuditEvent.objects.get(action="application_form.consent_changed").data == {"version": 2}


def test_the_swedish_consent_text_is_required(signed_in, mentee_form):
    response = signed_in.post(reverse("applications:consent", args=[mentee_form.pk]), {"text_sv": ""})
    assert 'id="id_text_sv_error"' in response.content.decode()
    assert not mentee_form.consent_texts.filter(version=2).exists()


def test_the_consent_editor_names_each_language_and_turns_only_the_arabic_field(signed_in, mentee_form):
    html = signed_in.get(reverse("applications:consent", args=[mentee_form.pk])).content.decode()
    assert '<label class="form-label" for="id_text_ar">Consent text (Arabic)' in html
    assert "Consent text (ar)" not in html
    arabic = re.search(r'<textarea [^>]*name="text_ar"[^>]*>', html)
    english = re.search(r'<textarea [^>]*name="text_en"[^>]*>', html)
    assert arabic and 'lang="ar" dir="rtl"' in arabic[0]
    assert english and 'lang="en" dir="ltr"' in english[0]

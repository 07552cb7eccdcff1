"""The printable form: every question of the chosen language, room to write, consent and signature."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from tandem.applications.editing import Words, add_custom_question, save_translations
from tandem.applications.models import Question
from tandem.applications.public_forms import wording


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Arabic is drawn shaped (presentation forms) in display order: undo both to compare.
    return unicodedata.normalize("NFKC", text)


def pdf_url(program, role="mentee", lang="sv") -> str:
    return reverse("intake:paper_pdf", args=[program.pk, role]) + f"?lang={lang}"


@pytest.fixture
def custom_question(mentee_form, coordinator):
    now = timezone.now()
    question = add_custom_question(
        mentee_form,
        custom_type=Question.CustomType.SINGLE_CHOICE,
        required=True,
        page="custom",
        words=Words("Hur hörde du talas om programmet?", choices=["Arbetsförmedlingen", "En vän"]),
        by=coordinator,
        now=now,
    )
    save_translations(
        mentee_form,
        "en",
        {
            question.pk: Words(
                "How did you hear about the program?", choices=["The employment service", "A friend"]
            )
        },
        intro="",
        by=coordinator,
        now=now,
    )
    save_translations(
        mentee_form,
        "ar",
        {question.pk: Words("كيف سمعت عن البرنامج؟", choices=["مكتب العمل", "صديق"])},
        intro="",
        by=coordinator,
        now=now,
    )
    return question


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", ["Mentorskap för nyanlända ekonomer", "Hur hörde du talas om programmet?", "En vän"]),
        ("en", ["Mentorskap för nyanlända ekonomer", "How did you hear about the program?", "A friend"]),
    ],
)
def test_the_paper_form_has_every_question_in_the_chosen_language(
    client, coordinator, custom_question, lang, expected
):
    client.force_login(coordinator)

    response = client.get(pdf_url(custom_question.form.program, lang=lang))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response)
    for words in expected:
        assert words in text
    for question in custom_question.form.questions.prefetch_related("translations"):
        assert wording(question, lang).label in text
    with translation.override(lang):
        assert gettext("Signature") in text
        assert gettext("Attach your CV to this form if you have one.") in text


def test_the_arabic_paper_form_is_shaped_and_right_to_left(client, coordinator, custom_question):
    client.force_login(coordinator)

    response = client.get(pdf_url(custom_question.form.program, lang="ar"))

    assert response.status_code == 200
    # The letters are drawn in their joined forms (Arabic presentation forms), which NFKC turns back
    # into plain letters; pypdf puts right-to-left text back in reading order.
    text = pdf_text(response)
    # pypdf puts the required mark (a neutral character) at either end of the line, by where it falls.
    assert "كيف سمعت عن البرنامج؟ *" in text or "* كيف سمعت عن البرنامج؟" in text
    assert "صديق" in text
    raw = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert any("\ufe70" <= character <= "\ufefc" for character in raw), "Arabic letters are not shaped"


def test_a_language_the_form_is_not_offered_in_is_not_found(client, coordinator, mentee_form):
    client.force_login(coordinator)

    assert client.get(pdf_url(mentee_form.program, lang="xx")).status_code == 404
    assert client.get(pdf_url(mentee_form.program, role="mentor")).status_code == 404  # no mentor form


def test_a_viewer_may_print_the_form(client, viewer, mentee_form):
    client.force_login(viewer)

    assert client.get(pdf_url(mentee_form.program)).status_code == 200

"""Errors reach the person (issue 13, item 13): after a failed step a summary at the top lists every
error with a link to its field, the page title starts with "Error"/"Fel"/"خطأ", and every message is
our own plain text in the applicant's language, never Django's stock text. (Focus: test_browser_errors.)"""

from __future__ import annotations

import re

import pytest
from django import forms
from django.core import validators
from django.utils import timezone, translation

from tandem.applications.models import Question, QuestionTranslation
from tandem.applications.tests.helpers import MENTEE_ANSWERS, step_url

TITLE = {"sv": "Fel: ", "en": "Error: ", "ar": "خطأ: "}

# Answers every field of the default mentee form refuses: missing, malformed, too long, out of range.
BAD = {
    "contact": {
        "first_name": "",
        "last_name": "x" * 101,
        "email": "amira@",
        "phone": "call me",
        "birth_year": "1800",
    },
    "occupation": {"employment_status": "pirate", "occupation_wanted": "", "experience_years": "-3"},
    "languages_place": {
        "swedish_level": "",
        "other_languages_1_code": "xx",
        "other_languages_2_code": "en",
        "municipality": "9999",
        "years_in_sweden": "many",
    },
    "about": {"motivation": "", "about_me": "x" * 5000},
    "custom": {},
    "consent": {},
}


def stock_messages(language: str) -> list[str]:
    """The beginnings of Django's own messages for the fields we use, in `language`."""
    made = [
        forms.Field,
        forms.CharField,
        forms.EmailField,
        forms.IntegerField,
        forms.ChoiceField,
        forms.MultipleChoiceField,
        forms.FileField,
        forms.BooleanField,
    ]
    texts = []
    with translation.override(language):
        for kind in made:
            texts += [str(message) for message in kind.default_error_messages.values()]
        texts += [
            str(validators.EmailValidator.message),
            str(validators.MaxLengthValidator.message),
            str(validators.MinValueValidator.message),
            str(validators.MaxValueValidator.message),
        ]
    return [re.split(r"%\(|\{", text)[0].strip() for text in texts if text]


@pytest.fixture
def form_with_custom(mentee_form):
    for order, kind in enumerate(["short_text", "single_choice", "multiple_choice", "scale", "yes_no"]):
        question = Question.objects.create(
            form=mentee_form, custom_type=kind, page="custom", order=900 + order, required=True
        )
        QuestionTranslation.objects.create(question=question, language="sv", label=kind, choices=["A", "B"])
    BAD["custom"] = {f"q{q.pk}": "zzz" for q in mentee_form.questions.filter(page="custom")}
    return mentee_form


@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
@pytest.mark.parametrize("page", list(BAD))
def test_no_error_on_any_page_is_djangos_stock_text(client, form_with_custom, page, lang):
    response = client.post(step_url(form_with_custom, page, lang), BAD[page])
    assert response.status_code == 200
    errors = [str(message) for item in response.context["page_form"].errors.values() for message in item]
    assert errors
    stock = stock_messages(lang)
    for message in errors:
        assert not any(message.startswith(text) for text in stock), (page, lang, message)


@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
def test_the_title_says_error_and_a_summary_links_to_each_field(client, mentee_form, lang):
    response = client.post(step_url(mentee_form, "contact", lang), BAD["contact"])
    page = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S)[1]
    assert title.startswith(TITLE[lang])
    summary = re.search(r'<div class="alert alert-danger" id="error-summary"[^>]*>(.*?)</div>', page, re.S)
    assert 'tabindex="-1" autofocus' in summary[0]
    targets = re.findall(r'<a class="alert-link" href="#([\w-]+)">', summary[1])
    assert targets == ["id_first_name", "id_last_name", "id_email", "id_phone", "id_birth_year"]
    for target in targets:
        assert f'id="{target}"' in page


def test_the_summary_reaches_a_group_of_choices_by_its_first_choice_and_an_occupation_by_its_search(
    client, mentee_form
):
    response = client.post(step_url(mentee_form, "occupation", "en"), BAD["occupation"])
    page = response.content.decode()
    targets = re.findall(r'<a class="alert-link" href="#([\w-]+)">', page)
    assert targets[:2] == ["id_employment_status_0", "id_occupation_wanted_query"]
    for target in targets:
        assert f'id="{target}"' in page


def test_a_year_out_of_range_says_which_years(client, mentee_form):
    response = client.post(
        step_url(mentee_form, "contact", "en"), {**MENTEE_ANSWERS["contact"], "birth_year": "1800"}
    )
    last = timezone.localdate().year - 15
    assert f"Write a year between 1920 and {last}." in response.content.decode()
    response = client.post(
        step_url(mentee_form, "contact", "sv"), {**MENTEE_ANSWERS["contact"], "birth_year": "x"}
    )
    assert f"Skriv ett år mellan 1920 och {last}." in response.content.decode()


def test_a_page_without_errors_has_a_plain_title_and_no_summary(client, mentee_form):
    page = client.get(step_url(mentee_form, "contact", "en")).content.decode()
    assert "<title>Contact details" in page
    assert "error-summary" not in page

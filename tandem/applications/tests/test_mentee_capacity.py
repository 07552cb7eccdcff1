"""Mentors say how many mentees they can take on at the same time (1, 2 or 3; 1 unless they change it).

A built-in question of the mentor form only: on new forms, on forms made before it existed (the data
migration), in the editor and through the public form (the paper form and the import:
tandem/intake/tests/test_mentee_capacity.py).
"""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from tandem.applications.builtins import SPECS, Builtin
from tandem.applications.editing import EditError, add_builtin_question
from tandem.applications.models import Application
from tandem.applications.tests.helpers import fill_pages, send, step_url, summary_url

CAPACITY = Builtin.MENTEE_CAPACITY
LABEL = "How many mentees can you take on at the same time?"
MENTOR_ANSWERS = {
    "contact": {"first_name": "Erik", "last_name": "Svensson", "email": "erik@example.org", "website": ""},
    "occupation": {"employment_status": "employed", "occupation_now": "2411", "experience_years": "15"},
    "languages_place": {"swedish_level": "C2", "meeting_format": "in_person", CAPACITY: "2"},
    "about": {"motivation": "I want to give back."},
    "consent": {"consent": "on"},
}


# --- Which forms ask it ---------------------------------------------------------------------------


def test_a_new_mentor_form_asks_it_in_three_languages_and_a_mentee_form_does_not(mentor_form, mentee_form):
    question = mentor_form.questions.get(builtin=CAPACITY)
    assert (question.page, question.required) == ("languages_place", False)
    labels = dict(question.translations.values_list("language", "label"))
    assert set(labels) == {"sv", "sv-easyread", "en", "ar"}
    assert labels["en"] == LABEL
    assert not mentee_form.questions.filter(builtin=CAPACITY).exists()
    assert SPECS[CAPACITY].asked_of("mentor") and not SPECS[CAPACITY].asked_of("mentee")


def test_the_mentor_page_shows_the_question_with_one_chosen_and_the_mentee_page_does_not(
    client, mentor_form, mentee_form
):
    page = client.get(step_url(mentor_form, "languages_place", "en")).content.decode()
    assert LABEL in page
    radios = re.findall(rf'<input type="radio" name="{CAPACITY}" value="(\d)"[^>]*>', page)
    assert radios == ["1", "2", "3"]
    assert re.search(rf'name="{CAPACITY}" value="1"[^>]* checked>', page)  # one unless they change it

    page = client.get(step_url(mentee_form, "languages_place", "en")).content.decode()
    assert LABEL not in page and f'name="{CAPACITY}"' not in page


def test_the_editor_offers_it_for_mentor_forms_only(client, coordinator, mentor_form, mentee_form):
    mentor_form.questions.filter(builtin=CAPACITY).delete()
    client.force_login(coordinator)
    offered = client.get(reverse("applications:questions", args=[mentor_form.pk])).content.decode()
    assert f'<option value="{CAPACITY}">' in offered
    offered = client.get(reverse("applications:questions", args=[mentee_form.pk])).content.decode()
    assert f'<option value="{CAPACITY}">' not in offered

    response = client.post(reverse("applications:builtin_add", args=[mentee_form.pk]), {"key": CAPACITY})
    assert response.status_code == 200 and not mentee_form.questions.filter(builtin=CAPACITY).exists()
    with pytest.raises(EditError):
        add_builtin_question(mentee_form, CAPACITY, by=coordinator, now=timezone.now())

    client.post(reverse("applications:builtin_add", args=[mentor_form.pk]), {"key": CAPACITY})
    added = mentor_form.questions.get(builtin=CAPACITY)
    assert set(added.translations.values_list("language", flat=True)) == {"sv", "sv-easyread", "en", "ar"}


def test_mentor_forms_made_before_the_question_existed_get_it_from_the_migration(mentor_form, mentee_form):
    mentor_form.questions.filter(builtin=CAPACITY).delete()
    migration = importlib.import_module("tandem.applications.migrations.0002_mentee_capacity")

    migration.ask_existing_mentor_forms(apps, None)
    migration.ask_existing_mentor_forms(apps, None)  # once per form, however often it runs

    question = mentor_form.questions.get(builtin=CAPACITY)
    last = mentor_form.questions.exclude(pk=question.pk).order_by("-order").first()
    assert (question.page, question.required, question.order > last.order) == ("languages_place", False, True)
    labels = dict(question.translations.values_list("language", "label"))
    assert set(labels) == {"sv", "en", "ar"} and labels["en"] == LABEL
    assert not mentee_form.questions.filter(builtin=CAPACITY).exists()


# --- The answer -----------------------------------------------------------------------------------


def test_the_answer_is_stored_with_the_application_and_shown_on_the_summary(client, mentor_form):
    fill_pages(client, mentor_form, MENTOR_ANSWERS, lang="en")
    summary = client.get(summary_url(mentor_form, "en")).content.decode()
    assert LABEL in summary

    send(client, mentor_form, "en")
    assert Application.objects.get().mentee_capacity == 2


def test_a_mentor_who_leaves_the_default_takes_one(client, mentor_form):
    answers = {**MENTOR_ANSWERS, "languages_place": {**MENTOR_ANSWERS["languages_place"], CAPACITY: "1"}}
    fill_pages(client, mentor_form, answers)
    send(client, mentor_form)
    assert Application.objects.get().mentee_capacity == 1


def test_only_one_two_or_three_is_taken(client, mentor_form):
    answers = {**MENTOR_ANSWERS["languages_place"], CAPACITY: "7"}
    response = client.post(step_url(mentor_form, "languages_place", "en"), answers)
    assert response.status_code == 200
    assert CAPACITY in response.context["page_form"].errors

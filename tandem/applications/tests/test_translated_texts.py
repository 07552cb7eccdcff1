"""Every text the coordinator writes for applicants can be translated for each language the form offers,
and the form shows the translation, or the Swedish text marked as Swedish."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.applications.models import Question, QuestionTranslation
from tandem.applications.tests.helpers import step_url

pytestmark = pytest.mark.django_db


def landing(client, form, lang):
    return client.get(reverse("apply:landing", kwargs={"slug": form.slug, "lang": lang})).content.decode()


def test_who_can_apply_intro_and_questions_are_shown_translated(client, coordinator, mentee_form):
    program = mentee_form.program
    program.mentee_target_group = "Ekonomer med utländsk examen som bor i Skåne."
    program.save(update_fields=["mentee_target_group"])
    question = Question.objects.create(form=mentee_form, custom_type="yes_no", page="custom", order=99)
    QuestionTranslation.objects.create(question=question, language="sv", label="Har du körkort?")
    client.force_login(coordinator)
    url = reverse("applications:translation_edit", args=[mentee_form.pk, "en"])
    editor = client.get(url).content.decode()
    assert "Ekonomer med utländsk examen som bor i Skåne." in editor  # the Swedish source beside it
    client.post(
        url,
        {
            "target_group": "Economists with a degree from abroad who live in Skåne.",
            "intro": "Welcome!",
            f"label_{question.pk}": "Do you have a driving licence?",
        },
    )
    client.post(
        reverse("applications:translation_edit", args=[mentee_form.pk, "ar"]),
        {"target_group": "اقتصاديون يحملون شهادة من الخارج ويسكنون في سكونه."},
    )
    client.logout()

    page = landing(client, mentee_form, "en")
    assert "Economists with a degree from abroad who live in Skåne." in page
    assert "Ekonomer med utländsk examen" not in page and "only in Swedish" not in page
    assert "Welcome!" in page
    assert (
        "Do you have a driving licence?" in client.get(step_url(mentee_form, "custom", "en")).content.decode()
    )
    page = landing(client, mentee_form, "ar")
    assert "اقتصاديون يحملون شهادة من الخارج ويسكنون في سكونه." in page
    # No translation: the Swedish text, marked as Swedish.
    mentee_form.target_group_translations = {}
    mentee_form.save(update_fields=["target_group_translations"])
    page = landing(client, mentee_form, "en")
    assert '<div lang="sv" dir="auto"><p>Ekonomer med utländsk examen som bor i Skåne.</p></div>' in page
    assert "only in Swedish" in page
    assert "<div><p>Ekonomer med utländsk examen" in landing(client, mentee_form, "sv")

"""The ready surveys: their content is pinned, so that tidying `templates_data.py` (questions shared by
mentees' and mentors' templates) cannot change a word of what programs copy; and a copy holds exactly the
template's questions in every language."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest
from django.utils import timezone

from tandem.followup.models import Question
from tandem.followup.services import copy_template
from tandem.followup.templates_data import TEMPLATES

# Change it only together with a deliberate change of a template's wording (and say so in the commit).
CONTENT_DIGEST = "6575f6eb8c6fb77bd0390457e3e77548d36d47693c03b5beb713c8f4c5ac24e2"


def test_the_templates_content_is_what_it_was():
    content = json.dumps([dataclasses.asdict(t) for t in TEMPLATES], ensure_ascii=False, sort_keys=True)
    assert hashlib.sha256(content.encode()).hexdigest() == CONTENT_DIGEST


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.key)
def test_a_copied_survey_holds_the_templates_questions(program, template):
    survey = copy_template(program, template.kind, template.audience, by=None, now=timezone.now())
    questions = Question.objects.filter(version__survey=survey).prefetch_related("translations")
    copied = [
        (
            q.key,
            q.kind,
            q.required,
            q.new_page,
            {t.language: (t.label, t.choices) for t in q.translations.all()},
        )
        for q in questions.order_by("order")
    ]
    assert copied == [
        (
            spec.key,
            spec.kind,
            spec.required,
            spec.new_page,
            {language: (label, spec.choices.get(language, [])) for language, label in spec.labels.items()},
        )
        for spec in template.questions
    ]

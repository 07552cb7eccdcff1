"""Mentors say how many mentees they can take on (1, 2 or 3): staff type it in from a paper form, an
import column fills it, and the paper form has boxes to tick for it (the question itself:
tandem/applications/tests/test_mentee_capacity.py)."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from tandem.applications.builtins import Builtin
from tandem.intake.answers import active_questions, answer_field
from tandem.intake.columns import guess_mapping, raw_value, targets_for
from tandem.intake.template_files import template_rows

CAPACITY = Builtin.MENTEE_CAPACITY
LABEL = "How many mentees can you take on at the same time?"


def test_staff_type_it_in_from_a_select_where_not_answered_stays_unknown(mentor_form):
    question = mentor_form.questions.get(builtin=CAPACITY)
    field = answer_field(question, "en")
    assert [value for value, _label in field.choices] == ["", "1", "2", "3"]
    assert field.clean("") is None and field.clean("3") == 3


def test_an_import_column_fills_it(mentor_form):
    questions = active_questions(mentor_form)
    targets = targets_for(questions, "en")
    header = ["First name", "Last name", "E-mail", LABEL]
    assert guess_mapping(header, targets, "mentor") == ["first_name", "last_name", "email", CAPACITY]

    target = next(t for t in targets if t.key == CAPACITY)
    field = answer_field(target.question, "en")
    assert field.clean(raw_value(target, " 2 ")) == 2
    assert field.clean(raw_value(target, "")) is None

    headings, example = template_rows(targets, "mentor", "en")
    assert field.clean(raw_value(target, example[headings.index(target.label)])) == 1


def test_the_paper_form_has_boxes_to_tick_for_it(client, coordinator, mentor_form):
    client.force_login(coordinator)
    url = reverse("intake:paper_pdf", args=[mentor_form.program.pk, "mentor"]) + "?lang=en"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    question = text[text.index(LABEL) :]
    assert "Most mentors have one mentee." in question
    assert question.split("Most mentors have one mentee.", 1)[1].split()[:3] == ["1", "2", "3"]  # boxes

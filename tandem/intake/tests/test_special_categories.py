"""Only the web form asks an applicant's own explicit consent to a question of a special category
(union membership, health, origin…), so paper forms, typing in, interviews and imports leave it out."""

from __future__ import annotations

from tandem.applications.models import Question, QuestionTranslation
from tandem.intake.answers import active_questions


def test_paper_interview_and_import_never_take_a_special_category_answer(mentee_form):
    union = Question.objects.create(
        form=mentee_form, custom_type="yes_no", page="custom", order=999, special_category="union"
    )
    QuestionTranslation.objects.create(question=union, language="sv", label="Är du medlem i facket?")
    plain = Question.objects.create(form=mentee_form, custom_type="short_text", page="custom", order=998)

    asked = active_questions(mentee_form)

    assert plain in asked and union not in asked

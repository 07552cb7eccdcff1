"""The application forms carried into the copy for the next cohort (registered with `programs.copying`):
each form with its settings, its questions (built-in and custom) with every translation, and its current
consent texts as version 1. The copy is unpublished and has no dates: the coordinator sets them."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Prefetch

from tandem.applications.models import ApplicationForm, ConsentText, Question, QuestionTranslation
from tandem.programs.models import Program
from tandem.requirements.copying import point_at_copied_questions


def copy_forms(source: Program, copy: Program, *, by, now: datetime) -> None:
    forms = ApplicationForm.objects.filter(program=source).prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.filter(removed_at__isnull=True).prefetch_related("translations"),
        )
    )
    copied: dict[int, int] = {}
    for form in forms:
        new_form = ApplicationForm.objects.create(
            program=copy,
            role=form.role,
            cap=form.cap,
            intro=form.intro,
            intro_translations=form.intro_translations,
            target_group_translations=form.target_group_translations,
            contact_email=form.contact_email,
            answer_weeks=form.answer_weeks,
            created_at=now,
        )
        questions = list(form.questions.all())
        new_questions = Question.objects.bulk_create(
            Question(
                form=new_form,
                builtin=q.builtin,
                custom_type=q.custom_type,
                required=q.required,
                page=q.page,
                order=q.order,
                scale_min=q.scale_min,
                scale_max=q.scale_max,
                copied_from=q,
            )
            for q in questions
        )
        copied.update((old.pk, new.pk) for old, new in zip(questions, new_questions, strict=True))
        QuestionTranslation.objects.bulk_create(
            QuestionTranslation(
                question=new, language=t.language, label=t.label, help_text=t.help_text, choices=t.choices
            )
            for old, new in zip(questions, new_questions, strict=True)
            for t in old.translations.all()
        )
        latest = form.consent_texts.order_by("-version").values_list("version", flat=True).first()
        if latest is not None:
            ConsentText.objects.bulk_create(
                ConsentText(
                    program=copy, form=new_form, version=1, language=t.language, text=t.text, created_by=by
                )
                for t in form.consent_texts.filter(version=latest)
            )
    # The requirement profiles (copied before the forms) point at the copied questions.
    point_at_copied_questions(copy, copied)

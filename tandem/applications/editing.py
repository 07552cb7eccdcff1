"""Coordinators edit a form: its settings, custom questions, translations and consent text.

Every change is audit-logged with ids and codes only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Max

from tandem.applications.builtins import CORE, SPECS
from tandem.applications.consent import with_additions
from tandem.applications.models import ApplicationForm, ConsentText, Question, QuestionTranslation
from tandem.applications.services import seed_builtin_translations
from tandem.audit.services import log_action


class EditError(ValueError):
    """A change the editor refuses; `str()` is a message for the coordinator."""


@dataclass
class Words:
    """A question's words in one language: label, help and, for choice questions, the choices."""

    label: str
    help_text: str = ""
    choices: list[str] = field(default_factory=list)


def _log(action: str, form: ApplicationForm, *, by, now: datetime, target=None, **data) -> None:
    log_action(action, actor=by, program=form.program, target=target or form, data=data, now=now)


@transaction.atomic
def save_form_settings(form: ApplicationForm, *, changed: list[str], by, now: datetime) -> ApplicationForm:
    """Save a form whose settings a ModelForm has filled in (`changed`: the names of changed fields)."""
    form.save()
    _log("application_form.settings_changed", form, by=by, now=now, fields=sorted(changed))
    return form


@transaction.atomic
def raise_address_limit(
    form: ApplicationForm, *, limit: int | None, until: datetime | None, by, now: datetime
) -> ApplicationForm:
    """Let `limit` applications an hour come from one client address until `until` (a class or a library
    applying together at an event); `limit=None` goes back to the default at once. Audited."""
    if limit is not None and (until is None or until <= now):
        raise EditError("A raised limit needs an end in the future")
    form.address_limit, form.address_limit_until = limit, until if limit is not None else None
    form.save(update_fields=["address_limit", "address_limit_until", "updated_at"])
    _log(
        "application_form.address_limit_changed",
        form,
        by=by,
        now=now,
        limit=limit,
        until=until.isoformat() if limit is not None and until else None,
    )
    return form


def _next_order(form: ApplicationForm) -> int:
    return (form.questions.aggregate(top=Max("order"))["top"] or 0) + 10


@transaction.atomic
def add_custom_question(
    form: ApplicationForm,
    *,
    custom_type: str,
    required: bool,
    page: str,
    words: Words,
    scale_min: int = 1,
    scale_max: int = 5,
    special_category: str = "",
    by,
    now: datetime,
) -> Question:
    """A custom question; one of a special category (`SpecialCategory`) is never required."""
    question = Question.objects.create(
        form=form,
        custom_type=custom_type,
        required=required and not special_category,
        special_category=special_category,
        page=page,
        order=_next_order(form),
        scale_min=scale_min,
        scale_max=scale_max,
    )
    QuestionTranslation.objects.create(
        question=question, language="sv", label=words.label, help_text=words.help_text, choices=words.choices
    )
    _log(
        "application_form.question_added",
        form,
        by=by,
        now=now,
        target=question,
        type=custom_type,
        special_category=special_category,
    )
    return question


@transaction.atomic
def add_builtin_question(form: ApplicationForm, key: str, *, by, now: datetime) -> Question:
    """Ask one more built-in question (e.g. gender), worded in sv/en/ar from the start."""
    if key not in SPECS or not SPECS[key].asked_of(form.role) or form.questions.filter(builtin=key).exists():
        raise EditError(key)
    spec = SPECS[key]
    question = Question.objects.create(
        form=form, builtin=key, required=False, page=spec.page, order=_next_order(form)
    )
    seed_builtin_translations(question, form.role)
    _log("application_form.question_added", form, by=by, now=now, target=question, builtin=key)
    return question


@transaction.atomic
def update_question(
    question: Question,
    *,
    required: bool,
    page: str | None = None,
    words: Words,
    scale_min: int | None = None,
    scale_max: int | None = None,
    special_category: str | None = None,
    by,
    now: datetime,
) -> Question:
    """Change a question and its Swedish wording. A built-in question keeps its page, and the core
    questions (name, e-mail) stay required; a custom question of a special category is never required."""
    if question.is_builtin:
        question.required = required or question.builtin in CORE
    else:
        if special_category is not None:
            question.special_category = special_category
        question.required = required and not question.special_category
        question.page = page or question.page
        if scale_min is not None and scale_max is not None:
            question.scale_min, question.scale_max = scale_min, scale_max
    question.save()
    QuestionTranslation.objects.update_or_create(
        question=question,
        language="sv",
        defaults={"label": words.label, "help_text": words.help_text, "choices": words.choices},
    )
    _log("application_form.question_changed", question.form, by=by, now=now, target=question)
    return question


@transaction.atomic
def move_question(question: Question, direction: str, *, by, now: datetime) -> None:
    """Swap a question with its neighbour on the same page ("up" or "down")."""
    siblings = list(
        Question.objects.select_for_update()
        .filter(form_id=question.form_id, page=question.page, removed_at__isnull=True)
        .order_by("order", "id")
    )
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    base = min(q.order for q in siblings)
    for position, sibling in enumerate(siblings):
        sibling.order = base + position
    Question.objects.bulk_update(siblings, ["order"])
    _log(
        "application_form.question_moved", question.form, by=by, now=now, target=question, direction=direction
    )


@transaction.atomic
def remove_question(question: Question, *, by, now: datetime) -> None:
    """Take a question off the form. One that has answers is kept out of sight (the answers stay);
    name and e-mail cannot be removed."""
    if question.builtin in CORE:
        raise EditError(question.builtin)
    form = question.form
    _log("application_form.question_removed", form, by=by, now=now, target=question)
    if question.answers.exists():
        question.removed_at = now
        question.save(update_fields=["removed_at"])
    else:
        question.delete()


@transaction.atomic
def save_translations(
    form: ApplicationForm,
    language: str,
    words: dict[int, Words],
    *,
    intro: str,
    target_group: str = "",
    by,
    now: datetime,
) -> None:
    """Store the form's wording in `language` (not Swedish, the source). An empty label removes that
    question's translation, so the question falls back to Swedish."""
    if language == "sv":
        raise EditError(language)
    questions = {q.pk: q for q in form.questions.filter(pk__in=list(words))}
    for question_id, item in words.items():
        if question_id not in questions:
            continue
        if item.label.strip():
            QuestionTranslation.objects.update_or_create(
                question_id=question_id,
                language=language,
                defaults={"label": item.label, "help_text": item.help_text, "choices": item.choices},
            )
        else:
            QuestionTranslation.objects.filter(question_id=question_id, language=language).delete()
    translations = dict(form.intro_translations or {})
    if intro.strip():
        translations[language] = intro
    else:
        translations.pop(language, None)
    form.intro_translations = translations
    groups = dict(form.target_group_translations or {})
    if target_group.strip():
        groups[language] = target_group
    else:
        groups.pop(language, None)
    form.target_group_translations = groups
    form.save(update_fields=["intro_translations", "target_group_translations", "updated_at"])
    _log("application_form.translated", form, by=by, now=now, language=language)


def current_consent_texts(form: ApplicationForm) -> tuple[int, dict[str, ConsentText]]:
    """The newest version number and its texts by language ((0, {}) when there is none)."""
    latest = form.consent_texts.aggregate(top=Max("version"))["top"] or 0
    return latest, {text.language: text for text in form.consent_texts.filter(version=latest)}


@transaction.atomic
def save_consent_texts(form: ApplicationForm, texts: dict[str, str], *, by, now: datetime) -> int:
    """Store the consent text as a new version when any language changed; returns the version in use.

    Old versions are never changed: each application points at the exact text its applicant agreed to.
    """
    ApplicationForm.objects.select_for_update().filter(pk=form.pk).first()
    version, current = current_consent_texts(form)
    wanted = {language: text.strip() for language, text in texts.items() if text.strip()}
    if "sv" not in wanted:
        raise EditError("sv")
    wanted = {language: with_additions(form.program, language, text) for language, text in wanted.items()}
    if wanted == {language: row.text for language, row in current.items()}:
        return version
    ConsentText.objects.bulk_create(
        ConsentText(
            program=form.program,
            form=form,
            version=version + 1,
            language=language,
            text=text,
            created_at=now,
            created_by=by,
        )
        for language, text in sorted(wanted.items())
    )
    _log("application_form.consent_changed", form, by=by, now=now, version=version + 1)
    return version + 1

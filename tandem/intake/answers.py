"""The answers staff type in or import, checked by the same fields as the public form's and stored
through the same services (`services.submit_application`, or `bulk` for an import).

Staff write down what a person gave, so only the core questions (name and e-mail) are required here;
an unanswered question is "unknown" to the requirement profile, as on the web.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.applications.builtins import CORE, Builtin
from tandem.applications.drafts import to_submission
from tandem.applications.models import ApplicationForm, ConsentText, Question
from tandem.applications.public_forms import (
    builtin_field,
    chosen_languages,
    custom_field,
    language_fields,
    marked_label,
    wording,
)
from tandem.applications.services import Submission
from tandem.reference import data as reference
from tandem.reference.occupations import occupation_label, search_occupations

NOT_ANSWERED = ("", "–")


def active_questions(form: ApplicationForm) -> list[Question]:
    """The questions the form asks now, with their translations (two queries); not those of a special
    category (union membership, health, origin…): their answers need the applicant's own explicit
    consent, which only the web form asks for, so paper, interview and import never take them."""
    questions = form.questions.filter(removed_at__isnull=True, special_category="")
    return list(questions.prefetch_related("translations"))


def typed_questions(questions: list[Question]) -> list[Question]:
    """The questions staff can type an answer to: all but the CV upload."""
    return [question for question in questions if question.builtin != Builtin.CV]


def validate_unit_group(value: str) -> None:
    """An occupation is an SSYK 2012 unit group (four digits), as on the public form."""
    group = reference.ssyk_groups().get(value) if value else None
    if value and (group is None or group.level != 4):
        raise ValidationError(_("Choose an occupation from the list."), code="unknown_ssyk")


def occupation_hits(query: str, current: str, language: str) -> list[tuple[str, str]]:
    """The unit groups the staff member's search finds, as (code, "Title (2411)") — the public form's
    search — with the occupation chosen before first when the search does not find it."""
    hits = [
        (hit.code, occupation_label(hit.code, language))
        for hit in search_occupations(query, language=language)
    ]
    if current and current not in {code for code, _label in hits} and current in reference.ssyk_codes():
        hits.insert(0, (current, occupation_label(current, language)))
    return hits


def _as_select(made: forms.Field) -> forms.Field:
    """Radio buttons become a select for staff: quicker to fill in from a paper, one label per field."""
    if isinstance(made.widget, forms.RadioSelect) and isinstance(made, forms.ChoiceField):
        choices = [choice for choice in made.choices if choice[0] != ""]
        made.choices = [NOT_ANSWERED, *choices]
        made.widget = forms.Select(choices=made.choices)
    return made


def answer_field(question: Question, language: str) -> forms.Field:
    """The field for one question (not the CV, not the languages: see `language_fields`)."""
    words = wording(question, language)
    required = question.builtin in CORE
    if question.builtin in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
        # Chosen among the hits of a search (`occupation_hits`), not from a list of 430 groups.
        made: forms.Field = forms.CharField(
            required=False, max_length=4, validators=[validate_unit_group], widget=forms.RadioSelect
        )
    elif question.builtin:
        made = builtin_field(question.builtin, required)
    else:
        made = custom_field(question, words)
        made.required = False
    made = _as_select(made)
    made.label = marked_label(words, language)
    made.help_text = (
        "" if question.builtin in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED) else words.help_text
    )
    return made


def answer_fields(questions: list[Question], language: str) -> dict[str, forms.Field]:
    """Form fields by name for every question staff can type in, in the form's order."""
    fields: dict[str, forms.Field] = {}
    for question in typed_questions(questions):
        if question.builtin == Builtin.OTHER_LANGUAGES:
            fields.update(language_fields())
        else:
            fields[question.key] = answer_field(question, language)
            if question.builtin in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
                fields[f"{question.key}_query"] = forms.CharField(
                    label=_("Search for an occupation"),
                    required=False,
                    max_length=100,
                    widget=forms.TextInput(
                        attrs={"type": "search", "data-search-button": f"{question.key}-search"}
                    ),
                )
    return fields


def answer_values(cleaned: dict[str, Any], questions: list[Question]) -> dict[str, Any]:
    """Cleaned answers by question key, in the shape the public form's draft keeps them."""
    values: dict[str, Any] = {}
    for question in typed_questions(questions):
        if question.builtin == Builtin.OTHER_LANGUAGES:
            values[question.key] = chosen_languages(cleaned)
        else:
            values[question.key] = cleaned.get(question.key)
    return values


@dataclass
class Filled:
    """Answers in the shape of the public form's draft, so that `drafts.to_submission` turns them into a
    Submission exactly as it does for the web (choices stored by their Swedish labels, and so on)."""

    values: dict[str, Any]
    cv: dict[str, Any] | None = field(default=None)


def staff_submission(
    questions: list[Question],
    values: dict[str, Any],
    *,
    language: str,
    consent: ConsentText | None,
    channel: str,
    by,
    cv: dict[str, Any] | None = None,
) -> Submission:
    submission = to_submission(Filled(values, cv), questions, language=language, consent=consent)
    submission.channel = channel
    submission.entered_by = by
    return submission

"""The summary page: every answer of the draft in words, page by page, with a link to change it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tandem.applications.builtins import Builtin, Page
from tandem.applications.drafts import Draft
from tandem.applications.models import Question
from tandem.applications.public_forms import Wording, wording
from tandem.reference import data as reference
from tandem.reference.choices import (
    EmploymentStatus,
    Gender,
    GenderWish,
    LanguageLevel,
    MeetingFormat,
    SwedishLevel,
)
from tandem.reference.languages import spoken_language_name
from tandem.reference.occupations import group_title_for

CHOICE_LABELS = {
    Builtin.GENDER: Gender,
    Builtin.EMPLOYMENT_STATUS: EmploymentStatus,
    Builtin.SWEDISH_LEVEL: SwedishLevel,
    Builtin.MEETING_FORMAT: MeetingFormat,
    Builtin.MENTOR_GENDER_WISH: GenderWish,
}


@dataclass(frozen=True)
class Row:
    words: Wording
    answer: str
    ltr: bool = False  # a phone number or e-mail address: a left-to-right island on a right-to-left page
    lang: str = ""  # the answer's language when it is not the page's (a Swedish place name on an Arabic page)


# Answers written left to right whatever the page's direction.
LTR_ANSWERS = frozenset({Builtin.EMAIL, Builtin.PHONE})


def _answer_language(key: str, value: Any, language: str) -> str:
    """The language a built-in answer is shown in, when it differs from the page's."""
    if not value:
        return ""
    if key in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
        shown = group_title_for(value, language)[1]
        return "" if shown == language else shown
    if key == Builtin.MUNICIPALITY and language != "sv":
        return "sv"  # Swedish place names
    return ""


@dataclass(frozen=True)
class Section:
    page: str
    title: str
    rows: list[Row]


def _builtin_answer(key: str, value: Any, draft: Draft, language: str) -> str:
    if key == Builtin.CV:
        return (draft.cv or {}).get("original", "")
    if key in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED) and not value:
        return draft.values.get(f"{key}_own") or ""  # in the applicant's own words
    if value in (None, "", []):
        return ""
    if key in CHOICE_LABELS:
        return str(CHOICE_LABELS[key](value).label)
    if key in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
        title = group_title_for(value, language)[0]
        return f"{title} ({value})" if title else value
    if key == Builtin.MUNICIPALITY:
        place = reference.municipalities().get(value)
        return place.name if place else value
    if key == Builtin.OTHER_LANGUAGES:
        return ", ".join(
            f"{spoken_language_name(item['code'])}: {LanguageLevel(item['level']).label}" for item in value
        )
    return str(value)


def _custom_answer(question: Question, words: Wording, value: Any) -> str:
    if value in (None, "", []):
        return ""
    kind = question.custom_type
    if kind in (Question.CustomType.SINGLE_CHOICE, Question.CustomType.MULTIPLE_CHOICE):
        picked = [value] if isinstance(value, str) else value
        return ", ".join(words.choices[int(i)] for i in picked if int(i) < len(words.choices))
    if kind == Question.CustomType.YES_NO:
        return _("Yes") if value == "yes" else _("No")
    return str(value)


def summary_sections(
    pages: list[str], questions: list[Question], draft: Draft, language: str
) -> list[Section]:
    sections = []
    for page in pages:
        if page == Page.CONSENT:
            continue
        rows = []
        for question in questions:
            if question.page != page:
                continue
            words = wording(question, language)
            value = draft.values.get(question.key)
            if question.builtin:
                answer = _builtin_answer(question.builtin, value, draft, language)
                rows.append(
                    Row(
                        words,
                        answer,
                        ltr=question.builtin in LTR_ANSWERS,
                        lang=_answer_language(question.builtin, value, language),
                    )
                )
            else:
                rows.append(Row(words, _custom_answer(question, words, value)))
        sections.append(Section(page, str(Page(page).label), rows))
    return sections

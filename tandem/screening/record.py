"""The applicant's whole record for staff: every answer in words, the screening result, the duplicates.

Labels are in the staff member's language; the applicant's own words are shown as they wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.applications.builtins import SPECS, Builtin
from tandem.applications.models import Answer, Application, Question, QuestionTranslation
from tandem.outbox.models import OutboxMessage
from tandem.reference import data as reference
from tandem.reference.choices import Importance
from tandem.reference.languages import spoken_language_name
from tandem.reference.occupations import occupation_label, search_occupations
from tandem.requirements.evaluation import FAILED, NEEDS_MAPPING, UNKNOWN, Reason

LONG_TEXTS = frozenset(
    {
        Builtin.AVAILABILITY,
        Builtin.ABOUT_ME,
        Builtin.SKILLS,
        Builtin.MOTIVATION,
        Builtin.EXPECTATIONS,
        Builtin.MATCH_WISHES,
        Builtin.EXCLUSIONS,
    }
)


@dataclass(frozen=True)
class AnswerRow:
    label: str
    value: str
    long: bool = False


def _staff_language() -> str:
    return "sv" if (get_language() or "sv").startswith("sv") else "en"


def _builtin_value(application: Application, key: str) -> str:
    value = getattr(application, key)
    if value in (None, "", []):
        return ""
    field = Application._meta.get_field(key)
    if field.choices:
        return str(getattr(application, f"get_{key}_display")())
    if key in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
        label = occupation_label(value, _staff_language())
        own = getattr(application, f"{key}_text")
        return _("%(code)s (mapped from “%(own)s”)") % {"code": label, "own": own} if own else label
    if key == Builtin.MUNICIPALITY:
        place = reference.municipalities().get(value)
        return f"{place.name} ({place.county_name})" if place else value
    if key == Builtin.OTHER_LANGUAGES:
        return ", ".join(
            f"{spoken_language_name(item['code'])} {item.get('level', '')}".strip() for item in value
        )
    return str(value)


@dataclass(frozen=True)
class OwnWords:
    """An occupation the applicant wrote in their own words, for the coordinator to map to SSYK."""

    column: str  # "occupation_now" or "occupation_wanted"
    question: str
    text: str
    mapped: str  # the SSYK group it is mapped to now, as "Title (code)", or ""
    query: str = ""  # what the coordinator searched for (defaults to the own words)
    hits: tuple[tuple[str, str], ...] = ()  # (code, "Title (code)") to choose from


def _suggested_codes(query: str, language: str, limit: int = 10) -> list[str]:
    """The groups the words find: the whole text first, then each word of it (longest first), so that
    "Revisor i Damaskus" suggests the accountants."""
    codes: list[str] = []
    words = sorted({word for word in query.split() if len(word) >= 3}, key=len, reverse=True)
    for part in [query, *words]:
        for hit in search_occupations(part, language=language):
            if hit.code not in codes:
                codes.append(hit.code)
    return codes[:limit]


def own_word_occupations(application: Application, searches: dict[str, str]) -> list[OwnWords]:
    """The occupations given in the applicant's own words, each with the groups the coordinator's search
    finds (`searches`: {column: words}; the own words themselves at first)."""
    found = []
    language = _staff_language()
    for column in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
        text = getattr(application, f"{column}_text")
        if not text:
            continue
        code = getattr(application, column)
        query = searches.get(column) or text
        hits = tuple((code, occupation_label(code, language)) for code in _suggested_codes(query, language))
        found.append(
            OwnWords(
                str(column),
                str(Builtin(column).label),
                text,
                occupation_label(code, language) if code else "",
                query,
                hits,
            )
        )
    return found


def builtin_rows(application: Application) -> list[AnswerRow]:
    """The built-in facts the applicant gave, in the form's usual order; empty ones are left out."""
    rows = []
    for key in SPECS:
        if key == Builtin.CV:
            continue
        value = _builtin_value(application, key)
        if not value and key in (Builtin.OCCUPATION_NOW, Builtin.OCCUPATION_WANTED):
            own = getattr(application, f"{key}_text")
            value = _("“%(own)s” (in own words, not mapped yet)") % {"own": own} if own else ""
        if value:
            rows.append(AnswerRow(str(Builtin(key).label), value, long=key in LONG_TEXTS))
    return rows


def answers_with_questions(application: Application, *, special: bool) -> list[Answer]:
    """The custom answers with their questions and the questions' wordings: two queries. Without
    `special` (partner coordinators; `ProgramAccess.sees_special_categories`), answers to questions of a
    special category are left out."""
    answers = application.answers.select_related("question")
    if not special:
        answers = answers.filter(question__special_category="")
    return list(
        answers.prefetch_related(
            Prefetch("question__translations", queryset=QuestionTranslation.objects.all())
        )
    )


def _custom_value(
    question: Question, value: Any, wordings: dict[str, QuestionTranslation], language: str
) -> str:
    if value in (None, "", []):
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if question.custom_type in (Question.CustomType.SINGLE_CHOICE, Question.CustomType.MULTIPLE_CHOICE):
        # Choices are stored by their Swedish wording; show the staff language's wording of the same choice.
        swedish = list(wordings["sv"].choices) if "sv" in wordings else []
        local = list(wordings[language].choices) if language in wordings else swedish
        picked = [value] if isinstance(value, str) else list(value)
        shown = [
            local[swedish.index(p)] if p in swedish and len(local) == len(swedish) else p for p in picked
        ]
        return ", ".join(str(item) for item in shown)
    return str(value)


def custom_rows(answers: list[Answer]) -> list[AnswerRow]:
    language = _staff_language()
    rows = []
    for answer in answers:
        question = answer.question
        wordings = {t.language: t for t in question.translations.all()}
        wording = wordings.get(language) or wordings.get("sv")
        label = wording.label if wording else _("Question %(number)s") % {"number": question.pk}
        value = _custom_value(question, answer.value, wordings, language)
        rows.append(AnswerRow(label, value, long=question.custom_type == Question.CustomType.LONG_TEXT))
    return rows


@dataclass(frozen=True)
class Screening:
    """The stored result of checking the application against the requirement profile."""

    evaluated: bool
    passes: bool | None
    score: int | None
    failed_musts: list[Reason]
    unknown_musts: list[Reason]
    failed_shoulds: list[Reason]
    unknown_shoulds: list[Reason]
    needs_mapping: bool = False  # an occupation in own words is not mapped to SSYK yet


_MAPPING_LISTS = {(Importance.MUST, UNKNOWN), (Importance.SHOULD, FAILED)}


def screening(application: Application) -> Screening:
    reasons = [Reason.from_json(flag) for flag in application.requirement_flags or []]

    def pick(importance: str, outcome: str) -> list[Reason]:
        # An occupation that needs mapping is listed with the unknown musts and the unmet shoulds.
        wanted = {outcome, NEEDS_MAPPING} if (importance, outcome) in _MAPPING_LISTS else {outcome}
        return [r for r in reasons if r.importance == importance and r.outcome in wanted]

    return Screening(
        evaluated=application.passes_requirements is not None,
        passes=application.passes_requirements,
        score=application.requirement_score,
        failed_musts=pick(Importance.MUST, FAILED),
        unknown_musts=pick(Importance.MUST, UNKNOWN),
        failed_shoulds=pick(Importance.SHOULD, FAILED),
        unknown_shoulds=pick(Importance.SHOULD, UNKNOWN),
        needs_mapping=any(r.outcome == NEEDS_MAPPING for r in reasons),
    )


def emails_to(application: Application) -> list[OutboxMessage]:
    """Every e-mail of the program to the applicant's address, newest first, with its state. The
    database narrows by the address as text (on SQLite and PostgreSQL alike); the exact check is here."""
    address = application.email.strip().lower()
    if not address:
        return []
    candidates = OutboxMessage.objects.filter(program_id=application.program_id, to__icontains=address).only(
        "to", "subject", "kind", "status", "created_at", "sent_at", "attempts", "last_error"
    )
    return [message for message in candidates if address in {to.strip().lower() for to in message.to}]


def same_email(application: Application) -> list[Application]:
    """The program's other applications with the same e-mail address, oldest first."""
    return list(
        Application.objects.filter(program_id=application.program_id, email__iexact=application.email)
        .exclude(pk=application.pk)
        .order_by("submitted_at", "id")
    )

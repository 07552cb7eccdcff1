"""A round's answers question by question, mentees and mentors side by side, from plain rows (testable
without a database). No figure is shown for a group of fewer than `MIN_GROUP` respondents, so that nobody
can be recognised by their answer."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tandem.followup.models import Answer, QuestionKind, Round
from tandem.followup.services import Wording, wording_of

MIN_GROUP = 5
ROLES = ("mentee", "mentor")
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


@dataclass
class Cell:
    count: int
    share: int  # per cent of the group's respondents to the question


@dataclass
class QuestionResult:
    key: str
    label: str
    kind: str
    respondents: dict[str, int] = field(default_factory=dict)  # role → how many answered it
    rows: list[tuple[str, dict[str, Cell | None]]] = field(default_factory=list)  # option → role → cell
    means: dict[str, float | None] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)

    def shown(self, role: str) -> bool:
        return self.respondents.get(role, 0) >= MIN_GROUP


def _options(kind: str, wording: Wording) -> list[tuple[Any, str]]:
    if kind in (QuestionKind.LIKERT, QuestionKind.GOALS):
        labels = list(wording.choices) or [""] * 5
        return [
            (n, f"{n} – {text}" if text else str(n)) for n, text in zip(range(1, 6), labels, strict=False)
        ]
    if kind == QuestionKind.SCALE10:
        return [(n, str(n)) for n in range(11)]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return list(enumerate(wording.choices))
    if kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
        from django.utils.translation import pgettext

        return [(True, pgettext("answer", "Yes")), (False, pgettext("answer", "No"))]
    return []


def summarise(
    questions: list[tuple[str, str, Wording]], answers: Iterable[tuple[str, str, str, Any]]
) -> list[QuestionResult]:
    """`questions`: (key, kind, wording) in order; `answers`: (role, key, row, value) of sent responses.
    Goal questions are summed over their rows (each row one answer)."""
    values: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for role, key, _row, value in answers:
        values[(key, role)].append(value)
    results = []
    for key, kind, wording in questions:
        result = QuestionResult(key, wording.label, kind)
        for role in ROLES:
            given = values.get((key, role), [])
            result.respondents[role] = len(given)
            if kind in TEXT_KINDS:
                result.texts[role] = [str(v) for v in given if v] if result.shown(role) else []
                continue
            numbers = [v for v in given if isinstance(v, int | float) and not isinstance(v, bool)]
            result.means[role] = (
                round(sum(numbers) / len(numbers), 1)
                if numbers and result.shown(role) and kind != QuestionKind.SINGLE
                else None
            )
        if kind not in TEXT_KINDS:
            counts = {
                role: Counter(
                    item
                    for value in values.get((key, role), [])
                    for item in (value if isinstance(value, list) else [value])
                )
                for role in ROLES
            }
            for option, label in _options(kind, wording):
                cells: dict[str, Cell | None] = {}
                for role in ROLES:
                    total = result.respondents[role]
                    count = counts[role][option]
                    cells[role] = Cell(count, round(100 * count / total)) if result.shown(role) else None
                result.rows.append((label, cells))
        results.append(result)
    return results


def round_questions(round_: Round, *, language: str) -> list[tuple[str, str, Wording]]:
    """The round's questions as (key, kind, wording): the current versions of its two surveys, matched
    by key, mentees' first."""
    questions: dict[str, tuple[str, str, Wording]] = {}
    for role in ROLES:
        survey = round_.survey_for(role)
        if survey is None:
            continue
        for question in survey.current_version().questions.prefetch_related("translations"):
            questions.setdefault(question.key, (question.key, question.kind, wording_of(question, language)))
    return list(questions.values())


def round_results(round_: Round, *, language: str) -> list[QuestionResult]:
    """The round's questions and the answers of every sent response, whatever version it answered:
    3 queries."""
    questions = round_questions(round_, language=language)
    answers = Answer.objects.filter(response__round=round_, response__completed_at__isnull=False).values_list(
        "response__role", "question__key", "row", "value"
    )
    return summarise(questions, answers)

"""A round's answers question by question, mentees and mentors side by side. The figures are made from
tallies, (role, key, value, how many), testable without a database; the database counts them
(`round_tallies`), so a page's time does not follow the number of answer rows. No figure is shown for a
group of fewer than `MIN_GROUP` respondents, so that nobody can be recognised by their answer."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

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
    asked: tuple[str, ...] = ROLES  # the roles the question is shown to ("shown to mentors only": one)

    def shown(self, role: str) -> bool:
        return role in self.asked and self.respondents.get(role, 0) >= MIN_GROUP


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
    questions: list[tuple[str, str, Wording]],
    answers: Iterable[tuple[str, str, str, Any]],
    *,
    asked: Mapping[str, tuple[str, ...]] | None = None,
) -> list[QuestionResult]:
    """`questions`: (key, kind, wording) in order; `answers`: (role, key, row, value) of sent responses.
    Goal questions are summed over their rows (each row one answer). Plain rows, one an answer: the
    pages use `summarise_tallies` with rows counted by the database, which comes to the same."""
    return summarise_tallies(
        questions, ((role, key, value, 1) for role, key, _row, value in answers), asked=asked
    )


def summarise_tallies(
    questions: list[tuple[str, str, Wording]],
    tallies: Iterable[tuple[str, str, Any, int]],
    *,
    asked: Mapping[str, tuple[str, ...]] | None = None,
) -> list[QuestionResult]:
    """As `summarise`, from (role, key, value, how many answers gave that value): a multiple-choice value
    (a list) counts for each of its choices; free text keeps the order of the tallies. `asked`: question
    key → the roles it is shown to (default both); a role's answers to a question not shown to it (from an
    older version that showed it to everyone) are not counted."""
    given: dict[tuple[str, str], list[tuple[Any, int]]] = defaultdict(list)
    for role, key, value, times in tallies:
        given[(key, role)].append((value, times))
    results = []
    for key, kind, wording in questions:
        result = QuestionResult(key, wording.label, kind, asked=(asked or {}).get(key, ROLES))
        counts: dict[str, Counter[Any]] = {}
        for role in ROLES:
            tally = given.get((key, role), []) if role in result.asked else []
            result.respondents[role] = sum(times for _value, times in tally)
            if kind in TEXT_KINDS:
                result.texts[role] = (
                    [str(v) for v, times in tally if v for _ in range(times)] if result.shown(role) else []
                )
                continue
            result.means[role] = _mean(tally) if result.shown(role) and kind != QuestionKind.SINGLE else None
            counts[role] = Counter()
            for value, times in tally:
                for item in value if isinstance(value, list) else [value]:
                    counts[role][item] += times
        if kind not in TEXT_KINDS:
            for option, label in _options(kind, wording):
                cells: dict[str, Cell | None] = {}
                for role in ROLES:
                    total = result.respondents[role]
                    count = counts[role][option]
                    cells[role] = Cell(count, round(100 * count / total)) if result.shown(role) else None
                result.rows.append((label, cells))
        results.append(result)
    return results


def _mean(tally: list[tuple[Any, int]]) -> float | None:
    """The mean of the numbers among the values (yes/no, choices and lists are not numbers)."""
    numbers = [(v, times) for v, times in tally if isinstance(v, int | float) and not isinstance(v, bool)]
    answered = sum(times for _v, times in numbers)
    return round(sum(v * times for v, times in numbers) / answered, 1) if answered else None


def round_questions(round_: Round, *, language: str) -> list[tuple[str, str, Wording]]:
    """The round's questions as (key, kind, wording): the current versions of its two surveys, matched
    by key, mentees' first."""
    return asked_questions(round_, language=language)[0]


def asked_questions(
    round_: Round, *, language: str
) -> tuple[list[tuple[str, str, Wording]], dict[str, tuple[str, ...]]]:
    """`round_questions`, and for each key the roles whose survey shows it to them (a question "shown to
    mentors only" is asked of mentors only, even in a survey both roles answer)."""
    questions: dict[str, tuple[str, str, Wording]] = {}
    asked: dict[str, list[str]] = defaultdict(list)
    for role in ROLES:
        survey = round_.survey_for(role)
        if survey is None:
            continue
        for question in survey.current_version().questions.prefetch_related("translations"):
            questions.setdefault(question.key, (question.key, question.kind, wording_of(question, language)))
            if question.shown_for(role):
                asked[question.key].append(role)
    return list(questions.values()), {key: tuple(asked[key]) for key in questions}


def round_results(round_: Round, *, language: str) -> list[QuestionResult]:
    """The round's questions and the answers of every sent response, whatever version it answered: two
    queries for the answers, however many there are. Each role counts only in the questions shown to it."""
    questions, asked = asked_questions(round_, language=language)
    return summarise_tallies(questions, round_tallies(round_, questions), asked=asked)


def round_tallies(
    round_: Round, questions: list[tuple[str, str, Wording]]
) -> list[tuple[str, str, Any, int]]:
    """(role, key, value, how many) of the round's sent answers: counted by the database per value
    (grouped on the stored JSON, which is the same text or jsonb for the same value on both databases),
    except free text, which is listed one answer a row in the order of the questions."""
    sent = Answer.objects.filter(response__round=round_, response__completed_at__isnull=False)
    counted = [key for key, kind, _wording in questions if kind not in TEXT_KINDS]
    texts = [key for key, kind, _wording in questions if kind in TEXT_KINDS]
    tallies: list[tuple[str, str, Any, int]] = []
    if counted:
        tallies += (
            sent.filter(question__key__in=counted)
            .values_list("response__role", "question__key", "value")
            .annotate(times=Count("pk"))
            .order_by()
        )
    if texts:
        rows = sent.filter(question__key__in=texts).order_by("question__order", "question_id", "row", "pk")
        tallies += (
            (role, key, value, 1)
            for role, key, value in rows.values_list("response__role", "question__key", "value")
        )
    return tallies

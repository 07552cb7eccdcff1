"""Cohort comparison: a round beside the same round of the earlier cohorts of its program line.

A program line is the programs linked by `Program.copied_from` (`programs/lines.py`). Earlier cohorts are
those of the line that started before this one. Questions are compared where they are the same: the same
`key` (kept across versions, copies and the ready templates) and the same kind of answer. Free text is not
compared, and no figure is shown for a group of fewer than five (as on the results page).

`compare` loads it all in a fixed number of queries, however many cohorts and answers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from tandem.followup.models import Answer, Round
from tandem.followup.results import (
    ROLES,
    TEXT_KINDS,
    Cell,
    QuestionResult,
    round_questions,
    summarise_tallies,
)
from tandem.programs import lines
from tandem.programs.models import Program

MAX_EARLIER = 4  # the latest four earlier cohorts are enough to see a trend and keep the table readable


@dataclass
class Cohort:
    program: Program
    round: Round
    current: bool
    results: dict[str, QuestionResult] = field(default_factory=dict)


@dataclass
class RoleRows:
    """One role's rows of a question's comparison table, one cell per cohort."""

    role: str
    answered: list[int]
    options: list[tuple[str, list[Cell | None]]]  # None: too few to show
    means: list[float | None] | None  # None when the question has no mean


@dataclass
class Comparison:
    cohorts: list[Cohort]
    questions: list[tuple[str, str, list[RoleRows]]]  # (key, label, the table) in this round's order


def _table(key: str, cohorts: list[Cohort]) -> list[RoleRows]:
    results = [cohort.results[key] for cohort in cohorts]
    current = results[-1]
    tables = []
    for role in ROLES:
        options = [
            (label, [dict(result.rows).get(label, {}).get(role) for result in results])
            for label, _cells in current.rows
        ]
        means = [result.means.get(role) for result in results]
        tables.append(
            RoleRows(
                role,
                [result.respondents.get(role, 0) for result in results],
                options,
                means if any(m is not None for m in means) else None,
            )
        )
    return tables


def earlier_cohorts(program: Program) -> list[Program]:
    """The earlier programs of the line, the latest last (one query)."""
    this = lines.started(program)
    return [p for p in lines.cohorts(program) if lines.started(p) < this][-MAX_EARLIER:]


def compare(round_: Round, *, language: str) -> Comparison:
    """This round and the same step of the earlier cohorts, question by question (5 queries)."""
    questions = [q for q in round_questions(round_, language=language) if q[1] not in TEXT_KINDS]
    programs = earlier_cohorts(round_.program)
    rounds = {
        r.program_id: r for r in Round.objects.filter(program__in=programs, step=round_.step).order_by()
    }
    cohorts = [Cohort(p, rounds[p.pk], current=False) for p in programs if p.pk in rounds]
    cohorts.append(Cohort(round_.program, round_, current=True))
    kinds = {key: kind for key, kind, _wording in questions}
    tallies: dict[int, list[tuple[str, str, object, int]]] = defaultdict(list)
    rows = (
        Answer.objects.filter(
            response__round__in=[c.round for c in cohorts],
            response__completed_at__isnull=False,
            question__key__in=list(kinds),
        )
        .values_list("response__round_id", "response__role", "question__key", "question__kind", "value")
        .annotate(times=Count("pk"))
        .order_by()
    )
    for round_id, role, key, kind, value, times in rows:  # counted per value by the database
        if kinds.get(key) == kind:  # the same question only if it is answered the same way
            tallies[round_id].append((role, key, value, times))
    for cohort in cohorts:
        cohort.results = {r.key: r for r in summarise_tallies(questions, tallies[cohort.round.pk])}
    return Comparison(
        cohorts, [(key, wording.label, _table(key, cohorts)) for key, _kind, wording in questions]
    )

"""The live pass count in the database: "N of M current applicants would pass" as one aggregate query.

`count_passing` gives the figures `evaluation.evaluate` would give applicant by applicant (only the
must-criteria decide whether someone passes), without loading the applicants: each must-criterion
becomes two conditions on the application's columns, *failed* (the value is known and does not meet
it) and *unknown* (no value), with the same rules as the checks in `evaluation.py`. An applicant passes
when no must failed and none is unknown; they need a check by hand when none failed but one is unknown.

A must about a language other than Swedish reads the JSON list of languages, which SQLite cannot
search; those criteria are checked in Python, on the one JSON column of the applicants the database
has not already ruled out. A must about a custom question of the form is a subquery on the answers (an
unanswered question fails, never unknown); one about a question with several choices, whose answer is a
JSON list, is checked in Python too, on the answers of the applicants left (one more query).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from tandem.applications.models import Answer, Application
from tandem.reference.choices import (
    CEFR_LEVELS,
    SFI_TO_CEFR,
    CriterionKind,
    Importance,
    MeetingFormat,
    Role,
    cefr_of,
    cefr_rank,
)
from tandem.requirements.applicants import PassCount
from tandem.requirements.evaluation import ApplicantFacts, CriterionLike, evaluate

KNOWN_LEVELS = frozenset(CEFR_LEVELS) | frozenset(SFI_TO_CEFR)
NOTHING = Q(pk__isnull=True)  # false for every row, and plain SQL


@dataclass(frozen=True)
class Conditions:
    """When one must-criterion fails for an application, and when it cannot be checked."""

    failed: Q
    unknown: Q


def _blank(column: str) -> Q:
    return Q(**{column: ""}) | Q(**{f"{column}__isnull": True})


def _known(column: str, met: Q) -> Conditions:
    """A text column: empty is unknown, otherwise it fails unless ``met``."""
    unknown = _blank(column)
    return Conditions(failed=~unknown & ~met, unknown=unknown)


def _number(column: str, low: int | None, high: int | None) -> Conditions:
    """A number column between ``low`` and ``high`` (either may be missing); null is unknown."""
    outside = NOTHING
    if low is not None:
        outside |= Q(**{f"{column}__lt": low})
    if high is not None:
        outside |= Q(**{f"{column}__gt": high})
    return Conditions(
        failed=Q(**{f"{column}__isnull": False}) & outside, unknown=Q(**{f"{column}__isnull": True})
    )


def _swedish(minimum: str) -> Conditions:
    good = {level for level in KNOWN_LEVELS if cefr_rank(cefr_of(level) or "") >= cefr_rank(minimum)}
    return Conditions(
        failed=Q(swedish_level__in=sorted(KNOWN_LEVELS - good)),
        unknown=~Q(swedish_level__in=sorted(KNOWN_LEVELS)),
    )


def _any_of(conditions: Iterable[Q]) -> Q:
    return reduce(or_, conditions, NOTHING)


def conditions(criterion: CriterionLike, role: str, today: date) -> Conditions | None:
    """The criterion as conditions on Application's columns; None when only Python can check it."""
    params = dict(criterion.params or {})
    kind = criterion.kind
    if kind == CriterionKind.EMPLOYMENT_STATUS:
        return _known("employment_status", Q(employment_status__in=params["statuses"]))
    if kind == CriterionKind.SWEDISH_LEVEL or (kind == CriterionKind.LANGUAGE and params["code"] == "sv"):
        return _swedish(params["min_level"])
    if kind == CriterionKind.OCCUPATION:
        column = "occupation_wanted" if role == Role.MENTEE else "occupation_now"
        prefixes = {code[: min(params["match_digits"], len(code))] for code in params["codes"]}
        return _known(column, _any_of(Q(**{f"{column}__startswith": p}) for p in sorted(prefixes)))
    if kind == CriterionKind.EXPERIENCE_YEARS:
        return _number("experience_years", params.get("min"), None)
    if kind == CriterionKind.YEARS_IN_SWEDEN:
        return _number("years_in_sweden", params.get("min"), params.get("max"))
    if kind == CriterionKind.REGION:
        counties = params.get("counties", [])
        met = Q(municipality__in=params.get("municipalities", [])) | _any_of(
            Q(municipality__startswith=c) if len(c) == 2 else Q(municipality=c)
            for c in counties
            if len(c) <= 2
        )
        return _known("municipality", met)
    if kind == CriterionKind.AGE_BAND:
        # Age is reached during today's year: age ≥ min ⇔ born in or before year − min, and so on.
        low, high = params.get("min"), params.get("max")
        return _number(
            "birth_year",
            None if high is None else today.year - high,
            None if low is None else today.year - low,
        )
    if kind == CriterionKind.MEETING_FORMAT:
        return _known("meeting_format", Q(meeting_format__in=[MeetingFormat.EITHER, *params["formats"]]))
    if kind == CriterionKind.CUSTOM_QUESTION:
        return _custom_question(params)
    return None


def _custom_question(params: dict) -> Conditions | None:
    """An answer that meets the criterion exists; otherwise (a wrong answer, or none) it fails."""
    if params.get("several"):
        return None  # the answer is a JSON list, which SQLite cannot search
    if "answer" in params:
        accepted: list = [params["answer"]]
    elif "choices" in params:
        accepted = list(params["choices"])
    else:  # a scale: its whole numbers within the bounds (a scale runs from 0 to 10 at most)
        low, high = params.get("min"), params.get("max")
        accepted = list(range(0 if low is None else low, (100 if high is None else high) + 1))
    answers = Answer.objects.filter(application=OuterRef("pk"), question_id=params["question"])
    if len(accepted) == 1:
        met = Exists(answers.filter(value=accepted[0]))
    else:
        met = Exists(answers.filter(value__in=accepted))
    return Conditions(failed=~Q(met), unknown=NOTHING)


def count_passing(
    applications: QuerySet[Application], role: str, criteria: Iterable[CriterionLike], *, today: date
) -> PassCount:
    """How many of ``applications`` (one role's) the profile ``criteria`` lets through: one query when
    every must-criterion translates into SQL, one more for the others' JSON column."""
    musts = [c for c in criteria if c.importance == Importance.MUST]
    translated = [conditions(c, role, today) for c in musts]
    in_python = [c for c, t in zip(musts, translated, strict=True) if t is None]
    sql = [t for t in translated if t is not None]
    failed = _any_of(t.failed for t in sql)
    unknown = _any_of(t.unknown for t in sql)
    if not in_python:
        figures = applications.aggregate(
            total=Count("id"),
            passing=Count("id", filter=~failed & ~unknown),
            needs_check=Count("id", filter=~failed & unknown),
        )
        return PassCount(**figures)
    total = applications.count()
    passing = needs_check = 0
    rest = applications.exclude(failed).annotate(
        sql_unknown=ExpressionWrapper(unknown, output_field=BooleanField())
    )
    questions = [c.params["question"] for c in in_python if c.kind == CriterionKind.CUSTOM_QUESTION]
    answers: dict[int, dict[int, object]] = {}
    if questions:
        for application_id, question_id, value in Answer.objects.filter(
            application__in=rest.values("pk"), question_id__in=questions
        ).values_list("application_id", "question_id", "value"):
            answers.setdefault(application_id, {})[question_id] = value
    rows = rest.values_list("pk", "other_languages", "sql_unknown")
    for pk, other_languages, sql_unknown in rows.iterator():
        facts = Application(role=role, other_languages=other_languages).facts()
        result = evaluate(
            in_python,
            ApplicantFacts(role=role, languages=facts.languages, answers=answers.get(pk, {})),
            today=today,
        )
        if result.failed_musts:
            continue
        if sql_unknown or not result.passes:
            needs_check += 1
        else:
            passing += 1
    return PassCount(passing=passing, total=total, needs_check=needs_check)

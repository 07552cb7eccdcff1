"""The cohorts of a program line side by side (`programs/lines.py`), from plain rows: testable alone.

Decisions:

- A cohort's funnel is counted as the dashboard's (`figures.funnel`): people, by role.
- Pair meetings per pair: logged meetings over the pairs that got a mentorship (both said yes).
- Common-meeting attendance: invitees checked in over invitees (walk-ins left out), at the common meetings
  held so far (begun, not cancelled).
- Survey response rate: sent answers over invitations, every follow-up round of the cohort together.
- At most `MAX_COHORTS` columns: the current cohort and those nearest it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tandem.reports.figures import Funnel, PairRow, funnel, percent

MAX_COHORTS = 6


@dataclass(frozen=True)
class Cohort:
    program_id: int
    name: str
    start_date: date | None
    current: bool


@dataclass(frozen=True)
class CohortFigures:
    cohort: Cohort
    funnel: Funnel
    mentorships: int
    meetings: int
    gathering_invited: int
    gathering_attended: int
    survey_invited: int
    survey_answered: int

    @property
    def meetings_per_pair(self) -> Decimal | None:
        if not self.mentorships:
            return None
        return (Decimal(self.meetings) / self.mentorships).quantize(Decimal("0.1"))

    @property
    def attendance_rate(self) -> int | None:
        return percent(self.gathering_attended, self.gathering_invited)

    @property
    def response_rate(self) -> int | None:
        return percent(self.survey_answered, self.survey_invited)


def window(ids: list[int], current: int, size: int = MAX_COHORTS) -> list[int]:
    """At most `size` of the ordered `ids` around `current`: half before it, half after, the other side
    filling in when one side has too few."""
    if len(ids) <= size:
        return list(ids)
    at = ids.index(current)
    start = max(0, min(at - size // 2, len(ids) - size))
    return ids[start : start + size]


def cohort_figures(
    cohorts: list[Cohort],
    applications: Iterable[tuple[int, str, str, int]],
    pairs: Iterable[tuple[int, PairRow]],
    meetings: dict[int, int],
    attendance: dict[int, tuple[int, int]],
    surveys: dict[int, tuple[int, int]],
) -> list[CohortFigures]:
    """`applications`: (program id, role, status, n); `pairs`: (program id, pair row); `meetings`: logged
    pair meetings per program id; `attendance`: (invited, attended) per program id; `surveys`: (invited,
    answered) per program id. One `CohortFigures` per cohort, in the order given."""
    counts: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for program_id, role, status, n in applications:
        counts[program_id].append((role, status, n))
    rows: dict[int, list[PairRow]] = defaultdict(list)
    for program_id, row in pairs:
        rows[program_id].append(row)
    result = []
    for cohort in cohorts:
        pk = cohort.program_id
        invited, attended = attendance.get(pk, (0, 0))
        asked, answered = surveys.get(pk, (0, 0))
        result.append(
            CohortFigures(
                cohort,
                funnel(counts[pk], rows[pk]),
                sum(1 for row in rows[pk] if row.mentorship_status is not None),
                meetings.get(pk, 0),
                invited,
                attended,
                asked,
                answered,
            )
        )
    return result

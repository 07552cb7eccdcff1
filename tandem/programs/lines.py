"""Program lines: the cohorts of one program, year after year.

A line is the programs linked by `Program.copied_from` (a program copied from last year's, which was copied
from the year before's…) within one organisation, linked either way. Cohorts are ordered by their start
(the creation day for a program without a start date), then by id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from tandem.programs.models import Program


def line_of(program: Program, programs: Iterable[tuple[int, int | None]]) -> set[int]:
    """The ids of the programs linked to `program` by copying, either way, from (id, copied_from id) rows."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for pk, source in programs:
        if source is not None:
            neighbours[pk].add(source)
            neighbours[source].add(pk)
    seen = {program.pk}
    todo = [program.pk]
    while todo:
        for other in neighbours[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    return seen


def started(program: Program) -> tuple[date, int]:
    """The key cohorts are ordered by."""
    return (program.start_date or program.created_at.date(), program.pk)


def cohorts(program: Program) -> list[Program]:
    """Every program of `program`'s line, itself included, the earliest first (one query). Only the fields
    a comparison needs are loaded: id, copied_from, name, start_date, created_at."""
    everyone = list(
        Program.objects.filter(organisation_id=program.organisation_id).only(
            "id", "copied_from_id", "name", "start_date", "created_at"
        )
    )
    line = line_of(program, [(p.pk, p.copied_from_id) for p in everyone])
    return sorted((p for p in everyone if p.pk in line), key=started)

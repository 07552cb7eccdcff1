"""What the copy for the next cohort carries beyond the set-up: apps above programs add their part here.

`services.copy_program` copies the program's own set-up, then hands the source and the new draft to every
copier, in the same transaction: applications copies the forms (questions, translations, consent),
requirements the requirement profiles, screening the decision e-mail texts, pairs the matching settings.
programs cannot import those apps; each registers its copier from its `AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tandem.programs.models import Program

Copier = Callable[..., None]  # copier(source: Program, copy: Program, *, by: User, now: datetime)
_copiers: list[Copier] = []


def add_copier(copier: Copier) -> None:
    if copier not in _copiers:
        _copiers.append(copier)


def copy_parts(source: Program, copy: Program, *, by, now: datetime) -> None:
    for copier in _copiers:
        copier(source, copy, by=by, now=now)

"""What closing a program does to what lives on after it: apps above programs add a step here.

A step shows its part on the confirmation page ("close the program?") and acts, inside the transaction
that closes the program, on what the coordinator chose there. mentoring adds the pairs still active: they
end with the program (with a goodbye e-mail), except the pairs the coordinator ticks to keep going.
programs cannot import those apps; each registers its step from its `AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tandem.accounts.models import User
    from tandem.programs.models import Program


@dataclass(frozen=True)
class ClosingStep:
    name: str  # the POST field that carries the coordinator's choices (ticked values)
    template: str  # its part of the confirmation page, given `step` (the context below)
    context: Callable[[Program], dict[str, Any]]
    apply: Callable[..., None]  # apply(program, chosen: list[str], *, by: User, now: datetime)


_steps: list[ClosingStep] = []


def add_step(step: ClosingStep) -> None:
    if all(existing.name != step.name for existing in _steps):
        _steps.append(step)


def steps() -> list[ClosingStep]:
    return list(_steps)


def apply_steps(program: Program, choices: dict[str, list[str]], *, by: User, now: datetime) -> None:
    """Run every step for a program being closed (called inside the closing transaction)."""
    for step in _steps:
        step.apply(program, choices.get(step.name, []), by=by, now=now)

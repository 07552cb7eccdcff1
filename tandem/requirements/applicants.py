"""The applicants a requirement profile is checked against, handed to this app by the app that stores them.

The program's flow is programs → requirements → applications → screening: the applications app checks
each new application against the profile (`evaluation.evaluate`), so this app never imports it. The
editor still shows how many current applicants would pass, and has the role's applications checked again
after a change; for both it asks the `ApplicantPool` that the applications app hands it when Django starts
(`ApplicationsConfig.ready()`), as this app hands programs its readiness check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ImproperlyConfigured

from tandem.requirements.evaluation import ApplicantFacts, CriterionLike

if TYPE_CHECKING:
    from tandem.accounts.models import User
    from tandem.programs.models import Program


@dataclass(frozen=True)
class PassCount:
    """How many of the role's current applicants a profile lets through: "N of M would pass"."""

    passing: int
    total: int
    needs_check: int


@dataclass(frozen=True)
class Reevaluation:
    """What happened to the role's applications after a profile change."""

    count: int
    queued: bool
    job_id: int | None = None  # the worker's job and its progress page, when queued


# The kinds of custom question a criterion can be about (the applications app's Question.CustomType).
YES_NO, SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE = "yes_no", "single_choice", "multiple_choice", "scale"
CRITERION_QUESTION_TYPES = (YES_NO, SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE)


@dataclass(frozen=True)
class FormQuestion:
    """A custom question of a role's form that a criterion can be about (free-text ones cannot)."""

    pk: int
    type: str  # one of CRITERION_QUESTION_TYPES
    labels: dict[str, str]  # its wording by language code; Swedish is always there
    choices: list[str]  # the options' Swedish labels, which answers store; empty unless a choice
    choice_labels: dict[str, list[str]]  # the options by language, in the order of the Swedish ones
    scale_min: int = 1
    scale_max: int = 5

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels.get("sv", "")

    def option_labels(self, language: str) -> list[tuple[str, str]]:
        """(stored value, shown label) for each option, shown in `language` where translated."""
        shown = self.choice_labels.get(language) or []
        return [
            (value, shown[i] if i < len(shown) and shown[i] else value)
            for i, value in enumerate(self.choices)
        ]


class ApplicantPool(Protocol):
    def questions(self, program: Program, role: str) -> list[FormQuestion]:
        """The custom questions of the role's form (not removed) that a criterion can be about."""
        ...

    def current_facts(self, program: Program, role: str) -> Iterable[ApplicantFacts]:
        """The facts of the role's current applicants (every one but the withdrawn), in one query."""
        ...

    def count_passing(
        self, program: Program, role: str, criteria: Iterable[CriterionLike], *, today: date
    ) -> PassCount:
        """How many of the role's current applicants `criteria` let through (one or two queries)."""
        ...

    def check_again(self, program: Program, role: str, *, by: User | None, now: datetime) -> Reevaluation:
        """Store a fresh evaluation on every application of the role: at once, or by the worker."""
        ...


_pool: ApplicantPool | None = None


def provide(pool: ApplicantPool) -> None:
    """Called once, by the app that stores the applications, from its `AppConfig.ready()`."""
    global _pool
    _pool = pool


def applicant_pool() -> ApplicantPool:
    if _pool is None:
        raise ImproperlyConfigured("No app provides the applicants (tandem.applications must be installed).")
    return _pool

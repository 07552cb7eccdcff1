"""What is still missing before recruitment can open: a list of small checks.

Each check looks at one thing and returns an `OpenItem` or None. A later feature (the requirement
profile, say) adds its own check with `@readiness_check`. Checks read `program.<relation>.all()`, so
prefetch the relations (see `services.program_with_setup`) to keep the overview at a fixed number of
queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tandem.programs.finance import program_finances
from tandem.programs.models import Program, ProgramRole


@dataclass(frozen=True)
class OpenItem:
    """Something missing: `blocking` keeps recruitment closed; a warning to `acknowledge` lets it open
    once the coordinator confirms they know (e.g. funding still being applied for)."""

    code: str
    message: Promise | str
    blocking: bool
    link: str
    acknowledge: bool = False


Check = Callable[[Program], OpenItem | None]
CHECKS: list[Check] = []


def readiness_check(check: Check) -> Check:
    CHECKS.append(check)
    return check


def step_link(program: Program, step: str) -> str:
    return reverse("programs:setup", kwargs={"pk": program.pk, "step": step})


def _item(
    program: Program, code: str, message: Promise, step: str, *, blocking: bool = True, acknowledge=False
) -> OpenItem:
    return OpenItem(code, message, blocking, step_link(program, step), acknowledge)


@readiness_check
def purpose_written(program: Program) -> OpenItem | None:
    if program.purpose.strip():
        return None
    return _item(program, "no_purpose", _("Describe the purpose of the program."), "purpose")


@readiness_check
def has_goals(program: Program) -> OpenItem | None:
    if program.goals.all():
        return None
    return _item(program, "no_goals", _("Add at least one goal."), "purpose")


@readiness_check
def goals_measurable(program: Program) -> OpenItem | None:
    vague = [goal for goal in program.goals.all() if not goal.indicator.strip() or goal.target_value is None]
    if not vague:
        return None
    return _item(program, "goal_not_measurable", _("Give every goal an indicator and a target."), "purpose")


@readiness_check
def length_and_start(program: Program) -> OpenItem | None:
    if program.length_months and program.start_date:
        return None
    return _item(program, "no_dates", _("Set the length and the start date."), "ambition")


@readiness_check
def has_meeting_rules(program: Program) -> OpenItem | None:
    if program.meeting_rules.all():
        return None
    return _item(program, "no_meeting_rules", _("Plan how often the pairs meet."), "ambition")


@readiness_check
def has_targets(program: Program) -> OpenItem | None:
    if program.target_mentees and program.target_mentors:
        return None
    return _item(program, "no_targets", _("Set how many mentees and mentors the program is for."), "ambition")


@readiness_check
def has_coordinator(program: Program) -> OpenItem | None:
    if any(role.role == ProgramRole.Role.COORDINATOR for role in program.roles.all()):
        return None
    return _item(program, "no_coordinator", _("Add a coordinator to the working group."), "organisation")


@readiness_check
def budget_covered(program: Program) -> OpenItem | None:
    """A warning, never a block: programs open recruitment while their grant applications are pending."""
    if program_finances(program).is_covered:
        return None
    return _item(
        program,
        "budget_not_covered",
        _(
            "Granted funding does not cover the budget yet. Recruitment can still open while funding you "
            "applied for is pending: you confirm it when you open."
        ),
        "financing",
        blocking=False,
        acknowledge=True,
    )


@readiness_check
def own_cofinancing(program: Program) -> OpenItem | None:
    if program_finances(program).has_own_cofinancing:
        return None
    return _item(
        program,
        "no_own_cofinancing",
        _("No own co-financing is planned. We recommend always having some."),
        "financing",
        blocking=False,
    )


def open_items(program: Program) -> list[OpenItem]:
    return [item for check in CHECKS if (item := check(program)) is not None]


def blocking_items(program: Program) -> list[OpenItem]:
    return [item for item in open_items(program) if item.blocking]


def items_to_acknowledge(program: Program) -> list[OpenItem]:
    """Warnings the coordinator confirms knowing about when they open recruitment."""
    return [item for item in open_items(program) if item.acknowledge and not item.blocking]

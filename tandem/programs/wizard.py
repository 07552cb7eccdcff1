"""The steps of the set-up wizard, their order, and which of them the saved data already completes."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tandem.programs.models import Program, ProgramRole


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    # The host organisation's own part of the set-up: partner coordinators change it only when the host
    # allows it (`policy.ProgramAccess.can_edit_setup`).
    hosts_own: bool = False


STEPS: tuple[Step, ...] = (
    Step("purpose", _("Purpose and goals"), hosts_own=True),
    Step("target-groups", _("Target groups")),
    Step("ambition", _("Length and meetings")),
    Step("organisation", _("Working group")),
    Step("financing", _("Financing"), hosts_own=True),
)
SLUGS = tuple(step.slug for step in STEPS)


def step_by_slug(slug: str) -> Step | None:
    return next((step for step in STEPS if step.slug == slug), None)


def neighbours(slug: str) -> tuple[str | None, str | None]:
    index = SLUGS.index(slug)
    previous = SLUGS[index - 1] if index > 0 else None
    following = SLUGS[index + 1] if index + 1 < len(SLUGS) else None
    return previous, following


def completed_steps(program: Program) -> set[str]:
    """Which steps the saved data fills in enough to call done (never stored: always computed)."""
    done = set()
    if program.purpose.strip() and program.goals.exists():
        done.add("purpose")
    if program.mentee_target_group.strip() and program.mentor_target_group.strip():
        done.add("target-groups")
    if (
        program.length_months
        and program.start_date
        and program.target_mentees
        and program.target_mentors
        and program.meeting_rules.exists()
    ):
        done.add("ambition")
    if program.roles.filter(role=ProgramRole.Role.COORDINATOR).exists():
        done.add("organisation")
    if program.budget_lines.exists() and program.funding_sources.exists():
        done.add("financing")
    return done

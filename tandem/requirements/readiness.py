"""The program overview's checklist item for the requirement profile (see `tandem.programs.readiness`).

Registered in `RequirementsConfig.ready()`, so that importing this module has no side effects.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tandem.programs.models import Program
from tandem.programs.readiness import OpenItem
from tandem.reference.choices import Importance, Role
from tandem.requirements.models import Criterion


def requirement_profile_check(program: Program) -> OpenItem | None:
    """A blocker: the guide asks for the criteria before recruitment opens, and without a must-criterion
    for a role nobody of that role can be screened out.

    One query: the roles that have at least one must-criterion.
    """
    covered = set(
        Criterion.objects.filter(profile__program=program, importance=Importance.MUST)
        .values_list("profile__role", flat=True)
        .distinct()
    )
    missing = [role for role in (Role.MENTEE, Role.MENTOR) if role not in covered]
    if not missing:
        return None
    if len(missing) == 2:
        message = _("Write the requirement profiles: who can become a mentee and who can become a mentor.")
    elif missing[0] == Role.MENTEE:
        message = _("Write the requirement profile for mentees: who can become a mentee.")
    else:
        message = _("Write the requirement profile for mentors: who can become a mentor.")
    return OpenItem(
        code="no_requirement_profile",
        message=message,
        blocking=True,
        link=reverse("requirements:profile", kwargs={"pk": program.pk, "role": missing[0]}),
    )

"""The worker's part of the requirement profile: checking many applications again after a change."""

from __future__ import annotations

from django.utils import timezone
from huey.contrib.djhuey import db_task

from tandem.programs.models import Program


@db_task()
def reevaluate_role_task(program_id: int, role: str) -> None:
    """Queued by `services.reevaluate_after_change` when a role has many applications."""
    from tandem.requirements.services import reevaluate_role

    program = Program.objects.filter(pk=program_id).first()
    if program is not None:  # The program may have been deleted while the task waited.
        reevaluate_role(program, role, now=timezone.now())

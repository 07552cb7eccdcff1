"""The applications app's jobs: the nightly clean-up, and checking many applications again after the
requirement profile changed."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tandem.applications.uploads import purge_abandoned_cvs
from tandem.programs.models import Program


@db_periodic_task(crontab(hour="4", minute="7"))
def purge_abandoned_cv_uploads() -> None:
    """Nightly: CVs uploaded into applications that were never sent are personal data we may not keep."""
    purge_abandoned_cvs(now=timezone.now())


@db_task()
def reevaluate_role_task(program_id: int, role: str) -> None:
    """Queued by `rechecks.reevaluate_after_change` when a role has many applications."""
    from tandem.applications.rechecks import reevaluate_role

    program = Program.objects.filter(pk=program_id).first()
    if program is not None:  # The program may have been deleted while the task waited.
        reevaluate_role(program, role, now=timezone.now())

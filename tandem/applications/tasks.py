"""The applications app's jobs: the nightly clean-up."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tandem.applications.uploads import purge_abandoned_cvs


@db_periodic_task(crontab(minute="*/15"))
def purge_abandoned_cv_uploads() -> None:
    """Every 15 minutes: CVs uploaded into applications never sent are personal data we may not keep,
    and they count against the quota for unsent uploads."""
    purge_abandoned_cvs(now=timezone.now())

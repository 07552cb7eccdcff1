"""The applications app's jobs: the nightly clean-up."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tandem.applications.uploads import purge_abandoned_cvs


@db_periodic_task(crontab(hour="4", minute="7"))
def purge_abandoned_cv_uploads() -> None:
    """Nightly: CVs uploaded into applications that were never sent are personal data we may not keep."""
    purge_abandoned_cvs(now=timezone.now())

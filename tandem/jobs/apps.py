from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Bulk work that runs in the worker with a progress page: publishing, bulk decisions, re-evaluation."""

    name = "tandem.jobs"
    verbose_name = _("Jobs")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tandem.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from tandem.reports import export_jobs  # noqa: F401  registers the job kind "reports.export"

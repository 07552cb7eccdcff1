from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    """Program health: where a running program's working group should act, week by week."""

    name = "tandem.health"
    verbose_name = _("Program health")

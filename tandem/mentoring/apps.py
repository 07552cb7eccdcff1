from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """A pair's life from its start to its end: the participants' space and the coordinators' view of it."""

    name = "tandem.mentoring"
    verbose_name = _("Mentoring")

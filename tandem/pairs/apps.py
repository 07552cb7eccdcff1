from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairsConfig(AppConfig):
    """Mentorship pairs and the coordinator's matching workflow (the engine itself is tandem.matching)."""

    name = "tandem.pairs"
    verbose_name = _("Pairs and matching")

    def ready(self) -> None:
        from tandem.pairs import jobs  # noqa: F401  registers the job kind "pairs.publish"
        from tandem.pairs.copying import copy_matching_settings
        from tandem.programs.copying import add_copier

        add_copier(copy_matching_settings)  # the copy for the next cohort carries the matching settings

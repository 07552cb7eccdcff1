from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "tandem.followup"
    verbose_name = _("Follow-up and evaluation")

    def ready(self) -> None:
        # Programs sit below this app: when a program starts, it hands the program to us to plan rounds.
        from tandem.followup.planning import plan_on_start
        from tandem.followup.services import space_section
        from tandem.mentoring import sections
        from tandem.programs import services as program_services

        program_services.on_program_started(plan_on_start)
        # The participant's "My pair" page lists the surveys waiting for them.
        sections.provide(space_section)
